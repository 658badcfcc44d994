"""One obvious next step: what a peserta should do now, on Beranda and after a quiz."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy.orm import Session

from db import queries
from db.models import Module
from netral.core.enums import CompletionStep
from netral.core.errors import Refusal
from netral.core.settings import Settings
from netral.learning.path import LearningPath, learning_path
from netral.learning.progress import Home, home
from netral.learning.reading import sections_of
from netral.quizzes.review import AttemptReview, review_attempt
from netral.quizzes.rules import check_can_start
from netral.quizzes.settings import rules_for

# Where a step leads; the pages map these to their files.
MODULE, EXAM, PAKTA, CERTIFICATE = "modul", "ujian", "pakta", "sertifikat"


@dataclass(frozen=True)
class NextStep:
    """The one primary action: its label, where it leads, and (for a module) which one."""

    label: str
    target: str
    module_key: str = ""
    number: int = 0
    finished: bool = False


def next_step(session: Session, *, employee_id: int) -> NextStep:
    """The step to take now: continue a module (at its section), the exam, the pakta, or the certificate."""
    path = learning_path(session, employee_id=employee_id)
    return _step(session, path, employee_id)


def _step(session: Session, path: LearningPath, employee_id: int) -> NextStep:
    if path.certificate_number:
        return NextStep("Unduh Sertifikat", CERTIFICATE, finished=True)
    if path.learning_done and path.rule.requires(CompletionStep.PAKTA):
        return NextStep("Tandatangani Pakta", PAKTA)
    if path.exam_unlocked and path.rule.requires(CompletionStep.EXAM) and path.exam is not None:
        return NextStep("Lanjutkan Ujian Sertifikasi" if path.exam.open_attempt_id else "Mulai Ujian Sertifikasi", EXAM)
    modules = [module for _quiz, module in queries.module_quizzes(session)]
    pending = [(n, m) for n, (m, s) in enumerate(zip(modules, path.modules, strict=True), 1) if not path.module_done(s)]
    if not pending:
        return NextStep("Buka Beranda", MODULE)
    last = queries.latest_progress(session, employee_id)
    number, module = next(((n, m) for n, m in pending if last is not None and m.id == last.module_id), pending[0])
    standing = path.modules[number - 1]
    if standing.passed:  # the quiz is passed; the rule still asks for the scenario
        return NextStep(f"Mainkan Skenario Modul {number}", MODULE, module.key, number)
    label = _module_label(session, number, module, employee_id, standing.attempts)
    return NextStep(label, MODULE, module.key, number)


def _module_label(session: Session, number: int, module: Module, employee_id: int, attempts: int) -> str:
    progress = queries.module_progress(session, employee_id, module.id)
    if progress is None:
        return f"Mulai Modul {number}"
    total = len(sections_of(module))
    if progress.furthest >= total - 1:
        return f"Ulangi Kuis Modul {number}" if attempts else f"Kerjakan Kuis Modul {number}"
    return f"Lanjutkan Modul {number} — Bagian {progress.section + 1}"


@dataclass(frozen=True)
class StudyLink:
    """Where a missed question is taught: the module and the section (0-based) with its heading."""

    module_key: str
    section: int
    heading: str


@dataclass(frozen=True)
class QuizResult:
    """A submitted attempt with what to do next: the review, section links for missed questions, the retake."""

    review: AttemptReview
    study: dict[int, StudyLink]
    retake_refusal: str | None
    next: NextStep | None


def quiz_result(session: Session, *, attempt_id: int, employee_id: int, now: datetime, settings: Settings) -> QuizResult:
    """The result page's content: after a pass the next step, after a fail the sections to read again and the retake."""
    review = review_attempt(session, attempt_id=attempt_id, employee_id=employee_id, now=now)
    study = _study_links(session, attempt_id)
    refusal = None
    if not review.passed:
        quiz = queries.quiz_by_key(session, review.quiz_key)
        if quiz is not None:
            try:
                check_can_start(
                    rules_for(session, quiz, employee_id),
                    started=len(queries.attempts_of(session, employee_id, quiz.id)),
                    last_submitted_at=queries.last_submission(session, employee_id, quiz.id),
                    now=now,
                    zone=settings.zone,
                )
            except Refusal as refused:
                refusal = refused.message
    step = next_step(session, employee_id=employee_id) if review.passed else None
    if step is not None and step.target == MODULE and step.module_key and step.module_key != review.module_key:
        step = replace(step, label=f"Lanjut ke Modul {step.number}")
    return QuizResult(review, study, refusal, step)


def _study_links(session: Session, attempt_id: int) -> dict[int, StudyLink]:
    links: dict[int, StudyLink] = {}
    sections_by_module: dict[str, list[dict[str, object]]] = {}
    for answer, _version, question_key, module_key in queries.answers_with_versions(session, attempt_id):
        if module_key not in sections_by_module:
            module = queries.module_by_key(session, module_key)
            sections_by_module[module_key] = list(module.sections or []) if module is not None else []
        for index, section in enumerate(sections_by_module[module_key]):
            if question_key in (section.get("questions") or ()):  # type: ignore[operator]
                links[answer.position] = StudyLink(module_key, index, str(section["heading"]))
    return links


@dataclass(frozen=True)
class Beranda:
    """Beranda: the path, each module's standing, and the one next step."""

    home: Home
    next: NextStep


def beranda(session: Session, *, employee_id: int) -> Beranda:
    """Everything the peserta's Beranda shows, with the step to take now."""
    overview = home(session, employee_id=employee_id)
    return Beranda(overview, _step(session, overview.path, employee_id))
