"""Where an employee stands in each module: belum mulai, sedang berjalan, lulus or tidak lulus."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from db import queries

NOT_STARTED = "belum mulai"
IN_PROGRESS = "sedang berjalan"
PASSED = "lulus"
FAILED = "tidak lulus"


@dataclass(frozen=True)
class ModuleStatus:
    """One module on a peserta's home page."""

    key: str
    title: str
    summary: str
    jp: int
    quiz_id: int
    pass_mark: int
    status: str
    attempts: int


def status_of(started: int, open_count: int, passed: int) -> str:
    """Derive a module status from attempt counts; a pass counts even while retaking."""
    if passed:
        return PASSED
    if open_count:
        return IN_PROGRESS
    if started:
        return FAILED
    return NOT_STARTED


def module_statuses(session: Session, *, employee_id: int) -> list[ModuleStatus]:
    """List the modules in order with this employee's status in each."""
    counts = {
        quiz_id: (started, open_count, passed)
        for _e, quiz_id, started, open_count, passed in queries.attempt_summaries(session, employee_id)
    }
    return [
        ModuleStatus(
            key=module.key,
            title=module.title,
            summary=module.summary,
            jp=module.jp,
            quiz_id=quiz.id,
            pass_mark=quiz.pass_mark,
            status=status_of(*counts.get(quiz.id, (0, 0, 0))),
            attempts=counts.get(quiz.id, (0, 0, 0))[0],
        )
        for quiz, module in queries.module_quizzes(session)
    ]


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
    quiz_id: int
    quiz_title: str
    pass_mark: int
    max_attempts: int | None
    status: str
    open_attempt_id: int | None
    past_attempts: tuple[PastAttempt, ...]


def module_overview(session: Session, *, employee_id: int, module_key: str) -> ModuleOverview | None:
    """Load one module for an employee, or None if no such active module exists."""
    module = queries.module_by_key(session, module_key)
    quiz = queries.quiz_for_module(session, module.id) if module is not None and module.active else None
    if module is None or quiz is None:
        return None
    attempts = queries.attempts_of(session, employee_id, quiz.id)
    submitted = [a for a in attempts if a.submitted_at is not None]
    open_attempt = next((a for a in attempts if a.submitted_at is None), None)
    return ModuleOverview(
        key=module.key,
        title=module.title,
        material=module.material,
        jp=module.jp,
        quiz_id=quiz.id,
        quiz_title=quiz.title,
        pass_mark=quiz.pass_mark,
        max_attempts=quiz.max_attempts,
        status=status_of(len(attempts), 1 if open_attempt else 0, sum(1 for a in submitted if a.passed)),
        open_attempt_id=open_attempt.id if open_attempt else None,
        past_attempts=tuple(PastAttempt(a.id, a.number, a.score or 0.0, bool(a.passed)) for a in submitted),
    )
