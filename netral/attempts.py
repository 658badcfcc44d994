"""Quiz attempts: start or resume, record each answer at once, submit once, review."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from db import queries
from db.models import Answer, Attempt, Quiz
from netral import certificates
from netral.scoring import is_fully_correct, question_mark, total_score
from netral.settings import Settings

# Absorbs a slow network: an answer sent just before the deadline still counts.
GRACE = timedelta(seconds=30)
SUBMITTED_BY_PESERTA = "peserta"
SUBMITTED_BY_CLOCK = "waktu_habis"


class AttemptError(Exception):
    """An action on an attempt that the rules refuse; the message is for the peserta."""


@dataclass(frozen=True)
class QuestionView:
    """A drawn question as the peserta sees it while answering: no key, no feedback."""

    position: int
    kind: str
    text: str
    options: tuple[tuple[str, str], ...]
    selected: tuple[str, ...]


@dataclass(frozen=True)
class AttemptView:
    """An open attempt, enough to render the quiz page."""

    attempt_id: int
    quiz_title: str
    number: int
    started_at: datetime
    deadline_at: datetime | None
    current_position: int
    questions: tuple[QuestionView, ...]

    @property
    def answered(self) -> int:
        """How many questions have an answer."""
        return sum(1 for q in self.questions if q.selected)

    def is_expired(self, now: datetime) -> bool:
        """Whether the time limit (plus grace) has passed, so the attempt must be closed."""
        return self.deadline_at is not None and now > self.deadline_at + GRACE


def start_attempt(
    session: Session, *, employee_id: int, quiz_id: int, now: datetime, rng: random.Random | None = None
) -> Attempt:
    """Resume the employee's open attempt at a quiz, or start a new one with a stored draw."""
    quiz = session.get(Quiz, quiz_id)
    if quiz is None:
        raise AttemptError("Kuis tidak ditemukan.")
    current = queries.open_attempt(session, employee_id, quiz.id)
    if current is not None:
        return current
    started = queries.attempt_count(session, employee_id, quiz.id)
    if quiz.max_attempts is not None and started >= quiz.max_attempts:
        raise AttemptError(f"Anda sudah memakai seluruh {quiz.max_attempts} kesempatan untuk kuis ini.")
    if quiz.module_id is None:
        raise AttemptError("Kuis ini belum dapat dimulai.")
    versions = list(queries.latest_question_versions(session, quiz.module_id))
    if not versions:
        raise AttemptError("Kuis ini belum memiliki soal. Hubungi admin kepegawaian.")
    rng = rng or random.SystemRandom()
    if quiz.question_count and quiz.question_count < len(versions):
        versions = rng.sample(versions, quiz.question_count)
    if quiz.shuffle_questions:
        rng.shuffle(versions)
    attempt = Attempt(
        quiz_id=quiz.id,
        employee_id=employee_id,
        number=started + 1,
        started_at=now,
        deadline_at=now + timedelta(minutes=quiz.time_limit_minutes) if quiz.time_limit_minutes else None,
        current_position=0,
    )
    try:
        with session.begin_nested():
            session.add(attempt)
            session.flush()
    except IntegrityError:
        # Another tab started this attempt number a moment ago: resume that one.
        current = queries.open_attempt(session, employee_id, quiz.id)
        if current is None:
            raise AttemptError("Kuis sedang dimulai di jendela lain. Muat ulang halaman ini.") from None
        return current
    for position, version in enumerate(versions):
        option_ids = [option["id"] for option in version.content["options"]]
        if quiz.shuffle_options and version.kind != "truefalse":
            rng.shuffle(option_ids)
        session.add(Answer(attempt_id=attempt.id, position=position, question_version_id=version.id, option_order=option_ids))
    session.flush()
    return attempt


def view_attempt(session: Session, *, attempt_id: int, employee_id: int) -> AttemptView:
    """Load an open attempt of this employee for answering."""
    attempt = _own_attempt(session, attempt_id, employee_id)
    quiz = session.get(Quiz, attempt.quiz_id)
    assert quiz is not None
    questions = []
    for answer, version, _key in queries.answers_with_versions(session, attempt.id):
        texts = {option["id"]: option["text"] for option in version.content["options"]}
        questions.append(
            QuestionView(
                position=answer.position,
                kind=version.kind,
                text=version.content["text"],
                options=tuple((option_id, texts[option_id]) for option_id in answer.option_order),
                selected=tuple(answer.selected or ()),
            )
        )
    return AttemptView(
        attempt_id=attempt.id,
        quiz_title=quiz.title,
        number=attempt.number,
        started_at=attempt.started_at,
        deadline_at=attempt.deadline_at,
        current_position=attempt.current_position,
        questions=tuple(questions),
    )


