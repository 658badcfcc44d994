"""Named queries for HR reports: aggregated in SQL so they stay fast at 100,000 employees."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, datetime

from sqlalchemy import Date, Row, Subquery, case, cast, delete, func, literal, or_, select, union, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from db.models import Account, Answer, Attempt, AuditEvent, CategoryTally, Certificate, Employee, OrgUnit, Pledge, QuestionVersion
from db.queries.people import in_units

# A mark below this is not full marks: a half-right "pilih semua yang benar" counts as a misconception.
FULL_MARK = 0.999


def _progress(now: datetime) -> tuple[Subquery, Subquery]:
    # Completed means holding a certificate valid now (Certificate.is_valid_at): an expired, revoked or
    # superseded one alone does not count, so recertification after expiry shows as unfinished again.
    # Each list is built once and joined, so the plan is a hash join on both databases. Per-employee EXISTS made
    # PostgreSQL probe twice per employee (513 ms at 100,000); IN (...) fell back to a quadratic plan once the
    # attempts list outgrew work_mem (minutes at 1,000,000 attempts).
    done = select(Certificate.employee_id.label("id")).where(Certificate.is_valid_at(now)).distinct().subquery("done")
    started = union(select(Attempt.employee_id.label("id")), select(Pledge.employee_id.label("id"))).subquery("started")
    return done, started


def completion_by_unit(
    session: Session, *, now: datetime, unit_ids: Collection[int] | None = None
) -> Sequence[Row[int | None, int, int, int]]:
    """Per unit: active employees, how many have started, how many hold a certificate valid at `now`."""
    done, started = _progress(now)
    is_done = done.c.id.is_not(None)
    stmt = (
        select(
            Employee.unit_id,
            func.count(),
            func.sum(case((or_(is_done, started.c.id.is_not(None)), 1), else_=0)),
            func.sum(case((is_done, 1), else_=0)),
        )
        .outerjoin(done, done.c.id == Employee.id)
        .outerjoin(started, started.c.id == Employee.id)
        .where(Employee.active.is_(True))
    )
    stmt = in_units(stmt, unit_ids).group_by(Employee.unit_id)
    return session.execute(stmt).all()


def completions_per_day(
    session: Session, *, now: datetime, utc_offset_hours: int, unit_ids: Collection[int] | None = None
) -> Sequence[Row[date, int]]:
    """How many of the active employees completed at `now` (holding a valid certificate) did so on each local day."""
    first = select(Certificate.employee_id, func.min(Certificate.issued_at).label("at")).where(Certificate.is_valid_at(now))
    first = first.join(Employee, Employee.id == Certificate.employee_id).where(Employee.active.is_(True))
    firsts = in_units(first, unit_ids).group_by(Certificate.employee_id).subquery()
    day = _local_day(session, firsts.c.at, utc_offset_hours)
    stmt = select(day, func.count()).group_by(day).order_by(day)
    return [(_as_date(d), n) for d, n in session.execute(stmt)]  # type: ignore[misc]


def employees_by_progress(
    session: Session, *, now: datetime, unit_ids: Collection[int] | None, only_unfinished: bool, search: str = ""
) -> Sequence[Row[Employee, bool, bool]]:
    """Active employees and whether they started and completed (valid certificate at `now`), by unit then name."""
    done, started = _progress(now)
    is_done = done.c.id.is_not(None)
    stmt = (
        select(Employee, or_(is_done, started.c.id.is_not(None)), is_done)
        .outerjoin(OrgUnit, OrgUnit.id == Employee.unit_id)
        .outerjoin(done, done.c.id == Employee.id)
        .outerjoin(started, started.c.id == Employee.id)
        .where(Employee.active.is_(True))
        .order_by(OrgUnit.name, Employee.name)
    )
    if only_unfinished:
        stmt = stmt.where(done.c.id.is_(None))
    if search:
        needle = f"%{search.lower()}%"
        stmt = stmt.where(or_(func.lower(Employee.name).like(needle), Employee.nip.like(needle)))
    stmt = in_units(stmt, unit_ids)
    return session.execute(stmt).all()


def add_to_tally(session: Session, *, unit_key: int, category: str, answered: int, wrong: int) -> None:
    """Add first-attempt answers to a unit's tally for a category, atomically on both databases."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    stmt = insert(CategoryTally).values(unit_key=unit_key, category=category, answered=answered, wrong=wrong)
    stmt = stmt.on_conflict_do_update(
        index_elements=["unit_key", "category"],
        set_={"answered": CategoryTally.answered + answered, "wrong": CategoryTally.wrong + wrong},
    )
    session.execute(stmt)


