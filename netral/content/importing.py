"""Importing question files into the bank (preview first, then one transaction) and exporting it."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from db import queries
from db.models import Question
from netral.content.bank import Bank, BankError, Option, QuestionSpec
from netral.content.bank.questions import validate_question
from netral.content.interop.aiken import parse_aiken
from netral.content.interop.gift import parse_gift
from netral.content.interop.model import BankQuestion, ImportProblem, ParsedFile
from netral.content.interop.xlsx import parse_question_xlsx
from netral.content.loading import add_version, content_hash, version_content
from netral.core import audit
from netral.core.enums import AuditAction, ImportAction
from netral.core.errors import NotFound
from netral.core.zipsize import expanded_size
from netral.people.authority import Actor, acting_scope, actor_account_id

NEW, NEW_VERSION, UNCHANGED = ImportAction.NEW, ImportAction.NEW_VERSION, ImportAction.UNCHANGED
FORMATS = ("gift", "aiken", "xlsx")

# A bank of a thousand questions with feedback is well under 1 MB of GIFT; the limits leave room and stop abuse.
MAX_QUESTION_BYTES = 5 * 2**20
MAX_QUESTION_XLSX_EXPANDED = 50 * 2**20


@dataclass(frozen=True)
class PlannedQuestion:
    """A valid question from the file and what importing it would do."""

    line: int
    name: str
    module_key: str
    spec: QuestionSpec
    action: ImportAction


@dataclass(frozen=True)
class ImportPlan:
    """The preview of an import: what would change, and every problem found."""

    questions: tuple[PlannedQuestion, ...]
    problems: tuple[ImportProblem, ...]

    def count(self, action: str) -> int:
        """How many questions would get this action."""
        return sum(1 for question in self.questions if question.action == action)


def read_question_file(name: str, data: bytes, file_format: str | None = None) -> ParsedFile:
    """Parse an uploaded file as GIFT, Aiken or the Excel template (guessed when not given)."""
    if len(data) > MAX_QUESTION_BYTES:
        reason = f"berkas terlalu besar ({len(data) / 2**20:.1f} MB); batasnya {MAX_QUESTION_BYTES // 2**20} MB per berkas"
        return ParsedFile(problems=[ImportProblem(None, "", reason)])
    file_format = file_format or guess_format(name, data)
    if file_format == "xlsx":
        if (expanded := expanded_size(data) or 0) > MAX_QUESTION_XLSX_EXPANDED:
            reason = (
                f"isi XLSX ini mengembang menjadi {expanded // 2**20} MB; batasnya {MAX_QUESTION_XLSX_EXPANDED // 2**20} MB "
                "(bagi soal menjadi beberapa berkas)"
            )
            return ParsedFile(problems=[ImportProblem(None, "", reason)])
        return parse_question_xlsx(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return ParsedFile(problems=[ImportProblem(line, "", "berkas harus teks UTF-8 (simpan ulang sebagai UTF-8)")])
    return parse_aiken(text) if file_format == "aiken" else parse_gift(text)


def guess_format(name: str, data: bytes) -> str:
    """Tell GIFT, Aiken and XLSX apart by extension and content."""
    if name.lower().endswith(".xlsx") or data[:2] == b"PK":
        return "xlsx"
    text = data[:20000].decode("utf-8", "ignore")
    if re.search(r"^\s*ANSWER:", text, re.MULTILINE) and "{" not in text:
        return "aiken"
    return "gift"


def plan_import(
    session: Session,
    parsed: ParsedFile,
    *,
    registry: Bank,
    file_label: str,
    module_key: str | None = None,
    category: str | None = None,
    topic: str = "impor",
    difficulty: str = "sedang",
) -> ImportPlan:
    """Check every parsed question against the bank's rules and say what importing would do."""
    problems = list(parsed.problems)
    modules = {module.key: module for module in queries.active_modules(session)}
    by_title = {module.title.lower(): module.key for module in modules.values()}
    existing = queries.questions_by_key(session)
    planned = []
    for parsed_question in parsed.questions:
        target = _module_for(parsed_question.module, module_key, modules, by_title)
        if target is None:
            problems.append(
                ImportProblem(parsed_question.line, parsed_question.name, "modul tujuan tidak diketahui; pilih modul untuk impor")
            )
            continue
        item = {
            "category": category or _usual_category(session, modules[target].id, registry),
            "topic": topic,
            "difficulty": difficulty,
        }
        item |= parsed_question.item
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
        question = existing.get(spec.key)
        if question is not None and question.module_id != modules[target].id:
            problems.append(
                ImportProblem(parsed_question.line, parsed_question.name, f"id {spec.key!r} sudah dipakai soal di modul lain")
            )
            continue
        action = _action(session, question, spec, registry)
        planned.append(PlannedQuestion(parsed_question.line, parsed_question.name, target, spec, action))
    return ImportPlan(tuple(planned), tuple(problems))


