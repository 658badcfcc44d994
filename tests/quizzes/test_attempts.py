"""Attempt rules enforced on the server, with an injected clock (T0 + minutes)."""

import random
import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from db import queries, reading, transaction
from db.engine import bare_transaction, runs_bare
from db.models import Answer, Attempt, Certificate, Employee, Quiz
from netral.core.enums import SubmitReason
from netral.quizzes import attempts
from netral.quizzes.attempts import AttemptRefused
from netral.quizzes.overrides import grant_override
from netral.quizzes.review import review_attempt
from netral.quizzes.rules import StartRefused
from netral.quizzes.view import view_attempt
from tests.conftest import T0
from tests.factories import add_person, answer_all, as_actor, module_quiz_id


def at(minutes: float):
    return T0 + timedelta(minutes=minutes)


@pytest.fixture
def peserta(synced):
    with transaction(synced) as session:
        return add_person(session).employee_id


@pytest.fixture
def admin(synced):
    with transaction(synced) as session:
        return as_actor(add_person(session, name="Admin", role="super_admin"))


def configure(engine, module="dasar", **settings):
    with transaction(engine) as session:
        quiz = session.get(Quiz, module_quiz_id(session, module))
        for name, value in settings.items():
            setattr(quiz, name, value)


def start(engine, employee_id, settings, module="dasar", now=T0, seed=1):
    with transaction(engine) as session:
        quiz_id = module_quiz_id(session, module)
        return attempts.start_attempt(
            session, employee_id=employee_id, quiz_id=quiz_id, now=now, settings=settings, rng=random.Random(seed)
        ).id


def view(engine, attempt_id, employee_id):
    with reading(engine) as session:
        return view_attempt(session, attempt_id=attempt_id, employee_id=employee_id)


def answer(engine, attempt_id, employee_id, position, selected, now=T0):
    # As the quiz page stores a tap: on a bare connection (tests/factories.py answers through a session).
    with bare_transaction(engine) as connection:
        attempts.record_answer(
            connection, attempt_id=attempt_id, employee_id=employee_id, position=position, selected=selected, now=now
        )


def first_option(engine, attempt_id, employee_id, position):
    return view(engine, attempt_id, employee_id).questions[position].options[0][0]


def submit(engine, attempt_id, employee_id, settings, now=T0):
    with transaction(engine) as session:
        return attempts.submit_attempt(session, attempt_id=attempt_id, employee_id=employee_id, now=now)


def answer_everything(engine, attempt_id, employee_id, right=True, now=T0):
    with transaction(engine) as session:
        answer_all(session, attempt_id=attempt_id, employee_id=employee_id, right=right, now=now)


def test_starting_draws_every_question_once_and_stores_the_order(synced, peserta, settings):
    shown = view(synced, start(synced, peserta, settings), peserta)
    assert len(shown.questions) == 5 and len({q.text for q in shown.questions}) == 5
    assert [q.position for q in shown.questions] == list(range(5))


def test_starting_again_resumes_the_same_attempt_with_the_same_order(synced, peserta, settings):
    first = start(synced, peserta, settings, seed=1)
    assert start(synced, peserta, settings, seed=99) == first
    assert view(synced, first, peserta) == view(synced, first, peserta)


def test_without_shuffling_the_order_is_the_bank_order(synced, peserta, settings):
    configure(synced, shuffle_questions=False, shuffle_options=False)
    shown = view(synced, start(synced, peserta, settings), peserta)
    assert [q.text for q in shown.questions][0] == "Soal pilihan tunggal?"
    assert [text for _id, text in shown.questions[0].options] == ["Jawaban benar", "Jawaban salah satu", "Jawaban salah dua"]


def test_the_view_carries_no_key_or_feedback(synced, peserta, settings):
    shown = view(synced, start(synced, peserta, settings), peserta)
    assert all(q.checked is None for q in shown.questions)
    assert "weight" not in repr(shown) and "Tepat." not in repr(shown) and "Penjelasan" not in repr(shown)


def test_each_answer_is_stored_at_once_and_the_last_one_wins(synced, peserta, settings):
    attempt_id = start(synced, peserta, settings)
    ids = [option_id for option_id, _ in view(synced, attempt_id, peserta).questions[0].options]
    answer(synced, attempt_id, peserta, 0, [ids[0]])
    answer(synced, attempt_id, peserta, 0, [ids[1]], now=at(1))
    resumed = view(synced, attempt_id, peserta)
    assert resumed.questions[0].selected == (ids[1],) and resumed.answered == 1


