"""The bank as HR sees it: counts per module, type and pool, and the newest version of every question to export."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from db import queries
from db.models import Question
from netral.content.bank import Option, QuestionSpec
from netral.content.interop.model import BankQuestion


def exported_questions(session: Session) -> list[BankQuestion]:
    """The newest version of every active question, module by module, as exportable specs (with its pool)."""
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
                pool=version.pool,
            )
            exported.append(BankQuestion(module.key, module.title, spec))
    return exported


@dataclass(frozen=True)
class BankOverview:
    """Bank Soal at a glance: questions per module, type and pool, and the modules an import may target."""

    counts: list[tuple[str, str, str, int]]
    modules: dict[str, str]


def bank_overview(session: Session) -> BankOverview:
    """Question counts per module, type and pool, and the active modules by key."""
    counts = [(module, kind, pool, int(count)) for module, kind, pool, count in queries.question_counts(session)]
    return BankOverview(counts, {module.key: module.title for module in queries.active_modules(session)})
