"""Tables of Netral, in SQLAlchemy 2.0 typed style."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    true,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from db.types import UTCDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

JSONType = JSON().with_variant(JSONB(), "postgresql")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSONType, list[str]: JSONType, list[dict[str, Any]]: JSONType}


class OrgUnit(Base):
    """A node of instansi → perangkat daerah → unit kerja."""

    __tablename__ = "org_units"
    __table_args__ = (UniqueConstraint("parent_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"))
    level: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))


class Employee(Base):
    """An ASN (PNS or PPPK) known from the roster."""

    __tablename__ = "employees"

    id: Mapped[int] = mapped_column(primary_key=True)
    nip: Mapped[str] = mapped_column(String(18), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    jabatan: Mapped[str | None] = mapped_column(String(200))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"), index=True)
    email: Mapped[str | None] = mapped_column(String(254))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    unit: Mapped[OrgUnit | None] = relationship()


class Account(Base):
    """The login of an employee: role, password hash and lockout state."""

    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(255))
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None]
    password_changed_at: Mapped[datetime | None]
    created_at: Mapped[datetime]

    employee: Mapped[Employee] = relationship()


class LoginThrottle(Base):
    """Failed logins for a NIP that has no account, so lockout reveals nothing."""

    __tablename__ = "login_throttle"

    nip: Mapped[str] = mapped_column(String(40), primary_key=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None]


class LoginSession(Base):
    """A browser login: a one-time ticket exchanged for a cookie token, both stored hashed."""

    __tablename__ = "login_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    ticket_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    ticket_expires_at: Mapped[datetime | None]
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]


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


class Pledge(Base):
    """The Pakta Integritas Netralitas ASN as signed by an employee (typed name, time, text signed)."""

    __tablename__ = "pledges"

    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"), unique=True)
    typed_name: Mapped[str] = mapped_column(String(200))
    text_sha256: Mapped[str] = mapped_column(String(64))
    signed_at: Mapped[datetime]


class AgencySetting(Base):
    """One named setting of the agency (the completion rule, for example), as JSON."""

    __tablename__ = "agency_settings"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[dict[str, Any]]
    updated_by_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    updated_at: Mapped[datetime]


class Attempt(Base):
    """One try at a quiz: its draw, server-side clock and result."""

    __tablename__ = "attempts"
    __table_args__ = (
        UniqueConstraint("employee_id", "quiz_id", "number"),
        Index("ix_attempts_quiz_open", "quiz_id", "submitted_at"),
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
    sha256: Mapped[str] = mapped_column(String(64))
    revoked_at: Mapped[datetime | None]
    revoked_reason: Mapped[str | None] = mapped_column(Text)


class AuditEvent(Base):
    """Who did what, when: every administrative action."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    actor_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    action: Mapped[str] = mapped_column(String(40))
    target: Mapped[str] = mapped_column(String(200), default="")
    details: Mapped[dict[str, Any]]


class Counter(Base):
    """A named sequence (certificate numbers per year) that works on both databases."""

    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)
