"""Certificates: issued once with their PDF and signed facts stored, revoked or re-issued by HR, never regenerated."""

from __future__ import annotations

import functools
import hashlib
import io
import json
import zipfile
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from db import queries
from db.models import Certificate, Employee
from netral.certificates.numbering import format_number
from netral.certificates.pdf import CertificateDocument, render_certificate
from netral.certificates.settings import certificate_settings
from netral.certificates.signing import SigningKey, canonical, load_or_create_key
from netral.core import audit
from netral.core.dates import format_date, format_score
from netral.core.settings import Settings

VALID, EXPIRED, REVOKED, SUPERSEDED = "sah", "kedaluwarsa", "dicabut", "digantikan"
PAYLOAD_VERSION = 1


class CertificateRefused(ValueError):
    """An action on a certificate that cannot be done; the message says why."""


@dataclass(frozen=True)
class HeldCertificate:
    """A certificate as listed for its holder."""

    number: str
    completed: str
    score: float
    issued_at: datetime
    status: str
    pdf: bytes


@functools.cache
def signing_key(path: Path) -> SigningKey:
    """The agency's signing key, read (or created) once per process."""
    return load_or_create_key(path)


def status_of(certificate: Certificate, now: datetime) -> str:
    """sah, kedaluwarsa, dicabut or digantikan."""
    if certificate.revoked_at is not None:
        return REVOKED
    if certificate.superseded_by_id is not None:
        return SUPERSEDED
    if certificate.valid_until is not None and now > certificate.valid_until:
        return EXPIRED
    return VALID


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
) -> Certificate:
    """Issue a certificate: number it, sign its facts, render and store the PDF as issued."""
    employee = session.get(Employee, employee_id)
    assert employee is not None
    choices = certificate_settings(session, default_issuer=settings.agency_name)
    local_issue = now.astimezone(settings.zone)
    valid_until = choices.valid_until_for(now, settings.zone)
    number = format_number(local_issue.year, queries.next_counter_value(session, f"certificate-{local_issue.year}"))
    key = signing_key(settings.signing_key_path)
    position = " · ".join(part for part in (employee.jabatan or "", employee.unit.name if employee.unit else "") if part)
    facts: dict[str, Any] = {
        "v": PAYLOAD_VERSION,
        "number": number,
        "name": employee.name,
        "nip": employee.nip,
        "position": employee.jabatan or "",
        "unit": employee.unit.name if employee.unit else "",
        "completed": completed,
        "score": score,
        "jp": jp,
        "issued": local_issue.date().isoformat(),
        "valid_until": valid_until.isoformat() if valid_until else None,
        "issuer": choices.issuer,
        "key": key.key_id,
    }
    payload = canonical(facts)
    payload_signature = key.sign(payload)
    document = CertificateDocument(
        number=number,
        name=employee.name,
        nip=employee.nip,
        position=position,
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
        verify_url=verify_url(settings.base_url, number, payload_signature),
        payload=payload,
        payload_signature=payload_signature,
        logo=choices.logo,
    )
    pdf = render_certificate(document, key)
    certificate = Certificate(
        number=number,
        employee_id=employee.id,
        quiz_id=quiz_id,
        attempt_id=None,
        issued_at=now,
        valid_until=_end_of_day(valid_until, settings) if valid_until else None,
        score=score,
        data=facts,
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        payload=payload.decode("utf-8"),
        payload_signature=payload_signature,
        key_id=key.key_id,
        issued_by_account_id=actor_account_id,
        reissue_reason=reissue_reason,
    )
    session.add(certificate)
    session.flush()
    return certificate


def verify_url(base_url: str, number: str, payload_signature: str) -> str:
    """The link in the QR code: the public verification page with the number and the signature."""
    return f"{base_url}/verifikasi?n={number}&s={payload_signature}"


def revoke(session: Session, *, number: str, reason: str, actor_account_id: int | None, now: datetime) -> Certificate:
    """Revoke a certificate with a reason; the verification page says so at once. Audited."""
    certificate = queries.certificate_by_number(session, number)
    if certificate is None:
        raise CertificateRefused(f"Sertifikat {number} tidak ditemukan.")
    if certificate.revoked_at is not None:
        raise CertificateRefused(f"Sertifikat {number} sudah dicabut.")
    if not reason.strip():
        raise CertificateRefused("Alasan pencabutan wajib diisi.")
    certificate.revoked_at, certificate.revoked_reason, certificate.revoked_by_account_id = now, reason.strip(), actor_account_id
    audit.record(session, actor_account_id, "certificate.revoke", number, now=now, details={"reason": reason.strip()})
    return certificate


