"""Who an administrator may see and act on: the whole agency, or one perangkat daerah and the units under it."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy.orm import Session

from db import queries
from netral.core.enums import Role
from netral.core.errors import NotAllowed, OutOfScope
from netral.identity.auth import CurrentUser
from netral.people.units import UnitTree

__all__ = ["NOTHING", "WHOLE_AGENCY", "OutOfScope", "Scope", "admin_scope", "scope_of"]


@dataclass(frozen=True)
class Scope:
    """The units an administrator may see; `unit_ids is None` means the whole agency."""

    unit_ids: frozenset[int] | None
    label: str

    @property
    def is_whole_agency(self) -> bool:
        """A super admin's scope."""
        return self.unit_ids is None

    def allows_unit(self, unit_id: int | None) -> bool:
        """Tell whether a unit (None: an employee without a unit) lies inside the scope."""
        return self.unit_ids is None or (unit_id is not None and unit_id in self.unit_ids)


NOTHING = Scope(frozenset(), "tidak ada unit")
WHOLE_AGENCY = Scope(None, "seluruh instansi")


def scope_of(session: Session, user: CurrentUser) -> Scope:
    """The scope of a logged-in user: everything for a super admin, own units for an admin perangkat daerah."""
    if user.role is Role.SUPER_ADMIN:
        return WHOLE_AGENCY
    if user.role is not Role.UNIT_ADMIN or user.scope_unit_id is None:
        return NOTHING
    return unit_scope(session, user.scope_unit_id)


def admin_scope(session: Session, actor: CurrentUser, *, whole_agency: bool = False) -> Scope:
    """The acting administrator's scope; refuse a peserta, and anyone but a super admin when `whole_agency`."""
    if not actor.role.is_admin:
        raise NotAllowed("Tindakan ini hanya untuk admin kepegawaian.")
    if whole_agency and actor.role is not Role.SUPER_ADMIN:
        raise NotAllowed("Hanya super admin yang dapat melakukan tindakan ini.")
    return scope_of(session, actor)


def unit_scope(session: Session, unit_id: int) -> Scope:
    """A unit and every unit below it."""
    root = queries.unit_by_id(session, unit_id)
    if root is None:
        return NOTHING
    return Scope(frozenset(descendants(session, [unit_id])), root.name)


def descendants(session: Session, roots: Collection[int]) -> set[int]:
    """The given units and all units beneath them."""
    found, frontier = set(roots), set(roots)
    while frontier:
        frontier = set(queries.child_unit_ids(session, frontier)) - found
        found |= frontier
    return found


def ensure_employee_in_scope(session: Session, scope: Scope, employee_id: int) -> None:
    """Refuse an action on an employee outside the scope (checked on the server, not by the menu)."""
    if scope.is_whole_agency:
        return
    employee = queries.employee_by_id(session, employee_id)
    if employee is None or not scope.allows_unit(employee.unit_id):
        raise OutOfScope("Pegawai ini berada di luar perangkat daerah yang Anda kelola.")


def narrow(session: Session, scope: Scope, unit_id: int | None) -> Scope:
    """The scope limited to one unit and the units under it (the scope itself when no unit is chosen)."""
    if unit_id is None:
        return scope
    inside = descendants(session, [unit_id])
    return Scope(frozenset(inside if scope.unit_ids is None else inside & scope.unit_ids), scope.label)


def unit_choices(session: Session, scope: Scope) -> dict[int, str]:
    """The perangkat daerah and unit kerja an admin may filter by, labelled "Perangkat daerah / Unit kerja"."""
    tree = UnitTree.load(session)
    labels = {i: tree.label(i) for i, unit in tree.by_id.items() if unit.parent_id is not None and scope.allows_unit(i)}
    return dict(sorted(labels.items(), key=lambda item: item[1].casefold()))
