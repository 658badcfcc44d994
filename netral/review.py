"""What a peserta sees after submitting: the score, and per question right or wrong and why."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from db import queries
from db.models import Attempt, Module, Quiz
from netral.attempts import AttemptError
from netral.scoring import is_fully_correct


@dataclass(frozen=True)
class ReviewOption:
    """An option as reviewed: what it said, whether it was chosen and whether it was right."""

    text: str
    selected: bool
    correct: bool
    feedback: str


@dataclass(frozen=True)
class Citation:
    """A legal basis under a question."""

    label: str
    says: str


@dataclass(frozen=True)
class ReviewItem:
    """One question of a submitted attempt."""

    position: int
    kind: str
    text: str
    options: tuple[ReviewOption, ...]
    right: bool
    answered: bool
    explanation: str
    legal_basis: tuple[Citation, ...]


@dataclass(frozen=True)
class AttemptReview:
    """A submitted attempt with its result and every question explained."""

    attempt_id: int
    quiz_title: str
    module_key: str | None
    number: int
    submitted_at: datetime
    submit_reason: str
    score: float
    passed: bool
    pass_mark: int
    items: tuple[ReviewItem, ...]
    certificate_number: str | None

    @property
    def right_count(self) -> int:
        """How many questions were answered fully right."""
        return sum(1 for item in self.items if item.right)


def review_attempt(session: Session, *, attempt_id: int, employee_id: int) -> AttemptReview:
    """Load a submitted attempt of this employee with its per-question review."""
    attempt = session.get(Attempt, attempt_id)
    if attempt is None or attempt.employee_id != employee_id:
        raise AttemptError("Percobaan kuis tidak ditemukan.")
    if attempt.submitted_at is None or attempt.score is None:
        raise AttemptError("Kuis ini belum dikirim; hasilnya belum ada.")
    quiz = session.get(Quiz, attempt.quiz_id)
    assert quiz is not None
    module = session.get(Module, quiz.module_id) if quiz.module_id else None
    certificate = queries.certificate_for(session, employee_id, quiz.id) if attempt.passed else None
    return AttemptReview(
        attempt_id=attempt.id,
        quiz_title=quiz.title,
        module_key=module.key if module else None,
        number=attempt.number,
        submitted_at=attempt.submitted_at,
        submit_reason=attempt.submit_reason or "",
        score=attempt.score,
        passed=bool(attempt.passed),
        pass_mark=quiz.pass_mark,
        items=tuple(_review_items(session, attempt.id)),
        certificate_number=certificate.number if certificate else None,
    )


def _review_items(session: Session, attempt_id: int) -> list[ReviewItem]:
    items = []
    for answer, version, _key in queries.answers_with_versions(session, attempt_id):
        by_id = {option["id"]: option for option in version.content["options"]}
        chosen = set(answer.selected or ())
        options = tuple(
            ReviewOption(
                text=by_id[option_id]["text"],
                selected=option_id in chosen,
                correct=float(by_id[option_id]["weight"]) > 0,
                feedback=by_id[option_id].get("feedback", ""),
            )
            for option_id in answer.option_order
        )
        items.append(
            ReviewItem(
                position=answer.position,
                kind=version.kind,
                text=version.content["text"],
                options=options,
                right=answer.points is not None and is_fully_correct(answer.points),
                answered=bool(chosen),
                explanation=version.content["explanation"],
                legal_basis=tuple(Citation(c["label"], c["says"]) for c in version.content["legal_basis"]),
            )
        )
    return items
