"""Put the validated bank into the database: modules, quizzes and versioned questions."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from db import queries
from db.models import Module, Question, QuestionVersion, Quiz
from netral.content.bank import Bank, ModuleSpec, QuestionSpec
from netral.content.bank.sections import teaching_sections
from netral.core.enums import QuizKind

EXAM_KEY = "ujian-sertifikasi"


@dataclass(frozen=True)
class SyncReport:
    """What a sync changed."""

    modules: int
    questions_added: int
    questions_changed: int
    questions_retired: int


def sync_bank(session: Session, bank: Bank, *, now: datetime) -> SyncReport:
    """Make the database match the bank files; a changed question gets a new version."""
    existing = queries.questions_by_key(session)
    added = changed = 0
    seen: set[str] = set()
    for spec in bank.modules:
        module = _upsert_module(session, spec)
        module.sections = sections_content(spec, bank)
        module.scenario = spec.scenario
        _ensure_module_quiz(session, module, spec)
        for position, question_spec in enumerate(spec.questions, start=1):
            seen.add(question_spec.key)
            question = existing.get(question_spec.key)
            is_new = question is None
            if question is None:
                question = Question(key=question_spec.key, module_id=module.id, origin="file", active=True)
                session.add(question)
                session.flush()
            question.module_id, question.position, question.active = module.id, position, True
            if _add_version_if_changed(session, question, question_spec, bank, now):
                added, changed = (added + 1, changed) if is_new else (added, changed + 1)
    _ensure_exam(session)
    retired = _retire_missing(existing, seen)
    for module in queries.active_modules(session):
        if module.key not in {m.key for m in bank.modules}:
            module.active = False
    return SyncReport(len(bank.modules), added, changed, retired)


def version_content(spec: QuestionSpec, bank: Bank) -> dict[str, Any]:
    """Build the self-contained content of a question version, citations resolved."""
    return {
        "text": spec.text,
        "options": [{"id": o.id, "text": o.text, "weight": o.weight, "feedback": o.feedback} for o in spec.options],
        "explanation": spec.explanation,
        "legal_basis": [
            {"id": s.id, "label": s.label, "title": s.title, "says": s.says, "certainty": s.certainty}
            for s in (bank.sources[source_id] for source_id in spec.legal_basis)
        ],
    }


def sections_content(spec: ModuleSpec, bank: Bank) -> list[dict[str, Any]]:
    """A module's sections as stored: heading, summary, text, diagram and checks with their citations resolved."""
    taught = teaching_sections(spec.sections, spec.questions)
    return [
        {
            "heading": section.heading,
            "summary": section.summary,
            "text": section.text,
            "diagram": section.diagram,
            "figure": bank.diagrams.get(section.diagram),
            "checks": [
                {"key": c.key, "kind": c.kind, "category": c.category, **version_content(c, bank)} for c in section.checks
            ],
            "questions": [key for key, index in taught.items() if index == number],
        }
        for number, section in enumerate(spec.sections)
    ]


def content_hash(spec: QuestionSpec, content: dict[str, Any]) -> str:
    """Fingerprint a question version, so an unchanged file adds no version.

    A practice question hashes exactly as before pools existed (no version is added for it);
    moving a question into or out of the exam pool makes a new version.
    """
    facts: list[Any] = [spec.kind, spec.topic, spec.category, spec.difficulty, content]
    if spec.pool != QuizKind.MODULE:
        facts.append({"pool": spec.pool})
    canonical = json.dumps(facts, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _upsert_module(session: Session, spec: ModuleSpec) -> Module:
    module = queries.module_by_key(session, spec.key)
    if module is None:
        module = Module(key=spec.key)
        session.add(module)
    module.position, module.title, module.summary = spec.position, spec.title, spec.summary
    module.material, module.jp, module.active = spec.material, spec.jp, True
    session.flush()
    return module


def _ensure_module_quiz(session: Session, module: Module, spec: ModuleSpec) -> None:
    # Settings are HR's once the quiz exists; files only provide the defaults.
    if queries.quiz_for_module(session, module.id) is None:
        session.add(
            Quiz(
                key=f"kuis-{spec.key}",
                kind=QuizKind.MODULE,
                module_id=module.id,
                title=f"Kuis {spec.title}",
                pass_mark=spec.pass_mark,
            )
        )
    session.flush()


def _ensure_exam(session: Session) -> None:
    # Defaults of a certification exam; HR changes them in the app afterwards.
    if queries.exam_quiz(session) is None:
        session.add(
            Quiz(
                key=EXAM_KEY,
                kind=QuizKind.EXAM,
                module_id=None,
                title="Ujian Sertifikasi Netralitas ASN",
                pass_mark=80,
                time_limit_minutes=30,
                max_attempts=3,
                wait_minutes=60,
                question_count=30,
                shuffle_questions=True,
                shuffle_options=True,
                feedback_mode="akhir",
                review_when="segera",
                review_correctness=True,
                review_key=False,
                review_explanation=False,
                review_legal_basis=False,
                grading="tertinggi",
                jp=1,
            )
        )
        session.flush()


def _add_version_if_changed(session: Session, question: Question, spec: QuestionSpec, bank: Bank, now: datetime) -> bool:
    # Compared with the newest version that came from the files: an HR import made
    # since then stays in force until someone edits the file itself.
    from_files = queries.newest_version_of(session, question.id, source="file")
    content = version_content(spec, bank)
    digest = content_hash(spec, content)
    if from_files is not None and from_files.content_hash == digest:
        return False
    add_version(session, question, spec, bank, now, source="file")
    return True


def add_version(session: Session, question: Question, spec: QuestionSpec, bank: Bank, now: datetime, *, source: str) -> None:
    """Store a new version of a question (its next version number), citations resolved."""
    newest = queries.newest_version_of(session, question.id)
    content = version_content(spec, bank)
    session.add(
        QuestionVersion(
            question_id=question.id,
            version=newest.version + 1 if newest else 1,
            kind=spec.kind,
            topic=spec.topic,
            category=spec.category,
            difficulty=spec.difficulty,
            content=content,
            content_hash=content_hash(spec, content),
            source=source,
            created_at=now,
            pool=spec.pool,
        )
    )
    session.flush()


def _retire_missing(existing: dict[str, Question], seen: set[str]) -> int:
    retired = 0
    for key, question in existing.items():
        if question.origin == "file" and key not in seen and question.active:
            question.active = False
            retired += 1
    return retired
