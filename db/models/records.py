"""Records of the agency: certificates, the audit log, number sequences and settings."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Float, ForeignKey, Integer, LargeBinary, String, Text, and_, case, or_
from sqlalchemy.ext.hybrid import hybrid_method
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base
from netral.core.enums import CertificateStatus


class Certificate(Base):
    """An issued certificate: the PDF bytes and facts as of issue, never regenerated.

    `status_at` and `is_valid_at` are the one definition of a valid certificate: the same rule in
    Python (a loaded row) and in SQL (the dashboard, the lists), side by side so they cannot drift;
    tests/db/test_certificate_status.py checks they agree on both databases.
    """

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
    # None while the PDF is still to be rendered from `render_input` (after the issuing transaction).
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary)
    sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    render_input: Mapped[dict[str, Any] | None]
    payload: Mapped[str | None] = mapped_column(Text)
    payload_signature: Mapped[str | None] = mapped_column(String(100))
    key_id: Mapped[str | None] = mapped_column(String(16))
    revoked_at: Mapped[datetime | None]
    revoked_reason: Mapped[str | None] = mapped_column(Text)
    revoked_by_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    superseded_by_id: Mapped[int | None] = mapped_column(ForeignKey("certificates.id"))
    reissue_reason: Mapped[str | None] = mapped_column(Text)
    issued_by_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    # The unguessable code printed on the certificate and in its QR link; None for certificates issued
    # before codes existed (they are found by QR link or PDF, and by number alone show their status only).
    verification_code: Mapped[str | None] = mapped_column(String(24))
    # The cycle the certificate was earned in (None: before cycles existed, or no cycle open).
    cycle_id: Mapped[int | None] = mapped_column(ForeignKey("cycles.id"), index=True)

    # One rule, two forms: Python for a loaded row, SQL for the dashboard and the lists.
    is_valid_at: hybrid_method[[datetime], bool] = hybrid_method(
        lambda self, now: _is_valid(self, now), lambda cls, now: _is_valid_sql(cls, now)
    )
    status_at: hybrid_method[[datetime], CertificateStatus] = hybrid_method(
        lambda self, now: _status(self, now), lambda cls, now: _status_sql(cls, now)
    )


def _is_valid(certificate: Certificate, now: datetime) -> bool:
    """Neither revoked nor superseded, and not past its validity at `now`."""
    return _status(certificate, now) is CertificateStatus.VALID


def _is_valid_sql(cls: type[Certificate], now: datetime) -> ColumnElement[bool]:
    return and_(cls.revoked_at.is_(None), cls.superseded_by_id.is_(None), or_(cls.valid_until.is_(None), cls.valid_until >= now))


def _status(certificate: Certificate, now: datetime) -> CertificateStatus:
    """sah, kedaluwarsa, dicabut or digantikan at `now` (revocation first, then replacement, then expiry)."""
    if certificate.revoked_at is not None:
        return CertificateStatus.REVOKED
    if certificate.superseded_by_id is not None:
        return CertificateStatus.SUPERSEDED
    if certificate.valid_until is not None and certificate.valid_until < now:
        return CertificateStatus.EXPIRED
    return CertificateStatus.VALID


def _status_sql(cls: type[Certificate], now: datetime) -> ColumnElement[CertificateStatus]:
    return case(
        (cls.revoked_at.is_not(None), CertificateStatus.REVOKED.value),
        (cls.superseded_by_id.is_not(None), CertificateStatus.SUPERSEDED.value),
        (and_(cls.valid_until.is_not(None), cls.valid_until < now), CertificateStatus.EXPIRED.value),
        else_=CertificateStatus.VALID.value,
    )


class LookupFailure(Base):
    """Failed public lookups per client (a keyed hash of its address), shared by every process."""

    __tablename__ = "lookup_failures"

    client: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    first_failed_at: Mapped[datetime]
    last_failed_at: Mapped[datetime] = mapped_column(index=True)
    blocked_until: Mapped[datetime | None]


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
