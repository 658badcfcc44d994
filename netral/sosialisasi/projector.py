"""What the projector page and HR's event page read, each in one service call."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from db import queries
from db.queries import sosialisasi as live_queries
from netral.people.authority import Actor
from netral.sosialisasi import live, tokens
from netral.sosialisasi.events import managed_event, managed_events
from netral.sosialisasi.hall import check_in_link


@dataclass(frozen=True)
class ProjectorView:
    """The projector's screen: the check-in QR link and code of this window, and the live quiz with its count."""

    event_id: int
    title: str
    attendance_open: bool
    link: str
    code: str
    seconds_left: int
    items: tuple[tuple[int, str], ...]  # position, text
    snapshot: live.Snapshot
    tally: live.Tally


def projector_view(session: Session, actor: Actor, *, event_id: int, secret: str, base_url: str, now: datetime) -> ProjectorView:
    """Everything the projector shows now, for HR of the event's scope."""
    event = managed_event(session, actor, event_id)
    items = tuple((item.position, str(item.content["text"])) for item in live_queries.items(session, event_id))
    return ProjectorView(
        event.id,
        event.title,
        event.attendance_open,
        check_in_link(base_url, tokens.qr_token(secret, event.id, now)),
        tokens.code(secret, event.id, now),
        tokens.seconds_left(now),
        items,
        live.snapshot(session, event_id),
        live.tally(session, actor, event_id=event_id),
    )


def live_question_choices(session: Session) -> dict[str, str]:
    """Bank questions a live quiz can ask (one answer: single choice or benar/salah), labelled with module and text."""
    keys = {question.id: key for key, question in queries.questions_by_key(session).items()}
    choices = {}
    for module in queries.active_modules(session):
        for version in queries.latest_question_versions(session, module.id):
            if version.kind in ("single", "truefalse"):
                text = str(version.content["text"])
                choices[keys[version.question_id]] = f"{module.title}: {text[:90]}{'…' if len(text) > 90 else ''}"
    return choices


@dataclass(frozen=True)
class EventRow:
    """One line of HR's list of events."""

    event_id: int
    title: str
    starts_at: datetime
    place: str
    jp: int
    present: int
    # The election cycle the event belongs to (None: outside any cycle).
    cycle: str | None = None


def events_overview(session: Session, actor: Actor) -> list[EventRow]:
    """HR's list of the events they may run, newest first, with how many are present."""
    events = managed_events(session, actor)
    cycles = live_queries.cycle_names(session, [e.id for e in events])
    return [
        EventRow(e.id, e.title, e.starts_at, e.place, e.jp, live_queries.attendance_count(session, e.id), cycles.get(e.id))
        for e in events
    ]