def reissue(
    session: Session, *, number: str, reason: str, actor_account_id: int | None, now: datetime, settings: Settings
) -> Certificate:
    """Issue a corrected certificate with the employee's current data; the old one is marked superseded. Audited."""
    old = queries.certificate_by_number(session, number)
    if old is None:
        raise CertificateRefused(f"Sertifikat {number} tidak ditemukan.")
    if old.revoked_at is not None or old.superseded_by_id is not None:
        raise CertificateRefused(
            f"Sertifikat {number} sudah dicabut atau sudah digantikan; terbitkan ulang dari sertifikat terbarunya."
        )
    if not reason.strip():
        raise CertificateRefused("Alasan penerbitan ulang wajib diisi (misalnya koreksi nama).")
    new = issue_completion(
        session,
        employee_id=old.employee_id,
        quiz_id=old.quiz_id,
        completed=str(old.data["completed"]),
        score=old.score,
        jp=int(old.data["jp"]),
        now=now,
        settings=settings,
        actor_account_id=actor_account_id,
        reissue_reason=reason.strip(),
    )
    old.superseded_by_id = new.id
    audit.record(
        session,
        actor_account_id,
        "certificate.reissue",
        number,
        now=now,
        details={"new_number": new.number, "reason": reason.strip()},
    )
    return new


def certificate_pdf(session: Session, *, number: str, employee_id: int | None = None) -> bytes | None:
    """Return the stored PDF of a certificate (only the holder's own when `employee_id` is given)."""
    certificate = queries.certificate_by_number(session, number)
    if certificate is None or (employee_id is not None and certificate.employee_id != employee_id):
        return None
    return certificate.pdf


def certificates_of_employee(session: Session, *, employee_id: int, now: datetime) -> list[HeldCertificate]:
    """An employee's certificates, newest first, with their stored PDFs and status."""
    return [
        HeldCertificate(c.number, str(c.data.get("completed") or title), c.score, c.issued_at, status_of(c, now), c.pdf)
        for c, title in queries.certificates_of(session, employee_id)
    ]


@dataclass(frozen=True)
class CertificateRow:
    """A certificate as HR lists it."""

    number: str
    nip: str
    name: str
    completed: str
    score: float
    issued_at: datetime
    valid_until: datetime | None
    status: str
    reason: str


def list_certificates(
    session: Session,
    *,
    now: datetime,
    status: str | None = None,
    search: str = "",
    issued_from: datetime | None = None,
    issued_to: datetime | None = None,
    unit_ids: Collection[int] | None = None,
    limit: int | None = None,
) -> list[CertificateRow]:
    """Certificates matching the filters, newest first, with their status at `now`."""
    rows = queries.certificate_rows(
        session,
        unit_ids=unit_ids,
        issued_from=issued_from,
        issued_to=issued_to,
        search=search.strip(),
        status=status,
        now=now,
        limit=limit,
    )
    return [
        CertificateRow(
            number=certificate.number,
            nip=nip,
            name=str(certificate.data.get("name", name)),
            completed=str(certificate.data.get("completed", "")),
            score=certificate.score,
            issued_at=certificate.issued_at,
            valid_until=certificate.valid_until,
            status=status_of(certificate, now),
            reason=certificate.revoked_reason or certificate.reissue_reason or "",
        )
        for certificate, nip, name in rows
    ]


def zip_certificates(session: Session, numbers: Sequence[str], *, progress: Callable[[int, int], None] | None = None) -> bytes:
    """The stored PDFs of these certificates in one ZIP (stored, not recompressed: PDFs are compressed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for index, (number, pdf) in enumerate(queries.certificate_pdfs(session, numbers), start=1):
            archive.writestr(f"{number}.pdf", pdf)
            if progress is not None and (index % 50 == 0 or index == len(numbers)):
                progress(index, len(numbers))
    return buffer.getvalue()


def payload_facts(certificate: Certificate) -> dict[str, Any]:
    """The signed facts of a certificate as issued."""
    return dict(json.loads(certificate.payload)) if certificate.payload else dict(certificate.data)


def _end_of_day(day: date, settings: Settings) -> datetime:
    return datetime.combine(day, datetime.max.time(), tzinfo=settings.zone).astimezone(settings.zone).replace(microsecond=0)
