"""Completion figures: per unit kerja, rolled up per perangkat daerah, the whole scope, and the trend per day.

Completed means holding a certificate valid at `now` (Certificate.is_valid_at): an expired certificate
no longer counts, because an agency recertifies its people before each election.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from db import queries
from netral.core.enums import Progress
from netral.people.scope import Scope
from netral.people.units import UnitTree, join_names

NO_OFFICE = "(tanpa perangkat daerah)"


@dataclass(frozen=True)
class Completion:
    """Completion of a group of active employees (an agency, a perangkat daerah or a unit kerja)."""

    office: str
    unit: str
    unit_id: int | None
    total: int
    started: int
    completed: int

    @property
    def not_started(self) -> int:
        """Employees with no attempt and no pakta yet."""
        return self.total - self.started

    @property
    def in_progress(self) -> int:
        """Employees who started but hold no valid certificate."""
        return self.started - self.completed

    @property
    def label(self) -> str:
        """ "Perangkat daerah / Unit kerja" as people read it."""
        return join_names(self.office, self.unit)

    @property
    def percent(self) -> float:
        """Share completed, in percent (0 for an empty group)."""
        return round(100 * self.completed / self.total, 1) if self.total else 0.0


def completion_by_unit(session: Session, scope: Scope, *, agency_name: str, now: datetime) -> list[Completion]:
    """Completion per unit kerja (or per perangkat daerah where employees sit directly in it), by name."""
    tree = UnitTree.load(session, agency_name)
    rows = []
    for unit_id, total, started, completed in queries.completion_by_unit(session, now=now, unit_ids=scope.unit_ids):
        office, unit = tree.names_of(unit_id)
        rows.append(Completion(office or NO_OFFICE, unit, unit_id, total, int(started or 0), int(completed or 0)))
    return sorted(rows, key=lambda r: (r.office.casefold(), r.unit.casefold()))


def completion_by_office(units: Iterable[Completion]) -> list[Completion]:
    """Roll unit rows up to their perangkat daerah."""
    sums: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for row in units:
        total = sums[row.office]
        total[0], total[1], total[2] = total[0] + row.total, total[1] + row.started, total[2] + row.completed
    return [Completion(office, "", None, *figures) for office, figures in sorted(sums.items(), key=lambda i: i[0].casefold())]


def completion_total(units: Iterable[Completion], label: str) -> Completion:
    """The whole scope in one row."""
    rows = list(units)
    return Completion(label, "", None, sum(r.total for r in rows), sum(r.started for r in rows), sum(r.completed for r in rows))


def completion_trend(session: Session, scope: Scope, *, zone: ZoneInfo, today: date, now: datetime) -> list[tuple[date, int]]:
    """Cumulative completions per day, from the first completion to today (days without any carried over)."""
    offset = now.astimezone(zone).utcoffset() or timedelta(0)
    per_day = dict(
        queries.completions_per_day(
            session, now=now, utc_offset_hours=int(offset.total_seconds() // 3600), unit_ids=scope.unit_ids
        )
    )
    if not per_day:
        return []
    day, running, trend = min(per_day), 0, []
    while day <= max(today, max(per_day)):
        running += per_day.get(day, 0)
        trend.append((day, running))
        day += timedelta(days=1)
    return trend


def progress_status(started: bool, completed: bool) -> Progress:
    """The word HR sees for an employee's progress."""
    return Progress.COMPLETED if completed else Progress.IN_PROGRESS if started else Progress.NOT_STARTED


def completion_table(rows: Sequence[Completion], *, with_unit: bool) -> tuple[list[str], list[list[object]]]:
    """Rows for the screen and the export, in Indonesian."""
    header = ["Perangkat Daerah"] + (["Unit Kerja"] if with_unit else [])
    header += ["Pegawai", "Belum Mulai", "Sedang Berjalan", "Selesai", "Selesai (%)"]
    body: list[list[object]] = [
        [r.office] + ([r.unit] if with_unit else []) + [r.total, r.not_started, r.in_progress, r.completed, r.percent]
        for r in rows
    ]
    return header, body
