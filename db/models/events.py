"""Sosialisasi: the face-to-face event, its attendance and its live quiz (pre-test and post-test)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base


class Sosialisasi(Base):
    """One event. The live quiz's position lives here, so a presenter's refresh or a crashed browser resumes it."""

    __tablename__ = "sosialisasi"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime]
    place: Mapped[str] = mapped_column(String(200))
    # [{"name": ..., "institution": ...}]
    speakers: Mapped[list[dict[str, Any]]]
    # Perangkat daerah / units invited (and the units beneath them); None: the whole agency.
    audience_unit_ids: Mapped[list[str] | None]
    jp: Mapped[int] = mapped_column(Integer, default=0)
    # The creator's scope: an admin perangkat daerah manages only events of their own scope.
    scope_unit_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"))
    created_by_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    created_at: Mapped[datetime]
    # The election cycle open on the event's day whose cohort holds its audience: its JP count there (None:
    # no such cycle, "di luar siklus").
    cycle_id: Mapped[int | None] = mapped_column(ForeignKey("cycles.id"), index=True)
    attendance_open: Mapped[bool] = mapped_column(Boolean, default=False)
    live_round: Mapped[str | None] = mapped_column(String(10))
    live_position: Mapped[int | None] = mapped_column(Integer)
    live_state: Mapped[str] = mapped_column(String(10), default="diam")
    # Bumped on every presenter action: phones wait for a change of this number instead of polling pages.
    live_version: Mapped[int] = mapped_column(Integer, default=0)


class EventItem(Base):
    """A question of the event's live quiz, copied from the bank as it read when the event was made."""

    __tablename__ = "event_items"
    __table_args__ = (UniqueConstraint("event_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("sosialisasi.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    question_version_id: Mapped[int | None] = mapped_column(ForeignKey("question_versions.id"))
    kind: Mapped[str] = mapped_column(String(20))
    category: Mapped[str] = mapped_column(String(40))
    # text, options (id, text, weight), explanation, legal_basis: the bank's self-contained version content.
    content: Mapped[dict[str, Any]]


class Attendance(Base):
    """One person's presence at one event, recorded once however often they scan."""

    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("event_id", "employee_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("sosialisasi.id"), index=True)
    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"), index=True)
    checked_in_at: Mapped[datetime]
    method: Mapped[str] = mapped_column(String(10))
    recorded_by_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))


class LiveAnswer(Base):
    """An answer given on a phone during the live quiz: one per person, item and round, stored when acknowledged."""

    __tablename__ = "live_answers"
    __table_args__ = (UniqueConstraint("item_id", "round", "employee_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("sosialisasi.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("event_items.id"))
    round: Mapped[str] = mapped_column(String(10))
    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"), index=True)
    selected: Mapped[list[str]]
    correct: Mapped[bool] = mapped_column(Boolean)
    answered_at: Mapped[datetime]
    note: Mapped[str | None] = mapped_column(Text)
