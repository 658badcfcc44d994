"""What a peserta sees after submitting: the score, overall feedback, and per question what the quiz allows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from db import queries
from db.models import Answer, Attempt, Module, Quiz
from netral.quizzes.attempts import AttemptRefused
from netral.quizzes.feedback import overall_feedback
from netral.quizzes.rules import Visibility, review_visibility
from netral.quizzes.scoring import is_fully_correct
from netral.quizzes.settings import rules_for

EVERYTHING = Visibility(correctness=True, key=True, explanation=True, legal_basis=True)


@dataclass(frozen=True)
class ReviewOption:
    """An option as reviewed: what it said, whether it was chosen, and (if shown) whether it was the key."""

    text: str
    selected: bool
    correct: bool | None
    feedback: str


@dataclass(frozen=True)
class Citation:
    """A legal basis under a question."""

    label: str
    says: str


@dataclass(frozen=True)
class ReviewItem:
    """One answered question with what the review options allow to show (None = hidden)."""

    position: int
    kind: str
    text: str
    options: tuple[ReviewOption, ...]
    answered: bool
    right: bool | None
    explanation: str | None
    legal_basis: tuple[Citation, ...] | None


@dataclass(frozen=True)
class AttemptReview:
    """A submitted attempt: score, verdict, overall feedback and the visible review."""

    attempt_id: int
    quiz_key: str
    quiz_title: str
    module_key: str | None
    number: int
    submitted_at: datetime
    submit_reason: str
    score: float
    passed: bool
    pass_mark: int
    right_count: int
    total: int
    feedback: tuple[str, ...]
    visibility: Visibility
    items: tuple[ReviewItem, ...]
    certificate_number: str | None


def review_item(answer: Answer, version_kind: str, content: dict[str, Any], visibility: Visibility) -> ReviewItem:
    """Build the review of one question, hiding what `visibility` does not allow."""
    by_id = {option["id"]: option for option in content["options"]}
    chosen = set(answer.selected or ())
    options = tuple(
        ReviewOption(
            text=by_id[option_id]["text"],
            selected=option_id in chosen,
            correct=float(by_id[option_id]["weight"]) > 0 if visibility.key else None,
            feedback=by_id[option_id].get("feedback", "") if visibility.explanation and option_id in chosen else "",
        )
        for option_id in answer.option_order
    )
    return ReviewItem(
        position=answer.position,
        kind=version_kind,
        text=content["text"],
        options=options,
        answered=bool(chosen),
        right=(answer.points is not None and is_fully_correct(answer.points)) if visibility.correctness else None,
        explanation=content["explanation"] if visibility.explanation else None,
        legal_basis=tuple(Citation(c["label"], c["says"]) for c in content["legal_basis"]) if visibility.legal_basis else None,
    )


def review_attempt(session: Session, *, attempt_id: int, employee_id: int, now: datetime) -> AttemptReview:
    """Load a submitted attempt of this employee with the review its quiz allows at `now`."""
    attempt = session.get(Attempt, attempt_id)
    if attempt is None or attempt.employee_id != employee_id:
        raise AttemptRefused("Percobaan kuis tidak ditemukan.")
    if attempt.submitted_at is None or attempt.score is None:
        raise AttemptRefused("Kuis ini belum dikirim; hasilnya belum ada.")
    quiz = session.get_one(Quiz, attempt.quiz_id)
    module = session.get(Module, quiz.module_id) if quiz.module_id else None
    visibility = review_visibility(rules_for(session, quiz, employee_id), now)
    rows = queries.answers_with_versions(session, attempt.id)
    right = sum(1 for answer, *_ in rows if answer.points is not None and is_fully_correct(answer.points))
    misses = [(module_key, version.topic, answer.points) for answer, version, _key, module_key in rows]
    certificate = queries.live_certificate_of(session, employee_id)
    return AttemptReview(
        attempt_id=attempt.id,
        quiz_key=quiz.key,
        quiz_title=quiz.title,
        module_key=module.key if module else None,
        number=attempt.number,
        submitted_at=attempt.submitted_at,
        submit_reason=attempt.submit_reason or "",
        score=attempt.score,
        passed=bool(attempt.passed),
        pass_mark=quiz.pass_mark,
        right_count=right,
        total=len(rows),
        feedback=overall_feedback(
            attempt.score, quiz.feedback_bands, misses, module_titles=_module_titles(session), exam=module is None
        ),
        visibility=visibility,
        items=tuple(review_item(answer, version.kind, version.content, visibility) for answer, version, *_ in rows),
        certificate_number=certificate.number if certificate else None,
    )


def _module_titles(session: Session) -> dict[str, str]:
    return {module.key: module.title for module in queries.active_modules(session)}
