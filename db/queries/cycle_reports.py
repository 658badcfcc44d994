"""Named queries of one cycle's figures: completion per unit, the exam pass rate, answers per category, the trend."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, datetime

from sqlalchemy import Row, Subquery, case, delete, func, literal, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from db.models import Answer, Attempt, Certificate, CycleCategoryTally, Employee, QuestionVersion, Quiz
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
    exams = select(Quiz.id).where(Quiz.kind == QuizKind.EXAM)
    stmt = select(
        func.count(func.distinct(Attempt.employee_id)),
        func.count(func.distinct(case((Attempt.passed.is_(True), Attempt.employee_id)))),
    ).where(Attempt.cycle_id == cycle_id, Attempt.quiz_id.in_(exams), Attempt.submitted_at.is_not(None))
    if unit_ids is not None:  # the employee is read only to limit the units
        stmt = in_units(stmt.join(Employee, Employee.id == Attempt.employee_id), unit_ids)
    takers, passed = session.execute(stmt).one()
    return int(takers or 0), int(passed or 0)


def cycle_categories(session: Session, *, cycle_id: int, unit_ids: Collection[int] | None) -> Sequence[Row[str, int, int]]:
    """Per violation category: answers given in the cycle's submitted attempts, and how many of them were wrong.

    Read from the tallies kept at each submission (`cycle_answers_by_category` recounts them from the answers).
    """
    stmt = select(CycleCategoryTally.category, func.sum(CycleCategoryTally.answered), func.sum(CycleCategoryTally.wrong))
    stmt = stmt.where(CycleCategoryTally.cycle_id == cycle_id)
    if unit_ids is not None:
        stmt = stmt.where(CycleCategoryTally.unit_key.in_(sorted(unit_ids)))
    return session.execute(stmt.group_by(CycleCategoryTally.category)).all()


def cycle_answers_by_category(
    session: Session, *, cycle_id: int | None = None, unit: int | None = None
) -> Sequence[Row[int, int, str, int, int]]:
    """Recount the per-cycle tallies from the answers: cycle, unit key (0 = no unit, by the employee's current unit),
    category, answered, wrong; over every answered question of a submitted attempt of a cycle (optionally one cycle
    and one unit key)."""
    unit_key = func.coalesce(Employee.unit_id, literal(0))
    stmt = (
        select(
            Attempt.cycle_id,
            unit_key,
            QuestionVersion.category,
            func.count(),
            func.sum(case((Answer.points < FULL_MARK, 1), else_=0)),
        )
        .select_from(Answer)
        .join(Attempt, Attempt.id == Answer.attempt_id)
        .join(Employee, Employee.id == Attempt.employee_id)
        .join(QuestionVersion, QuestionVersion.id == Answer.question_version_id)
        .where(Attempt.cycle_id.is_not(None), Attempt.submitted_at.is_not(None), Answer.answered_at.is_not(None))
        .group_by(Attempt.cycle_id, unit_key, QuestionVersion.category)
    )
    if cycle_id is not None:
        stmt = stmt.where(Attempt.cycle_id == cycle_id)
    if unit is not None:
        stmt = stmt.where(unit_key == unit)
    return session.execute(stmt).all()


def add_to_cycle_tally(session: Session, *, cycle_id: int, unit_key: int, category: str, answered: int, wrong: int) -> None:
    """Add a submitted attempt's answers to its cycle's tally for a unit and category, atomically on both databases."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    stmt = insert(CycleCategoryTally).values(
        cycle_id=cycle_id, unit_key=unit_key, category=category, answered=answered, wrong=wrong
    )
    stmt = stmt.on_conflict_do_update(
        index_elements=["cycle_id", "unit_key", "category"],
        set_={"answered": CycleCategoryTally.answered + answered, "wrong": CycleCategoryTally.wrong + wrong},
    )
    session.execute(stmt)


def cycle_tally_unit_keys(session: Session) -> set[int]:
    """The unit keys that hold per-cycle tallies now (a recount must clear them too)."""
    return set(session.scalars(select(CycleCategoryTally.unit_key).distinct()))


def clear_cycle_tallies(session: Session, unit: int | None = None) -> None:
    """Empty the per-cycle tallies (of one unit key) before a recount."""
    stmt = delete(CycleCategoryTally)
    session.execute(stmt if unit is None else stmt.where(CycleCategoryTally.unit_key == unit))


def cycle_completions_per_day(
    session: Session, *, cycle_id: int, now: datetime, unit_ids: Collection[int] | None
) -> list[tuple[date, int]]:
    """How many people completed the cycle on each (UTC) day, by their first valid certificate of the cycle."""
    first = select(Certificate.employee_id, func.min(Certificate.issued_at).label("at")).where(
        Certificate.cycle_id == cycle_id, Certificate.is_valid_at(now)
    )
    if unit_ids is not None:  # the employee is read only to limit the units
        first = in_units(first.join(Employee, Employee.id == Certificate.employee_id), unit_ids)
    rows = session.execute(first.group_by(Certificate.employee_id)).all()
    per_day: dict[date, int] = {}
    for _employee, at in rows:
        per_day[at.date()] = per_day.get(at.date(), 0) + 1
    return sorted(per_day.items())
