"""What an editor reviews before each election cycle: counts, sources due for a check, and years in the text."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from netral.content.bank.model import Bank, Source

STALE_AFTER_MONTHS = 12
# A year that is part of a regulation's or ruling's number ("UU 20/2023", "Nomor 7 Tahun 2017",
# "PUU-XXII/2024", "SKB 2022") names a document, not a moment; the rest are listed.
_YEAR = re.compile(r"(?<![\w/.,-])(19[5-9]\d|20\d\d)(?![\w-])")
_CITATION = re.compile(r"(?:/|\bTahun\s|\bSKB(?:\s5\sInstansi)?\s)$", re.IGNORECASE)
# A sentence ends at ., ! or ? followed by a space; "Rp12.000.000" and "ayat (1)." stay whole.
_SENTENCE = re.compile(r"\S.*?(?:[.!?](?=\s|$)|$)")


@dataclass(frozen=True)
class YearMention:
    """A year in a question file or a module's material: where, and the sentence around it."""

    file: str
    line: int
    year: int
    sentence: str


def counts(bank: Bank) -> dict[str, Any]:
    """Questions per module, violation category, type, difficulty and pool."""
    questions = bank.questions

    def tally(values: list[str]) -> dict[str, int]:
        return dict(sorted(Counter(values).items()))

    return {
        "per_module": {module.key: len(module.questions) for module in bank.modules},
        "per_category": tally([q.category for q in questions]),
        "per_type": tally([q.kind for q in questions]),
        "per_difficulty": tally([q.difficulty for q in questions]),
        "per_pool": tally([q.pool for q in questions]),
        "per_module_pool": {m.key: tally([q.pool for q in m.questions]) for m in bank.modules},
        "per_module_difficulty": {m.key: tally([q.difficulty for q in m.questions]) for m in bank.modules},
    }


def stale_sources(bank: Bank, today: date, *, months: int = STALE_AFTER_MONTHS) -> list[Source]:
    """Cited sources last checked more than `months` ago (or never), in registry order."""
    cited = {source_id for question in bank.questions for source_id in question.legal_basis}
    limit = _months_before(today, months)
    return [s for s in bank.sources.values() if s.id in cited and (s.checked_on is None or s.checked_on < limit)]


def year_mentions(root: Path) -> list[YearMention]:
    """Every year written in the questions, sections, scenarios and material under `root` (regulation numbers aside)."""
    mentions: list[YearMention] = []
    for folder in sorted(path for path in (root / "modules").glob("*") if path.is_dir()):
        questions, material = folder / "questions.yaml", folder / "material.md"
        for data in (questions, folder / "sections.yaml", folder / "scenario.yaml"):
            if data.is_file():
                mentions += _question_years(data, _label(data, root))
        if material.is_file():
            lines = material.read_text(encoding="utf-8-sig").splitlines()
            mentions += [
                YearMention(_label(material, root), number, year, sentence)
                for number, line in enumerate(lines, start=1)
                for year, sentence, _start in _years_in(line)
            ]
    return mentions


def _question_years(path: Path, name: str) -> list[YearMention]:
    # Years are read from each parsed text (a folded line may break "SKB 2022" in two) and placed
    # on the file line that holds that occurrence of the digits, inside the text's own span.
    text = path.read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    found = []
    for node in _scalars(yaml.compose(text)):
        for year, sentence, start in _years_in(node.value):
            occurrence = node.value.count(str(year), 0, start)
            line = _line_of(lines, node.start_mark.line, node.end_mark.line, str(year), occurrence)
            found.append(YearMention(name, line, year, sentence))
    return found


def _scalars(node: yaml.Node | None) -> list[yaml.ScalarNode]:
    if isinstance(node, yaml.ScalarNode):
        return [node]
    if isinstance(node, yaml.SequenceNode):
        return [scalar for child in node.value for scalar in _scalars(child)]
    if isinstance(node, yaml.MappingNode):
        return [scalar for _key, child in node.value for scalar in _scalars(child)]
    return []


def _line_of(lines: list[str], first: int, last: int, digits: str, occurrence: int) -> int:
    seen = 0
    for number in range(first, min(last, len(lines) - 1) + 1):
        count = lines[number].count(digits)
        if seen + count > occurrence:
            return number + 1
        seen += count
    return first + 1


def _years_in(text: str) -> list[tuple[int, str, int]]:
    return [
        (int(match.group(1)), _sentence_at(text, match.start()), match.start())
        for match in _YEAR.finditer(text)
        if not _CITATION.search(text[: match.start()])
    ]


def _label(path: Path, root: Path) -> str:
    return str(path.relative_to(root.parent))


def _sentence_at(line: str, position: int) -> str:
    for sentence in _SENTENCE.finditer(line):
        if sentence.start() <= position < sentence.end():
            return sentence.group(0).strip(" >-\"'")
    return line.strip()


def _months_before(today: date, months: int) -> date:
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    day = today.day
    while True:
        try:
            return date(year, month + 1, day)
        except ValueError:
            day -= 1
