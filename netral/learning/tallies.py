"""Misconception tallies: first-attempt answers per unit and violation category, kept as each attempt is submitted.

Written here, where submissions are reacted to; the HR context only reads them (the peta kerawanan).
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy.orm import Session

from db import queries
from db.models import Attempt, Employee
from db.queries.reports import FULL_MARK


def tally_first_attempt(session: Session, attempt: Attempt) -> None:
    """Add a just-submitted first attempt's answers to its unit's tallies (later attempts are practice, not diagnosis)."""
    if attempt.number != 1:
        return
    employee = session.get(Employee, attempt.employee_id)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for answer, version, *_ in queries.answers_with_versions(session, attempt.id):
        if answer.answered_at is not None:
            counts[version.category][0] += 1
            counts[version.category][1] += int((answer.points or 0) < FULL_MARK)
    unit_key = employee.unit_id if employee and employee.unit_id else 0
    for category, (answered, wrong) in sorted(counts.items()):
        queries.add_to_tally(session, unit_key=unit_key, category=category, answered=answered, wrong=wrong)


def recount_tallies(session: Session) -> int:
    """Rebuild every tally from the stored answers (after moving many people between units); return the rows written."""
    queries.clear_tallies(session)
    rows = queries.first_attempt_answers_by_category(session)
    for unit_key, category, answered, wrong in rows:
        queries.add_to_tally(session, unit_key=unit_key, category=category, answered=answered, wrong=int(wrong or 0))
    return len(rows)
