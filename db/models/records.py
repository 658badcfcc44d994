"""Records of the agency: certificates, the audit log, number sequences and settings."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Float, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base


class Certificate(Base):
    """An issued certificate: the PDF bytes and facts as of issue, never regenerated."""

    __tablename__ = "certificates"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"), index=True)
    quiz_id: Mapped[int | None] = mapped_column(ForeignKey("quizzes.id"))
    attempt_id: Mapped[int | None] = mapped_column(ForeignKey("attempts.id"))
    issued_at: Mapped[datetime]
    valid_until: Mapped[datetime | None]
    score: Mapped[float] = mapped_column(Float)
    data: Mapped[dict[str, Any]]
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    payload: Mapped[str | None] = mapped_column(Text)
    payload_signature: Mapped[str | None] = mapped_column(String(100))
    key_id: Mapped[str | None] = mapped_column(String(16))
    revoked_at: Mapped[datetime | None]
    revoked_reason: Mapped[str | None] = mapped_column(Text)
    revoked_by_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    superseded_by_id: Mapped[int | None] = mapped_column(ForeignKey("certificates.id"))
    reissue_reason: Mapped[str | None] = mapped_column(Text)
    issued_by_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))


class AuditEvent(Base):
    """Who did what, when: every administrative action."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    actor_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    action: Mapped[str] = mapped_column(String(40))
    target: Mapped[str] = mapped_column(String(200), default="")
    details: Mapped[dict[str, Any]]


class CategoryTally(Base):
    """First-attempt answers per unit and violation category, kept current at each submission for the misconception map."""

    __tablename__ = "category_tallies"

    # 0 stands for "no unit": a primary key cannot hold NULL.
    unit_key: Mapped[int] = mapped_column(Integer, primary_key=True)
    category: Mapped[str] = mapped_column(String(40), primary_key=True)
    answered: Mapped[int] = mapped_column(Integer, default=0)
    wrong: Mapped[int] = mapped_column(Integer, default=0)


class Counter(Base):
    """A named sequence (certificate numbers per year) that works on both databases."""

    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


class AgencySetting(Base):
    """One named setting of the agency (the completion rule, for example), as JSON."""

    __tablename__ = "agency_settings"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[dict[str, Any]]
    updated_by_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    updated_at: Mapped[datetime]
