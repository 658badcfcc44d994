"""Election cycles (siklus) and the reminders each one sends: one outbox row per message, claimed once."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base


class Cycle(Base):
    """One campaign before an election: its dates, its cohort, its path and its reminder rules."""

    __tablename__ = "cycles"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20))
    # None: "belum ditetapkan", set later.
    voting_day: Mapped[date | None]
    opens_on: Mapped[date]
    deadline: Mapped[date]
    path: Mapped[str] = mapped_column(String(20))
    # Module keys the refresher asks again (the exam is always asked); the agency's choice.
    refresher_modules: Mapped[list[str]]
    whole_agency: Mapped[bool] = mapped_column(Boolean, default=True)
    # A certificate of this cycle is valid until this many months after the voting day (None: the agency's setting).
    valid_months_after_vote: Mapped[int | None] = mapped_column(Integer)
    reminders: Mapped[dict[str, Any]]
    created_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]


class CycleUnit(Base):
    """A perangkat daerah in a cycle's cohort (a cycle for the whole agency has none)."""

    __tablename__ = "cycle_units"

    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycles.id", ondelete="CASCADE"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"), primary_key=True)


class OutboxMessage(Base):
    """One email to send once: per (cycle, rule, person, period), claimed under a lock, retried with backoff."""

    __tablename__ = "reminder_outbox"
    __table_args__ = (
        UniqueConstraint("cycle_id", "rule", "employee_id", "period"),
        Index("ix_reminder_outbox_due", "status", "next_try_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycles.id"))
    rule: Mapped[str] = mapped_column(String(40))
    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"))
    # Which occurrence of the rule: "buka", "H-7", "2026-W49" (weekly rules send once a week).
    period: Mapped[str] = mapped_column(String(20))
    to_address: Mapped[str] = mapped_column(String(254))
    cc_address: Mapped[str | None] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))
    tries: Mapped[int] = mapped_column(Integer, default=0)
    next_try_at: Mapped[datetime]
    claimed_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]


class CycleCategoryTally(Base):
    """Answers of a cycle's submitted attempts per unit and violation category, kept at each submission for the
    per-cycle dashboard (every attempt of the cycle counts, retakes too; the Dasbor's CategoryTally has first ones)."""

    __tablename__ = "cycle_category_tallies"

    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycles.id", ondelete="CASCADE"), primary_key=True)
    # 0 stands for "no unit": a primary key cannot hold NULL.
    unit_key: Mapped[int] = mapped_column(Integer, primary_key=True)
    category: Mapped[str] = mapped_column(String(40), primary_key=True)
    answered: Mapped[int] = mapped_column(Integer, default=0)
    wrong: Mapped[int] = mapped_column(Integer, default=0)