def record_answer(
    session: Session, *, attempt_id: int, employee_id: int, position: int, selected: list[str], now: datetime
) -> None:
    """Store the answer to one question at once; the last answer given wins."""
    attempt = _open_attempt_locked(session, attempt_id, employee_id, now)
    answer = queries.answer_at(session, attempt.id, position)
    if answer is None:
        raise AttemptError("Soal ini tidak ada dalam kuis Anda.")
    if not set(selected) <= set(answer.option_order):
        raise AttemptError("Pilihan jawaban tidak dikenal.")
    answer.selected = [option_id for option_id in answer.option_order if option_id in selected] or None
    answer.answered_at = now
    attempt.current_position = position


def move_to(session: Session, *, attempt_id: int, employee_id: int, position: int, now: datetime) -> None:
    """Remember which question the peserta is on, so a resume opens it again."""
    attempt = _open_attempt_locked(session, attempt_id, employee_id, now)
    if position < 0 or queries.answer_at(session, attempt.id, position) is None:
        raise AttemptError("Soal ini tidak ada dalam kuis Anda.")
    attempt.current_position = position


def submit_attempt(
    session: Session, *, attempt_id: int, employee_id: int, now: datetime, settings: Settings, reason: str = SUBMITTED_BY_PESERTA
) -> Attempt:
    """Score and close an attempt; submitting again returns the same result."""
    attempt = queries.attempt_for_update(session, attempt_id)
    if attempt is None or attempt.employee_id != employee_id:
        raise AttemptError("Percobaan kuis tidak ditemukan.")
    if attempt.submitted_at is not None:
        return attempt
    quiz = session.get(Quiz, attempt.quiz_id)
    assert quiz is not None
    marks = []
    for answer, version, _key in queries.answers_with_versions(session, attempt.id):
        weights = {option["id"]: float(option["weight"]) for option in version.content["options"]}
        answer.points = question_mark(version.kind, weights, answer.selected)
        marks.append(answer.points)
    score = total_score(marks)
    attempt.points, attempt.max_points, attempt.score = score.points, score.max_points, score.percent
    attempt.passed = score.is_passed(quiz.pass_mark)
    attempt.submitted_at, attempt.submit_reason = now, reason
    session.flush()
    if attempt.passed:
        certificates.issue_for_attempt(session, attempt=attempt, quiz=quiz, now=now, settings=settings)
    return attempt


def close_if_expired(session: Session, *, attempt_id: int, now: datetime, settings: Settings) -> bool:
    """Submit an attempt whose time ran out with the answers given so far; tell whether it did."""
    attempt = session.get(Attempt, attempt_id)
    if attempt is None or attempt.submitted_at is not None or attempt.deadline_at is None:
        return False
    if now <= attempt.deadline_at + GRACE:
        return False
    submit_attempt(
        session, attempt_id=attempt.id, employee_id=attempt.employee_id, now=now, settings=settings, reason=SUBMITTED_BY_CLOCK
    )
    return True


def mark_is_right(points: float | None) -> bool:
    """Whether a reviewed question was answered fully right."""
    return points is not None and is_fully_correct(points)


def _own_attempt(session: Session, attempt_id: int, employee_id: int) -> Attempt:
    attempt = session.get(Attempt, attempt_id)
    if attempt is None or attempt.employee_id != employee_id:
        raise AttemptError("Percobaan kuis tidak ditemukan.")
    return attempt


def _open_attempt_locked(session: Session, attempt_id: int, employee_id: int, now: datetime) -> Attempt:
    # Locked so an answer and a submission of the same attempt never interleave.
    attempt = queries.attempt_for_update(session, attempt_id)
    if attempt is None or attempt.employee_id != employee_id:
        raise AttemptError("Percobaan kuis tidak ditemukan.")
    if attempt.submitted_at is not None:
        raise AttemptError("Kuis ini sudah dikirim; jawaban tidak dapat diubah lagi.")
    if attempt.deadline_at is not None and now > attempt.deadline_at + GRACE:
        raise AttemptError("Waktu mengerjakan sudah habis; jawaban ini tidak tersimpan.")
    return attempt
