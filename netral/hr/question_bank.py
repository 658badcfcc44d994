"""Bank Soal for reading: every active question as a peserta sees it, with its key, feedback, explanation, legal
basis (with its certainty), versions and item statistics; searchable and filterable by module, category,
difficulty and type. HR reads it to check what people are asked and to answer a complaint about a question.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from db import queries
from netral.core.enums import QuizKind
from netral.hr.item_analysis import ItemStats
from netral.hr.question_analysis import analyse_quiz
from netral.people.authority import Actor, acting_scope

KIND_LABELS = {
    "single": "Pilihan ganda (satu jawaban)",
    "multiple": "Pilihan ganda (beberapa jawaban)",
    "truefalse": "Benar/salah",
}
CERTAINTY_LABELS = {
    "P": "teks resmi dibaca", "G": "laman pemerintah", "S2+": "dua sumber sekunder atau lebih yang sejalan",
    "S1": "satu sumber sekunder", "SEED": "artikel awal", "C": "data pihak ketiga", "UNVERIFIED": "belum terverifikasi",
}  # fmt: skip


@dataclass(frozen=True)
class BankQuestion:
    """One question's newest version, ready to read."""

    key: str
    module: str
    quiz_id: int | None
    version: int
    versions: int
    kind: str
    category: str
    difficulty: str
    pool: str
    text: str
    options: list[dict[str, Any]]
    explanation: str
    legal_basis: list[dict[str, Any]]

    def matches(self, needle: str) -> bool:
        """Whether a search (already casefolded) finds this question: key, text, options, explanation, citations."""
        if not needle:
            return True
        parts = [self.key, self.text, self.explanation, *(str(o.get("text", "")) for o in self.options)]
        parts += [str(s.get("label", "")) for s in self.legal_basis]
        return any(needle in part.casefold() for part in parts)


def bank_questions(session: Session, *, actor: Actor) -> list[BankQuestion]:
    """Every active question (newest version), in curriculum order; for administrators."""
    acting_scope(session, actor)
    exam = queries.exam_quiz(session)
    found = []
    for row in queries.bank_questions(session):
        content = row.content
        in_exam = row.pool == QuizKind.EXAM.value and exam is not None
        found.append(
            BankQuestion(
                key=row.key, module=row.module, quiz_id=exam.id if in_exam and exam is not None else row.quiz_id,
                version=row.version, versions=row.versions, kind=row.kind, category=row.category,
                difficulty=row.difficulty, pool=row.pool, text=str(content.get("text", "")),
                options=list(content.get("options", [])), explanation=str(content.get("explanation", "")),
                legal_basis=list(content.get("legal_basis", [])),
            )
        )  # fmt: skip
    return found


def search_bank(
    questions: list[BankQuestion],
    *,
    search: str = "",
    module: str | None = None,
    category: str | None = None,
    difficulty: str | None = None,
    kind: str | None = None,
) -> list[BankQuestion]:
    """The questions matching a search and the chosen filters (None: any)."""
    needle = search.strip().casefold()
    return [
        q
        for q in questions
        if (module is None or q.module == module)
        and (category is None or q.category == category)
        and (difficulty is None or q.difficulty == difficulty)
        and (kind is None or q.kind == kind)
        and q.matches(needle)
    ]


def question_statistics(session: Session, *, actor: Actor, question: BankQuestion) -> list[ItemStats]:
    """The item statistics of each version of one question in its quiz (first attempts in the actor's scope)."""
    if question.quiz_id is None:
        return []
    stats = analyse_quiz(session, question.quiz_id, unit_ids=acting_scope(session, actor).unit_ids)
    return sorted((s for s in stats if s.question_key == question.key), key=lambda s: s.version)
