"""Siklus Pemilu, Pengingat and Beranda's cycle line, as HR and a peserta use them (AppTest, no browser)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from db import reading
from db.models import AuditEvent, Cycle
from netral.core.dates import agency_day, utcnow
from netral.core.enums import AuditAction
from tests.pages.apptest import app, button, goto, log_in, text_of


def test_hr_creates_a_cycle_and_the_peserta_sees_its_dates_on_beranda(people):
    at = goto(log_in(app(), people.admin), "siklus.py")
    assert not at.exception and "Belum ada siklus" in text_of(at)
    today = agency_day(utcnow())  # the day the app counts in (NETRAL_TIMEZONE), not the UTC date
    at.text_input[0].input("Pemilu 2029")
    at.date_input[0].set_value(today - timedelta(days=1))
    at.date_input[1].set_value(today - timedelta(days=2))  # before the open date
    at = button(at, "Buat siklus").click().run()
    assert "tidak boleh sebelum tanggal siklus dibuka" in text_of(at)
    at.date_input[1].set_value(today + timedelta(days=10))
    at = button(at, "Buat siklus").click().run()
    assert not at.exception and "Siklus «Pemilu 2029» dibuat" in text_of(at)
    with reading(people.engine) as session:
        assert session.scalars(select(Cycle.name)).all() == ["Pemilu 2029"]
        assert AuditAction.CYCLE_CREATE in session.scalars(select(AuditEvent.action)).all()
    home = goto(log_in(app(), people.peserta), "beranda.py")
    shown = text_of(home)
    assert "Pemilu 2029" in shown and "Hari pemungutan suara: **belum ditetapkan**" in shown and "(10 hari lagi)" in shown


def test_hr_sets_reminder_rules_previews_them_and_an_unknown_placeholder_is_refused(people):
    at = goto(log_in(app(), people.admin), "siklus.py")
    today = agency_day(utcnow())  # the day the app counts in (NETRAL_TIMEZONE), not the UTC date
    at.text_input[0].input("Pilkada 2031")
    at.date_input[0].set_value(today)
    at.date_input[1].set_value(today + timedelta(days=30))
    button(at, "Buat siklus").click().run()
    at = goto(at, "pengingat.py")
    assert not at.exception and "Pengingat Email" in text_of(at)
    at.text_area[0].input("Yth. {nama}, gaji Anda {gaji}")
    at = button(at, "Simpan aturan").click().run()
    assert "tidak dikenal: {gaji}" in text_of(at)
    at.text_area[0].input("Yth. {nama} (NIP {nip}), tenggat {tenggat}.")
    at = button(at, "Simpan aturan").click().run()
    assert "Aturan pengingat tersimpan" in text_of(at)
    at.text_input[-1].input(people.peserta)
    at = button(at, "Pratinjau").click().run()
    assert not at.exception and f"(NIP {people.peserta})" in str([t.value for t in at.text])


def test_the_cycle_dashboard_shows_figures_and_makes_the_ppk_report(people):
    at = goto(log_in(app(), people.admin), "siklus.py")
    today = agency_day(utcnow())  # the day the app counts in (NETRAL_TIMEZONE), not the UTC date
    at.text_input[0].input("Pemilu 2029")
    at.date_input[0].set_value(today)
    at.date_input[1].set_value(today + timedelta(days=30))
    button(at, "Buat siklus").click().run()
    at = goto(at, "dasbor_siklus.py")
    assert not at.exception and "Dasbor Siklus" in text_of(at)
    assert [m.label for m in at.metric][:2] == ["Pegawai", "Selesai"]
    at = button(at, "Buat laporan siklus untuk PPK (PDF)").click().run()
    assert not at.exception and not at.error
