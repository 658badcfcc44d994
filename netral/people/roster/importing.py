"""Roster import, first half: compare a read roster with the database (the dry run HR previews).

Writing it is `netral.people.roster.writing`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from db import queries
from db.models import Employee
from netral.core.agency_store import read_setting, save_setting
from netral.core.enums import AuditAction, FirstLogin, ImportMode, Role, RosterAction
from netral.core.errors import Refusal
from netral.people.authority import Actor, acting_scope, actor_account_id
from netral.people.roster.reading import RosterFile, RosterProblem, RosterRow
from netral.people.units import UnitTree, unit_key

ADD, UPDATE, REACTIVATE, DEACTIVATE, KEEP_ADMIN = (
    RosterAction.ADD,
    RosterAction.UPDATE,
    RosterAction.REACTIVATE,
    RosterAction.DEACTIVATE,
    RosterAction.KEEP_ADMIN,
)
VALID_ONLY, ALL_OR_NOTHING = ImportMode.VALID_ONLY, ImportMode.ALL_OR_NOTHING
GENERATED, BIRTH_DATE = FirstLogin.GENERATED, FirstLogin.BIRTH_DATE
SETTINGS_KEY = "roster"
DEFAULT_SETTINGS: dict[str, Any] = {"first_login": GENERATED.value}


class RosterRefused(Refusal):
    """The import was not applied; the message says why, for HR."""


@dataclass(frozen=True)
class PlannedChange:
    """One line of the preview: what the import would do to one employee."""

    action: str
    row: int | None
    nip: str
    name: str
    details: str
    employee_id: int | None = None


@dataclass(frozen=True)
class InitialPassword:
    """A new account's first password, shown to HR once for distribution."""

    nip: str
    name: str
    unit: str
    password: str


@dataclass(frozen=True)
class RosterPlan:
    """The dry run: the file's problems and the changes the valid rows would make."""

    roster: RosterFile
    full_sync: bool
    changes: tuple[PlannedChange, ...]
    unchanged: int

    def count(self, action: str) -> int:
        """How many planned changes have this action."""
        return sum(1 for change in self.changes if change.action == action)

    @property
    def problems(self) -> tuple[RosterProblem, ...]:
        """Every error of the file, by row."""
        return self.roster.problems

    def summary(self, *, imported: bool) -> dict[str, Any]:
        """The figures HR and the CLI report: valid rows, errors, and what was (or would be) added, updated, deactivated."""
        return {
            "valid": len(self.roster.rows),
            "errors": [{"row": p.row, "column": p.column, "reason": p.reason} for p in self.problems],
            "added": self.count(ADD),
            "updated": self.count(UPDATE) + self.count(REACTIVATE),
            "deactivated": self.count(DEACTIVATE),
            "imported": imported,
        }


@dataclass(frozen=True)
class ImportOutcome:
    """What an applied import did, and the initial passwords to hand out (never stored in clear)."""

    plan: RosterPlan
    passwords: tuple[InitialPassword, ...] = field(default=())


def plan_import(session: Session, roster: RosterFile, *, actor: Actor, full_sync: bool, agency_name: str) -> RosterPlan:
    """Compare the valid rows with the employees on record (super admins); change nothing."""
    acting_scope(session, actor, whole_agency=True)
    tree = UnitTree.load(session, agency_name)
    return _plan(session, roster, full_sync, tree, queries.employees_by_nip(session, [row.nip for row in roster.rows]))


def _plan(session: Session, roster: RosterFile, full_sync: bool, tree: UnitTree, known: dict[str, Employee]) -> RosterPlan:
    changes: list[PlannedChange] = []
    unchanged = 0
    for row in roster.rows:
        employee = known.get(row.nip)
        if employee is None:
            changes.append(PlannedChange(ADD, row.row, row.nip, row.name, tree.path_text(row.perangkat_daerah, row.unit_kerja)))
            continue
        differences = _differences(employee, row, tree)
        if not employee.active:
            changes.append(PlannedChange(REACTIVATE, row.row, row.nip, row.name, "; ".join(differences)))
        elif differences:
            changes.append(PlannedChange(UPDATE, row.row, row.nip, row.name, "; ".join(differences)))
        else:
            unchanged += 1
    if full_sync and roster.rows:
        changes.extend(_leavers(session, {row.nip for row in roster.rows}))
    return RosterPlan(roster, full_sync, tuple(changes), unchanged)


def first_login_mode(session: Session) -> FirstLogin:
    """How new accounts log in the first time: a generated password, or the birth date in the NIP."""
    stored = str(read_setting(session, SETTINGS_KEY, DEFAULT_SETTINGS)["first_login"])
    return FirstLogin(stored) if stored in FirstLogin._value2member_map_ else GENERATED


def set_first_login_mode(session: Session, *, actor: Actor, mode: str, now: datetime) -> None:
    """Choose how new accounts log in the first time (super admins, audited)."""
    acting_scope(session, actor, whole_agency=True)
    if mode not in FirstLogin._value2member_map_:
        raise RosterRefused("Pilihan login pertama tidak dikenal.")
    save_setting(
        session,
        key=SETTINGS_KEY,
        value={"first_login": mode},
        action=AuditAction.ROSTER_SETTINGS,
        actor_account_id=actor_account_id(actor),
        now=now,
    )


def _differences(employee: Employee, row: RosterRow, tree: UnitTree) -> list[str]:
    before_pd, before_unit = tree.names_of(employee.unit_id)
    pairs: list[tuple[str, str, str, Callable[[str], str]]] = [
        ("Nama", employee.name, row.name, str),
        ("Jabatan", employee.jabatan or "", row.jabatan, str),
        ("Perangkat daerah", before_pd, row.perangkat_daerah, unit_key),
        ("Unit kerja", before_unit, row.unit_kerja, unit_key),
        ("Email", employee.email or "", row.email, str.casefold),
        ("Pangkat/golongan", employee.pangkat or "", row.pangkat, str),
        ("NIP atasan", employee.atasan_nip or "", row.atasan_nip, str),
    ]
    return [f"{label}: {old or '-'} → {new or '-'}" for label, old, new, same in pairs if same(old) != same(new)]


def _leavers(session: Session, nips_in_file: set[str]) -> list[PlannedChange]:
    changes = []
    for employee_id, nip, name, role in queries.active_employees_outside(session, nips_in_file):
        if role is not None and role != Role.PESERTA:
            # An administrator missing from the roster keeps access: a sync must never lock HR out.
            changes.append(PlannedChange(KEEP_ADMIN, None, nip, name, "akun admin tidak dinonaktifkan lewat impor", employee_id))
        else:
            changes.append(
                PlannedChange(DEACTIVATE, None, nip, name, "tidak ada di berkas; riwayat tetap tersimpan", employee_id)
            )
    return sorted(changes, key=lambda c: (c.action != DEACTIVATE, c.name.casefold(), c.nip))
