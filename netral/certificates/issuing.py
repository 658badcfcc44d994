"""Issuing a certificate: numbered and signed inside the learner's transaction, rendered to PDF after it commits.

The row (number, signed facts and everything the PDF prints) is written with the submission that
completed the path, so exactly one certificate exists the moment the learner's answer is stored.
The PDF is rendered afterwards, outside that write transaction (fonts, QR and the PAdES signature
take milliseconds that every other writer would otherwise wait for), then stored once. If the process
dies in between, the row stays pending: a download renders it from the stored inputs and stores it
(first writer wins, so every later download and the sweep give those bytes), and every process's
sweep stores the others (`render_outstanding`). A stored PDF is never rendered again.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import logging
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from db import queries, reading, transaction
from db.engine import after_commit
from db.models import Certificate, Employee
from netral.certificates.codes import new_code
from netral.certificates.numbering import format_number
from netral.certificates.pdf import CertificateDocument, render_certificate
from netral.certificates.settings import certificate_settings
from netral.certificates.signer import AgencySigner, load_or_create_signer, signer_folder
from netral.certificates.signing import SigningKey, canonical, load_or_create_key
from netral.core.dates import format_date, format_score
from netral.core.errors import NotFound
from netral.core.settings import Settings

PAYLOAD_VERSION = 2
LOGGER = logging.getLogger("netral.certificates")


@functools.cache
def signing_key(path: Path) -> SigningKey:
    """The agency's signing key, read (or created) once per process."""
    return load_or_create_key(path)


def agency_signer(key_path: Path, agency: str) -> AgencySigner:
    """The PDF signer beside the Ed25519 key (created on first use), re-read when `signer install` replaced it."""
    folder = signer_folder(key_path)
    chain = folder / "chain.pem"
    if not chain.exists():
        load_or_create_signer(folder, agency=agency)
    return _signer_as_of(folder, chain.stat().st_mtime_ns, agency)


@functools.lru_cache(maxsize=4)
def _signer_as_of(folder: Path, _modified: int, agency: str) -> AgencySigner:
    return load_or_create_signer(folder, agency=agency)


def issue_completion(
    session: Session,
    *,
    employee_id: int,
    quiz_id: int | None,
    completed: str,
    score: float,
    jp: int,
    now: datetime,
    settings: Settings,
    actor_account_id: int | None = None,
    reissue_reason: str | None = None,
    cycle: tuple[int, str, date | None] | None = None,
) -> Certificate:
    """Issue a certificate: number it and sign its facts now; its PDF is rendered once this transaction commits.

    `cycle` is the cycle it is earned in (id, name, and the end of validity it sets, if any): the certificate
    names that cycle instead of the agency's cycle text, and is valid until that day when one is set.
    """
    employee = session.get(Employee, employee_id)
    if employee is None:
        raise NotFound("Pegawai tidak ditemukan.")
    choices = certificate_settings(session, default_issuer=settings.agency_name)
    local_issue = now.astimezone(settings.zone)
    valid_until = (cycle[2] if cycle and cycle[2] else None) or choices.valid_until_for(now, settings.zone)
    cycle_text = cycle[1] if cycle else choices.cycle
    number = format_number(local_issue.year, queries.next_counter_value(session, f"certificate-{local_issue.year}"))
    key = signing_key(settings.signing_key_path)
    facts: dict[str, Any] = {
        "v": PAYLOAD_VERSION,
        "number": number,
        "name": employee.name,
        "nip": employee.nip,
        "position": employee.jabatan or "",
        "rank": employee.pangkat or "",
        "unit": employee.unit.name if employee.unit else "",
        "completed": completed,
        "score": score,
        "jp": jp,
        "issued": local_issue.date().isoformat(),
        "valid_until": valid_until.isoformat() if valid_until else None,
        "issuer": choices.issuer,
        "cycle": cycle_text,
        "key": key.key_id,
    }
    code = new_code()
    payload = canonical(facts)
    payload_signature = key.sign(payload)
    document = CertificateDocument(
        number=number,
        name=employee.name,
        nip=employee.nip,
        position=" · ".join(part for part in (facts["position"], facts["unit"]) if part),
        completed=completed,
        score_text=format_score(score),
        jp=jp,
        issued_at=now,
        issued_date_text=format_date(local_issue),
        valid_until_text=format_date(valid_until) if valid_until else None,
        place=choices.place,
        issuer=choices.issuer,
        signatory_name=choices.signatory_name,
        signatory_nip=choices.signatory_nip,
        signatory_title=choices.signatory_title,
        verify_url=verify_url(settings.base_url, number, code),
        payload=payload,
        payload_signature=payload_signature,
        logo=choices.logo,
        heading=choices.heading,
        rank=facts["rank"],
        cycle=cycle_text,
        code=code,
        visible_signature=choices.visible_signature,
        tsa_url=settings.tsa_url,
    )
    certificate = Certificate(
        number=number,
        employee_id=employee.id,
        quiz_id=quiz_id,
        attempt_id=None,
        issued_at=now,
        valid_until=_end_of_day(valid_until, settings) if valid_until else None,
        score=score,
        data=facts,
        pdf=None,
        sha256=None,
        render_input=_stored_input(document),
        payload=payload.decode("utf-8"),
        payload_signature=payload_signature,
        key_id=key.key_id,
        issued_by_account_id=actor_account_id,
        reissue_reason=reissue_reason,
        verification_code=code,
        cycle_id=cycle[0] if cycle else None,
    )
    session.add(certificate)
    session.flush()
    key_path = settings.signing_key_path
    after_commit(session, lambda engine: _render_after_commit(engine, number, key_path))
    return certificate


