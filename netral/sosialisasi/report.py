"""The event report: who came against who was invited, pre-test against post-test, what people still get wrong.

Scores compare the same items before and after the talk. The gain is the post-test's share of right answers
minus the pre-test's, over the people who answered both rounds of an item (someone who came late and only
took the post-test would otherwise look like learning).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from db.models import LiveAnswer
from db.queries import cycles as cycle_queries
from db.queries import sosialisasi as live_queries
from netral.core.enums import LiveRound
from netral.people.authority import Actor
from netral.people.units import UnitTree
from netral.sosialisasi.events import audience_units, managed_event


@dataclass(frozen=True)
class UnitAttendance:
    """One perangkat daerah or unit: invited and present."""

    unit: str
    invited: int
    present: int

    @property
    def share(self) -> float:
        """Present in percent of invited (people from outside the invitation can push it above 100)."""
        return round(100 * self.present / self.invited, 1) if self.invited else 0.0


@dataclass(frozen=True)
class ItemResult:
    """One item: its text and category, and the share right in each round among those who answered both."""

    position: int
    text: str
    category: str
    both: int
    pre_right: int
    post_right: int

    @property
    def pre_share(self) -> float:
        """Right in the pre-test, in percent."""
        return round(100 * self.pre_right / self.both, 1) if self.both else 0.0

    @property
    def post_share(self) -> float:
        """Right in the post-test, in percent."""
        return round(100 * self.post_right / self.both, 1) if self.both else 0.0

    @property
    def gain(self) -> float:
        """Percentage points gained by the talk."""
        return round(self.post_share - self.pre_share, 1)


@dataclass(frozen=True)
class EventReport:
    """Everything the event report shows."""

    event_id: int
    title: str
    starts_at: datetime
    place: str
    speakers: tuple[str, ...]
    jp: int
    attendance: tuple[UnitAttendance, ...]
    items: tuple[ItemResult, ...]
    categories: tuple[tuple[str, float, float], ...]  # category, pre share, post share
    # The election cycle the event belongs to, where its JP count (None: outside any cycle).
    cycle: str | None = None

    @property
    def invited(self) -> int:
        """Everybody invited."""
        return sum(row.invited for row in self.attendance)

    @property
    def present(self) -> int:
        """Everybody present."""
        return sum(row.present for row in self.attendance)

    @property
    def pre_share(self) -> float:
        """Right answers in the pre-test over all items, in percent."""
        both = sum(i.both for i in self.items)
        return round(100 * sum(i.pre_right for i in self.items) / both, 1) if both else 0.0

    @property
    def post_share(self) -> float:
        """Right answers in the post-test over all items, in percent."""
        both = sum(i.both for i in self.items)
        return round(100 * sum(i.post_right for i in self.items) / both, 1) if both else 0.0

    def still_wrong(self, count: int = 3) -> list[ItemResult]:
        """The items most people still got wrong after the talk."""
        answered = [i for i in self.items if i.both]
        return sorted(answered, key=lambda i: (i.post_share, i.position))[:count]


def event_report(
    session: Session, actor: Actor, *, event_id: int, agency_name: str, category_labels: Mapping[str, str]
) -> EventReport:
    """The report of one event, for HR of its scope."""
    event = managed_event(session, actor, event_id)
    tree = UnitTree.load(session, agency_name)
    invited_units = audience_units(session, event)
    invited: dict[str, int] = defaultdict(int)
    present: dict[str, int] = defaultdict(int)
    for unit_id, count in live_queries.invited_by_unit(session, invited_units):
        invited[tree.names_of(unit_id)[0] or "(tanpa unit)"] += count
    for unit_id, count in live_queries.attended_by_unit(session, event_id):
        present[tree.names_of(unit_id)[0] or "(tanpa unit)"] += count
    attendance = tuple(UnitAttendance(name, invited[name], present[name]) for name in sorted(set(invited) | set(present)))
    answers: dict[tuple[int, int], dict[str, LiveAnswer]] = defaultdict(dict)
    for row in live_queries.event_answers(session, event_id):
        answers[(row.item_id, row.employee_id)][row.round] = row
    results = []
    for item in live_queries.items(session, event_id):
        pairs = [rounds for (item_id, _e), rounds in answers.items() if item_id == item.id and len(rounds) == 2]
        results.append(
            ItemResult(
                item.position,
                str(item.content["text"]),
                category_labels.get(item.category, item.category),
                len(pairs),
                sum(r[LiveRound.PRE.value].correct for r in pairs),
                sum(r[LiveRound.POST.value].correct for r in pairs),
            )
        )
    by_category: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for result in results:
        cell = by_category[result.category]
        cell[0], cell[1], cell[2] = cell[0] + result.both, cell[1] + result.pre_right, cell[2] + result.post_right
    categories = tuple(
        (name, round(100 * pre / both, 1), round(100 * post / both, 1))
        for name, (both, pre, post) in sorted(by_category.items())
        if both
    )
    speakers = tuple(f"{s['name']} ({s['institution']})" if s.get("institution") else str(s["name"]) for s in event.speakers)
    return EventReport(
        event.id,
        event.title,
        event.starts_at,
        event.place,
        speakers,
        event.jp,
        attendance,
        tuple(results),
        categories,
        None if event.cycle_id is None else cycle_queries.cycle_names(session, [event.cycle_id]).get(event.cycle_id),
    )
