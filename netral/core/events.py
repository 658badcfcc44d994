"""Domain events: one context records a fact, another reacts, and neither imports the other.

The quiz context publishes `AttemptSubmitted` when it has scored an attempt; the learning context
subscribes (completion, misconception tallies, issuing the certificate). Handlers run at once, in the
publisher's transaction, so a reaction lands exactly when the fact does. The composition roots
(`netral.startup.wire`) subscribe the handlers; publishing an event nobody subscribed to is a
wiring mistake and fails loudly instead of silently skipping a certificate.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy.orm import Session

Event = TypeVar("Event")
Handler = Callable[[Session, Any], None]

_handlers: dict[type, dict[str, Handler]] = {}


@dataclass(frozen=True)
class AttemptSubmitted:
    """An attempt was scored and closed (by the peserta or by the clock)."""

    attempt_id: int
    employee_id: int
    quiz_id: int
    number: int


class NotWired(RuntimeError):
    """An event was published before any handler subscribed: call netral.startup.wire() first."""


def subscribe(event_type: type[Event], name: str, handler: Callable[[Session, Event], None]) -> None:
    """Run `handler` for every published event of this type; a later subscription under `name` replaces it.

    Replacing by name lets a process (or a test) wire again with other settings without doubling a reaction.
    """
    _handlers.setdefault(event_type, {})[name] = handler


def publish(session: Session, event: object) -> None:
    """Hand the event to its handlers inside the caller's transaction."""
    handlers = _handlers.get(type(event))
    if not handlers:
        raise NotWired(f"{type(event).__name__} has no handler: call netral.startup.wire() at start-up")
    for handler in list(handlers.values()):
        handler(session, event)
