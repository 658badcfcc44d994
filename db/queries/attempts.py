"""Named queries about attempts, answers, overrides and grades."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import cast

from sqlalchemy import JSON, Connection, Row, and_, bindparam, func, select, update
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Session

from db.models import (
    Answer,
    Attempt,
    Base,
    Employee,
    Module,
    Question,
    QuestionVersion,
    Quiz,
    QuizOverride,
)
from db.queries.people import SelectT, in_units

# Every attempt-reading query below takes `cycle_id`: None reads every attempt (no cycle open, as before cycles);
# a cycle's id reads only the attempts taken in that cycle.


def _in_cycle(stmt: SelectT, cycle_id: int | None) -> SelectT:
    return stmt if cycle_id is None else stmt.where(Attempt.cycle_id == cycle_id)


def open_attempt(session: Session, employee_id: int, quiz_id: int, *, cycle_id: int | None = None) -> Attempt | None:
    """Return the unsubmitted attempt of an employee at a quiz, if any."""
    stmt = select(Attempt).where(Attempt.employee_id == employee_id, Attempt.quiz_id == quiz_id, Attempt.submitted_at.is_(None))
    return session.scalars(_in_cycle(stmt, cycle_id)).first()


def attempt_count(session: Session, employee_id: int, quiz_id: int, *, cycle_id: int | None = None) -> int:
    """Count the attempts an employee has started at a quiz."""
    stmt = select(func.count()).select_from(Attempt).where(Attempt.employee_id == employee_id, Attempt.quiz_id == quiz_id)
    return session.scalar(_in_cycle(stmt, cycle_id)) or 0


def attempt_for_update(session: Session, attempt_id: int) -> Attempt | None:
    """Load an attempt and lock its row until the transaction ends (PostgreSQL; SQLite locks the file)."""
    return session.scalars(select(Attempt).where(Attempt.id == attempt_id).with_for_update()).one_or_none()


# Built once, on the tables (no ORM entities), and run on a bare connection (db.engine.bare_transaction): these run
# on every option tap, where building a statement, or the ORM's handling of one, costs more than running it.
_ANSWERS, _ATTEMPTS = Base.metadata.tables["answers"], Base.metadata.tables["attempts"]
_ANSWER_SLOT = (
    select(
        _ATTEMPTS.c.employee_id,
        _ATTEMPTS.c.submitted_at,
        _ATTEMPTS.c.deadline_at,
        _ATTEMPTS.c.current_position,
        _ANSWERS.c.id,
        _ANSWERS.c.option_order,
        _ANSWERS.c.checked_at,
    )
    .select_from(
        _ATTEMPTS.outerjoin(_ANSWERS, and_(_ANSWERS.c.attempt_id == _ATTEMPTS.c.id, _ANSWERS.c.position == bindparam("position")))
    )
    .where(_ATTEMPTS.c.id == bindparam("attempt_id"))
    .with_for_update(of=_ATTEMPTS)
)
_JSON_OR_NULL = JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql")
_STORE_ANSWER = (
    update(_ANSWERS)
    .where(_ANSWERS.c.id == bindparam("answer_id"))
    .values(
        selected=bindparam("selected", type_=_JSON_OR_NULL),  # no choice left: SQL NULL, as the ORM stores it
        answered_at=bindparam("now", type_=_ANSWERS.c.answered_at.type),
    )
)
_MOVE = update(_ATTEMPTS).where(_ATTEMPTS.c.id == bindparam("attempt_id")).values(current_position=bindparam("position"))


def answer_slot_for_update(
    connection: Connection, attempt_id: int, position: int
) -> Row[int, datetime | None, datetime | None, int, int | None, list[str] | None, datetime | None] | None:
    """What storing one answer needs to know, in one statement: the attempt's owner, submission, deadline and current
    position, and the answer row at `position` (None columns when the attempt has no such position). The attempt row is
    locked until the transaction ends (PostgreSQL; SQLite holds the write lock from BEGIN IMMEDIATE)."""
    row = connection.execute(_ANSWER_SLOT, {"attempt_id": attempt_id, "position": position}).one_or_none()
    return cast("Row[int, datetime | None, datetime | None, int, int | None, list[str] | None, datetime | None] | None", row)


def store_answer(
    connection: Connection,
    *,
    attempt_id: int,
    answer_id: int,
    position: int,
    selected: list[str] | None,
    now: datetime,
    move: bool,
) -> None:
    """Write one answer (and, when `move`, the attempt's current position) without loading either row."""
    connection.execute(_STORE_ANSWER, {"answer_id": answer_id, "selected": selected, "now": now})
    if move:
        connection.execute(_MOVE, {"attempt_id": attempt_id, "position": position})


def answers_of(session: Session, attempt_id: int) -> Sequence[Answer]:
    """Return the drawn questions of an attempt in their order."""
    return session.scalars(select(Answer).where(Answer.attempt_id == attempt_id).order_by(Answer.position)).all()


def answers_with_versions(session: Session, attempt_id: int) -> Sequence[Row[Answer, QuestionVersion, str, str]]:
    """Each drawn question of an attempt with the version it was drawn at, its stable key and its module key."""
    stmt = (
        select(Answer, QuestionVersion, Question.key, Module.key)
        .join(QuestionVersion, QuestionVersion.id == Answer.question_version_id)
        .join(Question, Question.id == QuestionVersion.question_id)
        .join(Module, Module.id == Question.module_id)
        .where(Answer.attempt_id == attempt_id)
        .order_by(Answer.position)
    )
    return session.execute(stmt).all()


def answer_at(session: Session, attempt_id: int, position: int) -> Answer | None:
    """Return the drawn question at one position of an attempt."""
    stmt = select(Answer).where(Answer.attempt_id == attempt_id, Answer.position == position)
    return session.scalars(stmt).one_or_none()


def attempts_of(session: Session, employee_id: int, quiz_id: int, *, cycle_id: int | None = None) -> Sequence[Attempt]:
    """Return an employee's attempts at a quiz, newest first."""
    stmt = select(Attempt).where(Attempt.employee_id == employee_id, Attempt.quiz_id == quiz_id).order_by(Attempt.number.desc())
    return session.scalars(_in_cycle(stmt, cycle_id)).all()


def attempt_scores(session: Session, unit_ids: Collection[int] | None = None) -> Sequence[Row[int, int, float | None]]:
    """Every attempt's employee, quiz and score (None while open), in the order taken; optionally only some units' people."""
    stmt = select(Attempt.employee_id, Attempt.quiz_id, Attempt.score).order_by(
        Attempt.employee_id, Attempt.quiz_id, Attempt.number
    )
    if unit_ids is not None:
        stmt = in_units(stmt.join(Employee, Employee.id == Attempt.employee_id), unit_ids)
    return session.execute(stmt).all()


def newest_override(session: Session, quiz_id: int, employee_id: int) -> QuizOverride | None:
    """The exception HR granted most recently to one employee at one quiz."""
    stmt = (
        select(QuizOverride)
        .where(QuizOverride.quiz_id == quiz_id, QuizOverride.employee_id == employee_id)
        .order_by(QuizOverride.created_at.desc(), QuizOverride.id.desc())
        .limit(1)
    )
    return session.scalars(stmt).first()


def overrides_of_quiz(session: Session, quiz_id: int) -> Sequence[Row[QuizOverride, str, str, int | None]]:
    """Every override of a quiz with the employee's NIP, name and unit, newest first."""
    stmt = (
        select(QuizOverride, Employee.nip, Employee.name, Employee.unit_id)
        .join(Employee, Employee.id == QuizOverride.employee_id)
        .where(QuizOverride.quiz_id == quiz_id)
        .order_by(QuizOverride.created_at.desc(), QuizOverride.id.desc())
    )
    return session.execute(stmt).all()


def expired_attempt_ids(session: Session, before: datetime) -> Sequence[int]:
    """Open attempts whose deadline passed before `before` (the sweep submits them)."""
    stmt = select(Attempt.id).where(
        Attempt.submitted_at.is_(None), Attempt.deadline_at.is_not(None), Attempt.deadline_at < before
    )
    return session.scalars(stmt).all()


def submitted_scores(
    session: Session, employee_id: int, quiz_id: int, *, cycle_id: int | None = None
) -> Sequence[Row[float | None, bool | None]]:
    """Scores and pass flags of an employee's submitted attempts at a quiz, in the order taken."""
    stmt = (
        select(Attempt.score, Attempt.passed)
        .where(Attempt.employee_id == employee_id, Attempt.quiz_id == quiz_id, Attempt.submitted_at.is_not(None))
        .order_by(Attempt.number)
    )
    return session.execute(_in_cycle(stmt, cycle_id)).all()


def last_submission(session: Session, employee_id: int, quiz_id: int, *, cycle_id: int | None = None) -> datetime | None:
    """When the employee last submitted an attempt at this quiz."""
    stmt = select(func.max(Attempt.submitted_at)).where(Attempt.employee_id == employee_id, Attempt.quiz_id == quiz_id)
    return session.scalar(_in_cycle(stmt, cycle_id))


def attempts_of_employee(session: Session, employee_id: int) -> Sequence[Row[Attempt, str, str]]:
    """Every attempt of one employee with its quiz's title and kind, by quiz then number (the person page)."""
    stmt = (
        select(Attempt, Quiz.title, Quiz.kind)
        .join(Quiz, Quiz.id == Attempt.quiz_id)
        .where(Attempt.employee_id == employee_id)
        .order_by(Attempt.quiz_id, Attempt.number)
    )
    return session.execute(stmt).all()


def overrides_of_employee(session: Session, employee_id: int) -> Sequence[Row[QuizOverride, str]]:
    """The exceptions HR granted to one employee, with the quiz title, newest first."""
    stmt = (
        select(QuizOverride, Quiz.title)
        .join(Quiz, Quiz.id == QuizOverride.quiz_id)
        .where(QuizOverride.employee_id == employee_id)
        .order_by(QuizOverride.created_at.desc(), QuizOverride.id.desc())
    )
    return session.execute(stmt).all()
