"""The hall's phone routes over HTTP: scan, log in on the spot, answer the live quiz; refusals in Indonesian."""

from __future__ import annotations

import time

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from db import reading, transaction
from db.queries import sosialisasi as live_queries
from netral.core.dates import utcnow
from netral.core.enums import LiveRound
from netral.identity.web import COOKIE_NAME
from netral.sosialisasi import live, tokens
from netral.sosialisasi.attendance import check_in_manually, set_attendance_open
from netral.sosialisasi.watch import POLL_SECONDS
from netral.sosialisasi.web import sosialisasi_routes
from tests.factories import PASSWORD

ORIGIN = {"origin": "http://netral.test"}


@pytest.fixture
def client(settings, synced, hall):
    with transaction(synced) as session:
        set_attendance_open(session, hall.boss, event_id=hall.event_id, is_open=True)
    return TestClient(Starlette(routes=sosialisasi_routes(settings)), base_url="http://netral.test")


def scan_and_log_in(client, settings, hall, nip):
    token = tokens.qr_token(settings.secret(), hall.event_id, utcnow())
    form = client.get(f"/hadir/{token}")
    assert form.status_code == 200 and 'name="tunda"' in form.text and 'inputmode="numeric"' in form.text
    pending = form.text.split('name="tunda" value="', 1)[1].split('"', 1)[0]
    return client.post("/hadir/masuk", data={"nip": nip, "sandi": PASSWORD, "tunda": pending}, headers=ORIGIN)


def test_a_phone_not_logged_in_scans_logs_in_and_lands_checked_in(client, settings, synced, hall):
    response = scan_and_log_in(client, settings, hall, hall.nips[0])
    assert response.status_code == 200 and "Kehadiran Anda di Sosialisasi Netralitas ASN tercatat" in response.text
    assert COOKIE_NAME in response.cookies and '<html lang="id">' in response.text
    again = client.get(f"/hadir/{tokens.qr_token(settings.secret(), hall.event_id, utcnow())}")  # logged in: at once
    assert "sudah tercatat hadir" in again.text
    with reading(synced) as session:
        assert live_queries.attendance_count(session, hall.event_id) == 1


def test_a_wrong_password_keeps_the_scan_and_says_so(client, settings, hall):
    token = tokens.qr_token(settings.secret(), hall.event_id, utcnow())
    pending = client.get(f"/hadir/{token}").text.split('name="tunda" value="', 1)[1].split('"', 1)[0]
    response = client.post("/hadir/masuk", data={"nip": hall.nips[0], "sandi": "salah", "tunda": pending}, headers=ORIGIN)
    assert response.status_code == 401 and "NIP atau kata sandi salah" in response.text and pending in response.text


def test_an_expired_or_forged_qr_gets_a_clear_page(client, settings, hall):
    old = tokens.qr_token(settings.secret(), hall.event_id, utcnow().replace(year=2020))
    assert "sudah kedaluwarsa" in client.get(f"/hadir/{old}").text
    assert "tidak sah" in client.get("/hadir/1.2.<script>").text
    assert "<script>" not in client.get("/hadir/1.2.<script>").text


def test_a_post_from_another_site_is_refused(client, settings, hall):
    response = client.post("/hadir/masuk", data={"nip": hall.nips[0], "sandi": PASSWORD}, headers={"origin": "http://jahat.test"})
    assert response.status_code == 400


def test_the_live_quiz_over_http_stores_a_double_tap_once_and_refuses_after_close(client, settings, synced, hall):
    scan_and_log_in(client, settings, hall, hall.nips[0])
    assert client.get(f"/langsung/{hall.event_id}").status_code == 200
    with transaction(synced) as session:
        live.open_item(session, hall.boss, event_id=hall.event_id, round_=LiveRound.PRE, position=1)
    time.sleep(POLL_SECONDS + 0.1)  # the process's copy of the state is at most this old
    state = client.get(f"/api/langsung/{hall.event_id}/keadaan", params={"v": -1}).json()
    assert state["keadaan"] == "dibuka" and state["teks"] == "Soal pilihan tunggal?" and state["kunci"] == []
    body = {"soal": state["soal"], "babak": "pre", "pilihan": "b"}
    first = client.post(f"/api/langsung/{hall.event_id}/jawab", json=body, headers=ORIGIN)
    second = client.post(f"/api/langsung/{hall.event_id}/jawab", json={**body, "pilihan": "a"}, headers=ORIGIN)
    assert first.status_code == second.status_code == 200 and second.json()["pilihan"] == ["b"]
    assert client.get(f"/api/langsung/{hall.event_id}/saya").json() == {f"pre:{state['soal']}": ["b"]}
    with transaction(synced) as session:
        live.close_item(session, hall.boss, event_id=hall.event_id)
    with transaction(synced) as session:  # someone else, checked in by HR, answers late
        check_in_manually(session, hall.boss, event_id=hall.event_id, nip=hall.nips[1], now=utcnow())
    other = TestClient(client.app, base_url="http://netral.test")
    scan_and_log_in(other, settings, hall, hall.nips[1])
    late = other.post(f"/api/langsung/{hall.event_id}/jawab", json=body, headers=ORIGIN)
    assert late.status_code == 409 and "sudah ditutup" in late.json()["pesan"]
    with reading(synced) as session:
        assert len(live_queries.event_answers(session, hall.event_id)) == 1


def test_answers_without_a_login_or_in_garbage_are_refused(client, hall):
    response = client.post(f"/api/langsung/{hall.event_id}/jawab", json={"soal": 1}, headers=ORIGIN)
    assert response.status_code == 401 and "Sesi Anda berakhir" in response.json()["pesan"]
    assert client.get(f"/langsung/{hall.event_id}", follow_redirects=False).status_code == 303
