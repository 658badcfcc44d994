"""Content and its rules: modules, versioned questions, quizzes and per-person overrides."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint, true
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, JSONType
from netral.core.enums import QuizKind


class Module(Base):
    """A learning module: material to read and the topic of one quiz."""

    __tablename__ = "modules"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    material: Mapped[str] = mapped_column(Text, default="")
    jp: Mapped[int] = mapped_column(Integer, default=1)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # The material in sections (heading, summary, text, checks, diagram) and the branching scenario,
    # as the bank files define them; empty for a module loaded before sections existed.
    sections: Mapped[list[dict[str, Any]] | None] = mapped_column(JSONType, nullable=True)
    scenario: Mapped[dict[str, Any] | None] = mapped_column(JSONType, nullable=True)


class Question(Base):
    """A question's stable identity; its text lives in versions."""

    __tablename__ = "questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("modules.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    origin: Mapped[str] = mapped_column(String(10), default="file")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class QuestionVersion(Base):
    """One immutable version of a question; attempts keep the version they drew."""

    __tablename__ = "question_versions"
    __table_args__ = (UniqueConstraint("question_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id"))
    version: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    topic: Mapped[str] = mapped_column(String(80))
    category: Mapped[str] = mapped_column(String(40), index=True)
    difficulty: Mapped[str] = mapped_column(String(10))
    content: Mapped[dict[str, Any]]
    content_hash: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(10), default="file", server_default="file")
    created_at: Mapped[datetime]
    # Which kind of quiz may show this version (a QuizKind value): the module's practice
    # quiz, which reveals keys, or only the certification exam.
    pool: Mapped[str] = mapped_column(String(10), default=QuizKind.MODULE, server_default=QuizKind.MODULE.value)


class Quiz(Base):
    """A module's practice quiz or the certification exam, with the settings HR controls."""

    __tablename__ = "quizzes"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(10))
    module_id: Mapped[int | None] = mapped_column(ForeignKey("modules.id"))
    title: Mapped[str] = mapped_column(String(200))
    pass_mark: Mapped[int] = mapped_column(Integer, default=80)
    time_limit_minutes: Mapped[int | None]
    max_attempts: Mapped[int | None]
    wait_minutes: Mapped[int | None]
    open_at: Mapped[datetime | None]
    close_at: Mapped[datetime | None]
    question_count: Mapped[int | None]
    source_modules: Mapped[list[str] | None]
    shuffle_questions: Mapped[bool] = mapped_column(Boolean, default=True)
    shuffle_options: Mapped[bool] = mapped_column(Boolean, default=True)
    feedback_mode: Mapped[str] = mapped_column(String(10), default="langsung", server_default="langsung")
    review_when: Mapped[str] = mapped_column(String(15), default="segera", server_default="segera")
    review_correctness: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    review_key: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    review_explanation: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    review_legal_basis: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    grading: Mapped[str] = mapped_column(String(10), default="tertinggi", server_default="tertinggi")
    jp: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    feedback_bands: Mapped[list[dict[str, Any]] | None]


class QuizOverride(Base):
    """An exception HR grants one employee at one quiz: extra time, attempts or another window."""

    __tablename__ = "quiz_overrides"
    __table_args__ = (Index("ix_quiz_overrides_lookup", "quiz_id", "employee_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quizzes.id"))
    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"))
    extra_minutes: Mapped[int | None]
    extra_attempts: Mapped[int | None]
    open_at: Mapped[datetime | None]
    close_at: Mapped[datetime | None]
    reason: Mapped[str] = mapped_column(Text, default="")
    created_by_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    created_at: Mapped[datetime]
