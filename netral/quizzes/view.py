"""An open attempt as the peserta sees it while answering: no key, except for answers already checked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from sqlalchemy.orm import Session

from db import queries
from db.models import Attempt, Module, Quiz
from netral.core.enums import FeedbackMode
from netral.quizzes.attempts import GRACE, AttemptRefused
from netral.quizzes.review import EVERYTHING, ReviewItem, review_item


@dataclass(frozen=True)
class QuestionView:
    """A drawn question while answering; `checked` carries its review once the peserta checked it."""

    position: int
    kind: str
    text: str
    options: tuple[tuple[str, str], ...]
    selected: tuple[str, ...]
    flagged: bool
    checked: ReviewItem | None


@dataclass(frozen=True)
class AttemptView:
    """An open attempt, enough to render the quiz page."""

    attempt_id: int
    quiz_key: str
    quiz_title: str
    feedback_mode: FeedbackMode
    number: int
    started_at: datetime
    deadline_at: datetime | None
    current_position: int
    questions: tuple[QuestionView, ...]

    @cached_property
    def answered(self) -> int:
        """How many questions have an answer (counted once per view: the quiz page asks often)."""
        return sum(1 for q in self.questions if q.selected)

    @property
    def current_question(self) -> QuestionView:
        """The question on screen: the current position (the last one, should the position lie beyond it)."""
        return self.questions[min(self.current_position, len(self.questions) - 1)]

    @property
    def unanswered_positions(self) -> list[int]:
        """Positions still without an answer."""
        return [q.position for q in self.questions if not q.selected]

    @property
    def flagged_positions(self) -> list[int]:
        """Positions marked for review."""
        return [q.position for q in self.questions if q.flagged]

    def is_expired(self, now: datetime) -> bool:
        """Whether the time limit (plus grace) has passed, so the attempt must be closed."""
        return self.deadline_at is not None and now > self.deadline_at + GRACE

    def seconds_left(self, now: datetime) -> int | None:
        """Seconds until the deadline (never negative), or None without a time limit."""
        return None if self.deadline_at is None else max(0, int((self.deadline_at - now).total_seconds()))


def view_attempt(session: Session, *, attempt_id: int, employee_id: int) -> AttemptView:
    """Load an open attempt of this employee for answering."""
    attempt = session.get(Attempt, attempt_id)
    if attempt is None or attempt.employee_id != employee_id:
        raise AttemptRefused("Percobaan kuis tidak ditemukan.")
    quiz = session.get_one(Quiz, attempt.quiz_id)
    questions = []
    for answer, version, *_ in queries.answers_with_versions(session, attempt.id):
        texts = {option["id"]: option["text"] for option in version.content["options"]}
        questions.append(
            QuestionView(
                position=answer.position,
                kind=version.kind,
                text=version.content["text"],
                options=tuple((option_id, texts[option_id]) for option_id in answer.option_order),
                selected=tuple(answer.selected or ()),
                flagged=answer.flagged,
                checked=review_item(answer, version.kind, version.content, EVERYTHING) if answer.checked_at else None,
            )
        )
    return AttemptView(
        attempt_id=attempt.id,
        quiz_key=quiz.key,
        quiz_title=quiz.title,
        feedback_mode=FeedbackMode(quiz.feedback_mode),
        number=attempt.number,
        started_at=attempt.started_at,
        deadline_at=attempt.deadline_at,
        current_position=attempt.current_position,
        questions=tuple(questions),
    )


@dataclass(frozen=True)
class QuizContext:
    """Which quiz a page is about, where to go back to, and the attempt in progress."""

    quiz_id: int
    quiz_key: str
    title: str
    module_key: str | None
    open_attempt_id: int | None


def quiz_context(session: Session, *, employee_id: int, quiz_key: str) -> QuizContext | None:
    """Find a quiz by key with the employee's attempt in progress, or None if there is no such quiz."""
    quiz = queries.quiz_by_key(session, quiz_key)
    if quiz is None:
        return None
    module = session.get(Module, quiz.module_id) if quiz.module_id else None
    if module is not None and not module.active:
        return None
    attempt = queries.open_attempt(session, employee_id, quiz.id)
    return QuizContext(quiz.id, quiz.key, quiz.title, module.key if module else None, attempt.id if attempt else None)


@dataclass(frozen=True)
class QuizScreen:
    """The quiz page: which quiz, and the attempt in progress (None when there is none)."""

    context: QuizContext
    view: AttemptView | None


def quiz_screen(session: Session, *, employee_id: int, quiz_key: str) -> QuizScreen | None:
    """The quiz with this key and the employee's open attempt at it, or None if there is no such quiz."""
    context = quiz_context(session, employee_id=employee_id, quiz_key=quiz_key)
    if context is None:
        return None
    view = view_attempt(session, attempt_id=context.open_attempt_id, employee_id=employee_id) if context.open_attempt_id else None
    return QuizScreen(context, view)
