"""The learning path: module quizzes → certification exam → Pakta Integritas → certificate."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from db import queries
from db.models import Certificate, Employee, Pledge, Quiz
from netral.certificates import issuing as certificates
from netral.core.settings import Settings
from netral.quizzes.rules import graded_score
from netral.quizzes.settings import completion_rule

NOT_STARTED = "belum mulai"
IN_PROGRESS = "sedang berjalan"
PASSED = "lulus"
FAILED = "tidak lulus"


class PaktaRefused(ValueError):
    """The pakta cannot be signed yet, or was signed incorrectly; the message says why."""


@dataclass(frozen=True)
class Standing:
    """Where an employee stands at one quiz."""

    quiz_id: int
    quiz_key: str
    title: str
    jp: int
    pass_mark: int
    status: str
    grade: float | None
    attempts: int
    open_attempt_id: int | None

    @property
    def passed(self) -> bool:
        """The quiz grade reaches the pass mark."""
        return self.status == PASSED


@dataclass(frozen=True)
class LearningPath:
    """An employee's whole path, as the home page shows it."""

    rule: dict[str, bool]
    modules: tuple[Standing, ...]
    exam: Standing | None
    pakta_signed_at: datetime | None
    certificate_number: str | None

    @property
    def modules_passed(self) -> int:
        """How many module quizzes are passed."""
        return sum(1 for standing in self.modules if standing.passed)

    @property
    def exam_unlocked(self) -> bool:
        """The exam opens once every module quiz is passed (when the rule asks for it)."""
        return not self.rule["modules"] or self.modules_passed == len(self.modules)

    @property
    def learning_done(self) -> bool:
        """Modules and exam as required are passed: the pakta may be signed."""
        exam_done = not self.rule["exam"] or (self.exam is not None and self.exam.passed)
        return self.exam_unlocked and exam_done

    @property
    def complete(self) -> bool:
        """Everything the agency requires for a certificate is done."""
        return self.learning_done and (not self.rule["pakta"] or self.pakta_signed_at is not None)

    @property
    def jp_total(self) -> int:
        """Learning hours of every module plus the exam, as stated on the certificate."""
        return sum(standing.jp for standing in self.modules) + (self.exam.jp if self.exam else 0)


def status_of(started: int, open_count: int, passed: bool) -> str:
    """Derive a status from attempts and the graded result; a pass stays a pass while retaking."""
    if passed:
        return PASSED
    if open_count:
        return IN_PROGRESS
    return FAILED if started else NOT_STARTED


def standing(session: Session, quiz: Quiz, *, employee_id: int, jp: int) -> Standing:
    """One employee's standing at one quiz, graded by the quiz's method (highest, last or first)."""
    scores = [score for score, _passed in queries.submitted_scores(session, employee_id, quiz.id) if score is not None]
    grade = graded_score(scores, quiz.grading)
    open_attempt = queries.open_attempt(session, employee_id, quiz.id)
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


def learning_path(session: Session, *, employee_id: int) -> LearningPath:
    """The employee's standing at every step of the path."""
    modules = tuple(
        standing(session, quiz, employee_id=employee_id, jp=module.jp) for quiz, module in queries.module_quizzes(session)
    )
    exam_quiz = queries.exam_quiz(session)
    pledge = queries.pledge_of(session, employee_id)
    certificate = queries.live_certificate_of(session, employee_id)
    return LearningPath(
        rule=completion_rule(session),
        modules=modules,
        exam=standing(session, exam_quiz, employee_id=employee_id, jp=exam_quiz.jp) if exam_quiz else None,
        pakta_signed_at=pledge.signed_at if pledge else None,
        certificate_number=certificate.number if certificate else None,
    )


def exam_refusal(session: Session, *, employee_id: int) -> str | None:
    """Why the exam cannot be started yet (modules still to pass), or None."""
    path = learning_path(session, employee_id=employee_id)
    if path.exam_unlocked:
        return None
    return (
        f"Ujian sertifikasi terbuka setelah Anda lulus semua kuis modul "
        f"({path.modules_passed} dari {len(path.modules)} sudah lulus)."
    )


def sign_pakta(
    session: Session, *, employee_id: int, typed_name: str, agreed: bool, text: str, now: datetime, settings: Settings
) -> Certificate | None:
    """Record the employee's signature of the pakta (typed full name and confirmation), then issue the certificate if due."""
    employee = session.get(Employee, employee_id)
    assert employee is not None
    path = learning_path(session, employee_id=employee_id)
    if not path.learning_done:
        raise PaktaRefused("Pakta integritas dapat ditandatangani setelah Anda menyelesaikan modul dan ujian sertifikasi.")
    if queries.pledge_of(session, employee_id) is None:
        if not agreed:
            raise PaktaRefused("Centang pernyataan persetujuan untuk menandatangani pakta integritas.")
        if _signature(typed_name) != _signature(employee.name):
            raise PaktaRefused(f"Nama yang diketik tidak sama dengan nama Anda yang terdaftar: {employee.name}")
        session.add(
            Pledge(
                employee_id=employee_id,
                typed_name=typed_name.strip(),
                text_sha256=hashlib.sha256(text.encode()).hexdigest(),
                signed_at=now,
            )
        )
        session.flush()
    return issue_if_complete(session, employee_id=employee_id, now=now, settings=settings)


def issue_if_complete(session: Session, *, employee_id: int, now: datetime, settings: Settings) -> Certificate | None:
    """Issue the certificate once the path is complete; an issued certificate is returned, never issued again."""
    existing = queries.live_certificate_of(session, employee_id)
    if existing is not None:
        return existing
    path = learning_path(session, employee_id=employee_id)
    if not path.complete:
        return None
    exam = path.exam if path.rule["exam"] else None
    grades = [exam.grade] if exam and exam.grade is not None else [s.grade for s in path.modules if s.grade is not None]
    completed = f"Pembelajaran Mandiri Netralitas ASN ({len(path.modules)} modul" + (" dan ujian sertifikasi)" if exam else ")")
    return certificates.issue_completion(
        session,
        employee_id=employee_id,
        quiz_id=exam.quiz_id if exam else None,
        completed=completed,
        score=round(sum(grades) / len(grades), 2) if grades else 0.0,
        jp=path.jp_total,
        now=now,
        settings=settings,
    )


def _signature(name: str) -> str:
    # Case, punctuation and spacing do not matter ("S.H." = "SH"); the letters of the name, in order, do.
    return re.sub(r"[\W_]", "", name.casefold())
