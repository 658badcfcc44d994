"""What a parsed question file holds, before it is checked against the bank's rules."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from netral.content.bank import QuestionSpec

UNSUPPORTED = "tipe soal {kind} tidak didukung Netral (hanya pilihan tunggal, pilihan ganda kompleks dan benar/salah)"


@dataclass(frozen=True)
class ImportProblem:
    """One problem in an imported file: where (line or row), which question, and why."""

    line: int | None
    name: str
    reason: str


@dataclass(frozen=True)
class ParsedQuestion:
    """A question read from a file, as a mapping in the bank's own schema (see questions/README.md)."""

    line: int
    name: str
    module: str | None
    item: dict[str, Any]
    category: str | None = None  # the Moodle category ($CATEGORY) it was filed under, as HR reads it


@dataclass
class ParsedFile:
    """Everything read from one file: questions to check, and problems already found."""

    questions: list[ParsedQuestion] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)


@dataclass(frozen=True)
class BankQuestion:
    """A question as exported: which module it belongs to and its content."""

    module_key: str
    module_title: str
    spec: QuestionSpec


def key_from_name(name: str, taken: set[str]) -> str:
    """Turn a question name into a unique bank key: lowercase, dashes, at least three characters."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:70].strip("-")
    if len(slug) < 3:
        slug = f"soal-{slug}" if slug else "soal"
    key, suffix = slug, 2
    while key in taken:
        key, suffix = f"{slug}-{suffix}", suffix + 1
    taken.add(key)
    return key


def option_ids(count: int) -> list[str]:
    """Ids for options that come without one: a, b, c, ..."""
    return [chr(ord("a") + index) for index in range(count)]


def format_weight(value: float) -> str:
    """Write an option weight without losing precision: 50, -33.33333."""
    return f"{value:.12g}"