def test_the_quiz_page_stores_a_tap_on_a_bare_connection_and_a_session_stores_the_same(synced, peserta, settings):
    assert runs_bare(attempts.record_answer)  # pages/ui/service.py runs it in bare_transaction
    attempt_id = start(synced, peserta, settings)
    answer(synced, attempt_id, peserta, 0, [first_option(synced, attempt_id, peserta, 0)])
    with transaction(synced) as session:
        attempts.record_answer(
            session,
            attempt_id=attempt_id,
            employee_id=peserta,
            position=1,
            selected=[first_option(synced, attempt_id, peserta, 1)],
            now=T0,
        )
    stored = view(synced, attempt_id, peserta)
    assert [q.selected for q in stored.questions[:2]] == [
        (first_option(synced, attempt_id, peserta, 0),),
        (first_option(synced, attempt_id, peserta, 1),),
    ]
    assert stored.current_position == 1


def test_an_answer_makes_its_question_current_and_a_cleared_choice_counts_as_unanswered(synced, peserta, settings):
    attempt_id = start(synced, peserta, settings)
    ids = [option_id for option_id, _ in view(synced, attempt_id, peserta).questions[2].options]
    answer(synced, attempt_id, peserta, 2, [ids[0]])
    assert view(synced, attempt_id, peserta).current_position == 2
    answer(synced, attempt_id, peserta, 2, [])
    resumed = view(synced, attempt_id, peserta)
    assert resumed.questions[2].selected == () and resumed.answered == 0
    with reading(synced) as session:  # stored as SQL NULL, as before the answer was given, not as JSON null
        assert session.scalar(select(func.count()).where(Answer.attempt_id == attempt_id, Answer.selected.is_(None))) == 5
    for position, reason in ((-1, "tidak ada"), (5, "tidak ada")):
        with pytest.raises(AttemptRefused, match=reason):
            answer(synced, attempt_id, peserta, position, [])
    with pytest.raises(AttemptRefused, match="tidak ditemukan"):
        answer(synced, attempt_id + 1000, peserta, 0, [])


def test_the_position_and_flags_are_remembered_for_a_resume(synced, peserta, settings):
    attempt_id = start(synced, peserta, settings)
    with transaction(synced) as session:
        attempts.move_to(session, attempt_id=attempt_id, employee_id=peserta, position=3, now=T0)
        attempts.set_flag(session, attempt_id=attempt_id, employee_id=peserta, position=1, flagged=True, now=T0)
    resumed = view(synced, attempt_id, peserta)
    assert resumed.current_position == 3 and resumed.flagged_positions == [1]
    assert resumed.unanswered_positions == [0, 1, 2, 3, 4]


def test_unknown_options_and_positions_are_refused(synced, peserta, settings):
    attempt_id = start(synced, peserta, settings)
    with pytest.raises(AttemptRefused, match="tidak dikenal"):
        answer(synced, attempt_id, peserta, 0, ["zz"])
    with pytest.raises(AttemptRefused, match="tidak ada"):
        answer(synced, attempt_id, peserta, 42, ["a"])


def test_nobody_answers_submits_or_views_for_someone_else(synced, peserta, settings):
    attempt_id = start(synced, peserta, settings)
    with transaction(synced) as session:
        other = add_person(session, name="Orang Lain").employee_id
    for action in (
        lambda: answer(synced, attempt_id, other, 0, ["a"]),
        lambda: submit(synced, attempt_id, other, settings),
        lambda: view(synced, attempt_id, other),
    ):
        with pytest.raises(AttemptRefused, match="tidak ditemukan"):
            action()


def test_all_right_scores_100_and_a_module_pass_alone_issues_no_certificate(synced, peserta, settings):
    attempt_id = start(synced, peserta, settings)
    answer_everything(synced, attempt_id, peserta)
    result = submit(synced, attempt_id, peserta, settings, now=at(9))
    assert (result.score, result.passed, result.points, result.max_points) == (100.0, True, 5.0, 5.0)
    with reading(synced) as session:
        assert session.scalar(select(func.count()).select_from(Certificate)) == 0


def test_unanswered_questions_count_as_zero_and_four_of_five_passes_at_80(synced, peserta, settings):
    configure(synced, shuffle_questions=False)
    attempt_id = start(synced, peserta, settings)
    with transaction(synced) as session:
        rows = queries.answers_with_versions(session, attempt_id)
        right = {a.position: [o["id"] for o in v.content["options"] if o["weight"] > 0] for a, v, *_ in rows}
    for position in (0, 2, 3, 4):
        answer(synced, attempt_id, peserta, position, right[position])
    result = submit(synced, attempt_id, peserta, settings)
    assert result.score == 80.0 and result.passed


