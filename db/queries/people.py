"""Named queries about people: employees, accounts, login sessions and organisation units."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Row, select, update
from sqlalchemy.orm import Session

from db.models import (
    Account,
    Employee,
    LoginSession,
    LoginThrottle,
    OrgUnit,
)


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


def login_session_by_ticket(session: Session, ticket_hash: str) -> LoginSession | None:
    """Find a login session by the hash of its one-time ticket."""
    stmt = select(LoginSession).where(LoginSession.ticket_hash == ticket_hash)
    return session.scalars(stmt).one_or_none()


def login_session_by_token(session: Session, token_hash: str) -> LoginSession | None:
    """Find a login session by the hash of its cookie token."""
    stmt = select(LoginSession).where(LoginSession.token_hash == token_hash)
    return session.scalars(stmt).one_or_none()


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


def employees_with_units(session: Session) -> Sequence[Row[Employee, str | None]]:
    """List all employees with the name of their unit, by name."""
    stmt = select(Employee, OrgUnit.name).outerjoin(OrgUnit, OrgUnit.id == Employee.unit_id).order_by(Employee.name)
    return session.execute(stmt).all()


def org_unit(session: Session, parent_id: int | None, level: str, name: str) -> OrgUnit | None:
    """Find an organisation unit by its parent and name."""
    parent_clause = OrgUnit.parent_id.is_(None) if parent_id is None else OrgUnit.parent_id == parent_id
    stmt = select(OrgUnit).where(parent_clause, OrgUnit.level == level, OrgUnit.name == name)
    return session.scalars(stmt).one_or_none()
