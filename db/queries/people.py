"""Named queries about people: employees, accounts, login sessions and organisation units."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Row, Select, delete, func, select, update
from sqlalchemy.orm import Session

from db.models import (
    Account,
    Employee,
    LoginFailure,
    LoginSession,
    LoginThrottle,
    OrgUnit,
)
from netral.core.enums import Role

Key = TypeVar("Key", int, str)
SelectT = TypeVar("SelectT", bound="Select[*tuple[Any, ...]]")


def in_units(stmt: SelectT, unit_ids: Collection[int] | None) -> SelectT:
    """Limit a statement that involves Employee to employees of some units (None: every unit)."""
    return stmt if unit_ids is None else stmt.where(Employee.unit_id.in_(sorted(unit_ids)))


def account_by_nip(session: Session, nip: str, *, for_update: bool = False) -> Account | None:
    """Find the account of the employee with this NIP (optionally locking it)."""
    stmt = select(Account).join(Employee).where(Employee.nip == nip)
    if for_update:
        stmt = stmt.with_for_update(of=Account)
    return session.scalars(stmt).one_or_none()


def employee_by_nip(session: Session, nip: str) -> Employee | None:
    """Find an employee by NIP."""
    return session.scalars(select(Employee).where(Employee.nip == nip)).one_or_none()


def throttle_for(session: Session, nip: str) -> LoginThrottle | None:
    """Return the failed-login counter of a NIP that has no account."""
    return session.get(LoginThrottle, nip)


def client_failures(session: Session, client: str, *, since: datetime) -> tuple[int, datetime | None]:
    """How many logins failed from this client since `since`, and when the last one did."""
    stmt = select(func.count(), func.max(LoginFailure.at)).where(LoginFailure.client == client, LoginFailure.at >= since)
    count, last = session.execute(stmt).one()
    return int(count), last


def client_failed_elsewhere(session: Session, client: str, nip: str, *, since: datetime) -> bool:
    """Whether a login from this client failed since `since` for a NIP other than `nip`."""
    stmt = select(LoginFailure.id).where(LoginFailure.client == client, LoginFailure.at >= since, LoginFailure.nip != nip)
    return session.scalar(stmt.limit(1)) is not None


def failures_since(session: Session, since: datetime) -> int:
    """How many logins failed, from any client, since `since`."""
    return int(session.scalar(select(func.count()).select_from(LoginFailure).where(LoginFailure.at >= since)) or 0)


def prune_login_records(session: Session, *, before: datetime) -> None:
    """Delete failures older than `before` and counters of unknown NIPs idle (and unlocked) since then."""
    session.execute(delete(LoginFailure).where(LoginFailure.at < before))
    idle = LoginThrottle.updated_at.is_(None) | (LoginThrottle.updated_at < before)
    unlocked = LoginThrottle.locked_until.is_(None) | (LoginThrottle.locked_until < before)
    session.execute(delete(LoginThrottle).where(idle & unlocked))


def login_session_by_ticket(session: Session, ticket_hash: str) -> LoginSession | None:
    """Find a login session by the hash of its one-time ticket."""
    stmt = select(LoginSession).where(LoginSession.ticket_hash == ticket_hash)
    return session.scalars(stmt).one_or_none()


def login_session_by_token(session: Session, token_hash: str) -> LoginSession | None:
    """Find a login session by the hash of its cookie token."""
    stmt = select(LoginSession).where(LoginSession.token_hash == token_hash)
    return session.scalars(stmt).one_or_none()


def login_with_account(session: Session, login_session_id: int) -> Row[LoginSession, Account, Employee] | None:
    """A login session with its account and employee, in one query (read on every page run)."""
    stmt = (
        select(LoginSession, Account, Employee)
        .join(Account, Account.id == LoginSession.account_id)
        .join(Employee, Employee.id == Account.employee_id)
        .where(LoginSession.id == login_session_id)
    )
    return session.execute(stmt).one_or_none()


def revoke_sessions_of(session: Session, account_id: int, now: datetime, *, except_id: int | None = None) -> None:
    """End every live login session of an account (after a password change, say)."""
    stmt = (
        update(LoginSession)
        .where(LoginSession.account_id == account_id, LoginSession.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    if except_id is not None:
        stmt = stmt.where(LoginSession.id != except_id)
    session.execute(stmt)


def employees_with_units(session: Session, unit_ids: Collection[int] | None = None) -> Sequence[Row[Employee, str | None]]:
    """List employees (all, or those in some units) with the name of their unit, by name."""
    stmt = select(Employee, OrgUnit.name).outerjoin(OrgUnit, OrgUnit.id == Employee.unit_id).order_by(Employee.name)
    return session.execute(in_units(stmt, unit_ids)).all()


def employee_by_id(session: Session, employee_id: int) -> Employee | None:
    """Find an employee by id."""
    return session.get(Employee, employee_id)


def lock_employee(session: Session, employee_id: int) -> None:
    """Hold the employee's row until the transaction ends (PostgreSQL; SQLite writers are serialised already)."""
    session.execute(select(Employee.id).where(Employee.id == employee_id).with_for_update())


def unit_by_id(session: Session, unit_id: int) -> OrgUnit | None:
    """Find an organisation unit by id."""
    return session.get(OrgUnit, unit_id)


def child_unit_ids(session: Session, parent_ids: Collection[int]) -> Sequence[int]:
    """The ids of the units directly under the given ones."""
    return session.scalars(select(OrgUnit.id).where(OrgUnit.parent_id.in_(sorted(parent_ids)))).all()


def all_units(session: Session) -> Sequence[OrgUnit]:
    """Every organisation unit, by level and name (an agency has hundreds, not millions)."""
    return session.scalars(select(OrgUnit).order_by(OrgUnit.level, OrgUnit.name)).all()


def employees_by_nip(session: Session, nips: Collection[str]) -> dict[str, Employee]:
    """Employees with these NIPs, keyed by NIP."""
    return {e.nip: e for chunk in _chunks(nips) for e in session.scalars(select(Employee).where(Employee.nip.in_(chunk)))}


def active_employees_outside(session: Session, nips: Collection[str]) -> Sequence[Row[int, str, str, str | None]]:
    """Active employees whose NIP is not in `nips`: id, NIP, name, role (None without an account)."""
    stmt = select(Employee.id, Employee.nip, Employee.name, Account.role).outerjoin(Account, Account.employee_id == Employee.id)
    stmt = stmt.where(Employee.active.is_(True))
    wanted = set(nips)
    return [row for row in session.execute(stmt) if row[1] not in wanted]


def accounts_of(session: Session, employee_ids: Collection[int]) -> dict[int, Account]:
    """Accounts of these employees, keyed by employee id."""
    return {
        a.employee_id: a
        for chunk in _chunks(employee_ids)
        for a in session.scalars(select(Account).where(Account.employee_id.in_(chunk)))
    }


def super_admin_count(session: Session) -> int:
    """How many accounts hold the super admin role, with those rows locked until the transaction ends.

    The lock makes "never demote the last one" hold when two super admins demote each other at the same
    moment: on PostgreSQL the second waits for the first and then counts again (SQLite writers are already
    one at a time: BEGIN IMMEDIATE)."""
    ids = session.scalars(select(Account.id).where(Account.role == Role.SUPER_ADMIN).with_for_update()).all()
    return len(ids)


def _chunks(values: Collection[Key], size: int = 5000) -> list[list[Key]]:
    # Both databases cap the parameters of one statement; a roster can hold 100,000 NIPs.
    ordered = sorted(values)
    return [ordered[start : start + size] for start in range(0, len(ordered), size)]