def test_submitting_twice_gives_one_result(synced, peserta, settings):
    attempt_id = start(synced, peserta, settings)
    first = submit(synced, attempt_id, peserta, settings, now=T0)
    second = submit(synced, attempt_id, peserta, settings, now=at(1))
    assert first.submitted_at == second.submitted_at and first.score == second.score


def test_two_threads_submitting_at_once_leave_exactly_one_result(synced, peserta, settings):
    attempt_id = start(synced, peserta, settings)
    answer_everything(synced, attempt_id, peserta)
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
        assert session.scalar(select(func.count()).select_from(Attempt).where(Attempt.submitted_at.is_not(None))) == 1


def test_no_answer_is_accepted_after_submission(synced, peserta, settings):
    attempt_id = start(synced, peserta, settings)
    submit(synced, attempt_id, peserta, settings)
    with pytest.raises(AttemptRefused, match="sudah dikirim"):
        answer(synced, attempt_id, peserta, 0, ["a"])


def test_the_attempt_limit_holds_until_hr_grants_an_extra_attempt(synced, peserta, admin, settings):
    configure(synced, max_attempts=1)
    submit(synced, start(synced, peserta, settings), peserta, settings)
    with pytest.raises(StartRefused, match="seluruh 1 kesempatan"):
        start(synced, peserta, settings, now=at(60))
    with transaction(synced) as session:
        employee_nip = session.execute(select(Employee.nip).where(Employee.id == peserta)).scalar_one()
        grant_override(
            session,
            quiz_id=module_quiz_id(session),
            nip=employee_nip,
            extra_minutes=None,
            extra_attempts=1,
            open_at=None,
            close_at=None,
            reason="Gangguan listrik",
            actor=admin,
            now=at(61),
        )
    assert start(synced, peserta, settings, now=at(62))


def test_a_waiting_time_separates_attempts(synced, peserta, settings):
    configure(synced, wait_minutes=60)
    submit(synced, start(synced, peserta, settings), peserta, settings, now=at(10))
    with pytest.raises(StartRefused, match="Anda dapat mencoba lagi mulai"):
        start(synced, peserta, settings, now=at(40))
    assert start(synced, peserta, settings, now=at(71))


def test_no_attempt_starts_outside_the_open_window(synced, peserta, settings):
    configure(synced, open_at=at(60), close_at=at(120))
    with pytest.raises(StartRefused, match="baru dibuka"):
        start(synced, peserta, settings, now=at(30))
    with pytest.raises(StartRefused, match="sudah ditutup"):
        start(synced, peserta, settings, now=at(121))
    assert start(synced, peserta, settings, now=at(61))


def test_an_override_window_lets_one_person_start_later(synced, peserta, admin, settings):
    configure(synced, open_at=at(0), close_at=at(60))
    with transaction(synced) as session:
        nip = session.execute(select(Employee.nip).where(Employee.id == peserta)).scalar_one()
        grant_override(
            session,
            quiz_id=module_quiz_id(session),
            nip=nip,
            extra_minutes=None,
            extra_attempts=None,
            open_at=at(100),
            close_at=at(200),
            reason="Tugas luar kota",
            actor=admin,
            now=at(1),
        )
    with pytest.raises(StartRefused, match="baru dibuka"):
        start(synced, peserta, settings, now=at(30))
    assert start(synced, peserta, settings, now=at(150))


def test_answers_after_the_deadline_are_refused_and_the_grace_absorbs_a_slow_network(synced, peserta, settings):
    configure(synced, time_limit_minutes=10)
    attempt_id = start(synced, peserta, settings)
    assert view(synced, attempt_id, peserta).deadline_at == at(10)
    answer(synced, attempt_id, peserta, 0, [first_option(synced, attempt_id, peserta, 0)], now=at(9))
    answer(synced, attempt_id, peserta, 1, [first_option(synced, attempt_id, peserta, 1)], now=at(10.4))
    with pytest.raises(AttemptRefused, match="Waktu mengerjakan sudah habis"):
        answer(synced, attempt_id, peserta, 2, ["a"], now=at(11))


def test_an_expired_attempt_closes_on_the_next_access_with_the_answers_given(synced, peserta, settings):
    configure(synced, time_limit_minutes=10)
    attempt_id = start(synced, peserta, settings)
    answer(synced, attempt_id, peserta, 0, [first_option(synced, attempt_id, peserta, 0)], now=at(5))
    with transaction(synced) as session:
        assert not attempts.close_if_expired(session, attempt_id=attempt_id, now=at(10.2))
        assert attempts.close_if_expired(session, attempt_id=attempt_id, now=at(11))
    with reading(synced) as session:
        closed = session.get(Attempt, attempt_id)
        assert closed.submit_reason == SubmitReason.TIME_UP and closed.submitted_at == at(11)
    # Starting again returns a new attempt, not the expired one.
    assert start(synced, peserta, settings, now=at(12)) != attempt_id


