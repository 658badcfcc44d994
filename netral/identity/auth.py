"""Browser sessions (one-time ticket, cookie token, expiry, logout) and password changes; logging in is identity.login."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from db import queries
from db.models import Account, LoginSession
from netral.core.enums import Role, TextSize
from netral.core.errors import NotFound, Refusal
from netral.identity import passwords

TICKET_LIFETIME = timedelta(minutes=2)


class PasswordChangeRefused(Refusal):
    """A password change that cannot be made (the current one is wrong, the two new ones differ)."""


@dataclass(frozen=True)
class CurrentUser:
    """Who is logged in to this browser session."""

    account_id: int
    employee_id: int
    login_session_id: int
    nip: str
    name: str
    role: Role
    must_change_password: bool
    scope_unit_id: int | None = None
    text_size: TextSize = TextSize.NORMAL

    @property
    def is_admin(self) -> bool:
        """HR administrators see the HR workspace."""
        return self.role.is_admin


def redeem_ticket(session: Session, *, ticket: str, now: datetime, secret: str) -> str | None:
    """Exchange a one-time login ticket for the cookie token; None if unknown, used or expired."""
    login_session = queries.login_session_by_ticket(session, _keyed_hash(secret, ticket))
    if login_session is None:
        return None
    expired = login_session.ticket_expires_at is None or login_session.ticket_expires_at < now
    login_session.ticket_hash = None
    login_session.ticket_expires_at = None
    if expired or not _is_live(login_session, now):
        return None
    token = secrets.token_urlsafe(32)
    login_session.token_hash = _keyed_hash(secret, token)
    return token


def user_for_token(session: Session, *, token: str, now: datetime, secret: str) -> CurrentUser | None:
    """Return the user a cookie token belongs to, if its session is still live."""
    if not token:
        return None
    login_session = queries.login_session_by_token(session, _keyed_hash(secret, token))
    if login_session is None or not _is_live(login_session, now):
        return None
    return _user_of_session(session, login_session)


def refresh_user(session: Session, *, login_session_id: int, now: datetime) -> CurrentUser | None:
    """Re-read the user of a login session, or None once it was ended, expired or disabled."""
    found = queries.login_with_account(session, login_session_id)
    if found is None or not _is_live(found.LoginSession, now) or not found.Employee.active:
        return None
    return current_user_of(found.Account, found.LoginSession)


def log_out(session: Session, *, login_session_id: int, now: datetime) -> None:
    """End a login session; its cookie stops working everywhere at once."""
    login_session = session.get(LoginSession, login_session_id)
    if login_session is not None and login_session.revoked_at is None:
        login_session.revoked_at = now


def change_password(
    session: Session, *, login_session_id: int, current_password: str, new_password: str, repeated: str, now: datetime
) -> None:
    """Change the logged-in user's password (typed twice); raise PasswordChangeRefused saying why not."""
    login_session = session.get(LoginSession, login_session_id)
    account = session.get(Account, login_session.account_id) if login_session is not None else None
    if login_session is None or account is None or not _is_live(login_session, now):
        raise NotFound("Sesi Anda telah berakhir. Silakan masuk kembali.")
    if new_password != repeated:
        raise PasswordChangeRefused("Kata sandi baru dan ulangannya tidak sama.")
    if not passwords.verify_password(account.password_hash, current_password):
        raise PasswordChangeRefused("Kata sandi saat ini salah.")
    passwords.check_new_password(new_password, nip=account.employee.nip, old_password=current_password)
    set_password(account, new_password, now=now, must_change=False)
    queries.revoke_sessions_of(session, account.id, now, except_id=login_session.id)


def set_password(account: Account, password: str, *, now: datetime, must_change: bool) -> None:
    """Store a new password hash; `must_change` forces a change at the next login."""
    account.password_hash = passwords.hash_password(password)
    account.must_change_password = must_change
    account.password_changed_at = now
    account.failed_logins = 0
    account.locked_until = None


def open_login_session(
    session: Session, account: Account, now: datetime, secret: str, session_hours: int
) -> tuple[LoginSession, str]:
    ticket = secrets.token_urlsafe(32)
    login_session = LoginSession(
        account_id=account.id,
        ticket_hash=_keyed_hash(secret, ticket),
        ticket_expires_at=now + TICKET_LIFETIME,
        created_at=now,
        expires_at=now + timedelta(hours=session_hours),
    )
    session.add(login_session)
    session.flush()
    return login_session, ticket


def _is_live(login_session: LoginSession, now: datetime) -> bool:
    return login_session.revoked_at is None and login_session.expires_at > now


def _user_of_session(session: Session, login_session: LoginSession) -> CurrentUser | None:
    account = session.get(Account, login_session.account_id)
    if account is None or not account.employee.active:
        return None
    return current_user_of(account, login_session)


def current_user_of(account: Account, login_session: LoginSession) -> CurrentUser:
    return CurrentUser(
        account_id=account.id,
        employee_id=account.employee_id,
        login_session_id=login_session.id,
        nip=account.employee.nip,
        name=account.employee.name,
        role=Role(account.role),
        must_change_password=account.must_change_password,
        scope_unit_id=account.scope_unit_id,
        text_size=TextSize(account.text_size),
    )


def _keyed_hash(secret: str, value: str) -> str:
    # Keyed with the cookie secret: a copy of the database alone cannot mint or match tokens.
    return hmac.new(secret.encode(), value.encode(), hashlib.sha256).hexdigest()
