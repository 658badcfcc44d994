"""Starting a quiz from the learning path: the path decides whether this person may take it at all."""

from __future__ import annotations

import random
from datetime import datetime

from sqlalchemy.orm import Session

from db import queries
from db.models import Attempt, Quiz
from netral.core.enums import QuizKind
from netral.core.errors import NotFound
from netral.core.settings import Settings
from netral.learning.path import learning_path
from netral.quizzes.attempts import start_attempt


def start_quiz(
    session: Session, *, employee_id: int, quiz_id: int, now: datetime, settings: Settings, rng: random.Random | None = None
) -> Attempt:
    """Resume or start an attempt; the certification exam only once the module quizzes the rule requires are passed."""
    quiz = session.get(Quiz, quiz_id)
    if quiz is None:
        raise NotFound("Kuis tidak ditemukan.")
    if quiz.kind == QuizKind.EXAM and queries.open_attempt(session, employee_id, quiz.id) is None:
        learning_path(session, employee_id=employee_id).check_exam_open()
    return start_attempt(session, employee_id=employee_id, quiz_id=quiz_id, now=now, settings=settings, rng=rng)


def start_quiz_by_key(session: Session, *, employee_id: int, quiz_key: str, now: datetime, settings: Settings) -> Attempt:
    """`start_quiz` for a quiz named by its key (the result page's "Ulangi kuis")."""
    quiz = queries.quiz_by_key(session, quiz_key)
    if quiz is None:
        raise NotFound("Kuis tidak ditemukan.")
    return start_quiz(session, employee_id=employee_id, quiz_id=quiz.id, now=now, settings=settings)
