"""Reading certificates: the holder's own, HR's filtered list, one PDF, and a ZIP of many (scope checked here)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from db import queries
from netral.certificates.issuing import pdf_bytes
from netral.certificates.managing import certificate_to_act_on
from netral.core.enums import CertificateStatus
from netral.core.errors import NotFound
from netral.people.authority import Actor, acting_scope
from netral.people.scope import narrow


@dataclass(frozen=True)
class HeldCertificate:
    """A certificate as listed for its holder."""

    number: str
    completed: str
    score: float
    issued_at: datetime
    status: CertificateStatus


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
    status: CertificateStatus
    reason: str
    employee_id: int = 0


def certificates_of_employee(session: Session, *, employee_id: int, now: datetime) -> list[HeldCertificate]:
    """An employee's certificates, newest first, with their status."""
    return [
        HeldCertificate(
            c.number, with_cycle(str(c.data.get("completed") or title), c.data), c.score, c.issued_at, c.status_at(now)
        )
        for c, title in queries.certificates_of(session, employee_id)
    ]


def own_certificate_pdf(session: Session, *, employee_id: int, number: str, key_path: Path) -> bytes:
    """The holder's own certificate PDF as issued (rendered now if a crash left it pending)."""
    certificate = queries.certificate_by_number(session, number)
    if certificate is None or certificate.employee_id != employee_id:
        raise NotFound(f"Sertifikat {number} tidak ditemukan di akun Anda.")
    return pdf_bytes(session, certificate, key_path)


def certificate_pdf_for_hr(session: Session, *, actor: Actor, number: str, key_path: Path) -> bytes:
    """A certificate's PDF for an administrator who may act on its holder."""
    return pdf_bytes(session, certificate_to_act_on(session, actor, number), key_path)


def list_certificates(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    status: str | None = None,
    search: str = "",
    issued_from: datetime | None = None,
    issued_to: datetime | None = None,
    unit_id: int | None = None,
    limit: int | None = None,
) -> list[CertificateRow]:
    """Certificates in the actor's scope (optionally one unit) matching the filters, newest first, with their status."""
    scope = narrow(session, acting_scope(session, actor), unit_id)
    rows = queries.certificate_rows(
        session,
        unit_ids=scope.unit_ids,
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
            completed=with_cycle(str(certificate.data.get("completed", "")), certificate.data),
            score=certificate.score,
            issued_at=certificate.issued_at,
            valid_until=certificate.valid_until,
            status=certificate.status_at(now),
            reason=certificate.revoked_reason or certificate.reissue_reason or "",
            employee_id=certificate.employee_id,
        )
        for certificate, nip, name in rows
    ]


def zip_certificates(
    session: Session,
    *,
    actor: Actor,
    numbers: Sequence[str],
    key_path: Path,
    progress: Callable[[int, int], None] | None = None,
) -> bytes:
    """The PDFs of these certificates (those in the actor's scope) in one ZIP, stored, not recompressed."""
    allowed = set(queries.certificate_numbers_in_units(session, numbers, acting_scope(session, actor).unit_ids))
    wanted = [number for number in numbers if number in allowed]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for index, (number, pdf) in enumerate(queries.certificate_pdfs(session, wanted), start=1):
            archive.writestr(f"{number}.pdf", pdf if pdf is not None else _pending_pdf(session, number, key_path))
            if progress is not None and (index % 50 == 0 or index == len(wanted)):
                progress(index, len(wanted))
    return buffer.getvalue()


def _pending_pdf(session: Session, number: str, key_path: Path) -> bytes:
    certificate = queries.certificate_by_number(session, number)
    if certificate is None:
        raise NotFound(f"Sertifikat {number} tidak ditemukan.")
    return pdf_bytes(session, certificate, key_path)


def with_cycle(completed: str, facts: dict[str, object]) -> str:
    """What was completed, naming the cycle it was earned in (earlier cycles stay readable as history)."""
    cycle = str(facts.get("cycle") or "")
    return f"{completed} · {cycle}" if cycle else completed
