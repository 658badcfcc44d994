"""Named queries about content: modules, quizzes and versioned questions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from db.models import (
    Module,
    Question,
    QuestionVersion,
    Quiz,
)
from netral.core.enums import QuizKind


def active_modules(session: Session) -> Sequence[Module]:
    """List the modules peserta can take, in curriculum order."""
    return session.scalars(select(Module).where(Module.active).order_by(Module.position)).all()


def module_by_key(session: Session, key: str) -> Module | None:
    """Find a module by its key."""
    return session.scalars(select(Module).where(Module.key == key)).one_or_none()


def quiz_for_module(session: Session, module_id: int) -> Quiz | None:
    """Return the practice quiz of a module."""
    stmt = select(Quiz).where(Quiz.module_id == module_id, Quiz.kind == QuizKind.MODULE)
    return session.scalars(stmt).one_or_none()


def quiz_by_key(session: Session, key: str) -> Quiz | None:
    """Find a quiz by its key."""
    return session.scalars(select(Quiz).where(Quiz.key == key)).one_or_none()


def latest_question_versions(session: Session, module_id: int) -> Sequence[QuestionVersion]:
    """Return the newest version of every active question of a module, in key order."""
    return [version for version, _module in _latest_versions(session, [module_id])]


def question_pool(session: Session, quiz: Quiz) -> Sequence[Row[QuestionVersion, str]]:
    """The questions a quiz draws from (newest versions) with their module key.

    A module quiz draws from its module; the exam from its listed modules, or every active module.
    Each draws only its own pool: a module quiz reveals keys, so the exam never shows what
    practice has shown, and practice never shows an exam question.
    """
    if quiz.module_id is not None:
        module_ids = [quiz.module_id]
    else:
        stmt = select(Module.id).where(Module.active)
        if quiz.source_modules:
            stmt = stmt.where(Module.key.in_(quiz.source_modules))
        module_ids = list(session.scalars(stmt))
    return _latest_versions(session, module_ids, pool=QuizKind(quiz.kind))


def _latest_versions(
    session: Session, module_ids: list[int], *, pool: QuizKind | None = None
) -> Sequence[Row[QuestionVersion, str]]:
    newest = (
        select(QuestionVersion.question_id, func.max(QuestionVersion.version).label("version"))
        .group_by(QuestionVersion.question_id)
        .subquery()
    )
    stmt = (
        select(QuestionVersion, Module.key)
        .join(newest, (newest.c.question_id == QuestionVersion.question_id) & (newest.c.version == QuestionVersion.version))
        .join(Question, Question.id == QuestionVersion.question_id)
        .join(Module, Module.id == Question.module_id)
        .where(Question.module_id.in_(module_ids), Question.active)
        .order_by(Module.position, Question.position, Question.key)
    )
    if pool is not None:
        stmt = stmt.where(QuestionVersion.pool == pool)
    return session.execute(stmt).all()


def questions_by_key(session: Session) -> dict[str, Question]:
    """Map every question key to its row."""
    return {q.key: q for q in session.scalars(select(Question))}


def newest_version_of(session: Session, question_id: int, *, source: str | None = None) -> QuestionVersion | None:
    """Return the newest version of one question (optionally the newest from one source)."""
    stmt = select(QuestionVersion).where(QuestionVersion.question_id == question_id)
    if source is not None:
        stmt = stmt.where(QuestionVersion.source == source)
    return session.scalars(stmt.order_by(QuestionVersion.version.desc()).limit(1)).first()


def module_quizzes(session: Session) -> Sequence[Row[Quiz, Module]]:
    """List each active module with its quiz, in curriculum order."""
    stmt = (
        select(Quiz, Module)
        .join(Module, Module.id == Quiz.module_id)
        .where(Module.active, Quiz.kind == QuizKind.MODULE)
        .order_by(Module.position)
    )
    return session.execute(stmt).all()


def question_counts(session: Session) -> Sequence[Row[str, str, str, int]]:
    """Per active module title, question kind and pool, how many active questions there are."""
    newest = select(QuestionVersion.question_id, func.max(QuestionVersion.version).label("version")).group_by(
        QuestionVersion.question_id
    )
    latest = newest.subquery()
    stmt = (
        select(Module.title, QuestionVersion.kind, QuestionVersion.pool, func.count())
        .join(Question, Question.module_id == Module.id)
        .join(latest, latest.c.question_id == Question.id)
        .join(
            QuestionVersion, (QuestionVersion.question_id == latest.c.question_id) & (QuestionVersion.version == latest.c.version)
        )
        .where(Module.active, Question.active)
        .group_by(Module.position, Module.title, QuestionVersion.kind, QuestionVersion.pool)
        .order_by(Module.position)
    )
    return session.execute(stmt).all()


def next_question_position(session: Session, module_id: int) -> int:
    """The position after the module's last question (imports are appended)."""
    return (session.scalar(select(func.max(Question.position)).where(Question.module_id == module_id)) or 0) + 1


def exam_quiz(session: Session) -> Quiz | None:
    """The certification exam."""
    return session.scalars(select(Quiz).where(Quiz.kind == QuizKind.EXAM).order_by(Quiz.id).limit(1)).first()


def all_quizzes(session: Session) -> Sequence[Quiz]:
    """Every quiz: module quizzes in curriculum order, then the exam."""
    stmt = (
        select(Quiz).outerjoin(Module, Module.id == Quiz.module_id).order_by(Quiz.kind == QuizKind.EXAM, Module.position, Quiz.id)
    )
    return session.scalars(stmt).all()


def question_version(session: Session, version_id: int) -> QuestionVersion:
    """One question version by id (it always exists: versions are never deleted)."""
    return session.get_one(QuestionVersion, version_id)


def bank_questions(session: Session) -> Sequence[Row[Any]]:
    """Every active question's key, module title and quiz id, its newest version's facts and content, and how many
    versions it has (columns, not entities: the whole bank is read on every search)."""
    versions = (
        select(
            QuestionVersion.question_id,
            func.max(QuestionVersion.version).label("newest"),
            func.count(QuestionVersion.id).label("versions"),
        )
        .group_by(QuestionVersion.question_id)
        .subquery()
    )
    stmt = (
        select(
            Question.key.label("key"),
            Module.title.label("module"),
            Quiz.id.label("quiz_id"),
            QuestionVersion.version,
            QuestionVersion.kind,
            QuestionVersion.category,
            QuestionVersion.difficulty,
            QuestionVersion.pool,
            QuestionVersion.content,
            versions.c.versions,
        )
        .join(Module, Module.id == Question.module_id)
        .outerjoin(Quiz, (Quiz.module_id == Module.id) & (Quiz.kind == QuizKind.MODULE))
        .join(versions, versions.c.question_id == Question.id)
        .join(
            QuestionVersion,
            (QuestionVersion.question_id == Question.id) & (QuestionVersion.version == versions.c.newest),
        )
        .where(Question.active, Module.active)
        .order_by(Module.position, Question.position, Question.key)
    )
    return session.execute(stmt).all()
