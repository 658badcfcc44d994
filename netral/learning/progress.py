"""A peserta's modules: their status in each, and one module's page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from db import queries
from netral.core.errors import Refusal
from netral.core.settings import Settings
from netral.cycles.current import current_cycle
from netral.learning.path import LearningPath, Standing, learning_path, standing
from netral.quizzes.rules import QuizRules, check_can_start
from netral.quizzes.settings import rules_for


@dataclass(frozen=True)
class ModuleStatus:
    """One module on a peserta's home page."""

    key: str
    title: str
    summary: str
    jp: int
    standing: Standing


@dataclass(frozen=True)
class PastAttempt:
    """A submitted attempt as listed under a module."""

    attempt_id: int
    number: int
    score: float
    passed: bool


@dataclass(frozen=True)
class ModuleOverview:
    """A module page: its material, its quiz and the employee's attempts."""

    key: str
    title: str
    material: str
    jp: int
    standing: Standing
    past_attempts: tuple[PastAttempt, ...]


@dataclass(frozen=True)
class Home:
    """Beranda: the whole path and each module's standing."""

    path: LearningPath
    modules: list[ModuleStatus]


def home(session: Session, *, employee_id: int) -> Home:
    """Everything the peserta's Beranda shows."""
    path = learning_path(session, employee_id=employee_id)
    return Home(path, module_statuses(session, employee_id=employee_id, cycle_id=path.cycle_id))


def module_statuses(session: Session, *, employee_id: int, cycle_id: int | None = None) -> list[ModuleStatus]:
    """List the modules in order with this employee's standing in each (in the open cycle, when one is)."""
    return [
        ModuleStatus(
            module.key,
            module.title,
            module.summary,
            module.jp,
            standing(session, quiz, employee_id=employee_id, jp=module.jp, cycle_id=cycle_id),
        )
        for quiz, module in queries.module_quizzes(session)
    ]


def module_overview(session: Session, *, employee_id: int, module_key: str) -> ModuleOverview | None:
    """Load one module for an employee, or None if no such active module exists."""
    module = queries.module_by_key(session, module_key)
    quiz = queries.quiz_for_module(session, module.id) if module is not None and module.active else None
    if module is None or quiz is None:
        return None
    cycle = current_cycle(session, employee_id=employee_id)
    cycle_id = cycle.id if cycle else None
    attempts = queries.attempts_of(session, employee_id, quiz.id, cycle_id=cycle_id)
    submitted = [a for a in attempts if a.submitted_at is not None]
    return ModuleOverview(
        key=module.key,
        title=module.title,
        material=module.material,
        jp=module.jp,
        standing=standing(session, quiz, employee_id=employee_id, jp=module.jp, cycle_id=cycle_id),
        past_attempts=tuple(PastAttempt(a.id, a.number, a.score or 0.0, bool(a.passed)) for a in submitted),
    )


@dataclass(frozen=True)
class ExamOverview:
    """The exam page: its rules for this employee, whether it may start, and past attempts."""

    standing: Standing
    rules: QuizRules
    question_count: int
    refusal: Refusal | None
    past_attempts: tuple[PastAttempt, ...]


def exam_overview(session: Session, *, employee_id: int, now: datetime, settings: Settings) -> ExamOverview | None:
    """Load the certification exam as one employee sees it now."""
    quiz = queries.exam_quiz(session)
    if quiz is None:
        return None
    rules = rules_for(session, quiz, employee_id)
    path = learning_path(session, employee_id=employee_id, now=now)
    attempts = queries.attempts_of(session, employee_id, quiz.id, cycle_id=path.cycle_id)
    open_attempt = next((a for a in attempts if a.submitted_at is None), None)
    refusal = None
    if open_attempt is None:
        try:
            path.check_exam_open()
            check_can_start(
                rules,
                started=len(attempts),
                last_submitted_at=queries.last_submission(session, employee_id, quiz.id, cycle_id=path.cycle_id),
                now=now,
                zone=settings.zone,
            )
        except Refusal as refused:
            refusal = refused
    pool = len(queries.question_pool(session, quiz))
    return ExamOverview(
        standing=standing(session, quiz, employee_id=employee_id, jp=quiz.jp, cycle_id=path.cycle_id),
        rules=rules,
        question_count=min(quiz.question_count or pool, pool),
        refusal=refusal,
        past_attempts=tuple(
            PastAttempt(a.id, a.number, a.score or 0.0, bool(a.passed)) for a in attempts if a.submitted_at is not None
        ),
    )
