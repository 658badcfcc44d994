"""One obvious next step (issue 13 point 5): Beranda's button and what a result page offers."""

from datetime import timedelta

import pytest

from db import reading, transaction
from netral.learning.next_step import CERTIFICATE, EXAM, MODULE, PAKTA, next_step, quiz_result
from netral.learning.pledge import sign_pakta
from netral.learning.reading import open_section
from tests.conftest import T0
from tests.factories import add_person, exam_id, module_quiz_id, pass_all_modules, take_quiz


@pytest.fixture
def person(synced):
    with transaction(synced) as session:
        return add_person(session, name="Peserta Langkah").employee_id


def step(engine, employee_id):
    with reading(engine) as session:
        return next_step(session, employee_id=employee_id)


def test_a_new_peserta_starts_module_1_and_continues_at_the_section_left(synced, person):
    assert (step(synced, person).label, step(synced, person).target) == ("Mulai Modul 1", MODULE)
    with transaction(synced) as session:
        open_section(session, employee_id=person, module_key="dasar", section=1, now=T0)
    assert step(synced, person).label == "Lanjutkan Modul 1 — Bagian 2"
    with transaction(synced) as session:
        open_section(session, employee_id=person, module_key="dasar", section=3, now=T0 + timedelta(minutes=1))
    assert step(synced, person).label == "Kerjakan Kuis Modul 1"  # the last section (the scenario) reached


def test_the_module_read_last_wins_over_the_first_unpassed(synced, person):
    with transaction(synced) as session:
        open_section(session, employee_id=person, module_key="dasar", section=1, now=T0)
        open_section(session, employee_id=person, module_key="lanjut", section=0, now=T0 + timedelta(minutes=1))
    found = step(synced, person)
    assert (found.label, found.module_key) == ("Kerjakan Kuis Modul 2", "lanjut")


def test_after_a_pass_the_result_offers_the_next_module_and_after_a_fail_the_retake_and_sections(synced, person, settings):
    with transaction(synced) as session:
        failed = take_quiz(session, employee_id=person, quiz_id=module_quiz_id(session, "dasar"), settings=settings, right=False)
        passed = take_quiz(session, employee_id=person, quiz_id=module_quiz_id(session, "dasar"), settings=settings)
    with reading(synced) as session:
        after_fail = quiz_result(session, attempt_id=failed.id, employee_id=person, now=T0, settings=settings)
        after_pass = quiz_result(session, attempt_id=passed.id, employee_id=person, now=T0, settings=settings)
    assert after_fail.next is None and after_fail.retake_refusal is None
    missed = [item.position for item in after_fail.review.items if item.right is False]
    assert missed and all(after_fail.study[p].module_key == "dasar" for p in missed)
    assert {after_fail.study[p].heading for p in missed} <= {"Pengantar", "Bagian kedua", "Bagian ketiga"}
    assert (after_pass.next.label, after_pass.next.module_key) == ("Lanjut ke Modul 2", "lanjut")


def test_after_the_modules_the_exam_then_the_pakta_then_the_certificate(synced, person, settings):
    with transaction(synced) as session:
        pass_all_modules(session, employee_id=person, settings=settings)
    assert (step(synced, person).label, step(synced, person).target) == ("Mulai Ujian Sertifikasi", EXAM)
    with transaction(synced) as session:
        failed = take_quiz(session, employee_id=person, quiz_id=exam_id(session), settings=settings, right=False)
    with reading(synced) as session:
        result = quiz_result(session, attempt_id=failed.id, employee_id=person, now=T0, settings=settings)
    assert result.retake_refusal and result.retake_refusal.startswith("Anda dapat mencoba lagi mulai")  # 60 min wait
    with transaction(synced) as session:
        take_quiz(session, employee_id=person, quiz_id=exam_id(session), settings=settings, now=T0 + timedelta(hours=2))
    assert (step(synced, person).label, step(synced, person).target) == ("Tandatangani Pakta", PAKTA)
    with transaction(synced) as session:
        sign_pakta(
            session, employee_id=person, typed_name="Peserta Langkah", agreed=True, text="Pakta", now=T0, settings=settings
        )
    done = step(synced, person)
    assert (done.label, done.target, done.finished) == ("Unduh Sertifikat", CERTIFICATE, True)
