import random
import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from db import queries, reading, transaction
from db.models import Attempt, Certificate, Quiz
from netral import attempts
from netral.attempts import AttemptError
from netral.review import review_attempt
from tests.conftest import T0
from tests.factories import add_person, answer_all, module_quiz_id


@pytest.fixture
def peserta(synced):
    with transaction(synced) as session:
        return add_person(session).employee_id


def start(engine, employee_id, module="dasar", now=T0, seed=1):
    with transaction(engine) as session:
        quiz_id = module_quiz_id(session, module)
        return attempts.start_attempt(session, employee_id=employee_id, quiz_id=quiz_id, now=now, rng=random.Random(seed)).id


def view(engine, attempt_id, employee_id):
    with reading(engine) as session:
        return attempts.view_attempt(session, attempt_id=attempt_id, employee_id=employee_id)


def answer(engine, attempt_id, employee_id, position, selected, now=T0):
    with transaction(engine) as session:
        attempts.record_answer(
            session, attempt_id=attempt_id, employee_id=employee_id, position=position, selected=selected, now=now
        )


def submit(engine, attempt_id, employee_id, settings, now=T0):
    with transaction(engine) as session:
        return attempts.submit_attempt(session, attempt_id=attempt_id, employee_id=employee_id, now=now, settings=settings)


def test_starting_draws_every_question_once_and_stores_the_order(synced, peserta):
    attempt_id = start(synced, peserta)
    shown = view(synced, attempt_id, peserta)
    assert len(shown.questions) == 5
    assert len({q.text for q in shown.questions}) == 5
    assert [q.position for q in shown.questions] == list(range(5))


def test_starting_again_resumes_the_same_attempt_with_the_same_order(synced, peserta):
    first = start(synced, peserta, seed=1)
    again = start(synced, peserta, seed=99)
    assert again == first
    assert view(synced, first, peserta) == view(synced, again, peserta)


def test_the_view_carries_no_key_or_feedback(synced, peserta):
    shown = view(synced, start(synced, peserta), peserta)
    for question in shown.questions:
        assert not hasattr(question, "explanation")
        assert all(isinstance(text, str) and len(pair) == 2 for pair in question.options for text in pair)
    assert "correct" not in repr(shown) and "weight" not in repr(shown) and "Tepat." not in repr(shown)


def test_each_answer_is_stored_at_once_and_the_last_one_wins(synced, peserta):
    attempt_id = start(synced, peserta)
    first = view(synced, attempt_id, peserta).questions[0]
    ids = [option_id for option_id, _ in first.options]
    answer(synced, attempt_id, peserta, 0, [ids[0]])
    answer(synced, attempt_id, peserta, 0, [ids[1]], now=T0 + timedelta(seconds=5))
    resumed = view(synced, attempt_id, peserta)
    assert resumed.questions[0].selected == (ids[1],)
    assert resumed.current_position == 0 and resumed.answered == 1


def test_the_position_is_remembered_for_a_resume(synced, peserta):
    attempt_id = start(synced, peserta)
    with transaction(synced) as session:
        attempts.move_to(session, attempt_id=attempt_id, employee_id=peserta, position=3, now=T0)
    assert view(synced, attempt_id, peserta).current_position == 3


def test_unknown_options_and_positions_are_refused(synced, peserta):
    attempt_id = start(synced, peserta)
    with pytest.raises(AttemptError, match="tidak dikenal"):
        answer(synced, attempt_id, peserta, 0, ["zz"])
    with pytest.raises(AttemptError, match="tidak ada"):
        answer(synced, attempt_id, peserta, 42, ["a"])


def test_nobody_answers_or_submits_for_someone_else(synced, peserta, settings):
    attempt_id = start(synced, peserta)
    with transaction(synced) as session:
        other = add_person(session, name="Orang Lain").employee_id
    with pytest.raises(AttemptError, match="tidak ditemukan"):
        answer(synced, attempt_id, other, 0, ["a"])
    with pytest.raises(AttemptError, match="tidak ditemukan"):
        submit(synced, attempt_id, other, settings)
    with pytest.raises(AttemptError, match="tidak ditemukan"):
        view(synced, attempt_id, other)


def test_all_right_scores_100_passes_and_issues_one_certificate(synced, peserta, settings):
    attempt_id = start(synced, peserta)
    with transaction(synced) as session:
        answer_all(session, attempt_id=attempt_id, employee_id=peserta, right=True)
    result = submit(synced, attempt_id, peserta, settings, now=T0 + timedelta(minutes=9))
    assert (result.score, result.passed, result.points, result.max_points) == (100.0, True, 5.0, 5.0)
    with reading(synced) as session:
        review = review_attempt(session, attempt_id=attempt_id, employee_id=peserta)
        assert review.right_count == 5 and review.certificate_number is not None
        assert session.scalar(select(func.count()).select_from(Certificate)) == 1