def apply_import(session: Session, plan: ImportPlan, *, actor: Actor, registry: Bank, now: datetime, file_label: str) -> None:
    """Carry out a plan's new questions and new versions (super admins; the caller's transaction makes it all or nothing)."""
    acting_scope(session, actor, whole_agency=True)
    existing = queries.questions_by_key(session)
    for planned in plan.questions:
        if planned.action == UNCHANGED:
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
        details={"added": plan.count(NEW), "new_versions": plan.count(NEW_VERSION), "problems": len(plan.problems)},
    )


def import_question_file(
    session: Session, *, actor: Actor, registry: Bank, name: str, parsed: ParsedFile, module_key: str | None, now: datetime
) -> ImportPlan:
    """Plan a parsed file again inside the write transaction (what is saved is what the bank holds now), then apply
    it. The file is parsed once, outside (pages/ui/uploads.parsed_once), never inside a write transaction."""
    plan = plan_import(session, parsed, registry=registry, file_label=name, module_key=module_key)
    apply_import(session, plan, actor=actor, registry=registry, now=now, file_label=name)
    return plan


def exported_questions(session: Session) -> list[BankQuestion]:
    """The newest version of every active question, module by module, as exportable specs."""
    exported = []
    for module in queries.active_modules(session):
        for version in queries.latest_question_versions(session, module.id):
            question = session.get_one(Question, version.question_id)
            content = version.content
            spec = QuestionSpec(
                key=question.key,
                kind=version.kind,
                text=content["text"],
                options=tuple(Option(o["id"], o["text"], float(o["weight"]), o.get("feedback", "")) for o in content["options"]),
                explanation=content["explanation"],
                legal_basis=tuple(citation["id"] for citation in content["legal_basis"]),
                topic=version.topic,
                category=version.category,
                difficulty=version.difficulty,
            )
            exported.append(BankQuestion(module.key, module.title, spec))
    return exported


@dataclass(frozen=True)
class BankOverview:
    """Bank Soal at a glance: questions per module and type, and the modules an import may target."""

    counts: list[tuple[str, str, int]]
    modules: dict[str, str]


def bank_overview(session: Session) -> BankOverview:
    """Question counts per module and type, and the active modules by key."""
    counts = [(module, kind, int(count)) for module, kind, count in queries.question_counts(session)]
    return BankOverview(counts, {module.key: module.title for module in queries.active_modules(session)})


def _module_for(named: str | None, chosen: str | None, modules: Mapping[str, object], by_title: dict[str, str]) -> str | None:
    if named:
        if named in modules:
            return named
        if named.lower() in by_title:
            return by_title[named.lower()]
    return chosen if chosen in modules else None


def _usual_category(session: Session, module_id: int, registry: Bank) -> str:
    counts = Counter(version.category for version in queries.latest_question_versions(session, module_id))
    return counts.most_common(1)[0][0] if counts else next(iter(registry.categories), "")


def _action(session: Session, question: Question | None, spec: QuestionSpec, registry: Bank) -> ImportAction:
    if question is None:
        return NEW
    newest = queries.newest_version_of(session, question.id)
    digest = content_hash(spec.kind, spec.topic, spec.category, spec.difficulty, version_content(spec, registry))
    return UNCHANGED if newest is not None and newest.content_hash == digest else NEW_VERSION
