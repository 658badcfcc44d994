from datetime import timedelta

import pytest

from db import reading, transaction
from db.models import Account, Employee, LoginThrottle
from netral.core.enums import Role
from netral.core.errors import Refusal
from netral.identity import auth, login
from tests.conftest import T0
from tests.factories import PASSWORD, add_person, next_nip

SECRET = "rahasia-uji-xxxxxxxxxxxxxxxxxxxx"


def log_in(engine, nip, password, now=T0, client="192.0.2.10"):
    with transaction(engine) as session:
        return login.log_in(session, nip=nip, password=password, now=now, secret=SECRET, session_hours=12, client=client)


def said_wrong(outcome) -> bool:
    return outcome.user is None and outcome.refusal.message.startswith(login.WRONG_CREDENTIALS)


@pytest.fixture
def person(engine):
    with transaction(engine) as session:
        account = add_person(session, name="Siti Aminah")
        return account.employee.nip


def test_a_peserta_logs_in_with_nip_typed_with_spaces(engine, person):
    spaced = f"{person[:8]} {person[8:14]} {person[14]} {person[15:]}"
    outcome = log_in(engine, spaced, PASSWORD)
    assert outcome.refusal is None and outcome.user is not None
    assert outcome.user.name == "Siti Aminah" and outcome.user.role == Role.PESERTA
    assert outcome.ticket


def test_wrong_password_and_unknown_nip_get_the_same_message(engine, person):
    wrong = log_in(engine, person, "salah-sandi")
    unknown = log_in(engine, next_nip(), PASSWORD)
    assert wrong.refusal.message == unknown.refusal.message
    assert wrong.refusal.message == "NIP atau kata sandi salah. Sisa 4 kali percobaan sebelum akun dikunci 15 menit."
    assert wrong.user is None and unknown.user is None


def test_a_malformed_nip_is_told_the_format(engine):
    assert "18 digit" in log_in(engine, "12345", PASSWORD).refusal.message


def test_five_failures_lock_the_account_for_fifteen_minutes(engine, person):
    for attempt in range(4):
        outcome = log_in(engine, person, f"salah-{attempt}", now=T0 + timedelta(seconds=attempt))
        assert said_wrong(outcome) and f"Sisa {4 - attempt} kali percobaan" in outcome.refusal.message
    fifth = log_in(engine, person, "salah-5", now=T0 + timedelta(seconds=5))
    assert "Terlalu banyak percobaan" in fifth.refusal.message
    locked = log_in(engine, person, PASSWORD, now=T0 + timedelta(minutes=14))
    assert locked.user is None and "15 menit" not in locked.refusal.message and "coba lagi dalam" in locked.refusal.message
    assert log_in(engine, person, PASSWORD, now=T0 + timedelta(minutes=15, seconds=10)).user is not None


def test_an_unknown_nip_locks_the_same_way_so_lockout_reveals_nothing(engine):
    stranger = next_nip()
    for attempt in range(5):
        outcome = log_in(engine, stranger, "apa-saja", now=T0 + timedelta(seconds=attempt))
    assert "Terlalu banyak percobaan" in outcome.refusal.message
    with reading(engine) as session:
        assert session.get(LoginThrottle, stranger).locked_until is not None


def test_a_successful_login_resets_the_failure_count(engine, person):
    for attempt in range(4):
        log_in(engine, person, "salah", now=T0 + timedelta(seconds=attempt))
    assert log_in(engine, person, PASSWORD, now=T0 + timedelta(seconds=10)).user is not None
    for attempt in range(4):  # from another device: the first one's failures are its own (see test_login_limits.py)
        outcome = log_in(engine, person, "salah", now=T0 + timedelta(seconds=20 + attempt), client="192.0.2.20")
        assert said_wrong(outcome) and "Sisa" in outcome.refusal.message


def test_a_deactivated_employee_cannot_log_in(engine, person):
    with transaction(engine) as session:
        session.query(Employee).filter_by(nip=person).one().active = False
    assert said_wrong(log_in(engine, person, PASSWORD))


def test_the_ticket_gives_a_cookie_token_once(engine, person):
    outcome = log_in(engine, person, PASSWORD)
    with transaction(engine) as session:
        token = auth.redeem_ticket(session, ticket=outcome.ticket, now=T0 + timedelta(seconds=3), secret=SECRET)
    with transaction(engine) as session:
        again = auth.redeem_ticket(session, ticket=outcome.ticket, now=T0 + timedelta(seconds=4), secret=SECRET)
    assert token and again is None
    with reading(engine) as session:
        user = auth.user_for_token(session, token=token, now=T0 + timedelta(hours=1), secret=SECRET)
    assert user is not None and user.nip == person


