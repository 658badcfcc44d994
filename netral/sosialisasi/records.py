"""What attendance adds to a person's record (live answers reach the peta kerawanan through netral/hr)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from db.queries import sosialisasi as live_queries
from netral.people.authority import Actor, acting_scope
from netral.people.scope import ensure_employee_in_scope


@dataclass(frozen=True)
class Attended:
    """One event a person attended."""

    title: str
    starts_at: datetime
    place: str
    jp: int
    checked_in_at: datetime


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