def render_pending(engine: Engine, *, number: str, key_path: Path) -> bytes | None:
    """Render a pending certificate outside any write lock and store it once; return the stored PDF (None if unknown).

    Two processes may render the same certificate at once (a download and the sweep): the first to
    store wins and both return its bytes, so a certificate has exactly one PDF.
    """
    with reading(engine) as session:
        certificate = queries.certificate_by_number(session, number)
        if certificate is None or certificate.pdf is not None or certificate.render_input is None:
            return certificate.pdf if certificate is not None else None
        inputs = dict(certificate.render_input)
    pdf = render_stored(inputs, key_path)
    with transaction(engine) as session:
        if queries.store_rendered_pdf(session, number, pdf, hashlib.sha256(pdf).hexdigest()):
            return pdf
        return queries.stored_pdf(session, number)


def _render_after_commit(engine: Engine, number: str, key_path: Path) -> None:
    try:
        render_pending(engine, number=number, key_path=key_path)
    except Exception:  # noqa: BLE001 - the learner's answer is already stored; the sweep renders it later
        LOGGER.exception("rendering certificate %s after issue failed; it stays pending", number)


def render_outstanding(engine: Engine, *, key_path: Path, limit: int = 200) -> int:
    """Store the PDFs of certificates left pending (a process died after issuing); return how many were stored."""
    with transaction(engine) as session:
        numbers = queries.pending_certificate_numbers(session, limit=limit)
    stored = 0
    for number in numbers:
        try:
            stored += render_pending(engine, number=number, key_path=key_path) is not None
        except Exception:  # noqa: BLE001 - one broken certificate must not stop the others; the next sweep retries
            LOGGER.exception("rendering certificate %s failed", number)
    return stored


def pdf_bytes(session: Session, certificate: Certificate, key_path: Path) -> bytes:
    """The certificate's PDF as stored; one still pending (after a crash) is rendered and stored now."""
    if certificate.pdf is not None:
        return certificate.pdf
    if certificate.render_input is None:
        raise NotFound(f"Berkas sertifikat {certificate.number} tidak tersedia.")
    engine = session.get_bind()
    pdf = render_pending(engine, number=certificate.number, key_path=key_path) if isinstance(engine, Engine) else None
    if pdf is None:
        raise NotFound(f"Berkas sertifikat {certificate.number} tidak tersedia.")
    return pdf


def render_stored(inputs: dict[str, Any], key_path: Path) -> bytes:
    """Render and sign a certificate from the inputs stored at issue."""
    fields = dict(inputs)
    fields["issued_at"] = datetime.fromisoformat(fields["issued_at"])
    fields["payload"] = fields["payload"].encode("utf-8")
    fields["logo"] = base64.b64decode(fields["logo"]) if fields.get("logo") else None
    document = CertificateDocument(**fields)
    return render_certificate(document, agency_signer(key_path, document.issuer))


def verify_url(base_url: str, number: str, code: str) -> str:
    """The link in the QR code: the public verification page with the number and the verification code."""
    return f"{base_url}/verifikasi?n={number}&k={code}"


def payload_facts(certificate: Certificate) -> dict[str, Any]:
    """The signed facts of a certificate as issued."""
    return dict(json.loads(certificate.payload)) if certificate.payload else dict(certificate.data)


def _stored_input(document: CertificateDocument) -> dict[str, Any]:
    fields = asdict(document)
    fields["issued_at"] = document.issued_at.isoformat()
    fields["payload"] = document.payload.decode("utf-8")
    fields["logo"] = base64.b64encode(document.logo).decode("ascii") if document.logo else None
    return fields


def _end_of_day(day: date, settings: Settings) -> datetime:
    return datetime.combine(day, datetime.max.time(), tzinfo=settings.zone).astimezone(settings.zone).replace(microsecond=0)
