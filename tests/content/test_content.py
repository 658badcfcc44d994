import dataclasses
import random

from sqlalchemy import func, select

from db import queries, reading, transaction
from db.models import Module, QuestionVersion
from netral.content.loading import sync_bank
from netral.quizzes import attempts
from netral.quizzes.view import view_attempt
from tests.conftest import T0
from tests.factories import add_person, module_quiz_id


def test_syncing_creates_modules_quizzes_and_first_versions(synced, bank):
    with reading(synced) as session:
        assert [m.key for m in queries.active_modules(session)] == ["dasar", "lanjut"]
        assert queries.quiz_by_key(session, "kuis-lanjut").pass_mark == 60
        assert session.scalar(select(func.count()).select_from(QuestionVersion)) == 14
        dasar = queries.module_by_key(session, "dasar")
        assert dasar.jp == 2 and "Teks materi uji" in dasar.material


def test_syncing_an_unchanged_bank_adds_nothing(synced, bank):
    with transaction(synced) as session:
        report = sync_bank(session, bank, now=T0)
    assert (report.questions_added, report.questions_changed, report.questions_retired) == (0, 0, 0)


def test_a_changed_question_gets_a_new_version_and_open_attempts_keep_theirs(synced, bank, settings):
    with transaction(synced) as session:
        employee_id = add_person(session).employee_id
        attempt = attempts.start_attempt(
            session, employee_id=employee_id, quiz_id=module_quiz_id(session), now=T0, settings=settings, rng=random.Random(3)
        )
    module = bank.modules[0]
    edited = dataclasses.replace(module.questions[0], text="Soal pilihan tunggal yang diperbaiki?")
    changed_bank = dataclasses.replace(
        bank, modules=(dataclasses.replace(module, questions=(edited, *module.questions[1:])), bank.modules[1])
    )
    with transaction(synced) as session:
        report = sync_bank(session, changed_bank, now=T0)
    assert report.questions_changed == 1
    with reading(synced) as session:
        shown = view_attempt(session, attempt_id=attempt.id, employee_id=employee_id)
        assert "Soal pilihan tunggal?" in {q.text for q in shown.questions}
        newest = [
            v.content["text"] for v in queries.latest_question_versions(session, queries.module_by_key(session, "dasar").id)
        ]
        assert "Soal pilihan tunggal yang diperbaiki?" in newest and "Soal pilihan tunggal?" not in newest


def test_questions_and_modules_removed_from_files_are_retired_not_deleted(synced, bank):
    trimmed = dataclasses.replace(bank, modules=(dataclasses.replace(bank.modules[0], questions=bank.modules[0].questions[:3]),))
    with transaction(synced) as session:
        report = sync_bank(session, trimmed, now=T0)
    assert report.questions_retired == 11
    with reading(synced) as session:
        assert [m.key for m in queries.active_modules(session)] == ["dasar"]
        assert session.scalar(select(func.count()).select_from(QuestionVersion)) == 14
        assert session.scalar(select(func.count()).select_from(Module)) == 2


def test_hr_settings_of_a_quiz_survive_a_sync(synced, bank):
    with transaction(synced) as session:
        queries.quiz_by_key(session, "kuis-dasar").pass_mark = 70
    with transaction(synced) as session:
        sync_bank(session, bank, now=T0)
    with reading(synced) as session:
        assert queries.quiz_by_key(session, "kuis-dasar").pass_mark == 70
