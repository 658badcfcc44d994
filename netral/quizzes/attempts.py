"""Quiz attempts: start (or resume), answer, check, flag, submit once, and close when time is up."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from db import queries
from db.engine import on_bare_connection
from db.models import Answer, Attempt, QuestionVersion, Quiz
from netral.core import events
from netral.core.enums import FeedbackMode, QuestionKind, SubmitReason
from netral.core.errors import NotFound, Refusal
from netral.core.settings import Settings
from netral.quizzes.draw import stratified_draw
from netral.quizzes.rules import check_can_start, deadline_for
from netral.quizzes.scoring import question_mark, total_score
from netral.quizzes.settings import rules_for

# Absorbs a slow network: an answer sent just before the deadline still counts.
GRACE = timedelta(seconds=30)


class AttemptRefused(Refusal):
    """An action on an attempt that the rules refuse; the message is for the peserta."""


def start_attempt(
    session: Session,
    *,
    employee_id: int,
    quiz_id: int,
    now: datetime,
    settings: Settings,
    rng: random.Random | None = None,
    cycle_id: int | None = None,
) -> Attempt:
    """Resume the employee's open attempt at a quiz, or start a new one if the rules allow it now.

    Only the quiz's own rules are checked here; whether the path lets this person take the quiz at
    all (the exam after the modules) is the learning context's question, asked before this. Within a
    cycle (`cycle_id`, chosen by the learning context) the rules count that cycle's attempts only.
    """
    quiz = _quiz(session, quiz_id)
    current = queries.open_attempt(session, employee_id, quiz.id, cycle_id=cycle_id)
    if current is not None and not close_if_expired(session, attempt_id=current.id, now=now):
        return current
    rules = rules_for(session, quiz, employee_id)
    started = queries.attempt_count(session, employee_id, quiz.id)
    check_can_start(
        rules,
        started=queries.attempt_count(session, employee_id, quiz.id, cycle_id=cycle_id),
        last_submitted_at=queries.last_submission(session, employee_id, quiz.id, cycle_id=cycle_id),
        now=now,
        zone=settings.zone,
    )
    rng = rng or random.SystemRandom()
    drawn = _draw(session, quiz, rng)
    attempt = Attempt(
        quiz_id=quiz.id,
        employee_id=employee_id,
        number=started + 1,
        started_at=now,
        deadline_at=deadline_for(rules, now),
        current_position=0,
        cycle_id=cycle_id,
    )
    try:
        with session.begin_nested():
            session.add(attempt)
            session.flush()
    except IntegrityError:
        # Another tab started this attempt number a moment ago: resume that one.
        current = queries.open_attempt(session, employee_id, quiz.id, cycle_id=cycle_id)
        if current is None:
            raise AttemptRefused("Kuis sedang dimulai di jendela lain. Muat ulang halaman ini.") from None
        return current
    for position, version in enumerate(drawn):
        option_ids = [option["id"] for option in version.content["options"]]
        if quiz.shuffle_options and version.kind != QuestionKind.TRUE_FALSE:
            rng.shuffle(option_ids)
        session.add(Answer(attempt_id=attempt.id, position=position, question_version_id=version.id, option_order=option_ids))
    session.flush()
    return attempt


@on_bare_connection
def record_answer(
    unit: Session | Connection, *, attempt_id: int, employee_id: int, position: int, selected: list[str], now: datetime
) -> None:
    """Store the answer to one question at once; the last answer given wins (until it is checked).

    Called on every option tap, so it is one locking read and one or two short writes, no rows loaded as objects,
    and the quiz page runs it on a bare connection (db.engine.bare_transaction); a session does as well."""
    connection = unit.connection() if isinstance(unit, Session) else unit
    slot = queries.answer_slot_for_update(connection, attempt_id, position)
    if slot is None:
        raise AttemptRefused("Percobaan kuis tidak ditemukan.")
    owner, submitted_at, deadline_at, current_position, answer_id, option_order, checked_at = slot
    _refuse_closed(owner, submitted_at, deadline_at, employee_id, now)
    if answer_id is None or option_order is None:  # no question at this position (the join found none)
        raise AttemptRefused("Soal ini tidak ada dalam kuis Anda.")
    if checked_at is not None:
        raise AttemptRefused("Jawaban soal ini sudah diperiksa dan tidak dapat diubah lagi.")
    if not set(selected) <= set(option_order):
        raise AttemptRefused("Pilihan jawaban tidak dikenal.")
    ordered = [option_id for option_id in option_order if option_id in selected] or None
    queries.store_answer(
        connection,
        attempt_id=attempt_id,
        answer_id=answer_id,
        position=position,
        selected=ordered,
        now=now,
        move=current_position != position,
    )


def check_answer(session: Session, *, attempt_id: int, employee_id: int, position: int, now: datetime) -> None:
    """In a practice quiz, fix one answer and reveal its feedback (the answer cannot change afterwards)."""
    attempt = _open_attempt_locked(session, attempt_id, employee_id, now)
    quiz = _quiz(session, attempt.quiz_id)
    if quiz.feedback_mode != FeedbackMode.IMMEDIATE:
        raise AttemptRefused("Pada kuis ini pembahasan baru tampil setelah semua jawaban dikirim.")
    answer = _answer(session, attempt, position)
    if not answer.selected:
        raise AttemptRefused("Pilih jawaban dulu sebelum memeriksanya.")
    if answer.checked_at is None:
        answer.checked_at = now
        answer.points = _mark(session, answer)


def set_flag(session: Session, *, attempt_id: int, employee_id: int, position: int, flagged: bool, now: datetime) -> None:
    """Mark (or unmark) a question to review before submitting."""
    attempt = _open_attempt_locked(session, attempt_id, employee_id, now)
    _answer(session, attempt, position).flagged = flagged


def move_to(session: Session, *, attempt_id: int, employee_id: int, position: int, now: datetime) -> None:
    """Remember which question the peserta is on, so a resume opens it again."""
    attempt = _open_attempt_locked(session, attempt_id, employee_id, now)
    attempt.current_position = _answer(session, attempt, position).position


def submit_attempt(
    session: Session, *, attempt_id: int, employee_id: int, now: datetime, reason: SubmitReason = SubmitReason.PESERTA
) -> Attempt:
    """Score and close an attempt, then publish AttemptSubmitted; submitting again (another click, tab
    or device) returns the same result and publishes nothing."""
    attempt = queries.attempt_for_update(session, attempt_id)
    if attempt is None or attempt.employee_id != employee_id:
        raise AttemptRefused("Percobaan kuis tidak ditemukan.")
    if attempt.submitted_at is not None:
        return attempt
    quiz = _quiz(session, attempt.quiz_id)
    marks = []
    for answer in queries.answers_of(session, attempt.id):
        answer.points = _mark(session, answer)
        marks.append(answer.points)
    score = total_score(marks)
    attempt.points, attempt.max_points, attempt.score = score.points, score.max_points, score.percent
    attempt.passed = score.is_passed(quiz.pass_mark)
    attempt.submitted_at, attempt.submit_reason = now, reason
    session.flush()
    events.publish(session, events.AttemptSubmitted(attempt.id, attempt.employee_id, attempt.quiz_id, attempt.number))
    return attempt


def close_if_expired(session: Session, *, attempt_id: int, now: datetime, grace: timedelta = GRACE) -> bool:
    """Submit an attempt whose time ran out with the answers given so far; tell whether it did.

    The grace absorbs answers still on their way; the peserta's own page, asking after the
    deadline, passes no grace because its answers have all arrived.
    """
    attempt = session.get(Attempt, attempt_id)
    if attempt is None or attempt.submitted_at is not None or attempt.deadline_at is None:
        return False
    if now < attempt.deadline_at + grace:
        return False
    submit_attempt(session, attempt_id=attempt.id, employee_id=attempt.employee_id, now=now, reason=SubmitReason.TIME_UP)
    return True


def sweep_expired(session: Session, *, now: datetime) -> int:
    """Submit every attempt whose time ran out, even if its browser is gone; return how many."""
    closed = 0
    for attempt_id in queries.expired_attempt_ids(session, now - GRACE):
        closed += close_if_expired(session, attempt_id=attempt_id, now=now)
    return closed


def _draw(session: Session, quiz: Quiz, rng: random.Random) -> list[QuestionVersion]:
    pool = queries.question_pool(session, quiz)
    if not pool:
        raise AttemptRefused("Kuis ini belum memiliki soal. Hubungi admin kepegawaian.")
    versions = [version for version, _module in pool]
    drawn = stratified_draw(versions, quiz.question_count, [(module, version.topic) for version, module in pool], rng)
    if quiz.shuffle_questions:
        rng.shuffle(drawn)
    else:
        drawn.sort(key=versions.index)
    return drawn


def _quiz(session: Session, quiz_id: int) -> Quiz:
    quiz = session.get(Quiz, quiz_id)
    if quiz is None:
        raise NotFound("Kuis tidak ditemukan.")
    return quiz


def _mark(session: Session, answer: Answer) -> float:
    version = queries.question_version(session, answer.question_version_id)
    weights = {option["id"]: float(option["weight"]) for option in version.content["options"]}
    return question_mark(version.kind, weights, answer.selected)


def _answer(session: Session, attempt: Attempt, position: int) -> Answer:
    answer = queries.answer_at(session, attempt.id, position) if position >= 0 else None
    if answer is None:
        raise AttemptRefused("Soal ini tidak ada dalam kuis Anda.")
    return answer


def _open_attempt_locked(session: Session, attempt_id: int, employee_id: int, now: datetime) -> Attempt:
    # Locked so an answer and a submission of the same attempt never interleave.
    attempt = queries.attempt_for_update(session, attempt_id)
    if attempt is None:
        raise AttemptRefused("Percobaan kuis tidak ditemukan.")
    _refuse_closed(attempt.employee_id, attempt.submitted_at, attempt.deadline_at, employee_id, now)
    return attempt


def _refuse_closed(
    owner: int, submitted_at: datetime | None, deadline_at: datetime | None, employee_id: int, now: datetime
) -> None:
    if owner != employee_id:
        raise AttemptRefused("Percobaan kuis tidak ditemukan.")
    if submitted_at is not None:
        raise AttemptRefused("Kuis ini sudah dikirim; jawaban tidak dapat diubah lagi.")
    if deadline_at is not None and now > deadline_at + GRACE:
        raise AttemptRefused("Waktu mengerjakan sudah habis; jawaban ini tidak tersimpan.")