def test_an_expired_ticket_gives_nothing(engine, person):
    outcome = log_in(engine, person, PASSWORD)
    with transaction(engine) as session:
        assert auth.redeem_ticket(session, ticket=outcome.ticket, now=T0 + timedelta(minutes=5), secret=SECRET) is None


def test_the_cookie_stops_working_after_logout_and_after_expiry(engine, person):
    outcome = log_in(engine, person, PASSWORD)
    with transaction(engine) as session:
        token = auth.redeem_ticket(session, ticket=outcome.ticket, now=T0, secret=SECRET)
    with reading(engine) as session:
        assert auth.user_for_token(session, token=token, now=T0 + timedelta(hours=13), secret=SECRET) is None
    with transaction(engine) as session:
        auth.log_out(session, login_session_id=outcome.user.login_session_id, now=T0 + timedelta(minutes=1))
    with reading(engine) as session:
        assert auth.user_for_token(session, token=token, now=T0 + timedelta(minutes=2), secret=SECRET) is None
        assert auth.refresh_user(session, login_session_id=outcome.user.login_session_id, now=T0) is None


def test_tokens_are_stored_only_as_keyed_hashes(engine, person):
    outcome = log_in(engine, person, PASSWORD)
    with transaction(engine) as session:
        token = auth.redeem_ticket(session, ticket=outcome.ticket, now=T0, secret=SECRET)
    with reading(engine) as session:
        stored = session.get(auth.LoginSession, outcome.user.login_session_id)
        assert token not in (stored.token_hash or "") and len(stored.token_hash) == 64
        assert auth.user_for_token(session, token=token, now=T0, secret="another-secret-yyyyyyyyyyyy") is None


def test_first_login_requires_a_new_password_and_the_change_ends_other_sessions(engine):
    with transaction(engine) as session:
        nip = add_person(session, password="Awal#2024", must_change=True).employee.nip
    first = log_in(engine, nip, "Awal#2024")
    other = log_in(engine, nip, "Awal#2024")
    assert first.user.must_change_password
    with transaction(engine) as session, pytest.raises(Refusal, match="berbeda"):
        auth.change_password(
            session,
            login_session_id=first.user.login_session_id,
            current_password="Awal#2024",
            new_password="Awal#2024",
            repeated="Awal#2024",
            now=T0,
        )
    with transaction(engine) as session:
        auth.change_password(
            session,
            login_session_id=first.user.login_session_id,
            current_password="Awal#2024",
            new_password="Sawah Hijau 2024",
            repeated="Sawah Hijau 2024",
            now=T0,
        )
    with reading(engine) as session:
        refreshed = auth.refresh_user(session, login_session_id=first.user.login_session_id, now=T0)
        assert refreshed is not None and not refreshed.must_change_password
        assert auth.refresh_user(session, login_session_id=other.user.login_session_id, now=T0) is None
    assert log_in(engine, nip, "Awal#2024").user is None
    assert log_in(engine, nip, "Sawah Hijau 2024").user is not None


def test_changing_password_needs_the_current_one(engine, person):
    outcome = log_in(engine, person, PASSWORD)
    with transaction(engine) as session, pytest.raises(Refusal) as refused:
        auth.change_password(
            session,
            login_session_id=outcome.user.login_session_id,
            current_password="keliru",
            new_password="Baru Sekali 2024",
            repeated="Baru Sekali 2024",
            now=T0,
        )
    assert refused.value.message == "Kata sandi saat ini salah."


def test_the_two_new_passwords_must_match(engine, person):
    outcome = log_in(engine, person, PASSWORD)
    with transaction(engine) as session, pytest.raises(auth.PasswordChangeRefused, match="tidak sama"):
        auth.change_password(
            session,
            login_session_id=outcome.user.login_session_id,
            current_password=PASSWORD,
            new_password="Baru Sekali 2024",
            repeated="Baru Sekali 2025",
            now=T0,
        )


def test_old_weaker_hashes_are_upgraded_at_login(engine, person):
    from argon2 import PasswordHasher

    with transaction(engine) as session:
        account = session.query(Account).join(Employee).filter(Employee.nip == person).one()
        account.password_hash = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
    assert log_in(engine, person, PASSWORD).user is not None
    with reading(engine) as session:
        account = session.query(Account).join(Employee).filter(Employee.nip == person).one()
        assert "m=19456,t=2,p=1" in account.password_hash
