"""Named queries about certificates, pledges and number sequences."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from datetime import datetime

from sqlalchemy import Row, delete, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, defer

from db.models import (
    Certificate,
    Counter,
    Employee,
    LookupFailure,
    Pledge,
    Quiz,
)
from db.queries.people import in_units


def certificates_of(session: Session, employee_id: int) -> Sequence[Row[Certificate, str]]:
    """List an employee's certificates with the quiz title, newest first."""
    stmt = (
        select(Certificate, Quiz.title)
        .join(Quiz, Quiz.id == Certificate.quiz_id)
        .where(Certificate.employee_id == employee_id)
        .order_by(Certificate.issued_at.desc())
    )
    return session.execute(stmt).all()


def certificate_by_number(session: Session, number: str) -> Certificate | None:
    """Find a certificate by its number."""
    return session.scalars(select(Certificate).where(Certificate.number == number)).one_or_none()


def next_counter_value(session: Session, name: str) -> int:
    """Take the next value of a named counter, atomically on both databases."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    stmt = (
        insert(Counter)
        .values(name=name, value=1)
        .on_conflict_do_update(index_elements=[Counter.name], set_={"value": Counter.value + 1})
        .returning(Counter.value)
    )
    return int(session.execute(stmt).scalar_one())


def live_certificate_of(session: Session, employee_id: int, *, cycle_id: int | None = None) -> Certificate | None:
    """The employee's newest certificate that is neither revoked nor superseded (of one cycle when `cycle_id`)."""
    in_cycle = () if cycle_id is None else (Certificate.cycle_id == cycle_id,)
    stmt = (
        select(Certificate)
        .where(Certificate.employee_id == employee_id, Certificate.revoked_at.is_(None), *in_cycle)
        .order_by(Certificate.issued_at.desc(), Certificate.id.desc())
        .limit(1)
    )
    return session.scalars(stmt).first()


def store_rendered_pdf(session: Session, number: str, pdf: bytes, sha256: str) -> bool:
    """Store a rendered PDF if the certificate is still pending (two processes may race); drop its inputs."""
    stmt = (
        update(Certificate)
        .where(Certificate.number == number, Certificate.pdf.is_(None))
        .values(pdf=pdf, sha256=sha256, render_input=None)
    )
    return bool(session.execute(stmt).rowcount)  # type: ignore[attr-defined]


def stored_pdf(session: Session, number: str) -> bytes | None:
    """The stored PDF of a certificate, read afresh (another process may have just stored it)."""
    return session.scalars(select(Certificate.pdf).where(Certificate.number == number)).one_or_none()


def pending_certificate_numbers(session: Session, *, limit: int) -> list[str]:
    """Certificates whose PDF is still to be rendered, oldest first."""
    stmt = select(Certificate.number).where(Certificate.pdf.is_(None)).order_by(Certificate.id).limit(limit)
    return list(session.scalars(stmt))


def pledge_of(session: Session, employee_id: int, *, cycle_id: int | None = None) -> Pledge | None:
    """The pakta integritas an employee signed in a cycle (None: the latest they signed), if any."""
    stmt = select(Pledge).where(Pledge.employee_id == employee_id)
    if cycle_id is not None:
        stmt = stmt.where(Pledge.cycle_id == cycle_id)
    return session.scalars(stmt.order_by(Pledge.signed_at.desc(), Pledge.id.desc()).limit(1)).first()


def certificate_by_sha256(session: Session, digest: str) -> Certificate | None:
    """Find the certificate whose stored PDF has this SHA-256."""
    return session.scalars(select(Certificate).where(Certificate.sha256 == digest).limit(1)).first()


def certificate_numbers_in_units(session: Session, numbers: Sequence[str], unit_ids: Collection[int] | None) -> list[str]:
    """Those of these certificate numbers whose holder sits in the units (all of them when `unit_ids` is None)."""
    found: list[str] = []
    for start in range(0, len(numbers), 500):
        stmt = select(Certificate.number).join(Employee, Employee.id == Certificate.employee_id)
        stmt = in_units(stmt.where(Certificate.number.in_(list(numbers[start : start + 500]))), unit_ids)
        found.extend(session.scalars(stmt))
    return found


def certificate_pdfs(session: Session, numbers: Sequence[str]) -> Iterator[tuple[str, bytes | None]]:
    """Stream (number, stored PDF) for these numbers, in batches so memory stays small."""
    for start in range(0, len(numbers), 500):
        batch = list(numbers[start : start + 500])
        stmt = select(Certificate.number, Certificate.pdf).where(Certificate.number.in_(batch)).order_by(Certificate.number)
        yield from ((number, pdf) for number, pdf in session.execute(stmt))


def certificate_rows(
    session: Session,
    *,
    unit_ids: Collection[int] | None = None,
    issued_from: datetime | None = None,
    issued_to: datetime | None = None,
    search: str = "",
    status: str | None = None,
    now: datetime,
    limit: int | None = None,
) -> Sequence[Row[Certificate, str, str]]:
    """Certificates (without their PDFs loaded) with the holder's NIP and name, newest first, filtered."""
    stmt = (
        select(Certificate, Employee.nip, Employee.name)
        .join(Employee, Employee.id == Certificate.employee_id)
        .options(defer(Certificate.pdf))
        .order_by(Certificate.issued_at.desc(), Certificate.id.desc())
    )
    stmt = in_units(stmt, unit_ids)
    if issued_from is not None:
        stmt = stmt.where(Certificate.issued_at >= issued_from)
    if issued_to is not None:
        stmt = stmt.where(Certificate.issued_at < issued_to)
    if search:
        pattern = f"%{search.lower()}%"
        stmt = stmt.where(
            func.lower(Employee.name).like(pattern) | Employee.nip.like(pattern) | Certificate.number.like(pattern.upper())
        )
    if status is not None:
        stmt = stmt.where(Certificate.status_at(now) == status)
    if limit is not None:
        stmt = stmt.limit(limit)
    return session.execute(stmt).all()


def lookup_failure(session: Session, client: str) -> LookupFailure | None:
    """The failed public lookups recorded for a client, locked for update where the database can."""
    return session.scalars(select(LookupFailure).where(LookupFailure.client == client).with_for_update()).one_or_none()


def prune_lookup_failures(session: Session, *, before: datetime) -> None:
    """Forget clients whose last failure is older than `before` and who are not blocked past it."""
    stale = (LookupFailure.last_failed_at < before) & (
        LookupFailure.blocked_until.is_(None) | (LookupFailure.blocked_until < before)
    )
    session.execute(delete(LookupFailure).where(stale))


def revoked_numbers_of_year(session: Session, year: int) -> list[str]:
    """Numbers of the revoked certificates issued in a year (their numbers carry the year)."""
    stmt = select(Certificate.number).where(Certificate.revoked_at.is_not(None), Certificate.number.like(f"NTR-{year:04d}-%"))
    return list(session.scalars(stmt))
