"""Checking a certificate file: an uploaded PDF online, and a PDF offline with the agency's keys alone.

A certificate issued since PAdES is checked as any PDF reader checks it (pyHanko's validator: intact,
covering the whole file, chained to one of the agency's roots) and its embedded facts with the
Ed25519 key. One issued before keeps its stored bytes and its Ed25519 signature over the whole file.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy.orm import Session

from db import queries
from netral.certificates.lookup import PublicRecord, public_record
from netral.certificates.pades_check import SignatureCheck, check_signature
from netral.certificates.pdf import FILE_SIGNATURE, FILE_SIGNATURE_PLACEHOLDER, MARKERS
from netral.certificates.signing import key_id_of, unb64, verify

_PATTERNS = {name: re.compile(re.escape(marker.encode()) + rb"([A-Za-z0-9_-]+)") for name, marker in MARKERS.items()}


@dataclass(frozen=True)
class UploadCheck:
    """The verdict on an uploaded PDF, with the record when it is a certificate as issued."""

    same: bool
    message: str
    record: PublicRecord | None = None
    signature: SignatureCheck | None = None


@dataclass(frozen=True)
class OfflineCheck:
    """The verdict on a PDF checked with the agency's keys alone."""

    genuine: bool
    reason: str
    facts: dict[str, Any] | None = None
    signature: SignatureCheck | None = None


def compare_upload(
    session: Session,
    *,
    data: bytes,
    anchors: tuple[x509.Certificate, ...],
    now: datetime,
    zone: ZoneInfo,
    tsa_anchors: tuple[x509.Certificate, ...] = (),
) -> UploadCheck:
    """Tell whether an uploaded PDF is byte for byte a certificate as issued, and what its PDF signature says."""
    signature = check_signature(data, anchors, tsa_anchors) if FILE_SIGNATURE.search(data) is None else None
    certificate = queries.certificate_by_sha256(session, hashlib.sha256(data).hexdigest())
    if certificate is not None:
        record = public_record(session, certificate, now=now, zone=zone, with_holder=True)
        message = f"Berkas ini sama persis dengan sertifikat {certificate.number} yang diterbitkan."
        return UploadCheck(True, message, record, signature)
    number = _claimed_number(data)
    if number is None:
        return UploadCheck(False, "Berkas ini bukan sertifikat yang diterbitkan Netral.", signature=signature)
    why = f" ({signature.reason})" if signature is not None and not signature.genuine else ""
    return UploadCheck(
        False,
        f"Berkas ini BUKAN salinan asli sertifikat {number}: isinya berbeda dari yang diterbitkan{why}.",
        signature=signature,
    )


def check_pdf_offline(
    data: bytes,
    public_key: Ed25519PublicKey,
    anchors: tuple[x509.Certificate, ...] = (),
    tsa_anchors: tuple[x509.Certificate, ...] = (),
) -> OfflineCheck:
    """Check a certificate PDF without the database: its PDF signature (older ones: the file signature), then its facts."""
    found = {name: pattern.search(data) for name, pattern in _PATTERNS.items()}
    if found["payload"] is None or found["payload_signature"] is None:
        return OfflineCheck(False, "bukan sertifikat Netral: data tanda tangan tidak ditemukan di berkas")
    file_signature = FILE_SIGNATURE.search(data)
    signature = None
    if file_signature is not None:
        unsigned = data[: file_signature.start(1)] + FILE_SIGNATURE_PLACEHOLDER.encode() + data[file_signature.end(1) :]
        if not verify(public_key, unsigned, file_signature[1].decode()):
            return OfflineCheck(False, "berkas PDF telah diubah setelah diterbitkan (tanda tangan berkas tidak cocok)")
    else:
        signature = check_signature(data, anchors, tsa_anchors)
        if not signature.genuine:
            return OfflineCheck(False, f"berkas PDF telah diubah atau tidak utuh: {signature.reason}", signature=signature)
        if not signature.trusted:
            return OfflineCheck(False, f"tanda tangan PDF bukan dari instansi: {signature.reason}", signature=signature)
    try:
        payload = unb64(found["payload"][1].decode())
        facts = json.loads(payload)
    except (ValueError, UnicodeDecodeError):
        return OfflineCheck(False, "data sertifikat di dalam berkas rusak", signature=signature)
    if not verify(public_key, payload, found["payload_signature"][1].decode()):
        return OfflineCheck(False, "data sertifikat tidak cocok dengan tanda tangannya", signature=signature)
    if facts.get("key") != key_id_of(public_key):
        return OfflineCheck(False, f"sertifikat ditandatangani dengan kunci lain (id {facts.get('key')})", signature=signature)
    how = "tanda tangan PDF (PAdES) sah" if signature is not None else "berkas ditandatangani kunci instansi"
    return OfflineCheck(True, f"asli dan utuh: {how}, data sertifikat cocok", facts, signature)


def _claimed_number(data: bytes) -> str | None:
    match = _PATTERNS["payload"].search(data)
    if match is None:
        return None
    try:
        return str(json.loads(unb64(match[1].decode()))["number"])
    except (ValueError, KeyError, UnicodeDecodeError, TypeError):
        return None
