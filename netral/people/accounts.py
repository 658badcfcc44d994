"""Employees' accounts: creating HR administrators and peserta, and what HR does to one person's login."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from db import queries
from db.models import Account, Employee
from netral.core import audit
from netral.core.enums import AuditAction, Role, UnitLevel
from netral.core.errors import NotAllowed, NotFound, OutOfScope, Refusal
from netral.core.nip import InvalidNip, normalise_nip, parse_nip
from netral.identity import passwords
from netral.identity.auth import CurrentUser, set_password
from netral.people.authority import current_actor, person_to_act_on


class AccountRefused(Refusal):
    """An account request that cannot be carried out; the message says why."""


def create_admin(
    session: Session, *, nip: str, name: str, password: str, now: datetime, actor_account_id: int | None = None
) -> Account:
    """Create (or promote) the HR administrator with this NIP and password (an operator's command, not a page)."""
    nip = _valid_nip(nip)
    passwords.check_new_password(password, nip=nip)
    employee = queries.employee_by_nip(session, nip) or add_employee(session, nip=nip, name=name, now=now)
    account = queries.account_by_nip(session, nip)
    if account is None:
        account = open_account(session, employee=employee, role=Role.SUPER_ADMIN, password=password, must_change=False, now=now)
    else:
        account.role = Role.SUPER_ADMIN
        set_password(account, password, now=now, must_change=False)
    audit.record(session, actor_account_id, AuditAction.ADMIN_CREATE, nip, details={"name": employee.name}, now=now)
    return account


def add_employee(
    session: Session, *, nip: str, name: str, now: datetime, jabatan: str | None = None, unit_id: int | None = None
) -> Employee:
    """Add an employee (validated NIP, non-empty name)."""
    if not name.strip():
        raise AccountRefused("Nama tidak boleh kosong.")
    employee = Employee(
        nip=_valid_nip(nip), name=name.strip(), jabatan=jabatan, unit_id=unit_id, active=True, created_at=now, updated_at=now
    )
    session.add(employee)
    session.flush()
    return employee


def open_account(session: Session, *, employee: Employee, role: Role, password: str, must_change: bool, now: datetime) -> Account:
    """Give an employee a login with an initial password."""
    account = open_account_hashed(session, employee=employee, role=role, password_hash="", now=now)
    set_password(account, password, now=now, must_change=must_change)
    session.flush()
    return account


def open_account_hashed(session: Session, *, employee: Employee, role: Role, password_hash: str, now: datetime) -> Account:
    """Give an employee a login whose initial password is already hashed; it must be changed at first login."""
    account = Account(
        employee_id=employee.id,
        role=Role(role),
        password_hash=password_hash,
        must_change_password=True,
        failed_logins=0,
        created_at=now,
    )
    session.add(account)
    return account


@dataclass(frozen=True)
class AccountPanel:
    """One person's login as HR manages it: who, which role, whether locked, and the units an admin may manage."""

    employee_id: int
    name: str
    role: Role
    locked: bool
    scope_unit_id: int | None
    offices: dict[int, str]


def account_panel(session: Session, *, actor: CurrentUser, nip: str, now: datetime) -> AccountPanel:
    """The account of the person with this NIP, if the actor may act on them (scope and rank)."""
    not_here = NotFound("Pegawai dengan NIP itu tidak ada di cakupan Anda. Periksa ke-18 digitnya, atau cari namanya di atas.")
    employee = queries.employee_by_nip(session, normalise_nip(nip))
    if employee is None:
        raise not_here
    try:
        account = _account_to_act_on(session, actor, employee.id)
    except OutOfScope:
        raise not_here from None  # whether a NIP exists in another perangkat daerah is not this admin's to learn
    offices = {unit.id: unit.name for unit in queries.all_units(session) if unit.level == UnitLevel.OFFICE}
    locked = account.locked_until is not None and account.locked_until > now
    return AccountPanel(employee.id, employee.name, Role(account.role), locked, account.scope_unit_id, offices)


def reset_password(session: Session, *, actor: CurrentUser, employee_id: int, now: datetime) -> str:
    """Give a person the actor may act on a new initial password (returned once, to hand over), unlock and log them out."""
    account = _account_to_act_on(session, actor, employee_id)
    password = passwords.generate_initial_password()
    set_password(account, password, now=now, must_change=True)
    queries.revoke_sessions_of(session, account.id, now)
    audit.record(session, actor.account_id, AuditAction.ACCOUNT_RESET_PASSWORD, account.employee.nip, details={}, now=now)
    return password


def unlock(session: Session, *, actor: CurrentUser, employee_id: int, now: datetime) -> None:
    """Lift the lockout after failed logins of a person the actor may act on."""
    account = _account_to_act_on(session, actor, employee_id)
    before = {"failed_logins": account.failed_logins, "locked_until": str(account.locked_until or "")}
    account.failed_logins, account.locked_until = 0, None
    audit.record(session, actor.account_id, AuditAction.ACCOUNT_UNLOCK, account.employee.nip, details=before, now=now)


def set_role(session: Session, *, actor: CurrentUser, employee_id: int, role: str, unit_id: int | None, now: datetime) -> None:
    """Make a person a peserta, an admin of one perangkat daerah, or a super admin (super admins only)."""
    # The role as it is now, not as it was when the page ran: a super admin demoted a moment ago, with a tab
    # still open, must not promote anyone.
    actor = current_actor(session, actor)
    if actor.role is not Role.SUPER_ADMIN:
        raise NotAllowed("Hanya super admin yang dapat mengubah peran akun.")
    account = _account_to_act_on(session, actor, employee_id)
    if role not in Role._value2member_map_:
        raise AccountRefused(f"Peran tidak dikenal: {role}")
    new_role = Role(role)
    if new_role is Role.UNIT_ADMIN and (unit_id is None or queries.unit_by_id(session, unit_id) is None):
        raise AccountRefused("Pilih perangkat daerah yang akan dikelola admin ini.")
    if account.role == Role.SUPER_ADMIN and new_role is not Role.SUPER_ADMIN and queries.super_admin_count(session) <= 1:
        raise NotAllowed("Super admin terakhir tidak dapat diturunkan perannya; angkat super admin lain terlebih dahulu.")
    before = {"role": account.role, "unit_id": account.scope_unit_id}
    account.role, account.scope_unit_id = new_role, unit_id if new_role is Role.UNIT_ADMIN else None
    details = {"before": before, "after": {"role": account.role, "unit_id": account.scope_unit_id}}
    audit.record(session, actor.account_id, AuditAction.ACCOUNT_ROLE, account.employee.nip, details=details, now=now)


def _account_to_act_on(session: Session, actor: CurrentUser, employee_id: int) -> Account:
    _employee, account = person_to_act_on(session, actor, employee_id)
    if account is None:
        raise AccountRefused("Pegawai ini belum memiliki akun. Akun dibuat saat data pegawai yang memuat NIP ini diimpor.")
    return account


def _valid_nip(raw: str) -> str:
    try:
        parse_nip(raw)
    except InvalidNip as exc:
        raise AccountRefused(exc.message) from exc
    return normalise_nip(raw)
