"""What peserta do: attempts, their drawn questions and answers, and signed pledges."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base


class Attempt(Base):
    """One try at a quiz: its draw, server-side clock and result."""

    __tablename__ = "attempts"
    __table_args__ = (
        UniqueConstraint("employee_id", "quiz_id", "number"),
        Index("ix_attempts_quiz_open", "quiz_id", "submitted_at"),
        # Per-cycle figures: who started the cycle (read from the index alone, in employee order), and the cycle's
        # attempts at one quiz (the exam's pass rate) without visiting every attempt of the cycle.
        Index("ix_attempts_cycle_employee", "cycle_id", "employee_id"),
        Index("ix_attempts_cycle_quiz", "cycle_id", "quiz_id", "employee_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quizzes.id"))
    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"))
    number: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime]
    deadline_at: Mapped[datetime | None]
    submitted_at: Mapped[datetime | None]
    submit_reason: Mapped[str | None] = mapped_column(String(20))
    current_position: Mapped[int] = mapped_column(Integer, default=0)
    points: Mapped[float | None] = mapped_column(Float)
    max_points: Mapped[float | None] = mapped_column(Float)
    score: Mapped[float | None] = mapped_column(Float)
    passed: Mapped[bool | None] = mapped_column(Boolean)
    # The cycle the attempt was taken in (None: before cycles existed, or no cycle open).
    cycle_id: Mapped[int | None] = mapped_column(ForeignKey("cycles.id"))


class Answer(Base):
    """A drawn question of an attempt (position, option order) and the answer given."""

    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("attempt_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    question_version_id: Mapped[int] = mapped_column(ForeignKey("question_versions.id"), index=True)
    option_order: Mapped[list[str]]
    selected: Mapped[list[str] | None]
    answered_at: Mapped[datetime | None]
    checked_at: Mapped[datetime | None]
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    points: Mapped[float | None] = mapped_column(Float)


class Pledge(Base):
    """The Pakta Integritas Netralitas ASN as signed by an employee (typed name, time, text signed)."""

    __tablename__ = "pledges"
    # One per person and cycle (two NULLs never collide, so sign_pakta also locks the employee's row first).
    __table_args__ = (UniqueConstraint("employee_id", "cycle_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"), index=True)
    # The election cycle it was signed in (None: before cycles, or with none open): each cycle asks again.
    cycle_id: Mapped[int | None] = mapped_column(ForeignKey("cycles.id"))
    typed_name: Mapped[str] = mapped_column(String(200))
    text_sha256: Mapped[str] = mapped_column(String(64))
    signed_at: Mapped[datetime]
