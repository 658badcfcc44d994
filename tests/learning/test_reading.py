"""Reading a module in sections: the position per account on any device, knowledge checks stored once."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from db import reading, transaction
from db.models import CheckAnswer
from netral.core.errors import NotFound, Refusal
from netral.learning.reading import answer_check, module_page, open_section
from tests.conftest import T0
from tests.factories import add_person


@pytest.fixture
def person(synced):
    with transaction(synced) as session:
        return add_person(session, name="Peserta Baca").employee_id


def page(engine, employee_id, key="dasar"):
    with reading(engine) as session:
        return module_page(session, employee_id=employee_id, module_key=key)


def move(engine, employee_id, section, key="dasar", at=T0):
    with transaction(engine) as session:
        return open_section(session, employee_id=employee_id, module_key=key, section=section, now=at)


def test_a_new_reader_starts_at_the_first_of_three_sections_and_the_scenario_comes_last(synced, person):
    opened = page(synced, person)
    assert [s.heading for s in opened.sections] == ["Pengantar", "Bagian kedua", "Bagian ketiga", "Skenario: Skenario uji"]
    assert opened.sections[-1].scenario and opened.scenario.node["id"] == "undangan"
    assert opened.section.text == "Teks materi uji." and opened.section.summary == "Ringkasan pengantar."
    assert (opened.current, opened.read_through) == (0, False)


def test_the_position_is_saved_at_each_move_and_the_quiz_stays_open_after_going_back(synced, person):
    move(synced, person, 1)
    assert page(synced, person).current == 1  # a second device reads the same row
    move(synced, person, 3, at=T0 + timedelta(minutes=1))
    move(synced, person, 0, at=T0 + timedelta(minutes=2))
    opened = page(synced, person)
    assert (opened.current, opened.furthest, opened.read_through) == (0, 3, True)


def test_a_section_out_of_range_is_clamped_and_an_unknown_module_refused(synced, person):
    assert move(synced, person, 99) == 3
    assert move(synced, person, -5) == 0
    with pytest.raises(NotFound):
        move(synced, person, 1, key="tidak-ada")


def test_a_module_without_sections_file_is_one_section_read_at_once(synced, person):
    opened = page(synced, person, "lanjut")
    assert len(opened.sections) == 1 and opened.read_through
    assert "Teks materi kedua." in opened.section.text and "# Materi lanjut" not in opened.section.text


def answer(engine, employee_id, selected, key="cek-dasar-satu"):
    with transaction(engine) as session:
        return answer_check(session, employee_id=employee_id, module_key="dasar", check_key=key, selected=selected, now=T0)


def test_a_check_answer_gives_feedback_and_the_rule_and_only_the_first_answer_is_kept(synced, person):
    first = answer(synced, person, "salah")
    assert (first.correct, first.feedback) == (False, "Belum tepat sekali.")
    assert first.citations == ("Sumber Uji Pasal 1",) and first.explanation == "Penjelasan cek pertama."
    again = answer(synced, person, "benar")  # a second tap or another device: the first answer stands
    assert again.selected == "salah" and not again.correct
    with reading(synced) as session:
        assert session.scalar(select(func.count()).select_from(CheckAnswer)) == 1
    assert page(synced, person).checks["cek-dasar-satu"].selected == "salah"


def test_an_unknown_check_or_option_is_refused(synced, person):
    with pytest.raises(NotFound):
        answer(synced, person, "benar", key="cek-tidak-ada")
    with pytest.raises(Refusal):
        answer(synced, person, "mungkin")


def test_check_answers_are_a_separate_source_of_the_misconception_map(synced, person):
    from netral.core.enums import MisconceptionSource
    from netral.hr.misconceptions import misconception_map
    from netral.people.scope import WHOLE_AGENCY

    with transaction(synced) as session:
        other = add_person(session, name="Peserta Lain").employee_id
    answer(synced, person, "salah")
    answer(synced, other, "benar")
    with reading(synced) as session:
        checks = misconception_map(
            session, WHOLE_AGENCY, agency_name="Uji", labels={}, by_unit=False, source=MisconceptionSource.CHECK
        )
        quiz = misconception_map(session, WHOLE_AGENCY, agency_name="Uji", labels={}, by_unit=False)
    assert (checks.overall["media-sosial"].answered, checks.overall["media-sosial"].wrong) == (2, 1)
    assert not quiz.overall  # no quiz was submitted: the sources stay apart