def category_tallies(session: Session, unit_ids: Collection[int] | None = None) -> Sequence[Row[int, str, int, int]]:
    """The misconception tallies: unit key (0 = no unit), category, answered, wrong."""
    stmt = select(CategoryTally.unit_key, CategoryTally.category, CategoryTally.answered, CategoryTally.wrong)
    if unit_ids is not None:
        stmt = stmt.where(CategoryTally.unit_key.in_(sorted(unit_ids)))
    return session.execute(stmt).all()


def first_attempt_answers_by_category(session: Session, unit: int | None = None) -> Sequence[Row[int, str, int, int]]:
    """Recount the tallies from every answered question of a submitted first attempt (by the employee's current unit).

    With `unit`, only that unit key's rows (0: employees without a unit).
    """
    unit_key = func.coalesce(Employee.unit_id, literal(0))
    stmt = (
        select(unit_key, QuestionVersion.category, func.count(), func.sum(case((Answer.points < FULL_MARK, 1), else_=0)))
        .select_from(Answer)
        .join(Attempt, Attempt.id == Answer.attempt_id)
        .join(Employee, Employee.id == Attempt.employee_id)
        .join(QuestionVersion, QuestionVersion.id == Answer.question_version_id)
        .where(Attempt.number == 1, Attempt.submitted_at.is_not(None), Answer.answered_at.is_not(None))
        .group_by(unit_key, QuestionVersion.category)
    )
    if unit is not None:
        stmt = stmt.where(unit_key == unit)
    return session.execute(stmt).all()


def tally_unit_keys(session: Session) -> list[int]:
    """Every unit key a recount must visit: units holding tallies now and units of employees (0 for none)."""
    held = set(session.scalars(select(CategoryTally.unit_key).distinct()))
    current = set(session.scalars(select(func.coalesce(Employee.unit_id, literal(0))).distinct()))
    return sorted(held | current)


def clear_tallies(session: Session, unit: int | None = None) -> None:
    """Empty the misconception tallies (of one unit key) before a recount."""
    stmt = delete(CategoryTally)
    session.execute(stmt if unit is None else stmt.where(CategoryTally.unit_key == unit))


def deactivate_employees(session: Session, employee_ids: Collection[int], now: datetime) -> None:
    """Mark employees as gone (never deleted: their history stays)."""
    stmt = update(Employee).where(Employee.id.in_(sorted(employee_ids)), Employee.active.is_(True))
    session.execute(stmt.values(active=False, deactivated_at=now, updated_at=now))


def _local_day(session: Session, column: ColumnElement[datetime], hours: int) -> ColumnElement[date]:
    if session.get_bind().dialect.name == "sqlite":
        return func.date(column, f"{hours:+d} hours")
    # timezone('UTC', ...) makes the day independent of the connection's TimeZone setting.
    return cast(func.timezone("UTC", column) + func.make_interval(0, 0, 0, 0, hours), Date)


def _as_date(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def audit_events(
    session: Session,
    *,
    action: str | None = None,
    limit: int | None = None,
    person: str = "",
    since: datetime | None = None,
    until: datetime | None = None,
) -> Sequence[Row[AuditEvent, str | None, str | None]]:
    """Audit entries, newest first, with the actor's NIP and name; filtered by action, a person (part of the actor's
    name or NIP, or of the target) and time."""
    stmt = (
        select(AuditEvent, Employee.nip, Employee.name)
        .outerjoin(Account, Account.id == AuditEvent.actor_account_id)
        .outerjoin(Employee, Employee.id == Account.employee_id)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(limit)
    )
    if action:
        stmt = stmt.where(AuditEvent.action == action)
    if person:
        needle = f"%{person.lower()}%"
        targets = select(Employee.nip).where(func.lower(Employee.name).like(needle))
        stmt = stmt.where(
            or_(
                func.lower(Employee.name).like(needle),
                Employee.nip.like(needle),
                func.lower(AuditEvent.target).like(needle),
                AuditEvent.target.in_(targets),
            )
        )
    if since is not None:
        stmt = stmt.where(AuditEvent.at >= since)
    if until is not None:
        stmt = stmt.where(AuditEvent.at < until)
    return session.execute(stmt).all()
