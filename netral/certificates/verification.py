"""Checking a certificate: online by number (with the QR's signature), by uploaded PDF, and offline by key alone."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy.orm import Session

from db import queries
from netral.certificates.issuing import payload_facts
from netral.certificates.numbering import is_well_formed, normalise_number
from netral.certificates.pdf import FILE_SIGNATURE, FILE_SIGNATURE_PLACEHOLDER, MARKERS
from netral.certificates.signing import key_id_of, unb64, verify
from netral.core.dates import format_date, format_datetime
from netral.core.enums import CertificateStatus
from netral.core.nip import mask_nip

STATUS_TEXT = {
    CertificateStatus.VALID: "SAH — sertifikat ini diterbitkan dan masih berlaku.",
    CertificateStatus.EXPIRED: "KEDALUWARSA — sertifikat ini asli, tetapi masa berlakunya telah lewat.",
    CertificateStatus.REVOKED: "DICABUT — sertifikat ini tidak berlaku lagi.",
    CertificateStatus.SUPERSEDED: "DIGANTIKAN — sertifikat ini telah diganti dengan sertifikat yang lebih baru.",
}
_PATTERNS = {name: re.compile(re.escape(marker.encode()) + rb"([A-Za-z0-9_-]+)") for name, marker in MARKERS.items()}


@dataclass(frozen=True)
class PublicRecord:
    """What anyone may see about a certificate: status and the facts, with the NIP masked."""

    number: str
    status: CertificateStatus
    status_text: str
    reason: str | None
    replaced_by: str | None
    name: str
    masked_nip: str
    completed: str
    issued: str
    valid_until: str | None
    issuer: str
    link_matches: bool | None


@dataclass(frozen=True)
class Lookup:
    """The answer to a lookup: a record, or why there is none."""

    record: PublicRecord | None = None
    problem: str | None = None


@dataclass(frozen=True)
class OfflineCheck:
    """The verdict on a PDF checked with the public key alone."""

    genuine: bool
    reason: str
    facts: dict[str, Any] | None = None


def look_up(session: Session, *, number: str, now: datetime, zone: ZoneInfo, link_signature: str | None = None) -> Lookup:
    """Find a certificate by its number for the public verification page."""
    number = normalise_number(number)
    if not is_well_formed(number):
        return Lookup(
            problem="Nomor sertifikat tidak valid; periksa lagi pengetikannya (huruf terakhir adalah karakter pemeriksa)."
        )
    certificate = queries.certificate_by_number(session, number)
    if certificate is None:
        return Lookup(problem=f"Sertifikat {number} tidak ditemukan. Sertifikat dengan nomor ini tidak pernah diterbitkan.")
    facts = payload_facts(certificate)
    status = certificate.status_at(now)
    replaced_by = None
    if certificate.superseded_by_id is not None:
        newer = session.get(type(certificate), certificate.superseded_by_id)
        replaced_by = newer.number if newer else None
    link_matches = None
    if link_signature is not None and certificate.payload_signature is not None:
        link_matches = link_signature == certificate.payload_signature
    reason = certificate.revoked_reason if status is CertificateStatus.REVOKED else None
    if status is CertificateStatus.REVOKED and certificate.revoked_at is not None:
        reason = f"{reason} (dicabut {format_datetime(certificate.revoked_at, zone)})"
    return Lookup(
        record=PublicRecord(
            number=certificate.number,
            status=status,
            status_text=STATUS_TEXT[status],
            reason=reason,
            replaced_by=replaced_by,
            name=str(facts["name"]),
            masked_nip=mask_nip(str(facts["nip"])),
            completed=str(facts["completed"]),
            issued=format_date(certificate.issued_at, zone),
            valid_until=format_date(date.fromisoformat(facts["valid_until"])) if facts.get("valid_until") else None,
            issuer=str(facts.get("issuer", "")),
            link_matches=link_matches,
        )
    )


def compare_upload(session: Session, *, data: bytes, now: datetime, zone: ZoneInfo) -> tuple[bool, str]:
    """Tell whether an uploaded PDF is byte for byte a certificate as issued."""
    certificate = queries.certificate_by_sha256(session, hashlib.sha256(data).hexdigest())
    if certificate is not None:
        status = certificate.status_at(now)
        return (
            True,
            f"Berkas ini sama persis dengan sertifikat {certificate.number} yang diterbitkan. Status: {STATUS_TEXT[status]}",
        )
    number = _claimed_number(data)
    if number:
        return (
            False,
            f"Berkas ini BUKAN salinan asli sertifikat {number}: isinya berbeda dari yang diterbitkan (mungkin telah diubah).",
        )
    return False, "Berkas ini bukan sertifikat yang diterbitkan Netral."


def check_pdf_offline(data: bytes, public_key: Ed25519PublicKey) -> OfflineCheck:
    """Check a certificate PDF with the agency's public key only: the whole file, then the signed facts."""
    found = {name: pattern.search(data) for name, pattern in _PATTERNS.items()}
    file_signature = FILE_SIGNATURE.search(data)
    if file_signature is None or found["payload"] is None or found["payload_signature"] is None:
        return OfflineCheck(False, "bukan sertifikat Netral: data tanda tangan tidak ditemukan di berkas")
    unsigned = data[: file_signature.start(1)] + FILE_SIGNATURE_PLACEHOLDER.encode() + data[file_signature.end(1) :]
    if not verify(public_key, unsigned, file_signature[1].decode()):
        return OfflineCheck(False, "berkas PDF telah diubah setelah diterbitkan (tanda tangan berkas tidak cocok)")
    try:
        payload = unb64(found["payload"][1].decode())
        facts = json.loads(payload)
    except (ValueError, UnicodeDecodeError):
        return OfflineCheck(False, "data sertifikat di dalam berkas rusak")
    if not verify(public_key, payload, found["payload_signature"][1].decode()):
        return OfflineCheck(False, "data sertifikat tidak cocok dengan tanda tangannya")
    if facts.get("key") != key_id_of(public_key):
        return OfflineCheck(False, f"sertifikat ditandatangani dengan kunci lain (id {facts.get('key')})")
    return OfflineCheck(True, "asli dan utuh: berkas dan datanya ditandatangani kunci instansi", facts)


def _claimed_number(data: bytes) -> str | None:
    match = _PATTERNS["payload"].search(data)
    if match is None:
        return None
    try:
        return str(json.loads(unb64(match[1].decode()))["number"])
    except (ValueError, KeyError, UnicodeDecodeError, TypeError):
        return None
