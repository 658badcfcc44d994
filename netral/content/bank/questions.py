"""Validating one question, the same rules for bank files and for imported files."""

from __future__ import annotations

import re
from typing import Any

from netral.content.bank.fields import FieldReader
from netral.content.bank.model import (
    DIFFICULTIES,
    KEY_CERTAINTIES,
    KINDS,
    POOLS,
    REPEALED,
    TRUE_FALSE_OPTIONS,
    BankError,
    Category,
    Option,
    QuestionSpec,
    Source,
)
from netral.content.bank.wording import wording_problems

KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{1,78}[a-z0-9]$")
OPTION_ID_PATTERN = re.compile(r"^[a-z0-9-]{1,20}$")
KNOWN_FIELDS = frozenset(
    {
        "id",
        "type",
        "text",
        "options",
        "answer",
        "feedback",
        "explanation",
        "legal_basis",
        "topic",
        "category",
        "difficulty",
        "pool",
    }
)


def validate_question(
    item: Any,
    *,
    file: str,
    label: str,
    sources: dict[str, Source],
    categories: dict[str, Category],
    errors: list[BankError],
    strict: bool = True,
) -> QuestionSpec | None:
    """Turn one question mapping into a QuestionSpec, adding every problem found to `errors`.

    `strict` is the authoring standard of the bank files (3–5 options, a legal basis and an
    explanation required); imported files from Moodle or Excel may have 2–10 options and no
    legal basis, but whatever they cite must still be in the registry and strong enough.
    """
    where = FieldReader(file, label, errors)
    if not isinstance(item, dict):
        where.error("(soal)", "harus berupa pemetaan (id, type, text, ...)")
        return None
    for unknown in sorted(set(item) - KNOWN_FIELDS):
        where.error(str(unknown), "kolom tidak dikenal")
    kind = where.choice(item, "type", KINDS)
    options = _true_false_options(item, where) if kind == "truefalse" else _options(item, kind, where, strict=strict)
    legal_basis = _legal_basis(item, sources, where, required=strict)
    category = where.text(item, "category")
    if category and category not in categories:
        where.error("category", f"kategori {category!r} tidak ada di categories.yaml")
    spec = QuestionSpec(
        key=where.text(item, "id", pattern=KEY_PATTERN),
        kind=kind,
        text=where.text(item, "text"),
        options=tuple(options),
        explanation=where.text(item, "explanation", required=strict),
        legal_basis=tuple(legal_basis),
        topic=where.text(item, "topic"),
        category=category,
        difficulty=where.choice(item, "difficulty", DIFFICULTIES),
        pool=where.choice(item, "pool", POOLS, default=POOLS[0]),
    )
    for field_name, phrase in wording_problems(spec):
        where.error(field_name, f'sanksi ditulis sebagai kepastian ({phrase!r}); tulis "dapat dikenai ..."')
    return spec


def _options(item: dict[str, Any], kind: str, where: FieldReader, *, strict: bool) -> list[Option]:
    raw = item.get("options")
    low, high = (3, 5) if strict else (2, 10)
    if not isinstance(raw, list) or not low <= len(raw) <= high:
        where.error("options", f"harus daftar berisi {low} sampai {high} pilihan")
        return []
    options: list[Option] = []
    for index, entry in enumerate(raw):
        at = f"options[{index + 1}]"
        if not isinstance(entry, dict):
            where.error(at, "harus berupa pemetaan (id, text, correct, feedback)")
            continue
        option_id = where.text(entry, "id", field_name=f"{at}.id", pattern=OPTION_ID_PATTERN)
        correct = entry.get("correct", False)
        if not isinstance(correct, bool):
            where.error(f"{at}.correct", "harus true atau false")
        weight = entry.get("weight")
        if weight is not None and (not isinstance(weight, int | float) or not -100 <= weight <= 100):
            where.error(f"{at}.weight", "harus angka antara -100 dan 100")
            weight = None
        options.append(
            Option(
                id=option_id,
                text=where.text(entry, "text", field_name=f"{at}.text"),
                weight=float(weight) if weight is not None else (100.0 if correct else 0.0),
                feedback=where.text(entry, "feedback", field_name=f"{at}.feedback", required=False),
            )
        )
    ids = [o.id for o in options]
    if len(set(ids)) != len(ids):
        where.error("options", "id pilihan ganda")
    correct_count = sum(1 for o in options if o.weight > 0)
    full_count = sum(1 for o in options if o.weight >= 100)
    if kind == "single" and full_count != 1:
        where.error("options", f"soal pilihan tunggal harus punya tepat 1 jawaban benar, ada {full_count}")
    if kind == "multiple":
        if correct_count < 2:
            where.error("options", "soal pilihan ganda kompleks harus punya minimal 2 jawaban benar")
        options = _default_multiple_weights(raw, options)
    return options


def _default_multiple_weights(raw: list[Any], options: list[Option]) -> list[Option]:
    # Authors mark what is correct; like Moodle's multiple response, each correct
    # option earns an equal share and each wrong one takes the same share away.
    if any(isinstance(entry, dict) and "weight" in entry for entry in raw):
        return options
    correct = [o for o in options if o.weight > 0]
    share = round(100 / len(correct), 5) if correct else 0.0
    return [Option(o.id, o.text, share if o.weight > 0 else -share, o.feedback) for o in options]


def _true_false_options(item: dict[str, Any], where: FieldReader) -> list[Option]:
    answer = item.get("answer")
    if not isinstance(answer, bool):
        where.error("answer", "soal benar/salah harus punya answer: true atau false")
        return []
    feedback = item.get("feedback") or {}
    if not isinstance(feedback, dict) or set(feedback) - {"benar", "salah"}:
        where.error("feedback", "harus pemetaan dengan kunci benar dan/atau salah")
        feedback = {}
    correct_id = "benar" if answer else "salah"
    return [
        Option(option_id, label, 100.0 if option_id == correct_id else 0.0, str(feedback.get(option_id, "")))
        for option_id, label in TRUE_FALSE_OPTIONS
    ]


def _legal_basis(item: dict[str, Any], sources: dict[str, Source], where: FieldReader, *, required: bool) -> list[str]:
    raw = item.get("legal_basis")
    if not required and not raw:
        return []
    if not isinstance(raw, list) or not raw or not all(isinstance(x, str) for x in raw):
        where.error("legal_basis", "harus daftar id sumber dari sources.yaml (minimal satu)")
        return []
    # Everything listed here is shown as "Dasar hukum", so every entry must be able to carry a key.
    for source_id in raw:
        source = sources.get(source_id)
        if source is None:
            where.error("legal_basis", f"sumber {source_id!r} tidak ada di sources.yaml")
        elif source.certainty == "UNVERIFIED":
            where.error("legal_basis", f"sumber {source_id!r} bertanda UNVERIFIED dan tidak boleh menjadi dasar kunci")
        elif source.certainty not in KEY_CERTAINTIES:
            where.error(
                "legal_basis",
                f"sumber {source_id!r} bertanda {source.certainty}: kunci hanya boleh bersandar pada sumber bertanda "
                "P, G atau S2+ (S1 dan SEED hanya sebagai contoh di materi atau umpan balik)",
            )
        elif source.status == REPEALED:
            where.error("legal_basis", f"sumber {source_id!r} sudah dicabut dan tidak boleh menjadi dasar kunci")
    return list(raw)
