"""Named queries of the reminder outbox: insert once, claim under a lock, read for HR."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Row, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from db.models import Employee, OutboxMessage
from db.queries.cycle_reports import cycle_progress
from netral.core.cycle_enums import OutboxStatus


def queue_once(session: Session, rows: Sequence[dict[str, Any]], *, chunk: int = 5000) -> int:
    """Insert outbox rows, skipping any (cycle, rule, person, period) already there; return how many were new."""
    if not rows:
        return 0
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    # One statement run for many rows (compiled once): a multi-VALUES statement per chunk cost seconds to compile.
    stmt = insert(OutboxMessage).on_conflict_do_nothing(index_elements=["cycle_id", "rule", "employee_id", "period"])
    cycles = sorted({row["cycle_id"] for row in rows})
    count = select(func.count()).select_from(OutboxMessage).where(OutboxMessage.cycle_id.in_(cycles))
    before = session.scalar(count) or 0
    for start in range(0, len(rows), chunk):
        session.connection().execute(stmt, list(rows[start : start + chunk]))
    return (session.scalar(count) or 0) - before


def claim_due(session: Session, *, now: datetime, stale_before: datetime, limit: int) -> Sequence[OutboxMessage]:
    """Lock up to `limit` messages due now (or claimed by a process that died) so no other process takes them.

    PostgreSQL: FOR UPDATE SKIP LOCKED, so two senders take different rows; SQLite: the caller's BEGIN IMMEDIATE.
    """
    due = or_(
        (OutboxMessage.status == OutboxStatus.PENDING) & (OutboxMessage.next_try_at <= now),
        (OutboxMessage.status == OutboxStatus.SENDING) & (OutboxMessage.claimed_at < stale_before),
    )
    stmt = select(OutboxMessage).where(due).order_by(OutboxMessage.id).limit(limit)
    if session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update(skip_locked=True)
    return session.scalars(stmt).all()


def message_for_update(session: Session, message_id: int) -> OutboxMessage | None:
    """One message, locked until the transaction ends."""
    return session.scalars(select(OutboxMessage).where(OutboxMessage.id == message_id).with_for_update()).one_or_none()


def release(session: Session, message_ids: Collection[int], *, reason: str) -> None:
    """Give claimed messages back to the queue untried (the connection failed before their turn)."""
    if message_ids:
        stmt = update(OutboxMessage).where(
            OutboxMessage.id.in_(sorted(message_ids)), OutboxMessage.status == OutboxStatus.SENDING
        )
        session.execute(stmt.values(status=OutboxStatus.PENDING, claimed_at=None, last_error=reason))


def outbox_rows(
    session: Session, *, cycle_id: int | None, unit_ids: Collection[int] | None, limit: int = 2000
) -> Sequence[Row[OutboxMessage, str, str]]:
    """Messages with the person's NIP and name, newest first; optionally one cycle's, within some units."""
    stmt = select(OutboxMessage, Employee.nip, Employee.name).join(Employee, Employee.id == OutboxMessage.employee_id)
    if cycle_id is not None:
        stmt = stmt.where(OutboxMessage.cycle_id == cycle_id)
    if unit_ids is not None:
        stmt = stmt.where(Employee.unit_id.in_(sorted(unit_ids)))
    return session.execute(stmt.order_by(OutboxMessage.id.desc()).limit(limit)).all()


def cohort_progress(
    session: Session, *, cycle_id: int, unit_ids: Collection[int] | None, now: datetime
) -> Sequence[Row[int, str, str, str | None, int | None, str | None, bool, bool]]:
    """Every active employee of a cohort with email, unit, atasan NIP, and whether they started and completed the cycle."""
    done, started = cycle_progress(cycle_id, now)
    stmt = (
        select(
            Employee.id,
            Employee.nip,
            Employee.name,
            Employee.email,
            Employee.unit_id,
            Employee.atasan_nip,
            started.c.id.is_not(None).label("started"),
            done.c.id.is_not(None).label("completed"),
        )
        .outerjoin(done, done.c.id == Employee.id)
        .outerjoin(started, started.c.id == Employee.id)
        .where(Employee.active)
    )
    if unit_ids is not None:
        stmt = stmt.where(Employee.unit_id.in_(sorted(unit_ids)))
    return session.execute(stmt.order_by(Employee.id)).all()


def emails_by_nip(session: Session, nips: Collection[str]) -> dict[str, str]:
    """The email of each employee with one of these NIPs (for copies to the atasan)."""
    found: dict[str, str] = {}
    values = sorted(nips)
    for start in range(0, len(values), 5000):
        stmt = select(Employee.nip, Employee.email).where(
            Employee.nip.in_(values[start : start + 5000]), Employee.email.is_not(None)
        )
        found.update({nip: email for nip, email in session.execute(stmt) if email})
    return found


def status_counts(session: Session, cycle_id: int) -> dict[str, int]:
    """How many of a cycle's messages stand at each status."""
    stmt = select(OutboxMessage.status, func.count()).where(OutboxMessage.cycle_id == cycle_id).group_by(OutboxMessage.status)
    return dict(session.execute(stmt).all())


def unit_admins(session: Session) -> Sequence[Row[int, str, str, str | None, int | None]]:
    """Every active admin perangkat daerah: employee id, NIP, name, email and scope unit."""
    from db.models import Account

    stmt = (
        select(Employee.id, Employee.nip, Employee.name, Employee.email, Account.scope_unit_id)
        .join(Account, Account.employee_id == Employee.id)
        .where(Account.role == "admin_pd", Employee.active)
    )
    return session.execute(stmt.order_by(Employee.id)).all()
