"""The one lookup of a person's current cycle, used by learning, certificates and HR alike.

A cycle is open from its open date until a super admin closes it; its cohort is the whole agency or
chosen perangkat daerah, read at the moment of asking, so people who join the roster later join the
open cycle without any step. With no open cycle Netral reads every attempt and certificate, as before
cycles existed.
"""

from __future__ import annotations

import calendar
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from db.models import Cycle
from db.queries import cycles as cycle_queries
from netral.core.cycle_enums import CycleKind, CyclePath
from netral.core.dates import agency_day, format_date, utcnow
from netral.people.scope import descendants


@dataclass(frozen=True)
class CycleView:
    """A cycle as the services read it."""

    id: int
    name: str
    kind: CycleKind
    voting_day: date | None
    opens_on: date
    deadline: date
    path: CyclePath
    refresher_modules: tuple[str, ...]
    whole_agency: bool
    valid_months_after_vote: int | None
    closed: bool

    @classmethod
    def of(cls, cycle: Cycle) -> CycleView:
        """The view of a stored cycle."""
        return cls(
            cycle.id,
            cycle.name,
            CycleKind(cycle.kind),
            cycle.voting_day,
            cycle.opens_on,
            cycle.deadline,
            CyclePath(cycle.path),
            tuple(cycle.refresher_modules or ()),
            cycle.whole_agency,
            cycle.valid_months_after_vote,
            cycle.closed_at is not None,
        )

    @property
    def voting_day_text(self) -> str:
        """The voting day the Indonesian way, or "belum ditetapkan"."""
        return format_date(self.voting_day) if self.voting_day else "belum ditetapkan"

    def days_left(self, today: date) -> int:
        """Days from today to the deadline (negative once it has passed)."""
        return (self.deadline - today).days

    def certificate_valid_until(self) -> date | None:
        """The end of a certificate's validity: a set number of months after the voting day (None: not set)."""
        if self.valid_months_after_vote is None or self.voting_day is None:
            return None
        return add_months(self.voting_day, self.valid_months_after_vote)


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day where it is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def current_cycle(session: Session, *, employee_id: int, now: datetime | None = None) -> CycleView | None:
    """The open cycle whose cohort holds the employee now (the most recently opened one), or None."""
    today = agency_day(now or utcnow())
    opened = cycle_queries.open_cycles(session, today)
    if not opened:
        return None
    cohorts = cycle_queries.cohort_units(session, [cycle.id for cycle in opened])
    office = cycle_queries.office_of_employee(session, employee_id)
    for cycle in opened:
        if cycle.whole_agency or office in cohorts[cycle.id]:
            return CycleView.of(cycle)
    return None


def cycle_of_audience(session: Session, unit_ids: Collection[int] | None, day: date) -> CycleView | None:
    """The cycle open on `day` whose cohort holds a whole audience (units invited; None: the whole agency).

    An event for the whole agency belongs only to a cycle for the whole agency; one for chosen units to the
    most recently opened cycle whose cohort holds every perangkat daerah invited. An audience that spans
    cohorts of different cycles belongs to none: its JP cannot count in two cycles at once.
    """
    opened = cycle_queries.open_cycles(session, day)
    if not opened:
        return None
    cohorts = cycle_queries.cohort_units(session, [cycle.id for cycle in opened])
    offices = None if unit_ids is None else cycle_queries.offices_of_units(session, unit_ids)
    for cycle in opened:
        if cycle.whole_agency or (offices is not None and offices <= cohorts[cycle.id]):
            return CycleView.of(cycle)
    return None


def takes_refresher(session: Session, cycle: CycleView | None, *, employee_id: int) -> bool:
    """Whether the employee takes this cycle's refresher: it offers one and they were certified in the previous cycle."""
    if cycle is None or cycle.path is not CyclePath.REFRESHER:
        return False
    stored = session.get(Cycle, cycle.id)
    previous = cycle_queries.previous_cycle(session, stored) if stored is not None else None
    return cycle_queries.certified_in(session, employee_id, previous.id if previous else None)


@dataclass(frozen=True)
class CycleDates:
    """The dates a peserta sees on Beranda: the open cycle's voting day and deadline, with days left."""

    name: str
    voting_day_text: str
    deadline_text: str
    days_left: int
    refresher: bool


def cycle_dates(session: Session, *, employee_id: int, now: datetime, zone: ZoneInfo) -> CycleDates | None:
    """The open cycle's dates for this employee (None when no cycle is open for them)."""
    cycle = current_cycle(session, employee_id=employee_id, now=now)
    if cycle is None:
        return None
    return CycleDates(
        cycle.name,
        cycle.voting_day_text,
        format_date(cycle.deadline),
        cycle.days_left(now.astimezone(zone).date()),
        takes_refresher(session, cycle, employee_id=employee_id),
    )


def cohort_unit_ids(session: Session, cycle: Cycle, within: frozenset[int] | None = None) -> frozenset[int] | None:
    """The units a cycle's cohort covers (None: every unit), narrowed to `within` (an admin's scope) when given."""
    if cycle.whole_agency:
        return within
    cohort = frozenset(descendants(session, cycle_queries.cohort_units(session, [cycle.id])[cycle.id]))
    return cohort if within is None else cohort & within
