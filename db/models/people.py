"""People and logins: organisation units, employees, accounts, login sessions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import Base


class OrgUnit(Base):
    """A node of instansi → perangkat daerah → unit kerja."""

    __tablename__ = "org_units"
    __table_args__ = (UniqueConstraint("parent_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"), index=True)
    level: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))


class Employee(Base):
    """An ASN (PNS or PPPK) known from the roster."""

    __tablename__ = "employees"

    id: Mapped[int] = mapped_column(primary_key=True)
    nip: Mapped[str] = mapped_column(String(18), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    jabatan: Mapped[str | None] = mapped_column(String(200))
    # Pangkat/golongan ("Penata Tk. I, III/d"), an optional roster column printed on certificates.
    pangkat: Mapped[str | None] = mapped_column(String(200))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"), index=True)
    email: Mapped[str | None] = mapped_column(String(254))
    # The atasan's NIP (optional roster column): reminders may copy the atasan.
    atasan_nip: Mapped[str | None] = mapped_column(String(18))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    deactivated_at: Mapped[datetime | None]

    unit: Mapped[OrgUnit | None] = relationship()


class Account(Base):
    """The login of an employee: role, password hash and lockout state."""

    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    # An admin perangkat daerah acts only inside this unit and the units under it.
    scope_unit_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"))
    password_hash: Mapped[str] = mapped_column(String(255))
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None]
    password_changed_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    # Stored with the account, not the browser, so a larger text follows the person to every device.
    text_size: Mapped[str] = mapped_column(String(20), default="normal", server_default="normal")

    employee: Mapped[Employee] = relationship()


class LoginThrottle(Base):
    """Failed logins for a NIP that has no account, so lockout reveals nothing."""

    __tablename__ = "login_throttle"

    nip: Mapped[str] = mapped_column(String(40), primary_key=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None]
    # When the counter last changed: idle counters of made-up NIPs are pruned a day later.
    updated_at: Mapped[datetime | None] = mapped_column(index=True)


class LoginFailure(Base):
    """One failed login: from which client, for which NIP, when (the client and global limits count these)."""

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    client: Mapped[str] = mapped_column(String(64), index=True)
    nip: Mapped[str] = mapped_column(String(40))


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
