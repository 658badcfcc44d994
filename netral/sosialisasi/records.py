"""What attendance and live answers add to a person's record and to the peta kerawanan."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from db.queries import sosialisasi as live_queries
from netral.people.authority import Actor, acting_scope
from netral.people.scope import ensure_employee_in_scope

# Below this many live answers a share says more about chance than about a category (as the peta kerawanan).
MIN_ANSWERS = 20


@dataclass(frozen=True)
class Attended:
    """One event a person attended."""

    title: str
    starts_at: datetime
    place: str
    jp: int
    checked_in_at: datetime


@dataclass(frozen=True)
class LiveShare:
    """Live answers in one violation category: how many, how many wrong, and the share wrong (None: too few)."""

    category: str
    answered: int
    wrong: int

    @property
    def share(self) -> float | None:
        """Wrong answers in percent, or None below `MIN_ANSWERS`."""
        return round(100 * self.wrong / self.answered, 1) if self.answered >= MIN_ANSWERS else None


def attended_events(session: Session, *, employee_id: int) -> list[Attended]:
    """The events one person attended, newest first (their own record)."""
    return [
        Attended(event.title, event.starts_at, event.place, event.jp, row.checked_in_at)
        for event, row in live_queries.attended_by(session, employee_id)
    ]


def attendance_record(session: Session, actor: Actor, *, employee_id: int) -> list[Attended]:
    """A person's attended events as HR of their scope sees them in the person's record."""
    ensure_employee_in_scope(session, acting_scope(session, actor), employee_id)
    return attended_events(session, employee_id=employee_id)


def live_answer_shares(session: Session, actor: Actor, *, labels: Mapping[str, str]) -> list[LiveShare]:
    """Live answers per violation category in the actor's scope: a source of the peta kerawanan of its own
    (answers given in a hall, before and after a talk, are not exam attempts)."""
    scope = acting_scope(session, actor)
    rows = live_queries.live_category_tallies(session, scope.unit_ids)
    return sorted(
        (LiveShare(labels.get(category, category), answered, wrong) for category, answered, wrong in rows),
        key=lambda share: (-(share.share or -1), share.category),
    )
