"""Pages under stress: a busy database, an edited link, an unexpected error — an Indonesian message, nothing lost silently."""

from __future__ import annotations

import logging
import sqlite3
import threading
import time

import psycopg
import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from db import reading
from db.models import Answer
from pages.ui import service
from tests.pages.apptest import answer_first_question, app, button, goto, log_in, start_quiz, text_of


def stored_choice(engine) -> list[str] | None:
    with reading(engine) as session:
        return session.scalars(select(Answer.selected).where(Answer.position == 0)).one()


def on_screen(at) -> object:
    """What the peserta has selected on the first question: a radio's value, or the ticked boxes (the fixture bank
    draws a single-choice or a multiple-choice question first, at random)."""
    if at.main.radio:
        return at.main.radio[0].value
    return [c.label for c in at.checkbox if c.value and c.label != "Tandai untuk ditinjau"]


def test_a_busy_database_is_reported_and_the_choice_stays_to_send_again(people, monkeypatch):
    at = start_quiz(log_in(app(), people.peserta))

    def busy(*_args, **_kwargs):
        raise OperationalError("UPDATE answers", {}, Exception("database is locked"))

    with monkeypatch.context() as patched:
        patched.setattr(service, "BUSY_RETRY_DELAYS", (0.0,))
        patched.setattr("pages.ui.attempt.record_answer", busy)
        at = answer_first_question(at)
    chosen = on_screen(at)
    assert not at.exception and chosen
    assert "BELUM TERSIMPAN" in text_of(at) and stored_choice(people.engine) is None
    assert on_screen(at) == chosen  # the choice is still selected on screen
    at = button(at, "Simpan ulang jawaban").click().run()
    assert not at.exception
    assert "BELUM TERSIMPAN" not in text_of(at) and stored_choice(people.engine)


@pytest.mark.parametrize(("lock_seconds", "busy_ms"), [(2.0, 500), (13.0, None)], ids=["short", "past-busy-timeout"])
def test_a_writer_holding_the_database_delays_an_answer_but_never_loses_it(people, monkeypatch, lock_seconds, busy_ms, backend):
    """A long writer (a roster import from the command line) holds the write lock; the peserta's answer waits, then lands.

    13 s is longer than SQLite's busy_timeout (10 s): the first try fails, the retry stores the answer.
    """
    at = start_quiz(log_in(app(), people.peserta))
    url = people.engine.url
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
    at = answer_first_question(at)
    thread.join()
    assert not at.exception and "BELUM TERSIMPAN" not in text_of(at)
    assert stored_choice(people.engine) and time.monotonic() - started >= lock_seconds * 0.5


def test_an_edited_link_shows_not_found_instead_of_an_error(people):
    at = log_in(app(), people.peserta)
    for value in ("99999999999999999999", "-1", "abc", "1" * 400, "0"):
        shown = goto(at, "hasil.py", percobaan=value)
        assert not shown.exception and "Hasil kuis tidak ditemukan." in text_of(shown), value
    weird = goto(at, "modul.py", m="\x00" + "x" * 500)
    assert not weird.exception and "Modul tidak ditemukan" in text_of(weird)


def test_an_unexpected_error_shows_an_indonesian_message_with_a_code_in_the_log(people, monkeypatch, caplog):
    def broken(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("netral.learning.next_step.beranda", broken)
    with caplog.at_level(logging.ERROR, logger="netral.pages"):
        at = log_in(app(), people.peserta)
    assert not at.exception
    message = text_of(at)
    assert "Maaf, terjadi kesalahan yang tidak terduga" in message and "boom" not in message
    code = message.split("sampaikan kode ")[1].split(" ")[0]
    assert any(code in record.getMessage() and record.exc_info for record in caplog.records)


def test_a_roster_is_read_once_per_upload_in_another_process_and_a_slow_file_is_refused(people, monkeypatch):
    from pages.ui import uploads
    from tests.pages.apptest import roster_csv

    calls: list[str] = []
    real = uploads.run_isolated

    def counted(reader, **kwargs):
        calls.append(reader.__name__)
        return real(reader, **kwargs)

    monkeypatch.setattr(uploads, "run_isolated", counted)
    at = goto(log_in(app(), people.admin), "impor_pegawai.py")
    at = at.file_uploader(key="roster_file").upload("pegawai.csv", roster_csv(), "text/csv").run()
    assert not at.exception
    at.checkbox(key="roster_full").check().run()  # a rerun with another option: the file is not read again
    at.checkbox(key="roster_full").uncheck().run()
    assert calls == ["read_roster"]

    def too_slow(reader, **kwargs):
        return real(reader, time_limit=0.001, **kwargs)

    monkeypatch.setattr(uploads, "run_isolated", too_slow)
    at = at.file_uploader(key="roster_file").upload("lain.csv", roster_csv(), "text/csv").run()
    assert not at.exception
    assert "terlalu lama diperiksa" in text_of(at)
    assert not at.get("button") or "Impor" not in " ".join(b.label for b in at.button)
