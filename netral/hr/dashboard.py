"""The Dasbor's services: one overview for the admin's scope, who has not finished, and the deadline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from db import queries
from netral.core.agency_store import read_setting, save_setting
from netral.core.enums import AuditAction
from netral.hr.completion import (
    Completion,
    completion_by_office,
    completion_by_unit,
    completion_total,
    completion_trend,
    progress_status,
)
from netral.hr.reports import Listing, modules_passed
from netral.people.authority import Actor, acting_scope, actor_account_id
from netral.people.scope import Scope
from netral.people.units import UnitTree

DEADLINE_KEY = "completion_deadline"
PEOPLE_HEADER = ["NIP", "Nama", "Jabatan", "Perangkat Daerah", "Unit Kerja", "Status", "Modul lulus", "Progres modul (%)"]


@dataclass(frozen=True)
class Overview:
    """Everything the Dasbor shows at the top: the scope, completion at three levels, the deadline and the trend."""

    scope: Scope
    units: list[Completion]
    offices: list[Completion]
    total: Completion
    deadline: date | None
    days_left: int | None
    trend: list[tuple[date, int]]

    def units_of(self, office: str) -> list[Completion]:
        """The unit rows of one perangkat daerah."""
        return [u for u in self.units if u.office == office]

    @property
    def unit_labels(self) -> dict[int, str]:
        """Units an admin may pick, labelled "Perangkat daerah / Unit kerja"."""
        return {u.unit_id: u.label for u in self.units if u.unit_id is not None}


def overview(session: Session, *, actor: Actor, agency_name: str, zone: ZoneInfo, now: datetime) -> Overview:
    """The Dasbor for the actor's scope at `now`."""
    scope = acting_scope(session, actor)
    today = now.astimezone(zone).date()
    units = completion_by_unit(session, scope, agency_name=agency_name, now=now)
    day = deadline(session)
    return Overview(
        scope=scope,
        units=units,
        offices=completion_by_office(units),
        total=completion_total(units, scope.label),
        deadline=day,
        days_left=days_left(day, today),
        trend=completion_trend(session, scope, zone=zone, today=today, now=now),
    )


def people_of(
    session: Session,
    *,
    actor: Actor,
    agency_name: str,
    now: datetime,
    only_unfinished: bool,
    unit_id: int | None = None,
    search: str = "",
) -> tuple[list[str], list[list[object]]]:
    """Active employees in the actor's scope (optionally one unit, or only those not finished) with their progress.

    A unit outside the scope yields nobody.
    """
    return people_listing(
        session, actor=actor, agency_name=agency_name, now=now, only_unfinished=only_unfinished, unit_id=unit_id, search=search
    ).pair()


def people_listing(
    session: Session,
    *,
    actor: Actor,
    agency_name: str,
    now: datetime,
    only_unfinished: bool,
    unit_id: int | None = None,
    search: str = "",
) -> Listing:
    """`people_of` with each row's employee id; the progress is modules passed out of all ("2 dari 3") and a share."""
    unit_ids = acting_scope(session, actor).unit_ids
    if unit_id is not None:
        unit_ids = frozenset({unit_id} if unit_ids is None or unit_id in unit_ids else set())
    tree = UnitTree.load(session, agency_name)
    people = queries.employees_by_progress(
        session, now=now, unit_ids=unit_ids, only_unfinished=only_unfinished, search=search.strip()
    )
    total, passed = modules_passed(session, unit_ids) if people else (0, {})
    rows: list[list[object]] = []
    for employee, started, completed in people:
        office, unit = tree.names_of(employee.unit_id)
        done = passed.get(employee.id, 0)
        share = round(100 * done / total, 1) if total else 0.0
        status = progress_status(started, completed)
        rows.append([employee.nip, employee.name, employee.jabatan or "", office, unit, status, f"{done} dari {total}", share])
    return Listing(PEOPLE_HEADER, rows, [employee.id for employee, _s, _c in people])


def deadline(session: Session) -> date | None:
    """The agency's deadline for everyone to complete, if set."""
    value = read_setting(session, DEADLINE_KEY, {"date": None})["date"]
    return date.fromisoformat(value) if value else None


def set_deadline(session: Session, *, actor: Actor, day: date | None, now: datetime) -> None:
    """Set or clear the completion deadline (super admins, audited)."""
    acting_scope(session, actor, whole_agency=True)
    value: dict[str, Any] = {"date": day.isoformat() if day else None}
    save_setting(
        session,
        key=DEADLINE_KEY,
        value=value,
        action=AuditAction.COMPLETION_DEADLINE,
        actor_account_id=actor_account_id(actor),
        now=now,
    )


def days_left(deadline_day: date | None, today: date) -> int | None:
    """Days from today to the deadline (negative once it has passed)."""
    return None if deadline_day is None else (deadline_day - today).days
