"""Who may act on whom: every per-person action asks here, on the server, before it changes anything.

The rule: an administrator acts only on people inside their scope and of lower rank (super admin >
admin perangkat daerah > peserta); a super admin's account is touched only by another super admin;
nobody acts on their own account through HR actions (their own password goes through Ganti kata sandi).
The actor's role is read again from the database, so a demotion in another tab takes effect at once.

`actor=None` is the operator at the command line (`python -m netral ...`), who already holds the
server and its database; pages always pass the logged-in user (tests/test_architecture.py checks).
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.orm import Session

from db import queries
from db.models import Account, Employee
from netral.core.enums import Role
from netral.core.errors import NotAllowed, NotFound
from netral.identity.auth import CurrentUser
from netral.people.scope import WHOLE_AGENCY, Scope, admin_scope, ensure_employee_in_scope, unit_choices

Actor = CurrentUser | None


def current_actor(session: Session, actor: CurrentUser) -> CurrentUser:
    """The actor as the database knows them now (role and scope unit), refused when the account is gone."""
    account = session.get(Account, actor.account_id)
    if account is None or account.employee_id != actor.employee_id:
        raise NotFound("Akun Anda tidak ditemukan. Silakan masuk kembali.")
    return replace(actor, role=Role(account.role), scope_unit_id=account.scope_unit_id)


def acting_scope(session: Session, actor: Actor, *, whole_agency: bool = False) -> Scope:
    """The fresh actor's scope; refuses a peserta (and anyone but a super admin when `whole_agency`)."""
    if actor is None:
        return WHOLE_AGENCY
    return admin_scope(session, current_actor(session, actor), whole_agency=whole_agency)


def actor_account_id(actor: Actor) -> int | None:
    """The account the audit log names (None: the operator at the command line)."""
    return actor.account_id if actor is not None else None


def person_to_act_on(session: Session, actor: Actor, employee_id: int) -> tuple[Employee, Account | None]:
    """The employee (and account) `actor` may act on, or a refusal saying why not."""
    employee = queries.employee_by_id(session, employee_id)
    if employee is None:
        raise NotFound("Pegawai tidak ditemukan.")
    if actor is None:
        return employee, queries.accounts_of(session, [employee_id]).get(employee_id)
    fresh = current_actor(session, actor)
    ensure_employee_in_scope(session, admin_scope(session, fresh), employee_id)
    account = queries.accounts_of(session, [employee_id]).get(employee_id)
    ensure_may_act_on(fresh, employee_id, account)
    return employee, account


def ensure_may_act_on(fresh: CurrentUser, employee_id: int, account: Account | None) -> None:
    """Refuse acting on one's own account, or on an account of the actor's rank or higher (a super admin may act on
    another super admin). `fresh` comes from `current_actor`; the employee's scope is checked before."""
    if employee_id == fresh.employee_id:
        raise NotAllowed("Tindakan ini tidak dapat dilakukan pada akun Anda sendiri. Minta admin lain melakukannya.")
    target = Role(account.role) if account is not None else Role.PESERTA
    if target.rank >= fresh.role.rank and not (target is Role.SUPER_ADMIN and fresh.role is Role.SUPER_ADMIN):
        raise NotAllowed(f"Akun {target.label.lower()} hanya dapat dikelola oleh admin dengan peran lebih tinggi.")


def units_to_choose(session: Session, actor: Actor) -> dict[int, str]:
    """The perangkat daerah and unit kerja the actor may filter by, labelled "Perangkat daerah / Unit kerja"."""
    return unit_choices(session, acting_scope(session, actor))
