"""The learning path: module quizzes → certification exam → Pakta Integritas → certificate."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy.orm import Session

from db import queries
from db.models import Module, Quiz
from netral.core.enums import CompletionStep, QuizStatus
from netral.core.errors import Refusal
from netral.cycles.current import CycleView, current_cycle, takes_refresher
from netral.learning.rule import CompletionRule, completion_rule
from netral.quizzes.rules import graded_score


class ExamLocked(Refusal):
    """The certification exam does not open before every module quiz is passed."""


@dataclass(frozen=True)
class Standing:
    """Where an employee stands at one quiz."""

    quiz_id: int
    quiz_key: str
    title: str
    jp: int
    pass_mark: int
    status: QuizStatus
    grade: float | None
    attempts: int
    open_attempt_id: int | None
    # The module's scenario has reached an ending (True for a module without scenario, and for the exam).
    scenario_done: bool = True

    @property
    def passed(self) -> bool:
        """The quiz grade reaches the pass mark."""
        return self.status is QuizStatus.PASSED


@dataclass(frozen=True)
class LearningPath:
    """An employee's whole path, as the home page shows it."""

    rule: CompletionRule
    modules: tuple[Standing, ...]
    exam: Standing | None
    pakta_signed_at: datetime | None
    certificate_number: str | None
    # The open cycle the path belongs to (None: no cycle open), and whether this person takes its refresher.
    cycle: CycleView | None = None
    refresher: bool = False

    @property
    def cycle_id(self) -> int | None:
        """The open cycle's id, or None."""
        return self.cycle.id if self.cycle else None

    def module_done(self, standing: Standing) -> bool:
        """The module's quiz is passed and, when the rule asks for it, its scenario has reached an ending."""
        return standing.passed and (not self.rule.requires(CompletionStep.SCENARIOS) or standing.scenario_done)

    @property
    def modules_passed(self) -> int:
        """How many modules are done (quiz passed; scenario played to an ending where the rule asks for it)."""
        return sum(1 for standing in self.modules if self.module_done(standing))

    @property
    def exam_unlocked(self) -> bool:
        """The exam opens once every module quiz is passed (when the rule asks for it)."""
        return not self.rule.requires(CompletionStep.MODULES) or self.modules_passed == len(self.modules)

    @property
    def learning_done(self) -> bool:
        """Modules and exam as required are passed: the pakta may be signed."""
        exam_done = not self.rule.requires(CompletionStep.EXAM) or (self.exam is not None and self.exam.passed)
        return self.exam_unlocked and exam_done

    @property
    def complete(self) -> bool:
        """Everything the agency requires for a certificate is done."""
        return self.learning_done and (not self.rule.requires(CompletionStep.PAKTA) or self.pakta_signed_at is not None)

    @property
    def jp_total(self) -> int:
        """Learning hours of every module plus the exam, as stated on the certificate."""
        return sum(standing.jp for standing in self.modules) + (self.exam.jp if self.exam else 0)

    def check_exam_open(self) -> None:
        """Raise ExamLocked while module quizzes remain to be passed."""
        if not self.exam_unlocked:
            raise ExamLocked(
                f"Ujian sertifikasi terbuka setelah Anda lulus semua kuis modul "
                f"({self.modules_passed} dari {len(self.modules)} sudah lulus)."
            )


def status_of(started: int, open_count: int, passed: bool) -> QuizStatus:
    """Derive a status from attempts and the graded result; a pass stays a pass while retaking."""
    if passed:
        return QuizStatus.PASSED
    if open_count:
        return QuizStatus.IN_PROGRESS
    return QuizStatus.FAILED if started else QuizStatus.NOT_STARTED


def standing(session: Session, quiz: Quiz, *, employee_id: int, jp: int, cycle_id: int | None = None) -> Standing:
    """One employee's standing at one quiz in a cycle (None: every attempt), graded by the quiz's method."""
    submitted = queries.submitted_scores(session, employee_id, quiz.id, cycle_id=cycle_id)
    scores = [score for score, _passed in submitted if score is not None]
    grade = graded_score(scores, quiz.grading)
    open_attempt = queries.open_attempt(session, employee_id, quiz.id, cycle_id=cycle_id)
    started = len(scores) + (1 if open_attempt else 0)
    return Standing(
        quiz_id=quiz.id,
        quiz_key=quiz.key,
        title=quiz.title,
        jp=jp,
        pass_mark=quiz.pass_mark,
        status=status_of(started, 1 if open_attempt else 0, grade is not None and grade >= quiz.pass_mark),
        grade=grade,
        attempts=started,
        open_attempt_id=open_attempt.id if open_attempt else None,
    )


def learning_path(session: Session, *, employee_id: int, now: datetime | None = None) -> LearningPath:
    """The employee's standing at every step of the path, in the open cycle (a refresher asks fewer modules)."""
    cycle = current_cycle(session, employee_id=employee_id, now=now)
    refresher = takes_refresher(session, cycle, employee_id=employee_id)
    cycle_id = cycle.id if cycle else None
    played = queries.finished_scenarios(session, employee_id, cycle_id=cycle_id)
    modules = tuple(
        replace(
            standing(session, quiz, employee_id=employee_id, jp=module.jp, cycle_id=cycle_id),
            scenario_done=not module.scenario or module.id in played,
        )
        for quiz, module in path_modules(session, cycle if refresher else None)
    )
    exam_quiz = queries.exam_quiz(session)
    pledge = queries.pledge_of(session, employee_id, cycle_id=cycle_id)
    certificate = queries.live_certificate_of(session, employee_id, cycle_id=cycle_id)
    return LearningPath(
        rule=completion_rule(session),
        modules=modules,
        exam=standing(session, exam_quiz, employee_id=employee_id, jp=exam_quiz.jp, cycle_id=cycle_id) if exam_quiz else None,
        pakta_signed_at=pledge.signed_at if pledge else None,
        certificate_number=certificate.number if certificate else None,
        cycle=cycle,
        refresher=refresher,
    )


def path_modules(session: Session, refresher_of: CycleView | None) -> list[tuple[Quiz, Module]]:
    """The module quizzes on the path: all of them, or only those a refresher asks again."""
    pairs = [(quiz, module) for quiz, module in queries.module_quizzes(session)]
    if refresher_of is None:
        return pairs
    return [(quiz, module) for quiz, module in pairs if module.key in refresher_of.refresher_modules]
