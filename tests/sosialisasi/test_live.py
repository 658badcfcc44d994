"""The live quiz: the presenter's state survives a refresh, answers are counted once, closed items refuse answers."""

from __future__ import annotations

from datetime import timedelta

import pytest

from db import reading, transaction
from db.queries import sosialisasi as live_queries
from netral.core.enums import LiveRound, LiveState
from netral.core.errors import OutOfScope
from netral.sosialisasi import live
from netral.sosialisasi.attendance import check_in_manually
from netral.sosialisasi.events import EventDraft, EventRefused, OwnQuestion, create_event
from netral.sosialisasi.live import AnswerRefused
from tests.conftest import T0

NOW = T0 + timedelta(hours=1)


def seat_everyone(engine, hall) -> None:
    for nip in hall.nips:
        with transaction(engine) as session:
            check_in_manually(session, hall.boss, event_id=hall.event_id, nip=nip, now=NOW)


def phone_snapshot(engine, hall):
    with reading(engine) as session:
        return live.snapshot(session, hall.event_id)


def test_phones_see_the_open_item_without_its_key_until_the_presenter_reveals(synced, hall):
    assert phone_snapshot(synced, hall).state is LiveState.IDLE
    with transaction(synced) as session:
        live.open_item(session, hall.boss, event_id=hall.event_id, round_=LiveRound.PRE, position=1)
    shown = phone_snapshot(synced, hall)
    assert shown.state is LiveState.OPEN and shown.text == "Soal pilihan tunggal?" and len(shown.options) == 3
    assert shown.key == () and shown.explanation == "" and "weight" not in str(shown.as_json())
    with transaction(synced) as session:
        live.reveal_item(session, hall.boss, event_id=hall.event_id)
    revealed = phone_snapshot(synced, hall)
    assert revealed.key == ("a",) and revealed.explanation and revealed.legal_basis
    assert revealed.version > shown.version


def test_answers_are_stored_once_and_a_closed_item_refuses_late_answers(synced, hall):
    seat_everyone(synced, hall)
    with transaction(synced) as session:
        live.open_item(session, hall.boss, event_id=hall.event_id, round_=LiveRound.PRE, position=1)
    item = phone_snapshot(synced, hall).item_id
    assert item is not None
    for employee_id, choice in zip(hall.peserta[:2], ["a", "b"], strict=True):
        for _tap in range(2):  # a double tap
            with transaction(synced) as session:
                live.answer(
                    session,
                    event_id=hall.event_id,
                    employee_id=employee_id,
                    item_id=item,
                    round_="pre",
                    selected=[choice],
                    now=NOW,
                )
    with transaction(synced) as session:  # a change of mind after the first answer keeps the first
        stored, new = live.answer(
            session, event_id=hall.event_id, employee_id=hall.peserta[0], item_id=item, round_="pre", selected=["c"], now=NOW
        )
        assert not new and stored.selected == ["a"]
    with transaction(synced) as session:
        live.close_item(session, hall.boss, event_id=hall.event_id)
    with transaction(synced) as session, pytest.raises(AnswerRefused, match="sudah ditutup"):
        live.answer(
            session, event_id=hall.event_id, employee_id=hall.peserta[2], item_id=item, round_="pre", selected=["a"], now=NOW
        )
    with reading(synced) as session:
        count = live.tally(session, hall.boss, event_id=hall.event_id)
    assert (count.present, count.answered) == (3, 2)
    assert [(option, n, key) for option, _text, n, key in count.per_option] == [("a", 1, True), ("b", 1, False), ("c", 0, False)]


def test_someone_not_checked_in_or_choosing_nonsense_is_refused(synced, hall):
    with transaction(synced) as session:
        live.open_item(session, hall.boss, event_id=hall.event_id, round_=LiveRound.PRE, position=1)
    item = phone_snapshot(synced, hall).item_id
    with transaction(synced) as session, pytest.raises(AnswerRefused, match="Catat kehadiran"):
        live.answer(
            session, event_id=hall.event_id, employee_id=hall.peserta[0], item_id=item, round_="pre", selected=["a"], now=NOW
        )
    seat_everyone(synced, hall)
    for bad in (["z"], ["a", "b"], []):
        with transaction(synced) as session, pytest.raises(AnswerRefused, match="Pilih satu"):
            live.answer(
                session, event_id=hall.event_id, employee_id=hall.peserta[0], item_id=item, round_="pre", selected=bad, now=NOW
            )
    with transaction(synced) as session, pytest.raises(AnswerRefused, match="ditutup"):  # the same item, the other round
        live.answer(
            session, event_id=hall.event_id, employee_id=hall.peserta[0], item_id=item, round_="post", selected=["a"], now=NOW
        )


