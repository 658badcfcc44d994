"""Named queries of one cycle's figures: completion per unit, the exam pass rate, answers per category, the trend."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, datetime

from sqlalchemy import Row, Subquery, case, func, select
from sqlalchemy.orm import Session

from db.models import Answer, Attempt, Certificate, Employee, QuestionVersion, Quiz
from db.queries.people import in_units
from netral.core.enums import QuizKind

FULL_MARK = 0.999


def cycle_progress(cycle_id: int, now: datetime) -> tuple[Subquery, Subquery]:
    """Who completed the cycle (a certificate of the cycle valid at `now`) and who started it, as lists to join once."""
    done = select(Certificate.employee_id.label("id")).where(Certificate.cycle_id == cycle_id, Certificate.is_valid_at(now))
    started = select(Attempt.employee_id.label("id")).where(Attempt.cycle_id == cycle_id)
    return done.distinct().subquery("done"), started.distinct().subquery("started")


def cycle_completion_by_unit(
    session: Session, *, cycle_id: int, now: datetime, unit_ids: Collection[int] | None
) -> Sequence[Row[int | None, int, int, int]]:
    """Per unit: active employees, how many started the cycle, how many completed it."""
    done, started = cycle_progress(cycle_id, now)
    is_done = done.c.id.is_not(None)
    stmt = (
        select(
            Employee.unit_id,
            func.count(),
            func.sum(case(((is_done | started.c.id.is_not(None)), 1), else_=0)),
            func.sum(case((is_done, 1), else_=0)),
        )
        .outerjoin(done, done.c.id == Employee.id)
        .outerjoin(started, started.c.id == Employee.id)
        .where(Employee.active.is_(True))
    )
    return session.execute(in_units(stmt, unit_ids).group_by(Employee.unit_id)).all()


def cycle_exam_results(session: Session, *, cycle_id: int, unit_ids: Collection[int] | None) -> tuple[int, int]:
    """How many people submitted the exam in the cycle, and how many of them passed it."""
    stmt = (
        select(
            func.count(func.distinct(Attempt.employee_id)),
            func.count(func.distinct(case((Attempt.passed.is_(True), Attempt.employee_id)))),
        )
        .join(Quiz, Quiz.id == Attempt.quiz_id)
        .join(Employee, Employee.id == Attempt.employee_id)
        .where(Attempt.cycle_id == cycle_id, Quiz.kind == QuizKind.EXAM, Attempt.submitted_at.is_not(None))
    )
    takers, passed = session.execute(in_units(stmt, unit_ids)).one()
    return int(takers or 0), int(passed or 0)


def cycle_categories(session: Session, *, cycle_id: int, unit_ids: Collection[int] | None) -> Sequence[Row[str, int, int]]:
    """Per violation category: answers given in the cycle's submitted attempts, and how many of them were wrong."""
    stmt = (
        select(QuestionVersion.category, func.count(), func.sum(case((Answer.points < FULL_MARK, 1), else_=0)))
        .select_from(Answer)
        .join(Attempt, Attempt.id == Answer.attempt_id)
        .join(Employee, Employee.id == Attempt.employee_id)
        .join(QuestionVersion, QuestionVersion.id == Answer.question_version_id)
        .where(Attempt.cycle_id == cycle_id, Attempt.submitted_at.is_not(None), Answer.answered_at.is_not(None))
        .group_by(QuestionVersion.category)
    )
    return session.execute(in_units(stmt, unit_ids)).all()


def cycle_completions_per_day(
    session: Session, *, cycle_id: int, now: datetime, unit_ids: Collection[int] | None
) -> list[tuple[date, int]]:
    """How many people completed the cycle on each (UTC) day, by their first valid certificate of the cycle."""
    first = select(Certificate.employee_id, func.min(Certificate.issued_at).label("at")).where(
        Certificate.cycle_id == cycle_id, Certificate.is_valid_at(now)
    )
    first = in_units(first.join(Employee, Employee.id == Certificate.employee_id), unit_ids)
    rows = session.execute(first.group_by(Certificate.employee_id)).all()
    per_day: dict[date, int] = {}
    for _employee, at in rows:
        per_day[at.date()] = per_day.get(at.date(), 0) + 1
    return sorted(per_day.items())
