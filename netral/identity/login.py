"""Logging in with NIP and password, with limits that stop a password sprayer without locking the owner out.

Three layers, each checked on the server before the password (docs/security.md):
1. **The client.** Failures are kept per client (the address as seen through a trusted proxy). After five
   failures in fifteen minutes each further attempt waits twice as long as the last (2 s, 4 s, ... up to
   five minutes): a sprayer from one machine slows to a crawl; a person with a typo never notices.
2. **The account.** Five wrong passwords for one NIP lock it for fifteen minutes, and the message says how
   many tries remain before that. The lock stops guessing, but not the owner: the right password from a
   client with fewer than three recent failures passes it. A sprayer's client always has more. Unknown NIPs
   count and lock the same way, so neither the count nor the lock tells whether a NIP exists.
3. **The whole system.** When more than GLOBAL_FAILURES_PER_MINUTE logins fail in a minute (a spray from many
   addresses), clients with a recent failure on another NIP (or three failures) are held off for a minute;
   clients with a clean record, and an owner retrying their own NIP after a typo, are served as always.
Failure rows older than a day and idle counters of unknown NIPs are pruned by every process's minute sweep.

Argon2 costs tens of milliseconds of CPU on purpose. On SQLite a write transaction holds the one write lock
from its first statement, so a password checked inside it serialises every login of every process behind
that lock: a hall of people logging in at once waited past busy_timeout. `check_password` therefore runs
first in a read transaction; `log_in(..., checked=...)` then only records the outcome, trusting the check
only while the account's hash is still the one that was checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy.orm import Session

from db import queries
from db.models import LoginFailure, LoginThrottle
from netral.core.errors import Refusal
from netral.core.nip import NIP_LENGTH, normalise_nip
from netral.identity import passwords
from netral.identity.auth import CurrentUser, current_user_of, open_login_session

WINDOW = timedelta(minutes=15)
MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)
CLIENT_FREE_FAILURES = 5
CLIENT_MAX_DELAY = timedelta(minutes=5)
TRUSTED_CLIENT_FAILURES = 3
GLOBAL_FAILURES_PER_MINUTE = 120
KEEP = timedelta(days=1)
WRONG_CREDENTIALS = "NIP atau kata sandi salah."


class LoginRefused(Refusal):
    """A login that did not succeed; the message says what to do next."""


@dataclass(frozen=True)
class LoginOutcome:
    """The result of a login: a user and a one-time cookie ticket, or the refusal.

    Returned rather than raised: a failed login still writes (the failure count, the lock),
    and the caller's transaction must commit that.
    """

    user: CurrentUser | None = None
    ticket: str | None = None
    refusal: LoginRefused | None = None


@dataclass(frozen=True)
class PasswordCheck:
    """A password checked outside the write lock, against the hash the account had then."""

    nip: str
    password_hash: str | None
    right: bool


def check_password(session: Session, *, nip: str, password: str, client: str, now: datetime) -> PasswordCheck:
    """Verify a password in a read transaction (the slow part of a login), for `log_in(checked=...)`.
    A client that must wait gets no argon2 work: `log_in` refuses it before looking at the password."""
    nip = normalise_nip(nip)
    client_failures, last_failure = queries.client_failures(session, client, since=now - WINDOW)
    if client_wait(client_failures, last_failure, now) is not None:
        return PasswordCheck(nip, None, False)
    account = queries.account_by_nip(session, nip) if len(nip) == NIP_LENGTH and nip.isdigit() else None
    if account is None:
        passwords.verify_against_nothing(password)  # an unknown NIP answers as slowly as a known one
        return PasswordCheck(nip, None, False)
    return PasswordCheck(nip, account.password_hash, passwords.verify_password(account.password_hash, password))


class _FailureCounter(Protocol):
    failed_logins: int
    locked_until: datetime | None


def log_in(
    session: Session,
    *,
    nip: str,
    password: str,
    now: datetime,
    secret: str,
    session_hours: int,
    client: str,
    checked: PasswordCheck | None = None,
) -> LoginOutcome:
    """Check a NIP and password from `client`; on success open a login session with a one-time ticket."""
    nip = normalise_nip(nip)
    if len(nip) != NIP_LENGTH or not nip.isdigit():
        return _refused(f"NIP terdiri dari {NIP_LENGTH} digit angka. Periksa kembali NIP Anda.")
    if not password:
        return _refused("Masukkan kata sandi Anda.")
    client_failures, last_failure = queries.client_failures(session, client, since=now - WINDOW)
    if (wait := client_wait(client_failures, last_failure, now)) is not None:
        return _refused(f"Terlalu banyak percobaan gagal dari perangkat ini. Coba lagi dalam {_duration(wait)}.")
    if (
        _suspect(session, client, nip, client_failures, now)
        and queries.failures_since(session, now - timedelta(minutes=1)) >= GLOBAL_FAILURES_PER_MINUTE
    ):
        return _refused("Sedang banyak percobaan masuk yang gagal. Demi keamanan, coba lagi dalam 1 menit.")
    account = queries.account_by_nip(session, nip, for_update=True)
    counter: _FailureCounter = account or _throttle(session, nip, now)
    if account is None:
        if checked is None or checked.nip != nip:
            passwords.verify_against_nothing(password)  # an unknown NIP answers as slowly as a known one
        right = False
    elif checked is not None and checked.nip == nip and checked.password_hash == account.password_hash:
        right = checked.right and account.employee.active  # checked before the lock, against this very hash
    else:
        right = passwords.verify_password(account.password_hash, password) and account.employee.active
    if counter.locked_until is not None and counter.locked_until > now:
        if not right:
            session.add(LoginFailure(at=now, client=client[:64], nip=nip))  # the client pays, the lock stays as it is
        if not right or client_failures >= TRUSTED_CLIENT_FAILURES:
            return _refused(_locked_message(counter.locked_until, now))
    elif account is None or not right:
        session.add(LoginFailure(at=now, client=client[:64], nip=nip))
        return _refused(_record_failure(counter, now))
    if account is None:  # unreachable: an unknown NIP is never right; keeps the type checker sure
        return _refused(WRONG_CREDENTIALS)
    account.failed_logins = 0
    account.locked_until = None
    if passwords.needs_rehash(account.password_hash):
        account.password_hash = passwords.hash_password(password)
    login_session, ticket = open_login_session(session, account, now, secret, session_hours)
    return LoginOutcome(user=current_user_of(account, login_session), ticket=ticket)


def client_wait(failures: int, last_failure: datetime | None, now: datetime) -> timedelta | None:
    """How much longer a client with `failures` recent failures must wait before its next attempt (None: no wait)."""
    if failures < CLIENT_FREE_FAILURES or last_failure is None:
        return None
    delay = min(timedelta(seconds=2 ** (failures - CLIENT_FREE_FAILURES + 1)), CLIENT_MAX_DELAY)
    left = last_failure + delay - now
    return left if left > timedelta(0) else None


def _suspect(session: Session, client: str, nip: str, client_failures: int, now: datetime) -> bool:
    # A sprayer moves from NIP to NIP; an owner retries their own. Retrying one NIP gains a sprayer nothing: the
    # account's own lock still counts every wrong password.
    if not client_failures:
        return False
    return client_failures >= TRUSTED_CLIENT_FAILURES or queries.client_failed_elsewhere(session, client, nip, since=now - WINDOW)


def prune(session: Session, *, now: datetime) -> None:
    """Forget failures older than a day and the idle counters of NIPs without an account."""
    queries.prune_login_records(session, before=now - KEEP)


def _throttle(session: Session, nip: str, now: datetime) -> LoginThrottle:
    throttle = queries.throttle_for(session, nip)
    if throttle is None:
        throttle = LoginThrottle(nip=nip, failed_logins=0, updated_at=now)
        session.add(throttle)
    return throttle


def _record_failure(counter: _FailureCounter, now: datetime) -> str:
    counter.failed_logins = (counter.failed_logins or 0) + 1
    if isinstance(counter, LoginThrottle):
        counter.updated_at = now
    left = MAX_FAILED_LOGINS - counter.failed_logins
    if left > 0:
        return f"{WRONG_CREDENTIALS} Sisa {left} kali percobaan sebelum akun dikunci 15 menit."
    counter.failed_logins = 0
    counter.locked_until = now + LOCKOUT
    return f"{WRONG_CREDENTIALS} {_locked_message(counter.locked_until, now)}"


def _refused(message: str) -> LoginOutcome:
    return LoginOutcome(refusal=LoginRefused(message))


def _locked_message(locked_until: datetime, now: datetime) -> str:
    minutes = max(1, int((locked_until - now).total_seconds() + 59) // 60)
    return (
        f"Terlalu banyak percobaan gagal. Demi keamanan, coba lagi dalam {minutes} menit "
        "atau hubungi admin kepegawaian untuk membuka kunci."
    )


def _duration(wait: timedelta) -> str:
    seconds = max(1, int(wait.total_seconds() + 0.999))
    return f"{seconds} detik" if seconds < 120 else f"{(seconds + 59) // 60} menit"