def test_only_hr_of_the_events_scope_runs_it(synced, hall):
    with transaction(synced) as session, pytest.raises(OutOfScope):
        live.open_item(session, hall.admin_b, event_id=hall.event_id, round_=LiveRound.PRE, position=1)
    with transaction(synced) as session, pytest.raises(OutOfScope):  # made by the super admin: not the admin's to run
        live.open_item(session, hall.admin_a, event_id=hall.event_id, round_=LiveRound.PRE, position=1)
    draft = EventDraft(title="Sosialisasi Dinas A", starts_at=NOW, place="Aula Dinas A", question_keys=("dasar-tunggal",))
    with transaction(synced) as session:
        own = create_event(session, hall.admin_a, draft, now=NOW)
        live.open_item(session, hall.admin_a, event_id=own, round_=LiveRound.PRE, position=1)
        assert live_queries.event(session, own).audience_unit_ids == [str(hall.office_a)]
    with transaction(synced) as session, pytest.raises(OutOfScope, match="lingkup"):
        create_event(session, hall.admin_a, EventDraft("X", NOW, "Aula", audience_unit_ids=(hall.office_a + 1,)), now=NOW)


@pytest.mark.parametrize(
    ("draft", "reason"),
    [
        (EventDraft(" ", NOW, "Aula"), "judul wajib"),
        (EventDraft("Acara", NOW, ""), "tempat wajib"),
        (EventDraft("Acara", NOW, "Aula", jp=99), "JP antara"),
        (EventDraft("Acara", NOW, "Aula", question_keys=("dasar-tunggal", "dasar-tunggal")), "dua kali"),
        (EventDraft("Acara", NOW, "Aula", question_keys=("tidak-ada",)), "tidak ada di bank"),
        (EventDraft("Acara", NOW, "Aula", question_keys=("dasar-ganda",)), "pilihan jamak"),
    ],
)
def test_an_event_with_a_bad_field_is_refused_and_nothing_is_saved(synced, hall, draft, reason):
    with reading(synced) as session:
        before = len(live_queries.events(session, None))
    with pytest.raises(EventRefused, match=reason), transaction(synced) as session:
        create_event(session, hall.boss, draft, now=NOW)
    with reading(synced) as session:
        assert len(live_queries.events(session, None)) == before


def test_a_presenter_who_refreshes_finds_the_event_where_it_was(synced, hall):
    with transaction(synced) as session:
        live.open_item(session, hall.boss, event_id=hall.event_id, round_=LiveRound.POST, position=2)
    with reading(synced) as session:  # a new page, a new session: the state is the event's, not the browser's
        again = live.snapshot(session, hall.event_id)
    assert (again.round, again.position, again.state) == (LiveRound.POST, 2, LiveState.OPEN)


def own(**changes):
    fields = {
        "text": "Bolehkah ASN memberi tanda suka pada unggahan kampanye calon?",
        "options": ("Boleh", "Tidak boleh"),
        "correct": 1,
        "explanation": "Tanda suka pada unggahan kampanye adalah bentuk dukungan.",
        "category": "media-sosial",
        "sources": ("sumber-kuat",),
    }
    return OwnQuestion(**{**fields, **changes})


def test_a_question_written_for_the_event_is_asked_and_scored_like_a_bank_question(synced, hall, bank):
    draft = EventDraft("Acara", NOW, "Aula", question_keys=("dasar-tunggal",), own_questions=(own(),))
    with transaction(synced) as session:
        event_id = create_event(session, hall.boss, draft, now=NOW, registry=bank)
        check_in_manually(session, hall.boss, event_id=event_id, nip=hall.nips[0], now=NOW)
        live.open_item(session, hall.boss, event_id=event_id, round_=LiveRound.PRE, position=2)
    with reading(synced) as session:
        shown = live.snapshot(session, event_id)
    assert shown.text.startswith("Bolehkah ASN") and shown.options == (("a", "Boleh"), ("b", "Tidak boleh"))
    with transaction(synced) as session:
        stored, _new = live.answer(
            session, event_id=event_id, employee_id=hall.peserta[0], item_id=shown.item_id, round_="pre", selected=["b"], now=NOW
        )
        assert stored.correct
        live.reveal_item(session, hall.boss, event_id=event_id)
    with reading(synced) as session:
        assert live.snapshot(session, event_id).legal_basis == ("Sumber Uji Pasal 1",)


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"sources": ("sumber-lemah",)}, "tidak boleh menjadi dasar kunci"),
        ({"sources": ()}, "pilih dasar hukumnya"),
        ({"category": "karangan"}, "kategori pelanggaran tidak dikenal"),
        ({"options": ("Boleh", "")}, "tanpa pilihan kosong"),
        ({"correct": 5}, "jawaban yang benar"),
        ({"explanation": " "}, "penjelasan wajib"),
    ],
)
def test_a_written_question_held_to_the_banks_rules(synced, hall, bank, changes, reason):
    draft = EventDraft("Acara", NOW, "Aula", own_questions=(own(**changes),))
    with pytest.raises(EventRefused, match=reason), transaction(synced) as session:
        create_event(session, hall.boss, draft, now=NOW, registry=bank)