def test_the_sweep_closes_attempts_whose_browser_is_gone(synced, peserta, settings):
    configure(synced, time_limit_minutes=10)
    attempt_id = start(synced, peserta, settings)
    with transaction(synced) as session:
        other = add_person(session, name="Masih Mengerjakan").employee_id
    still_running = start(synced, other, settings, now=at(5))
    with transaction(synced) as session:
        assert attempts.sweep_expired(session, now=at(11)) == 1
    with reading(synced) as session:
        assert session.get(Attempt, attempt_id).submit_reason == "waktu_habis"
        assert session.get(Attempt, still_running).submitted_at is None


def test_the_deadline_is_the_quiz_close_when_that_comes_first(synced, peserta, settings):
    configure(synced, time_limit_minutes=60, close_at=at(20))
    assert view(synced, start(synced, peserta, settings), peserta).deadline_at == at(20)


def test_extra_time_for_accessibility_lengthens_the_deadline(synced, peserta, admin, settings):
    configure(synced, time_limit_minutes=30)
    with transaction(synced) as session:
        nip = session.execute(select(Employee.nip).where(Employee.id == peserta)).scalar_one()
        grant_override(
            session,
            quiz_id=module_quiz_id(session),
            nip=nip,
            extra_minutes=15,
            extra_attempts=None,
            open_at=None,
            close_at=None,
            reason="Tunanetra, memakai pembaca layar",
            actor=admin,
            now=T0,
        )
    assert view(synced, start(synced, peserta, settings), peserta).deadline_at == at(45)


def test_checking_in_a_practice_quiz_locks_the_answer_and_reveals_its_feedback(synced, peserta, settings):
    configure(synced, shuffle_questions=False)
    attempt_id = start(synced, peserta, settings)
    with transaction(synced) as session, pytest.raises(AttemptRefused, match="Pilih jawaban dulu"):
        attempts.check_answer(session, attempt_id=attempt_id, employee_id=peserta, position=0, now=T0)
    right = [i for i, text in view(synced, attempt_id, peserta).questions[0].options if text == "Jawaban benar"]
    answer(synced, attempt_id, peserta, 0, right)
    with transaction(synced) as session:
        attempts.check_answer(session, attempt_id=attempt_id, employee_id=peserta, position=0, now=at(1))
    checked = view(synced, attempt_id, peserta).questions[0].checked
    assert checked.right and checked.explanation == "Penjelasan soal tunggal." and checked.legal_basis
    with pytest.raises(AttemptRefused, match="sudah diperiksa"):
        answer(synced, attempt_id, peserta, 0, ["b"], now=at(2))
    assert view(synced, attempt_id, peserta).questions[1].checked is None


def test_an_exam_with_deferred_feedback_refuses_to_check_single_answers(synced, peserta, settings):
    configure(synced, feedback_mode="akhir")
    attempt_id = start(synced, peserta, settings)
    answer(synced, attempt_id, peserta, 0, [first_option(synced, attempt_id, peserta, 0)])
    with transaction(synced) as session, pytest.raises(AttemptRefused, match="setelah semua jawaban dikirim"):
        attempts.check_answer(session, attempt_id=attempt_id, employee_id=peserta, position=0, now=T0)


def test_the_review_follows_the_quiz_review_options(synced, peserta, settings):
    configure(synced, review_key=False, review_explanation=False, review_legal_basis=False)
    attempt_id = start(synced, peserta, settings)
    answer_everything(synced, attempt_id, peserta, right=False)
    submit(synced, attempt_id, peserta, settings)
    with reading(synced) as session:
        review = review_attempt(session, attempt_id=attempt_id, employee_id=peserta, now=at(1))
    item = review.items[0]
    assert item.right is False and item.explanation is None and item.legal_basis is None
    assert all(option.correct is None and option.feedback == "" for option in item.options)
    assert review.feedback and "mempelajari kembali" in review.feedback[0]


def test_a_review_after_close_stays_hidden_until_the_quiz_closes(synced, peserta, settings):
    configure(synced, review_when="setelah_tutup", close_at=at(120))
    attempt_id = start(synced, peserta, settings)
    submit(synced, attempt_id, peserta, settings, now=at(5))
    with reading(synced) as session:
        before = review_attempt(session, attempt_id=attempt_id, employee_id=peserta, now=at(60))
        after = review_attempt(session, attempt_id=attempt_id, employee_id=peserta, now=at(121))
    assert not before.visibility.shows_anything and before.visibility.available_from == at(120)
    assert before.items[0].explanation is None and after.items[0].explanation is not None
