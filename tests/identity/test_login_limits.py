"""Login limits: a sprayer is slowed and stopped, the owner gets in, a typo costs nothing (docs/security.md)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from db import reading, transaction
from db.models import LoginFailure, LoginThrottle
from netral.identity import login
from netral.identity.clients import UNKNOWN, client_key, parse_networks
from tests.conftest import T0
from tests.factories import PASSWORD, add_person, next_nip

SECRET = "rahasia-batas-" + "y" * 20
SPRAYER, OWNER = "203.0.113.66", "192.0.2.7"


def attempt(engine, nip, password, *, at, client):
    with transaction(engine) as session:
        return login.log_in(session, nip=nip, password=password, now=at, secret=SECRET, session_hours=1, client=client)


@pytest.fixture
def people(engine):
    with transaction(engine) as session:
        return [add_person(session, name=f"Pegawai {n}").employee.nip for n in range(6)]


def spray(engine, nips, *, start, client=SPRAYER, tries=5):
    """Five wrong passwords at each NIP, as fast as the server answers; return the refusals seen."""
    seen, at = [], start
    for nip in nips:
        for n in range(tries):
            outcome = attempt(engine, nip, f"Tebakan-{n}", at=at, client=client)
            seen.append(outcome.refusal.message)
            at += timedelta(seconds=0.2)
    return seen, at


def test_a_typo_then_the_right_password_gets_in_on_the_second_try(engine, people):
    first = attempt(engine, people[0], "Rahasia#uji2024", at=T0, client=OWNER)
    assert first.user is None and "Sisa 4 kali percobaan" in first.refusal.message
    assert attempt(engine, people[0], PASSWORD, at=T0 + timedelta(seconds=5), client=OWNER).user is not None


def test_one_client_spraying_is_held_off_after_five_failures_with_a_growing_wait(engine, people):
    seen, _ = spray(engine, people, start=T0)
    held = [message for message in seen if "dari perangkat ini" in message]
    assert len(held) >= len(seen) - 6  # after the five free failures almost every try is refused unchecked
    with reading(engine) as session:
        # 30 tries in 6 seconds: five free failures, one more after the first 2-second wait; the rest never reached a password
        assert session.scalar(select(func.count()).select_from(LoginFailure)) == 6
    waits = [login.client_wait(n, T0, T0) for n in (5, 6, 7, 12, 30)]
    assert [w.total_seconds() for w in waits] == [2, 4, 8, 256, 300]


def test_the_owner_of_a_sprayed_account_still_gets_in_from_a_clean_device(engine, people):
    victim = people[0]
    for n in range(5):  # the sprayer locks the account, waiting out its own delay each time
        attempt(engine, victim, f"Tebakan-{n}", at=T0 + timedelta(minutes=n), client=SPRAYER)
    with reading(engine) as session:
        assert session.get(LoginThrottle, victim) is None  # a real account: its own counter
    blocked = attempt(engine, victim, PASSWORD, at=T0 + timedelta(minutes=6), client=SPRAYER)
    assert blocked.user is None and "coba lagi dalam" in blocked.refusal.message  # the sprayer, even with the password
    assert attempt(engine, victim, PASSWORD, at=T0 + timedelta(minutes=6), client=OWNER).user is not None
    typo_device = "192.0.2.8"  # the owner with a typo, on another device, still gets in on the second try
    for n in range(5):
        attempt(engine, victim, f"Tebakan-{n}", at=T0 + timedelta(minutes=7 + n), client=SPRAYER)
    assert attempt(engine, victim, "salah ketik", at=T0 + timedelta(minutes=13), client=typo_device).user is None
    assert attempt(engine, victim, PASSWORD, at=T0 + timedelta(minutes=13, seconds=5), client=typo_device).user is not None


def test_a_spray_from_many_addresses_holds_off_only_clients_that_failed(engine, people, monkeypatch):
    monkeypatch.setattr(login, "GLOBAL_FAILURES_PER_MINUTE", 10)
    for n in range(10):  # ten addresses, one wrong guess each, within a minute
        attempt(engine, people[n % 6], "Tebakan", at=T0 + timedelta(seconds=n), client=f"198.51.100.{n}")
    held = attempt(engine, people[1], PASSWORD, at=T0 + timedelta(seconds=20), client="198.51.100.3")
    assert held.user is None and "Sedang banyak percobaan masuk yang gagal" in held.refusal.message
    assert attempt(engine, people[2], PASSWORD, at=T0 + timedelta(seconds=21), client=OWNER).user is not None


def test_during_a_spray_from_many_addresses_an_owner_with_a_typo_still_gets_in(engine, people, monkeypatch):
    monkeypatch.setattr(login, "GLOBAL_FAILURES_PER_MINUTE", 10)
    typo = attempt(engine, people[1], PASSWORD[:-1], at=T0, client=OWNER)
    for n in range(10):  # the spray starts right after the typo
        attempt(engine, people[n % 6], "Tebakan", at=T0 + timedelta(seconds=n), client=f"198.51.100.{n}")
    assert typo.user is None
    assert attempt(engine, people[1], PASSWORD, at=T0 + timedelta(seconds=20), client=OWNER).user is not None


def test_old_failures_and_idle_counters_of_made_up_nips_are_pruned(engine, people):
    for n in range(3):
        attempt(engine, next_nip(), "apa saja", at=T0 + timedelta(seconds=n), client=SPRAYER)
    with transaction(engine) as session:
        login.prune(session, now=T0 + timedelta(hours=2))
        assert session.scalar(select(func.count()).select_from(LoginFailure)) == 3  # younger than a day: kept
        login.prune(session, now=T0 + timedelta(days=2))
    with reading(engine) as session:
        assert session.scalar(select(func.count()).select_from(LoginFailure)) == 0
        assert session.scalar(select(func.count()).select_from(LoginThrottle)) == 0


def test_the_client_is_the_forwarded_address_only_behind_a_trusted_proxy():
    proxies = parse_networks("127.0.0.1, 10.0.0.0/8")
    assert client_key("127.0.0.1", "198.51.100.9", proxies) == "198.51.100.9"
    assert client_key("127.0.0.1", "1.2.3.4, 198.51.100.9", proxies) == "198.51.100.9"  # the left part is the client's own
    assert client_key("127.0.0.1", "198.51.100.9, 10.0.0.5", proxies) == "198.51.100.9"  # through two proxies
    assert client_key("203.0.113.5", "198.51.100.9", proxies) == "203.0.113.5"  # not a proxy: the header is not believed
    assert client_key("127.0.0.1", "bukan-alamat", proxies) == "127.0.0.1"
    assert client_key(None, None, proxies) == UNKNOWN


def checked_attempt(engine, nip, password, *, at, client):
    """A login as the hall's page makes it: the password checked in a read transaction, the outcome written after."""
    with reading(engine) as session:
        checked = login.check_password(session, nip=nip, password=password, client=client, now=at)
    with transaction(engine) as session:
        return login.log_in(
            session, nip=nip, password=password, now=at, secret=SECRET, session_hours=1, client=client, checked=checked
        )


