"""Creating employees' accounts: HR administrators and peserta."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from db import queries
from db.models import Account, Employee
from netral.core import audit
from netral.core.nip import InvalidNip, normalise_nip, parse_nip
from netral.identity import passwords
from netral.identity.auth import ROLES, SUPER_ADMIN, UNIT_ADMIN, set_password
from netral.people.scope import OutOfScope, Scope, ensure_employee_in_scope


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
    audit.record(session, actor_account_id, "admin.create", nip, details={"name": employee.name}, now=now)
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
    account = open_account_hashed(session, employee=employee, role=role, password_hash="", now=now)
    set_password(account, password, now=now, must_change=must_change)
    session.flush()
    return account


def open_account_hashed(session: Session, *, employee: Employee, role: str, password_hash: str, now: datetime) -> Account:
    """Give an employee a login whose initial password is already hashed; it must be changed at first login."""
    if role not in ROLES:
        raise AccountError(f"Peran tidak dikenal: {role}")
    account = Account(
        employee_id=employee.id,
        role=role,
        password_hash=password_hash,
        must_change_password=True,
        failed_logins=0,
        created_at=now,
    )
    session.add(account)
    return account


def reset_password(session: Session, *, scope: Scope, employee_id: int, actor_account_id: int, now: datetime) -> str:
    """Give an employee in the scope a new initial password (returned once, to hand over), unlock and log them out."""
    account = _account_in_scope(session, scope, employee_id)
    password = passwords.generate_initial_password()
    set_password(account, password, now=now, must_change=True)
    queries.revoke_sessions_of(session, account.id, now)
    target = account.employee.nip
    audit.record(session, actor_account_id, "account.reset_password", target, details={}, now=now)
    return password


def unlock(session: Session, *, scope: Scope, employee_id: int, actor_account_id: int, now: datetime) -> None:
    """Lift the lockout after failed logins of an employee in the scope."""
    account = _account_in_scope(session, scope, employee_id)
    before = {"failed_logins": account.failed_logins, "locked_until": str(account.locked_until or "")}
    account.failed_logins, account.locked_until = 0, None
    audit.record(session, actor_account_id, "account.unlock", account.employee.nip, details=before, now=now)


def set_role(
    session: Session, *, scope: Scope, employee_id: int, role: str, unit_id: int | None, actor_account_id: int, now: datetime
) -> None:
    """Make an employee a peserta, an admin of one perangkat daerah, or a super admin (super admins only)."""
    if not scope.is_whole_agency:
        raise OutOfScope("Hanya super admin yang dapat mengubah peran akun.")
    account = _account_in_scope(session, scope, employee_id)
    if role not in ROLES:
        raise AccountError(f"Peran tidak dikenal: {role}")
    if role == UNIT_ADMIN and (unit_id is None or queries.unit_by_id(session, unit_id) is None):
        raise AccountError("Pilih perangkat daerah yang akan dikelola admin ini.")
    if account.id == actor_account_id and role != SUPER_ADMIN:
        raise AccountError("Anda tidak dapat menurunkan peran akun Anda sendiri.")
    before = {"role": account.role, "unit_id": account.scope_unit_id}
    account.role, account.scope_unit_id = role, unit_id if role == UNIT_ADMIN else None
    details = {"before": before, "after": {"role": account.role, "unit_id": account.scope_unit_id}}
    audit.record(session, actor_account_id, "account.role", account.employee.nip, details=details, now=now)


def _account_in_scope(session: Session, scope: Scope, employee_id: int) -> Account:
    ensure_employee_in_scope(session, scope, employee_id)
    account = queries.accounts_of(session, [employee_id]).get(employee_id)
    if account is None:
        raise AccountError("Pegawai ini belum memiliki akun.")
    return account


def _valid_nip(raw: str) -> str:
    try:
        parse_nip(raw)
    except InvalidNip as exc:
        raise AccountError(str(exc)) from exc
    return normalise_nip(raw)
