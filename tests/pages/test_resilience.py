"""Pages under stress: a busy database, an edited link, an unexpected error — an Indonesian message, nothing lost silently."""

from __future__ import annotations

import logging

from tests.pages.apptest import app, goto, log_in, text_of


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
