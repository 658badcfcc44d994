"""Types of the question bank: sources, categories, options, questions and modules."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from netral.core.enums import QuizKind
from netral.core.errors import Refusal

KINDS = ("single", "multiple", "truefalse")
DIFFICULTIES = ("mudah", "sedang", "sulit")
CERTAINTIES = ("P", "G", "S2+", "S1", "SEED", "C", "UNVERIFIED")
# A key may rest only on these (see ../shared/reference/netralitas-asn.md §0); S1 and SEED
# may illustrate in material and feedback, never under a question's legal basis.
KEY_CERTAINTIES = ("P", "G", "S2+")
# Where a source stands today: in force, amended, transitional, repealed, or made for one election.
STATUSES = ("berlaku", "diubah", "peralihan", "dicabut", "dibuat-untuk")
REPEALED, MADE_FOR = "dicabut", "dibuat-untuk"
# Which quiz may show a question: the module's practice quiz (the default) or only the exam.
POOLS = (QuizKind.MODULE.value, QuizKind.EXAM.value)
TRUE_FALSE_OPTIONS = (("benar", "Benar"), ("salah", "Salah"))


@dataclass(frozen=True)
class BankError:
    """One problem in the bank: where it is and why it is wrong."""

    file: str
    question: str
    field: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.file}" + (f" [{self.question}]" if self.question else "")
        return f"{where} {self.field}: {self.reason}"


class BankInvalid(Refusal):
    """The bank has errors; nothing from it may be used. `errors` names file, question, field and reason."""

    def __init__(self, errors: list[BankError]) -> None:
        super().__init__(f"{len(errors)} kesalahan di bank soal")
        self.errors = errors


@dataclass(frozen=True)
class Source:
    """A legal source in the registry that questions cite."""

    id: str
    title: str
    short: str
    article: str
    says: str
    certainty: str
    status: str = "berlaku"
    made_for: str = ""
    checked_on: date | None = None

    @property
    def label(self) -> str:
        """How a citation reads under a question: "UU 20/2023 Pasal 24 ayat (1) huruf d"."""
        return f"{self.short} {self.article}".strip()


@dataclass(frozen=True)
class Category:
    """A violation category, the unit of the misconception map."""

    id: str
    label: str


@dataclass(frozen=True)
class Option:
    """One answer option; `weight` is the share of the question's mark in percent (may be negative)."""

    id: str
    text: str
    weight: float
    feedback: str = ""


@dataclass(frozen=True)
class QuestionSpec:
    """A question as written in a bank file."""

    key: str
    kind: str
    text: str
    options: tuple[Option, ...]
    explanation: str
    legal_basis: tuple[str, ...]
    topic: str
    category: str
    difficulty: str
    pool: str = QuizKind.MODULE.value

    @property
    def correct_ids(self) -> tuple[str, ...]:
        """The options that earn marks."""
        return tuple(o.id for o in self.options if o.weight > 0)


@dataclass(frozen=True)
class SectionSpec:
    """One section of a module: a heading, its part of the material, an "Intinya" summary, checks and a diagram."""

    heading: str
    summary: str
    text: str
    checks: tuple[QuestionSpec, ...]
    diagram: str = ""


@dataclass(frozen=True)
class ModuleSpec:
    """A module folder: its facts, its material and its questions."""

    key: str
    position: int
    title: str
    summary: str
    material: str
    jp: int
    pass_mark: int
    questions: tuple[QuestionSpec, ...]
    sections: tuple[SectionSpec, ...] = ()
    # The branching scenario as plain data (validated by netral.content.bank.scenarios), if the module has one.
    scenario: dict[str, Any] | None = None


@dataclass(frozen=True)
class Bank:
    """The whole validated bank."""

    sources: dict[str, Source]
    categories: dict[str, Category]
    modules: tuple[ModuleSpec, ...] = field(default_factory=tuple)
    # Diagram data by name (questions/diagrams/NAME.yaml), drawn by netral.content.diagrams.
    diagrams: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def questions(self) -> list[QuestionSpec]:
        """Every question of every module."""
        return [q for m in self.modules for q in m.questions]
