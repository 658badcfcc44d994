"""Misconception tallies, kept as each attempt is submitted: first-attempt answers per unit and violation category
(the Dasbor's peta kerawanan), and every answer of a cycle's attempts per cycle, unit and category (the per-cycle
dashboard, which would otherwise read every answer of the cycle).

Written here, where submissions are reacted to; the HR context only reads them.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from db import queries, reading, transaction
from db.models import Attempt, Employee
from db.queries import cycle_reports
from db.queries.reports import FULL_MARK


def tally_attempt(session: Session, attempt: Attempt) -> None:
    """Add a just-submitted attempt's answers to its unit's tallies: the first attempt to the Dasbor's (later ones
    are practice, not diagnosis), any attempt of a cycle to that cycle's."""
    if attempt.number != 1 and attempt.cycle_id is None:
        return
    employee = session.get(Employee, attempt.employee_id)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for answer, version, *_ in queries.answers_with_versions(session, attempt.id):
        if answer.answered_at is not None:
            counts[version.category][0] += 1
            counts[version.category][1] += int((answer.points or 0) < FULL_MARK)
    unit_key = employee.unit_id if employee and employee.unit_id else 0
    for category, (answered, wrong) in sorted(counts.items()):
        if attempt.number == 1:
            queries.add_to_tally(session, unit_key=unit_key, category=category, answered=answered, wrong=wrong)
        if attempt.cycle_id is not None:
            cycle_reports.add_to_cycle_tally(
                session, cycle_id=attempt.cycle_id, unit_key=unit_key, category=category, answered=answered, wrong=wrong
            )


def recount_tallies(session: Session, unit: int | None = None) -> int:
    """Rebuild both tallies (of one unit key) from the stored answers; return the rows written."""
    queries.clear_tallies(session, unit)
    rows = queries.first_attempt_answers_by_category(session, unit)
    for unit_key, category, answered, wrong in rows:
        queries.add_to_tally(session, unit_key=unit_key, category=category, answered=answered, wrong=int(wrong or 0))
    cycle_reports.clear_cycle_tallies(session, unit)
    cycle_rows = cycle_reports.cycle_answers_by_category(session, unit=unit)
    for cycle_id, unit_key, category, answered, wrong in cycle_rows:
        cycle_reports.add_to_cycle_tally(
            session, cycle_id=cycle_id, unit_key=unit_key, category=category, answered=answered, wrong=int(wrong or 0)
        )
    return len(rows) + len(cycle_rows)


def recount_in_steps(engine: Engine) -> int:
    """Rebuild every tally one unit per transaction (after moving many people between units).

    One transaction over all answers held SQLite's only write lock for the whole count; per unit, each step is
    short, and each still reads and writes its unit consistently, so an answer submitted meanwhile is counted once.
    """
    with reading(engine) as session:
        units = sorted(set(queries.tally_unit_keys(session)) | cycle_reports.cycle_tally_unit_keys(session))
    written = 0
    for unit in units:
        with transaction(engine) as session:
            written += recount_tallies(session, unit)
    return written
