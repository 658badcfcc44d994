"""The exam draws only from the exam pool, so practising a module never shows an exam question or its key."""

import dataclasses
import hashlib
import json
import random

from sqlalchemy import select

from db import queries, reading, transaction
from db.models import Answer, Question, QuestionVersion, Quiz
from netral.content.loading import content_hash, sync_bank, version_content
from netral.content.overview import bank_overview
from netral.quizzes import attempts
from netral.quizzes.settings import available_questions
from tests.conftest import T0
from tests.factories import add_person, exam_id, module_quiz_id

EXAM_KEYS = {
    "ujian-dasar-satu",
    "ujian-dasar-dua",
    "ujian-dasar-tiga",
    "ujian-dasar-empat",
    "ujian-lanjut-satu",
    "ujian-lanjut-dua",
    "ujian-lanjut-tiga",
}


def drawn_keys(engine, settings, quiz_of, seed):
    with transaction(engine) as session:
        employee_id = add_person(session).employee_id
        attempt = attempts.start_attempt(
            session, employee_id=employee_id, quiz_id=quiz_of(session), now=T0, settings=settings, rng=random.Random(seed)
        )
        rows = session.execute(
            select(Question.key)
            .join(QuestionVersion, QuestionVersion.question_id == Question.id)
            .join(Answer, Answer.question_version_id == QuestionVersion.id)
            .where(Answer.attempt_id == attempt.id)
        )
        return set(rows.scalars())


def test_a_module_quiz_shows_only_practice_questions_and_the_exam_only_exam_questions(synced, settings):
    for seed in range(3):
        practice = drawn_keys(synced, settings, module_quiz_id, seed) | drawn_keys(
            synced, settings, lambda s: module_quiz_id(s, "lanjut"), seed
        )
        exam = drawn_keys(synced, settings, exam_id, seed)
        assert exam == EXAM_KEYS
        assert practice and not practice & EXAM_KEYS


def test_a_drawn_exam_of_fewer_questions_still_comes_from_the_exam_pool(synced, settings):
    with transaction(synced) as session:
        session.get(Quiz, exam_id(session)).question_count = 4
    for seed in range(5):
        drawn = drawn_keys(synced, settings, exam_id, seed)
        assert len(drawn) == 4 and drawn <= EXAM_KEYS


def test_hr_sees_how_many_questions_each_quiz_can_draw_and_the_bank_per_pool(synced):
    with reading(synced) as session:
        exam = session.get(Quiz, exam_id(session))
        dasar = session.get(Quiz, module_quiz_id(session))
        assert (available_questions(session, exam), available_questions(session, dasar)) == (7, 5)
        counts = bank_overview(session).counts
    assert sum(n for _module, _kind, pool, n in counts if pool == "ujian") == 7
    assert sum(n for _module, _kind, pool, n in counts if pool == "modul") == 7


def test_moving_a_question_into_the_exam_pool_makes_a_new_version_and_takes_it_out_of_practice(synced, bank, settings):
    module = bank.modules[0]
    moved = dataclasses.replace(module.questions[0], pool="ujian")
    changed = dataclasses.replace(
        bank, modules=(dataclasses.replace(module, questions=(moved, *module.questions[1:])), bank.modules[1])
    )
    with transaction(synced) as session:
        assert sync_bank(session, changed, now=T0).questions_changed == 1
    with reading(synced) as session:
        dasar = queries.module_by_key(session, "dasar")
        pools = {v.question_id: v.pool for v in queries.latest_question_versions(session, dasar.id)}
        key_of = {q.id: q.key for q in session.scalars(select(Question))}
        assert {key_of[i] for i, pool in pools.items() if pool == "ujian"} == {"dasar-tunggal"} | {
            k for k in EXAM_KEYS if k.startswith("ujian-dasar")
        }
    assert "dasar-tunggal" not in drawn_keys(synced, settings, module_quiz_id, 1)
    assert "dasar-tunggal" in drawn_keys(synced, settings, exam_id, 1)


def test_a_practice_question_hashes_as_before_pools_existed_so_the_upgrade_adds_no_version(synced, bank):
    # The fingerprint before issue 14 was sha256 of [kind, topic, category, difficulty, content].
    spec = bank.modules[0].questions[0]
    content = version_content(spec, bank)
    before = hashlib.sha256(
        json.dumps([spec.kind, spec.topic, spec.category, spec.difficulty, content], sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()
    assert content_hash(spec, content) == before
    assert content_hash(dataclasses.replace(spec, pool="ujian"), content) != before
    with transaction(synced) as session:
        assert sync_bank(session, bank, now=T0).questions_changed == 0
