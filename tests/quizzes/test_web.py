"""The answer route: a tap stored over HTTP for the attempt's owner only, refused with a reason otherwise."""

from __future__ import annotations

import json
import random

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from db import reading, transaction
from db.models import Answer
from netral.core.dates import utcnow
from netral.identity import auth, login
from netral.identity.web import COOKIE_NAME
from netral.quizzes import attempts
from netral.quizzes.view import view_attempt
from netral.quizzes.web import ANSWER_PATH, LOGGED_OUT, NEW_PASSWORD_FIRST, STORED, UNREADABLE, answer_routes
from tests.factories import PASSWORD, add_person, module_quiz_id

ORIGIN = {"origin": "http://netral.test"}


def logged_in(engine, settings, *, must_change: bool = False) -> tuple[int, str]:
    """A new peserta's employee id and login cookie token."""
    with transaction(engine) as session:
        account = add_person(session, must_change=must_change)
        employee_id, nip = account.employee_id, account.employee.nip
    with transaction(engine) as session:
        outcome = login.log_in(
            session, nip=nip, password=PASSWORD, now=utcnow(), secret=settings.secret(),
            session_hours=settings.session_hours, client="192.0.2.10",
        )  # fmt: skip
    with transaction(engine) as session:
        token = auth.redeem_ticket(session, ticket=outcome.ticket, now=utcnow(), secret=settings.secret())
    assert token is not None
    return employee_id, token


def open_attempt(engine, settings, employee_id: int) -> int:
    with transaction(engine) as session:
        quiz_id = module_quiz_id(session, "dasar")
        return attempts.start_attempt(
            session, employee_id=employee_id, quiz_id=quiz_id, now=utcnow(), settings=settings, rng=random.Random(1)
        ).id


def options_at(engine, attempt_id: int, position: int) -> list[str]:
    with reading(engine) as session:
        answer = session.query(Answer).filter_by(attempt_id=attempt_id, position=position).one()
        return list(answer.option_order)


def selected_at(engine, attempt_id: int, employee_id: int, position: int) -> tuple[str, ...]:
    with reading(engine) as session:
        return view_attempt(session, attempt_id=attempt_id, employee_id=employee_id).questions[position].selected


def tap(client: TestClient, token: str | None, body: object, **headers: str):
    content = body if isinstance(body, (bytes, str)) else json.dumps(body)
    client.cookies.clear()
    if token:
        client.cookies.set(COOKIE_NAME, token)
    return client.post(ANSWER_PATH, content=content, headers={"content-type": "application/json", **ORIGIN, **headers})


@pytest.fixture
def client(settings):
    return TestClient(Starlette(routes=answer_routes(settings)), base_url="http://netral.test")


def test_a_tap_is_stored_for_its_owner_and_the_quiz_page_reads_it_back(synced, settings, client):
    employee_id, token = logged_in(synced, settings)
    attempt_id = open_attempt(synced, settings, employee_id)
    first, second = options_at(synced, attempt_id, 2)[:2]
    response = tap(client, token, {"percobaan": attempt_id, "soal": 2, "pilihan": [first]})
    assert response.status_code == 200 and response.json() == {"pesan": STORED}
    assert response.headers["cache-control"] == "no-store"
    assert selected_at(synced, attempt_id, employee_id, 2) == (first,)
    assert tap(client, token, {"percobaan": attempt_id, "soal": 2, "pilihan": [second, second]}).status_code == 200
    assert selected_at(synced, attempt_id, employee_id, 2) == (second,)  # the last tap wins, a double tap counts once


def test_without_a_live_login_nothing_is_stored(synced, settings, client):
    employee_id, token = logged_in(synced, settings)
    attempt_id = open_attempt(synced, settings, employee_id)
    option = options_at(synced, attempt_id, 0)[0]
    body = {"percobaan": attempt_id, "soal": 0, "pilihan": [option]}
    for cookie in (None, "token-palsu", token[:-2] + "xx", "x" * 300):
        response = tap(client, cookie, body)
        assert response.status_code == 401 and response.json() == {"pesan": LOGGED_OUT}
    assert selected_at(synced, attempt_id, employee_id, 0) == ()


def test_someone_elses_attempt_is_not_found_and_stays_as_it_was(synced, settings, client):
    owner, _ = logged_in(synced, settings)
    attempt_id = open_attempt(synced, settings, owner)
    _other, other_token = logged_in(synced, settings)
    option = options_at(synced, attempt_id, 0)[0]
    response = tap(client, other_token, {"percobaan": attempt_id, "soal": 0, "pilihan": [option]})
    assert response.status_code == 409 and response.json() == {"pesan": "Percobaan kuis tidak ditemukan."}
    assert selected_at(synced, attempt_id, owner, 0) == ()


def test_a_submitted_attempt_and_an_unknown_option_are_refused_with_the_reason(synced, settings, client):
    employee_id, token = logged_in(synced, settings)
    attempt_id = open_attempt(synced, settings, employee_id)
    refused = tap(client, token, {"percobaan": attempt_id, "soal": 0, "pilihan": ["bukan-pilihan"]})
    assert refused.status_code == 409 and refused.json() == {"pesan": "Pilihan jawaban tidak dikenal."}
    with transaction(synced) as session:
        attempts.submit_attempt(session, attempt_id=attempt_id, employee_id=employee_id, now=utcnow())
    option = options_at(synced, attempt_id, 0)[0]
    late = tap(client, token, {"percobaan": attempt_id, "soal": 0, "pilihan": [option]})
    assert late.status_code == 409 and "sudah dikirim" in late.json()["pesan"]


