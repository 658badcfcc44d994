"""Check-in by the projector's QR and code, by HR's hand; each person once; expired, forged and uninvited refused."""

from __future__ import annotations

from datetime import timedelta

import pytest

from db import reading, transaction
from db.queries import sosialisasi as live_queries
from netral.core.errors import NotFound, OutOfScope
from netral.sosialisasi import tokens
from netral.sosialisasi.attendance import (
    CheckInRefused,
    check_in_by_code,
    check_in_by_qr,
    check_in_manually,
    set_attendance_open,
)
from netral.sosialisasi.tokens import TokenRefused
from tests.conftest import T0
from tests.sosialisasi.conftest import SECRET

NOW = T0 + timedelta(hours=1, seconds=5)


def open_attendance(engine, hall) -> None:
    with transaction(engine) as session:
        set_attendance_open(session, hall.boss, event_id=hall.event_id, is_open=True)


def test_a_scan_checks_in_once_and_a_second_scan_says_when_the_first_was(synced, hall):
    open_attendance(synced, hall)
    token = tokens.qr_token(SECRET, hall.event_id, NOW)
    with transaction(synced) as session:
        first = check_in_by_qr(session, secret=SECRET, token=token, employee_id=hall.peserta[0], now=NOW)
    with transaction(synced) as session:
        again = check_in_by_qr(session, secret=SECRET, token=token, employee_id=hall.peserta[0], now=NOW + timedelta(seconds=9))
    assert first.first and not again.first and again.at == first.at
    assert "sudah tercatat hadir" in again.message(tokens_zone())
    with reading(synced) as session:
        assert live_queries.attendance_count(session, hall.event_id) == 1


def tokens_zone():
    from zoneinfo import ZoneInfo

    return ZoneInfo("Asia/Jakarta")


def test_a_qr_photographed_and_sent_on_stops_working_within_a_minute(synced, hall):
    open_attendance(synced, hall)
    token = tokens.qr_token(SECRET, hall.event_id, NOW)
    with transaction(synced) as session:  # the next window still counts: a scan just before the QR changed
        check_in_by_qr(session, secret=SECRET, token=token, employee_id=hall.peserta[0], now=NOW + timedelta(seconds=30))
    with transaction(synced) as session, pytest.raises(TokenRefused, match="kedaluwarsa"):
        check_in_by_qr(session, secret=SECRET, token=token, employee_id=hall.peserta[1], now=NOW + timedelta(seconds=61))


@pytest.mark.parametrize(
    "forge",
    [
        lambda t: t[:-1] + ("0" if t[-1] != "0" else "1"),  # one character of the signature changed
        lambda t: "9999" + t[t.index(".") :],  # another event's number
        lambda t: "bukan-token",
        lambda t: t + "." + "a" * 200,
    ],
)
def test_a_forged_or_damaged_token_is_refused(synced, hall, forge):
    open_attendance(synced, hall)
    token = forge(tokens.qr_token(SECRET, hall.event_id, NOW))
    with transaction(synced) as session, pytest.raises(TokenRefused, match="tidak sah"):
        check_in_by_qr(session, secret=SECRET, token=token, employee_id=hall.peserta[0], now=NOW)
    with pytest.raises(TokenRefused):  # and a token signed with another agency's secret
        tokens.event_of_qr("rahasia-lain-" + "y" * 20, tokens.qr_token(SECRET, hall.event_id, NOW), NOW)


def test_the_six_character_code_checks_in_and_an_old_code_does_not(synced, hall):
    open_attendance(synced, hall)
    code = tokens.code(SECRET, hall.event_id, NOW)
    assert len(code) == 6 and not set(code) & set("01OI")
    with transaction(synced) as session:
        assert check_in_by_code(
            session, secret=SECRET, typed=code.lower()[:3] + " " + code[3:], employee_id=hall.peserta[0], now=NOW
        ).first
    with transaction(synced) as session, pytest.raises(CheckInRefused, match="Kode tidak cocok"):
        check_in_by_code(session, secret=SECRET, typed=code, employee_id=hall.peserta[1], now=NOW + timedelta(minutes=2))


def test_someone_not_invited_and_attendance_not_open_are_refused(synced, hall):
    token = tokens.qr_token(SECRET, hall.event_id, NOW)
    with transaction(synced) as session, pytest.raises(CheckInRefused, match="belum dibuka"):
        check_in_by_qr(session, secret=SECRET, token=token, employee_id=hall.peserta[0], now=NOW)
    open_attendance(synced, hall)
    with transaction(synced) as session, pytest.raises(CheckInRefused, match="tidak termasuk peserta undangan"):
        check_in_by_qr(session, secret=SECRET, token=token, employee_id=hall.outsider, now=NOW)
    with reading(synced) as session:
        assert live_queries.attendance_count(session, hall.event_id) == 0


def test_a_scan_kept_across_a_login_lasts_fifteen_minutes(hall):
    kept = tokens.pending_token(SECRET, hall.event_id, NOW)
    assert tokens.event_of_pending(SECRET, kept, NOW + timedelta(minutes=14)) == hall.event_id
    with pytest.raises(TokenRefused, match="sudah habis"):
        tokens.event_of_pending(SECRET, kept, NOW + timedelta(minutes=16))
    with pytest.raises(TokenRefused):  # a QR token is not a kept scan, nor the other way round
        tokens.event_of_pending(SECRET, tokens.qr_token(SECRET, hall.event_id, NOW), NOW)


def test_hr_checks_in_by_nip_within_scope_only(synced, hall):
    with transaction(synced) as session:  # attendance closed: HR can still record by hand
        assert check_in_manually(session, hall.boss, event_id=hall.event_id, nip=hall.nips[0], now=NOW).first
    with transaction(synced) as session, pytest.raises(OutOfScope):
        check_in_manually(session, hall.admin_b, event_id=hall.event_id, nip=hall.nips[1], now=NOW)
    with transaction(synced) as session, pytest.raises(NotFound, match="NIP"):
        check_in_manually(session, hall.boss, event_id=hall.event_id, nip="199001012020121001", now=NOW)
    with reading(synced) as session:
        rows = live_queries.attendance_list(session, hall.event_id)
        assert [(e.nip, a.method) for a, e, _u in rows] == [(hall.nips[0], "manual")]
