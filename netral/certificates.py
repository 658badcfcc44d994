"""Issuing certificates: once per completion, numbered, with the PDF stored as issued."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from db import queries
from db.models import Certificate, Employee
from netral.certificate_pdf import CertificateFacts, render_certificate
from netral.dates import format_date, format_score
from netral.numbering import format_number
from netral.settings import Settings


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
) -> Certificate:
    """Issue the certificate of a completed path: numbered, rendered once, its bytes and facts stored."""
    employee = session.get(Employee, employee_id)
    assert employee is not None
    local_issue = now.astimezone(settings.zone)
    number = format_number(local_issue.year, queries.next_counter_value(session, f"certificate-{local_issue.year}"))
    facts = CertificateFacts(
        number=number,
        name=employee.name,
        nip=employee.nip,
        completed=completed,
        score_text=format_score(score),
        jp=jp,
        issued_at=now,
        issued_date_text=format_date(local_issue),
        place=settings.agency_name,
        agency=settings.agency_name,
    )
    pdf = render_certificate(facts)
    certificate = Certificate(
        number=number,
        employee_id=employee.id,
        quiz_id=quiz_id,
        attempt_id=None,
        issued_at=now,
        valid_until=None,
        score=score,
        data={
            "name": employee.name,
            "nip": employee.nip,
            "jabatan": employee.jabatan,
            "unit": employee.unit.name if employee.unit else None,
            "completed": completed,
            "score": score,
            "jp": jp,
            "agency": settings.agency_name,
        },
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
    )
    session.add(certificate)
    session.flush()
    return certificate


def certificate_pdf(session: Session, *, number: str, employee_id: int | None = None) -> bytes | None:
    """Return the stored PDF of a certificate (only the holder's own when `employee_id` is given)."""
    certificate = queries.certificate_by_number(session, number)
    if certificate is None or (employee_id is not None and certificate.employee_id != employee_id):
        return None
    return certificate.pdf


@dataclass(frozen=True)
class HeldCertificate:
    """A certificate as listed for its holder."""

    number: str
    completed: str
    score: float
    issued_at: datetime
    revoked: bool
    pdf: bytes


def certificates_of_employee(session: Session, *, employee_id: int) -> list[HeldCertificate]:
    """List an employee's certificates, newest first, with their stored PDFs."""
    return [
        HeldCertificate(
            number=certificate.number,
            completed=str(certificate.data.get("completed") or title),
            score=certificate.score,
            issued_at=certificate.issued_at,
            revoked=certificate.revoked_at is not None,
            pdf=certificate.pdf,
        )
        for certificate, title in queries.certificates_of(session, employee_id)
    ]
