"""HR's Sosialisasi page and the projector in AppTest: make an event, open attendance, record by NIP, run the quiz."""

from __future__ import annotations

from datetime import date, timedelta

from db import queries, reading, transaction
from db.queries import sosialisasi as live_queries
from netral.core.dates import agency_day, utcnow
from netral.core.enums import LiveState, MisconceptionSource
from netral.sosialisasi.attendance import set_attendance_open
from netral.sosialisasi.events import EventDraft, create_event
from tests.cycles.helpers import new_cycle
from tests.factories import as_actor
from tests.pages.apptest import app, button, goto, log_in, text_of


def test_hr_makes_an_event_with_a_live_quiz_and_records_someone_by_nip(people):
    at = goto(log_in(app(), people.admin), "sosialisasi.py")
    assert not at.exception and "Belum ada sosialisasi" in text_of(at)
    inputs = {t.label: t for t in at.text_input}
    inputs["Judul"].input("Sosialisasi Netralitas ASN")
    inputs["Tempat"].input("Pendopo <b>Kabupaten</b>")
    at.date_input[0].set_value(date(2029, 1, 10))
    at.text_area[0].input("Ketua Bawaslu — Bawaslu Kabupaten")
    questions = next(m for m in at.multiselect if m.label.startswith("Soal kuis langsung"))
    questions.set_value(questions.options[:2])
    next(t for t in at.text_area if t.key == "soal_1").input("Bolehkah ASN memberi tanda suka pada unggahan calon?")
    next(t for t in at.text_area if t.key == "pilihan_1").input("Boleh\nTidak boleh")
    next(n for n in at.number_input if n.key == "benar_1").set_value(2)
    next(t for t in at.text_area if t.key == "jelas_1").input("Itu bentuk dukungan.")
    cited = next(m for m in at.multiselect if m.key == "sumber_1")
    cited.set_value(cited.options[:1])
    at = button(at, "Simpan sosialisasi").click().run()
    assert not at.exception and "Sosialisasi tersimpan" in text_of(at)
    with reading(people.engine) as session:
        (event,) = live_queries.events(session, None)
        assert event.place == "Pendopo <b>Kabupaten</b>" and len(live_queries.items(session, event.id)) == 3
        written = live_queries.items(session, event.id)[2].content
        assert [o["weight"] for o in written["options"]] == [0.0, 100.0] and written["legal_basis"]
        assert event.speakers == [{"name": "Ketua Bawaslu", "institution": "Bawaslu Kabupaten"}]


def make_event(people, *, jp: int = 0) -> int:
    with transaction(people.engine) as session:
        boss = as_actor(queries.account_by_nip(session, people.admin))
        event_id = create_event(
            session, boss, EventDraft("Sosialisasi Uji", utcnow(), "Aula", jp=jp, question_keys=("dasar-tunggal",)), now=utcnow()
        )
        set_attendance_open(session, boss, event_id=event_id, is_open=True)
    return event_id


def test_the_projector_shows_a_qr_and_code_and_opens_a_question_that_survives_a_new_page(people):
    event_id = make_event(people)
    at = goto(log_in(app(), people.admin), "layar_sosialisasi.py", acara=str(event_id))
    assert not at.exception
    shown = text_of(at)
    assert "Sosialisasi Uji" in shown and "Kode:" in shown and "Berganti dalam" in shown
    at = button(at, "Buka soal").click().run()
    assert not at.exception
    with reading(people.engine) as session:
        assert live_queries.event(session, event_id).live_state == LiveState.OPEN
    again = goto(log_in(app(), people.admin), "layar_sosialisasi.py", acara=str(event_id))  # a refreshed projector
    assert "Menerima jawaban" in text_of(again) and "Soal pilihan tunggal?" in text_of(again)


def test_a_projector_link_with_a_made_up_event_says_so(people):
    at = goto(log_in(app(), people.admin), "layar_sosialisasi.py", acara="999999")
    assert not at.exception and "tidak ditemukan" in text_of(at)


def test_a_peserta_sees_attended_events_on_beranda_and_hr_sees_live_answers_as_a_source_of_the_map(people):
    from netral.sosialisasi.attendance import check_in_manually

    event_id = make_event(people)
    with transaction(people.engine) as session:
        boss = as_actor(queries.account_by_nip(session, people.admin))
        check_in_manually(session, boss, event_id=event_id, nip=people.peserta, now=utcnow())
    at = log_in(app(), people.peserta)
    assert "Sosialisasi yang Anda hadiri" in text_of(at) and "Sosialisasi Uji" in text_of(at)
    assert "di luar siklus 0 JP dari 1 acara" in text_of(at)  # no cycle was open on the event's day
    with transaction(people.engine) as session:
        from netral.core.enums import LiveRound
        from netral.sosialisasi import live

        live.open_item(session, boss, event_id=event_id, round_=LiveRound.PRE, position=1)
        item = live_queries.items(session, event_id)[0].id
        employee = queries.employee_by_nip(session, people.peserta)
        live.answer(session, event_id=event_id, employee_id=employee.id, item_id=item, round_="pre", selected=["b"], now=utcnow())
    hr = goto(log_in(app(), people.admin), "dasbor.py")
    source = next(r for r in hr.radio if r.label == "Sumber")
    hr = source.set_value(MisconceptionSource.LIVE).run()
    assert not hr.exception and "Belum ada data dari sumber ini" not in text_of(hr)


def test_hr_sees_a_persons_attendance_in_their_record_with_its_jp_in_the_cycle_open_that_day(people):
    with transaction(people.engine) as session:
        today = agency_day(utcnow())  # the day the app counts in (NETRAL_TIMEZONE), not the UTC date
        new_cycle(session, None, name="Pemilu 2029", opens_on=today - timedelta(days=1), deadline=today + timedelta(days=30))
    event_id = make_event(people, jp=3)
    with transaction(people.engine) as session:
        boss = as_actor(queries.account_by_nip(session, people.admin))
        from netral.sosialisasi.attendance import check_in_manually

        check_in_manually(session, boss, event_id=event_id, nip=people.peserta, now=utcnow())
        employee_id = queries.employee_by_nip(session, people.peserta).id
    at = goto(log_in(app(), people.admin), "profil_pegawai.py", id=str(employee_id))
    assert not at.exception and "Sosialisasi yang dihadiri" in text_of(at) and "Sosialisasi Uji" in text_of(at)
    assert "Pemilu 2029 3 JP dari 1 acara" in text_of(at)
    hr = goto(log_in(app(), people.admin), "sosialisasi.py", acara=str(event_id))
    assert "3 JP sosialisasi ini dihitung di siklus Pemilu 2029" in text_of(hr)
