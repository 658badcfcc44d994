"""Creating employees' accounts: HR administrators and peserta."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from db import queries
from db.models import Account, AuditEvent, Employee
from netral import passwords
from netral.auth import ROLES, SUPER_ADMIN, set_password
from netral.nip import InvalidNip, normalise_nip, parse_nip


class AccountError(ValueError):
    """An account request that cannot be carried out; the message says why."""


def create_admin(
    session: Session, *, nip: str, name: str, password: str, now: datetime, actor_account_id: int | None = None
) -> Account:
    """Create (or promote) the HR administrator with this NIP and password."""
    nip = _valid_nip(nip)
    problem = passwords.password_problem(password, nip=nip)
    if problem:
        raise AccountError(problem)
    employee = queries.employee_by_nip(session, nip) or add_employee(session, nip=nip, name=name, now=now)
    account = queries.account_by_nip(session, nip)
    if account is None:
        account = open_account(session, employee=employee, role=SUPER_ADMIN, password=password, must_change=False, now=now)
    else:
        account.role = SUPER_ADMIN
        set_password(account, password, now=now, must_change=False)
    session.add(
        AuditEvent(at=now, actor_account_id=actor_account_id, action="admin.create", target=nip, details={"name": employee.name})
    )
    return account


def add_employee(
    session: Session, *, nip: str, name: str, now: datetime, jabatan: str | None = None, unit_id: int | None = None
) -> Employee:
    """Add an employee (validated NIP, non-empty name)."""
    if not name.strip():
        raise AccountError("Nama tidak boleh kosong.")
    employee = Employee(
        nip=_valid_nip(nip), name=name.strip(), jabatan=jabatan, unit_id=unit_id, active=True, created_at=now, updated_at=now
    )
    session.add(employee)
    session.flush()
    return employee


def open_account(session: Session, *, employee: Employee, role: str, password: str, must_change: bool, now: datetime) -> Account:
    """Give an employee a login with an initial password."""
    if role not in ROLES:
        raise AccountError(f"Peran tidak dikenal: {role}")
    account = Account(employee_id=employee.id, role=role, password_hash="", failed_logins=0, created_at=now)
    set_password(account, password, now=now, must_change=must_change)
    session.add(account)
    session.flush()
    return account


def _valid_nip(raw: str) -> str:
    try:
        parse_nip(raw)
    except InvalidNip as exc:
        raise AccountError(str(exc)) from exc
    return normalise_nip(raw)