def test_a_peserta_who_must_change_the_initial_password_cannot_answer(synced, settings, client):
    employee_id, token = logged_in(synced, settings, must_change=True)
    response = tap(client, token, {"percobaan": 1, "soal": 0, "pilihan": []})
    assert response.status_code == 403 and response.json() == {"pesan": NEW_PASSWORD_FIRST}


@pytest.mark.parametrize(
    ("body", "headers"),
    [
        ({"percobaan": 1, "soal": 0, "pilihan": ["a"]}, {"origin": "https://evil.example"}),
        ({"percobaan": 1, "soal": 0, "pilihan": ["a"]}, {"content-type": "application/x-www-form-urlencoded"}),
        ({"percobaan": 1, "soal": 0, "pilihan": ["a"] * 400}, {}),
        ({"percobaan": "1", "soal": 0, "pilihan": ["a"]}, {}),
        ({"percobaan": True, "soal": 0, "pilihan": ["a"]}, {}),
        ({"percobaan": 1, "soal": -1, "pilihan": ["a"]}, {}),
        ({"percobaan": 1, "soal": 0, "pilihan": "a"}, {}),
        ({"percobaan": 1, "soal": 0, "pilihan": [1]}, {}),
        ({"percobaan": 1, "soal": 0, "pilihan": ["x" * 65]}, {}),
        ({"percobaan": 1, "soal": 0}, {}),
        ("{bukan json", {}),
    ],
)
def test_other_sites_and_junk_are_refused_before_any_login_is_read(synced, settings, client, body, headers):
    _, token = logged_in(synced, settings)
    response = tap(client, token, body, **headers)
    assert response.status_code == 400 and response.json() == {"pesan": UNREADABLE}


def test_only_post_is_answered(client):
    assert client.get(ANSWER_PATH).status_code == 405


def test_a_busy_database_says_not_saved_and_the_same_tap_later_is_stored(synced, settings, client, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from netral.quizzes import web

    employee_id, token = logged_in(synced, settings)
    attempt_id = open_attempt(synced, settings, employee_id)
    body = {"percobaan": attempt_id, "soal": 0, "pilihan": [options_at(synced, attempt_id, 0)[0]]}
    tries = []

    def busy(*_args, **_kwargs):
        tries.append(1)
        raise OperationalError("UPDATE answers", {}, Exception("database is locked"))

    with monkeypatch.context() as patched:
        patched.setattr(web, "BUSY_RETRY_DELAYS", (0.0,))
        patched.setattr(web, "record_answer", busy)
        response = tap(client, token, body)
    assert response.status_code == 503 and response.json() == {"pesan": web.BUSY}
    assert len(tries) == 2 and selected_at(synced, attempt_id, employee_id, 0) == ()  # tried again once, then told
    assert tap(client, token, body).status_code == 200
    assert selected_at(synced, attempt_id, employee_id, 0) == tuple(body["pilihan"])


@pytest.mark.parametrize(("lock_seconds", "busy_ms"), [(2.0, 500), (13.0, None)], ids=["short", "past-busy-timeout"])
def test_a_writer_holding_the_database_delays_a_tap_but_never_loses_it(
    synced, settings, client, monkeypatch, backend, lock_seconds, busy_ms
):
    """A long writer (a roster import from the command line) holds the write lock; the tap waits, then lands.

    13 s is longer than SQLite's busy_timeout (10 s): the first try fails, the retry stores the answer."""
    import sqlite3
    import threading
    import time

    import psycopg

    employee_id, token = logged_in(synced, settings)
    attempt_id = open_attempt(synced, settings, employee_id)
    body = {"percobaan": attempt_id, "soal": 0, "pilihan": [options_at(synced, attempt_id, 0)[0]]}
    url = synced.url
    locked, release = threading.Event(), threading.Event()

    def hold() -> None:
        if backend == "sqlite":
            connection = sqlite3.connect(url.database, isolation_level=None)
            connection.execute("BEGIN IMMEDIATE")  # the write lock, as a long import holds it
        else:
            connection = psycopg.connect(url.set(drivername="postgresql").render_as_string(hide_password=False))
            connection.execute("LOCK TABLE answers IN EXCLUSIVE MODE")
        locked.set()
        release.wait(lock_seconds)
        connection.rollback()
        connection.close()

    if busy_ms is not None:
        monkeypatch.setattr("db.engine.SQLITE_BUSY_TIMEOUT_MS", busy_ms)  # new connections: half a second per try
    thread = threading.Thread(target=hold)
    thread.start()
    locked.wait(10)
    started = time.monotonic()
    response = tap(client, token, body)
    thread.join()
    assert response.status_code == 200 and response.json() == {"pesan": STORED}
    assert selected_at(synced, attempt_id, employee_id, 0) == tuple(body["pilihan"])
    assert time.monotonic() - started >= lock_seconds * 0.5