def test_a_password_checked_before_the_write_lock_counts_the_same_as_one_checked_inside(engine, people):
    wrong = checked_attempt(engine, people[0], "Salah#1", at=T0, client=OWNER)
    assert wrong.user is None and "Sisa 4 kali percobaan" in wrong.refusal.message
    assert checked_attempt(engine, people[0], PASSWORD, at=T0 + timedelta(seconds=3), client=OWNER).user is not None
    unknown = checked_attempt(engine, next_nip(), PASSWORD, at=T0 + timedelta(seconds=4), client=OWNER)
    assert unknown.user is None and "Sisa 4 kali percobaan" in unknown.refusal.message


def test_a_check_made_against_an_old_hash_is_not_trusted_after_the_password_changed(engine, people):
    from db import queries
    from netral.identity.auth import set_password

    with reading(engine) as session:
        stale = login.check_password(session, nip=people[1], password=PASSWORD, client=OWNER, now=T0)
    with transaction(engine) as session:  # HR resets the password between the check and the write
        set_password(queries.account_by_nip(session, people[1]), "Baru#Sekali2029", now=T0, must_change=False)
    with transaction(engine) as session:
        outcome = login.log_in(
            session, nip=people[1], password=PASSWORD, now=T0, secret=SECRET, session_hours=1, client=OWNER, checked=stale
        )
    assert outcome.user is None and stale.right


def test_a_held_off_client_costs_no_password_check(engine, people):
    spray(engine, people[:2], start=T0)
    with reading(engine) as session:
        held = login.check_password(session, nip=people[0], password=PASSWORD, client=SPRAYER, now=T0 + timedelta(seconds=1))
    assert held.password_hash is None and not held.right
