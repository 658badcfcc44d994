"""What attendance adds to a person's record (live answers reach the peta kerawanan through netral/hr).

An event belongs to the election cycle open on its day (netral.cycles.current.cycle_of_audience), so the JP a
person earns there count in that cycle; events outside any cycle are totalled apart, as "di luar siklus".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from db.queries import sosialisasi as live_queries

OUTSIDE_CYCLES = "di luar siklus"


@dataclass(frozen=True)
class Attended:
    """One event a person attended."""

    title: str
    starts_at: datetime
    place: str
    jp: int
    checked_in_at: datetime
    # The cycle the event belongs to (None: outside any cycle).
    cycle: str | None = None

    @property
    def cycle_label(self) -> str:
        """The cycle's name, or "di luar siklus"."""
        return self.cycle or OUTSIDE_CYCLES


@dataclass(frozen=True)
class CycleJp:
    """The JP a person earned at sosialisasi in one cycle."""

    cycle: str
    jp: int
    events: int


def attended_events(session: Session, *, employee_id: int) -> list[Attended]:
    """The events one person attended, newest first (their own record)."""
    return [
        Attended(event.title, event.starts_at, event.place, event.jp, row.checked_in_at, cycle)
        for event, row, cycle in live_queries.attended_by(session, employee_id)
    ]


def jp_per_cycle(events: Sequence[Attended]) -> list[CycleJp]:
    """JP and events per cycle, in the order the newest event of each was held (outside any cycle last)."""
    totals: dict[str | None, list[int]] = {}
    for event in events:
        total = totals.setdefault(event.cycle, [0, 0])
        total[0] += event.jp
        total[1] += 1
    order = [name for name in totals if name is not None] + ([None] if None in totals else [])
    return [CycleJp(name or OUTSIDE_CYCLES, totals[name][0], totals[name][1]) for name in order]