def test_all_wrong_fails_and_issues_nothing_and_the_review_explains(synced, peserta, settings):
    attempt_id = start(synced, peserta)
    with transaction(synced) as session:
        answer_all(session, attempt_id=attempt_id, employee_id=peserta, right=False)
    result = submit(synced, attempt_id, peserta, settings)
    assert result.score == 0.0 and result.passed is False
    with reading(synced) as session:
        review = review_attempt(session, attempt_id=attempt_id, employee_id=peserta)
        assert review.certificate_number is None
        item = review.items[0]
        assert not item.right and item.answered and item.explanation.startswith("Penjelasan")
        assert item.legal_basis and item.legal_basis[0].label
        assert any(o.correct for o in item.options) and any(o.selected for o in item.options)


def test_unanswered_questions_count_as_zero(synced, peserta, settings):
    attempt_id = start(synced, peserta)
    positions = {q.text: q.position for q in view(synced, attempt_id, peserta).questions}
    with reading(synced) as session:
        rows = queries.answers_with_versions(session, attempt_id)
        right = {row[0].position: [o["id"] for o in row[1].content["options"] if o["weight"] > 0] for row in rows}
    for text in ("Soal pilihan tunggal?", "Soal keempat?", "Soal kelima?", "Pernyataan ini salah."):
        answer(synced, attempt_id, peserta, positions[text], right[positions[text]])
    result = submit(synced, attempt_id, peserta, settings)
    assert result.score == 80.0 and result.passed  # 4 of 5 right, pass mark 80


def test_submitting_twice_gives_one_result(synced, peserta, settings):
    attempt_id = start(synced, peserta)
    first = submit(synced, attempt_id, peserta, settings, now=T0)
    second = submit(synced, attempt_id, peserta, settings, now=T0 + timedelta(minutes=1))
    assert first.submitted_at == second.submitted_at and first.score == second.score


def test_two_threads_submitting_at_once_leave_exactly_one_result(synced, peserta, settings):
    attempt_id = start(synced, peserta)
    with transaction(synced) as session:
        answer_all(session, attempt_id=attempt_id, employee_id=peserta, right=True)
    barrier, results, errors = threading.Barrier(2), [], []

    def race(offset):
        barrier.wait()
        try:
            results.append(submit(synced, attempt_id, peserta, settings, now=T0 + timedelta(seconds=offset)).submitted_at)
        except Exception as exc:  # noqa: BLE001 - the test reports any failure
            errors.append(exc)

    threads = [threading.Thread(target=race, args=(i,)) for i in range(2)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert not errors and len(set(results)) == 1
    with reading(synced) as session:
        assert session.scalar(select(func.count()).select_from(Certificate)) == 1


def test_no_answer_is_accepted_after_submission(synced, peserta, settings):
    attempt_id = start(synced, peserta)
    submit(synced, attempt_id, peserta, settings)
    with pytest.raises(AttemptError, match="sudah dikirim"):
        answer(synced, attempt_id, peserta, 0, ["a"])


def test_a_retake_is_a_new_attempt_and_a_second_pass_issues_no_second_certificate(synced, peserta, settings):
    for number in (1, 2):
        attempt_id = start(synced, peserta, now=T0 + timedelta(hours=number))
        with transaction(synced) as session:
            answer_all(session, attempt_id=attempt_id, employee_id=peserta, right=True)
        result = submit(synced, attempt_id, peserta, settings, now=T0 + timedelta(hours=number, minutes=5))
        assert result.number == number and result.passed
    with reading(synced) as session:
        assert session.scalar(select(func.count()).select_from(Certificate)) == 1


def test_the_attempt_limit_is_enforced(synced, peserta, settings):
    with transaction(synced) as session:
        session.get(Quiz, module_quiz_id(session)).max_attempts = 1
    submit(synced, start(synced, peserta), peserta, settings)
    with pytest.raises(AttemptError, match="seluruh 1 kesempatan"):
        start(synced, peserta, now=T0 + timedelta(hours=1))


def test_answers_after_the_deadline_are_refused_and_the_attempt_closes_itself(synced, peserta, settings):
    with transaction(synced) as session:
        session.get(Quiz, module_quiz_id(session)).time_limit_minutes = 10
    attempt_id = start(synced, peserta)
    answer(
        synced,
        attempt_id,
        peserta,
        0,
        [view(synced, attempt_id, peserta).questions[0].options[0][0]],
        now=T0 + timedelta(minutes=9),
    )
    # inside the grace period a slow network still counts
    answer(
        synced,
        attempt_id,
        peserta,
        1,
        [view(synced, attempt_id, peserta).questions[1].options[0][0]],
        now=T0 + timedelta(minutes=10, seconds=20),
    )
    with pytest.raises(AttemptError, match="Waktu mengerjakan sudah habis"):
        answer(synced, attempt_id, peserta, 2, ["a"], now=T0 + timedelta(minutes=11))
    with transaction(synced) as session:
        assert not attempts.close_if_expired(session, attempt_id=attempt_id, now=T0 + timedelta(minutes=10), settings=settings)
        assert attempts.close_if_expired(session, attempt_id=attempt_id, now=T0 + timedelta(minutes=11), settings=settings)
    with reading(synced) as session:
        closed = session.get(Attempt, attempt_id)
        assert closed.submit_reason == attempts.SUBMITTED_BY_CLOCK and closed.submitted_at is not None
        assert sum(1 for a in queries.answers_of(session, attempt_id) if a.selected) == 2
