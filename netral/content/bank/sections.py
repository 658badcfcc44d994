"""A module's sections (`sections.yaml`): the material split at its `##` headings, with a summary and checks.

The wording stays in `material.md`; a section names the `##` parts it shows, so editing the text never
means editing two files. Every part is shown exactly once, in the order of the material.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

from netral.content.bank.fields import FieldReader
from netral.content.bank.model import BankError, Category, QuestionSpec, SectionSpec, Source
from netral.content.bank.questions import validate_question

OPENING = "(pembuka)"
# About two phone screens at 360 px and 16 px text; a longer section is split in the file.
MAX_SECTION_WORDS = 400
MAX_SUMMARY_WORDS = 45
MAX_CHECKS = 2
KNOWN_FIELDS = frozenset({"heading", "parts", "intinya", "checks", "diagram"})


def split_material(material: str) -> list[tuple[int, str, str]]:
    """The material as (level, heading, text) parts: the opening before the first heading, then each `##` and `###` part.

    The `# title` line is dropped (the page shows the title once); a part's text leaves its own heading out.
    """
    parts: list[tuple[int, str, list[str]]] = [(2, OPENING, [])]
    for line in material.splitlines():
        if line.startswith("# "):
            continue
        if line.startswith(("## ", "### ")):
            level = 3 if line.startswith("### ") else 2
            parts.append((level, line[level + 1 :].strip(), []))
        else:
            parts[-1][2].append(line)
    return [
        (level, heading, "\n".join(lines).strip())
        for level, heading, lines in parts
        if heading != OPENING or "".join(lines).strip()
    ]


def whole_material(material: str) -> tuple[SectionSpec, ...]:
    """A module without `sections.yaml`: one section holding all of its material."""
    text = "\n\n".join(_part(level, h, t, "") for level, h, t in split_material(material))
    return (SectionSpec(heading="Materi", summary="", text=text.strip(), checks=(), diagram=""),)


def _part(level: int, heading: str, text: str, section_heading: str) -> str:
    # A part whose heading is the section's own is shown without repeating it; others one level below the section.
    if heading in (OPENING, section_heading):
        return text
    return f"{'#' * (level + 1)} {heading}\n\n{text}".strip()


def load_sections(
    data: Any,
    *,
    file: str,
    material: str,
    sources: dict[str, Source],
    categories: dict[str, Category],
    diagrams: frozenset[str],
    errors: list[BankError],
) -> tuple[SectionSpec, ...]:
    """Validate `sections.yaml` against the module's material; every problem names file, section and field."""
    if not isinstance(data, dict) or not isinstance(data.get("sections"), list) or not data["sections"]:
        errors.append(BankError(file, "", "sections", "berkas harus berisi daftar 'sections:' (minimal satu bagian)"))
        return ()
    split = split_material(material)
    parts = {heading: (level, text) for level, heading, text in split}
    order = [heading for _level, heading, _text in split]
    for heading in {h for h in order if order.count(h) > 1}:
        errors.append(BankError(file, "", "parts", f"judul {heading!r} muncul lebih dari sekali di material.md"))
    used: list[str] = []
    sections: list[SectionSpec] = []
    for index, item in enumerate(data["sections"]):
        label = f"bagian {index + 1}"
        where = FieldReader(file, label, errors)
        if not isinstance(item, dict):
            where.error("(bagian)", "harus berupa pemetaan (heading, parts, intinya)")
            continue
        for unknown in sorted(set(item) - KNOWN_FIELDS):
            where.error(str(unknown), "kolom tidak dikenal")
        names = item.get("parts")
        if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
            where.error("parts", "harus daftar judul '##' atau '###' dari material.md (atau (pembuka))")
            names = []
        for name in names:
            if name not in parts:
                where.error("parts", f"judul {name!r} tidak ada di material.md")
            elif name in used:
                where.error("parts", f"judul {name!r} sudah dipakai bagian lain")
            used.append(name)
        heading = where.text(item, "heading")
        text = _section_text(heading, [n for n in names if n in parts], parts)
        words = len(text.split())
        if words > MAX_SECTION_WORDS:
            where.error("parts", f"{words} kata; bagian paling panjang {MAX_SECTION_WORDS} kata (sekitar dua layar ponsel)")
        summary = where.text(item, "intinya")
        if len(summary.split()) > MAX_SUMMARY_WORDS:
            where.error("intinya", f"ringkasan paling panjang {MAX_SUMMARY_WORDS} kata")
        diagram = where.text(item, "diagram", required=False)
        if diagram and diagram not in diagrams:
            where.error("diagram", f"diagram {diagram!r} tidak ada di questions/diagrams/")
        sections.append(
            SectionSpec(
                heading=heading,
                summary=summary,
                text=text,
                checks=_checks(item.get("checks"), where, file, label, sources, categories, errors),
                diagram=diagram,
            )
        )
    missing = [name for name in order if name not in used]
    if missing:
        errors.append(BankError(file, "", "parts", "bagian materi tidak ditampilkan: " + ", ".join(missing)))
    elif [n for n in used if n in parts] != order:
        errors.append(BankError(file, "", "parts", "urutan bagian harus mengikuti urutan material.md"))
    return tuple(sections)


def _section_text(heading: str, names: list[str], parts: dict[str, tuple[int, str]]) -> str:
    return "\n\n".join(_part(parts[n][0], n, parts[n][1], heading) for n in names).strip()


def _checks(
    raw: Any,
    where: FieldReader,
    file: str,
    label: str,
    sources: dict[str, Source],
    categories: dict[str, Category],
    errors: list[BankError],
) -> tuple[Any, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or len(raw) > MAX_CHECKS:
        where.error("checks", f"harus daftar berisi 1 sampai {MAX_CHECKS} soal cek pemahaman")
        return ()
    checks = [
        validate_question(
            item,
            file=file,
            label=str(item.get("id", f"{label} cek #{n + 1}")) if isinstance(item, dict) else f"{label} cek #{n + 1}",
            sources=sources,
            categories=categories,
            errors=errors,
        )
        for n, item in enumerate(raw)
    ]
    for check in checks:
        if check is not None and check.kind == "multiple":
            errors.append(BankError(file, check.key, "type", "cek pemahaman hanya single atau truefalse"))
    return tuple(c for c in checks if c is not None)


def teaching_sections(sections: tuple[SectionSpec, ...], questions: tuple[QuestionSpec, ...]) -> dict[str, int]:
    """For each question, the section that teaches it: the one sharing the most telling words with it.

    A word counts more the fewer sections use it (a heading's "ASN" says little, "Sipol" says much);
    ties go to the earlier section. A result page links a missed question to that section.
    """
    words = [_words(f"{s.heading} {s.summary} {s.text}") for s in sections]
    weight = {w: math.log((1 + len(sections)) / (1 + sum(w in ws for ws in words))) for ws in words for w in ws}
    taught: dict[str, int] = {}
    for question in questions:
        asked = _words(" ".join([question.text, question.topic, question.explanation, *(o.text for o in question.options)]))
        scores = [sum(weight[w] for w in asked & ws) for ws in words]
        taught[question.key] = max(range(len(sections)), key=lambda i: (scores[i], -i)) if sections else 0
    return taught


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) >= 4}


def section_file(folder: Path) -> Path:
    """Where a module's sections are written."""
    return folder / "sections.yaml"
