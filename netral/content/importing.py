"""Importing question files into the bank: a preview first, then one transaction.

Moodle files group questions by category, not by module: each category is mapped onto a module
once (proposed by name, confirmed or changed by HR); a question of an unmapped category is
previewed but waits until its module is chosen.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from db import queries
from db.models import Module, Question
from netral.content.bank import Bank, BankError, QuestionSpec
from netral.content.bank.questions import validate_question
from netral.content.categories import file_categories
from netral.content.interop.model import ImportProblem, ParsedFile, ParsedQuestion
from netral.content.loading import add_version, content_hash, version_content
from netral.core import audit
from netral.core.enums import AuditAction, ImportAction
from netral.core.errors import NotFound
from netral.people.authority import Actor, acting_scope, actor_account_id

NEW, NEW_VERSION, UNCHANGED = ImportAction.NEW, ImportAction.NEW_VERSION, ImportAction.UNCHANGED


@dataclass(frozen=True)
class PlannedQuestion:
    """A valid question from the file and what importing it would do (nothing yet while its module is unknown)."""

    line: int
    name: str
    module_key: str | None
    spec: QuestionSpec
    action: ImportAction | None
    category: str | None = None


@dataclass(frozen=True)
class CategoryChoice:
    """A category of the file: its question count, the module proposed by name, and the module used."""

    name: str
    questions: int
    proposed: str | None
    module: str | None


@dataclass(frozen=True)
class ImportPlan:
    """The preview of an import: what would change, what waits for a module, and every problem found."""

    questions: tuple[PlannedQuestion, ...]
    problems: tuple[ImportProblem, ...]
    categories: tuple[CategoryChoice, ...] = ()

    def count(self, action: str) -> int:
        """How many questions would get this action."""
        return sum(1 for question in self.questions if question.action == action)

    @property
    def waiting(self) -> int:
        """How many valid questions wait for their category to be mapped onto a module."""
        return sum(1 for question in self.questions if question.module_key is None)


def plan_import(
    session: Session,
    parsed: ParsedFile,
    *,
    registry: Bank,
    file_label: str,
    module_key: str | None = None,
    mapping: Mapping[str, str | None] | None = None,
    category: str | None = None,
    topic: str = "impor",
    difficulty: str = "sedang",
) -> ImportPlan:
    """Check every parsed question against the bank's rules and say what importing would do.

    `module_key` is the module of questions filed under no category; `mapping` sends a file
    category to a module (None: leave it unmapped), overriding the module proposed by name.
    """
    problems = list(parsed.problems)
    modules = {module.key: module for module in queries.active_modules(session)}
    choices = _category_choices(parsed, modules, mapping or {}, problems)
    existing = queries.questions_by_key(session)
    planned = []
    for parsed_question in parsed.questions:
        target = _module_for(parsed_question, module_key, modules, {c.name: c.module for c in choices})
        if target is None and parsed_question.category is None:
            problems.append(
                ImportProblem(parsed_question.line, parsed_question.name, "modul tujuan tidak diketahui; pilih modul untuk impor")
            )
            continue
        item = {
            "category": category or _usual_category(session, modules[target].id if target else None, registry),
            "topic": topic,
            "difficulty": difficulty,
        }
        item |= parsed_question.item
        question = existing.get(str(item.get("id")))
        if "pool" not in item and question is not None and (newest := queries.newest_version_of(session, question.id)):
            item["pool"] = newest.pool  # a file that does not say keeps an exam question in the exam
        errors: list[BankError] = []
        spec = validate_question(
            item,
            file=file_label,
            label=parsed_question.name,
            sources=registry.sources,
            categories=registry.categories,
            errors=errors,
            strict=False,
        )
        if spec is None or errors:
            problems += [ImportProblem(parsed_question.line, parsed_question.name, f"{e.field}: {e.reason}") for e in errors]
            continue
        if target is not None and question is not None and question.module_id != modules[target].id:
            problems.append(
                ImportProblem(parsed_question.line, parsed_question.name, f"id {spec.key!r} sudah dipakai soal di modul lain")
            )
            continue
        action = _action(session, question, spec, registry) if target is not None else None
        line, name = parsed_question.line, parsed_question.name
        planned.append(PlannedQuestion(line, name, target, spec, action, parsed_question.category))
    return ImportPlan(tuple(planned), tuple(problems), choices)


def apply_import(session: Session, plan: ImportPlan, *, actor: Actor, registry: Bank, now: datetime, file_label: str) -> None:
    """Carry out a plan's new questions and new versions (super admins; the caller's transaction makes it all or nothing)."""
    acting_scope(session, actor, whole_agency=True)
    existing = queries.questions_by_key(session)
    for planned in plan.questions:
        if planned.action in (UNCHANGED, None) or planned.module_key is None:
            continue
        question = existing.get(planned.spec.key)
        if question is None:
            module = queries.module_by_key(session, planned.module_key)
            if module is None:
                raise NotFound(f"Modul {planned.module_key} tidak ditemukan.")
            question = Question(
                key=planned.spec.key,
                module_id=module.id,
                position=queries.next_question_position(session, module.id),
                origin="import",
                active=True,
            )
            session.add(question)
            session.flush()
        question.active = True
        add_version(session, question, planned.spec, registry, now, source="import")
    audit.record(
        session,
        actor_account_id(actor),
        AuditAction.QUESTIONS_IMPORT,
        file_label,
        now=now,
        details={
            "added": plan.count(NEW),
            "new_versions": plan.count(NEW_VERSION),
            "waiting": plan.waiting,
            "problems": len(plan.problems),
        },
    )


def import_question_file(
    session: Session,
    *,
    actor: Actor,
    registry: Bank,
    name: str,
    parsed: ParsedFile,
    module_key: str | None,
    now: datetime,
    mapping: Mapping[str, str | None] | None = None,
) -> ImportPlan:
    """Plan a parsed file again inside the write transaction (what is saved is what the bank holds now), then apply
    it. The file is parsed once, outside (pages/ui/uploads.parsed_once), never inside a write transaction."""
    plan = plan_import(session, parsed, registry=registry, file_label=name, module_key=module_key, mapping=mapping)
    apply_import(session, plan, actor=actor, registry=registry, now=now, file_label=name)
    return plan


def _category_choices(
    parsed: ParsedFile, modules: Mapping[str, Module], mapping: Mapping[str, str | None], problems: list[ImportProblem]
) -> tuple[CategoryChoice, ...]:
    choices = []
    for found in file_categories(parsed, {key: module.title for key, module in modules.items()}):
        module = mapping.get(found.name, found.proposed)
        if module is not None and module not in modules:
            problems.append(ImportProblem(found.first_line, found.name, f"modul {module!r} tidak ada; pilih modul lain"))
            module = None
        if module is None:
            waiting = f"kategori ini belum dipetakan ke modul; {found.questions} soal menunggu sampai modulnya dipilih"
            problems.append(ImportProblem(found.first_line, found.name, waiting))
        choices.append(CategoryChoice(found.name, found.questions, found.proposed, module))
    return tuple(choices)


def _module_for(
    question: ParsedQuestion, chosen: str | None, modules: Mapping[str, Module], by_category: Mapping[str, str | None]
) -> str | None:
    if question.module:
        if question.module in modules:
            return question.module
        titled = {module.title.lower(): key for key, module in modules.items()}
        if question.module.lower() in titled:
            return titled[question.module.lower()]
    elif question.category is not None:
        return by_category.get(question.category)
    return chosen if chosen in modules else None


def _usual_category(session: Session, module_id: int | None, registry: Bank) -> str:
    counts = Counter(v.category for v in queries.latest_question_versions(session, module_id)) if module_id else Counter()
    return counts.most_common(1)[0][0] if counts else next(iter(registry.categories), "")


def _action(session: Session, question: Question | None, spec: QuestionSpec, registry: Bank) -> ImportAction:
    if question is None:
        return NEW
    newest = queries.newest_version_of(session, question.id)
    digest = content_hash(spec, version_content(spec, registry))
    return UNCHANGED if newest is not None and newest.content_hash == digest else NEW_VERSION
