"""What the learning context does when the quiz context has scored an attempt: tally it, and issue if due."""

from __future__ import annotations

from sqlalchemy.orm import Session

from db.models import Attempt
from netral.core import events
from netral.core.dates import utcnow
from netral.core.settings import Settings
from netral.learning.completion import issue_if_complete
from netral.learning.tallies import tally_attempt


def subscribe(settings: Settings) -> None:
    """Subscribe the learning context to the quiz context's events (called by the composition roots)."""

    def on_attempt_submitted(session: Session, event: events.AttemptSubmitted) -> None:
        attempt = session.get(Attempt, event.attempt_id)
        if attempt is None or attempt.submitted_at is None:
            return
        tally_attempt(session, attempt)
        # The certificate is dated when the attempt was submitted (the clock's moment for a sweep).
        issue_if_complete(session, employee_id=event.employee_id, now=attempt.submitted_at or utcnow(), settings=settings)

    events.subscribe(events.AttemptSubmitted, "learning", on_attempt_submitted)
