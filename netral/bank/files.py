"""Load `questions/` from YAML and Markdown files, naming file, question and field for every error."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from netral.bank.fields import FieldReader
from netral.bank.model import (
    CERTAINTIES,
    DIFFICULTIES,
    KEY_CERTAINTIES,
    KINDS,
    TRUE_FALSE_OPTIONS,
    Bank,
    BankError,
    BankInvalid,
    Category,
    ModuleSpec,
    Option,
    QuestionSpec,
    Source,
)

_KEY = re.compile(r"^[a-z0-9][a-z0-9-]{1,78}[a-z0-9]$")
_OPTION_ID = re.compile(r"^[a-z0-9-]{1,20}$")


def load_bank(root: Path) -> Bank:
    """Load and validate the bank under `root`; raise BankInvalid listing every error."""
    errors: list[BankError] = []
    sources = _load_sources(root / "sources.yaml", errors)
    categories = _load_categories(root / "categories.yaml", errors)
    modules = (
        [
            _load_module(folder, root, sources, categories, errors)
            for folder in sorted((root / "modules").iterdir())
            if folder.is_dir()
        ]
        if (root / "modules").is_dir()
        else []
    )
    _check_unique_keys(modules, root, errors)
    if errors:
        raise BankInvalid(errors)
    return Bank(sources=sources, categories=categories, modules=tuple(m for m in modules if m is not None))


def _read_yaml(path: Path, root: Path, errors: list[BankError]) -> Any:
    name = _name(path, root)
    if not path.is_file():
        errors.append(BankError(name, "", "(berkas)", "berkas tidak ada"))
        return None
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        errors.append(BankError(name, "", "(berkas)", "bukan teks UTF-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"baris {mark.line + 1}" if mark is not None else "(berkas)"
        errors.append(BankError(name, "", where, f"YAML tidak valid: {getattr(exc, 'problem', exc)}"))
    return None


def _load_sources(path: Path, errors: list[BankError]) -> dict[str, Source]:
    root = path.parent
    data = _read_yaml(path, root, errors)
    sources: dict[str, Source] = {}
    for index, item in enumerate(_list_at(data, "sources", _name(path, root), errors)):
        where = FieldReader(
            _name(path, root), str(item.get("id", f"#{index + 1}")) if isinstance(item, dict) else f"#{index + 1}", errors
        )
        if not isinstance(item, dict):
            where.error("(entri)", "harus berupa pemetaan (id, title, ...)")
            continue
        source_id = where.text(item, "id", pattern=_KEY)
        certainty = where.choice(item, "certainty", CERTAINTIES)
        source = Source(
            id=source_id,
            title=where.text(item, "title"),
            short=where.text(item, "short"),
            article=where.text(item, "article", required=False),
            says=where.text(item, "says"),
            certainty=certainty,
        )
        if source_id in sources:
            where.error("id", "id sumber ganda")
        sources[source_id] = source
    return sources


def _load_categories(path: Path, errors: list[BankError]) -> dict[str, Category]:
    root = path.parent
    data = _read_yaml(path, root, errors)
    categories: dict[str, Category] = {}
    for index, item in enumerate(_list_at(data, "categories", _name(path, root), errors)):
        where = FieldReader(_name(path, root), f"#{index + 1}", errors)
        if not isinstance(item, dict):
            where.error("(entri)", "harus berupa pemetaan (id, label)")
            continue
        category = Category(id=where.text(item, "id", pattern=_KEY), label=where.text(item, "label"))
        categories[category.id] = category
    return categories


def _load_module(
    folder: Path, root: Path, sources: dict[str, Source], categories: dict[str, Category], errors: list[BankError]
) -> ModuleSpec | None:
    meta_path = folder / "module.yaml"
    meta = _read_yaml(meta_path, root, errors)
    where = FieldReader(_name(meta_path, root), "", errors)
    if not isinstance(meta, dict):
        if meta is not None:
            where.error("(berkas)", "harus berupa pemetaan (key, title, ...)")
        return None
    material_path = folder / "material.md"
    material = material_path.read_text(encoding="utf-8-sig") if material_path.is_file() else ""
    if not material.strip():
        errors.append(BankError(_name(material_path, root), "", "(berkas)", "materi modul kosong atau tidak ada"))
    questions_path = folder / "questions.yaml"
    data = _read_yaml(questions_path, root, errors)
    questions = [
        _question(item, index, _name(questions_path, root), sources, categories, errors)
        for index, item in enumerate(_list_at(data, "questions", _name(questions_path, root), errors))
    ]
    return ModuleSpec(
        key=where.text(meta, "key", pattern=_KEY),
        position=where.integer(meta, "position", low=1, high=99),
        title=where.text(meta, "title"),
        summary=where.text(meta, "summary"),
        material=material,
        jp=where.integer(meta, "jp", low=1, high=40),
        pass_mark=where.integer(meta, "pass_mark", low=1, high=100, default=80),
        questions=tuple(q for q in questions if q is not None),
    )


def _question(
    item: Any, index: int, file: str, sources: dict[str, Source], categories: dict[str, Category], errors: list[BankError]
) -> QuestionSpec | None:
    label = str(item.get("id", f"soal #{index + 1}")) if isinstance(item, dict) else f"soal #{index + 1}"
    where = FieldReader(file, label, errors)
    if not isinstance(item, dict):
        where.error("(soal)", "harus berupa pemetaan (id, type, text, ...)")
        return None
    known = {
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
    }
    for unknown in sorted(set(item) - known):
        where.error(str(unknown), "kolom tidak dikenal")
    kind = where.choice(item, "type", KINDS)
    options = _true_false_options(item, where) if kind == "truefalse" else _options(item, kind, where)
    legal_basis = _legal_basis(item, sources, where)
    category = where.text(item, "category")
    if category and category not in categories:
        where.error("category", f"kategori {category!r} tidak ada di categories.yaml")
    return QuestionSpec(
        key=where.text(item, "id", pattern=_KEY),
        kind=kind,
        text=where.text(item, "text"),
        options=tuple(options),
        explanation=where.text(item, "explanation"),
        legal_basis=tuple(legal_basis),
        topic=where.text(item, "topic"),
        category=category,
        difficulty=where.choice(item, "difficulty", DIFFICULTIES),
    )


def _options(item: dict[str, Any], kind: str, where: FieldReader) -> list[Option]:
    raw = item.get("options")
    if not isinstance(raw, list) or not 3 <= len(raw) <= 5:
        where.error("options", "harus daftar berisi 3 sampai 5 pilihan")
        return []
    options: list[Option] = []
    for index, entry in enumerate(raw):
        at = f"options[{index + 1}]"
        if not isinstance(entry, dict):
            where.error(at, "harus berupa pemetaan (id, text, correct, feedback)")
            continue
        option_id = where.text(entry, "id", field_name=f"{at}.id", pattern=_OPTION_ID)
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
    if kind == "single" and correct_count != 1:
        where.error("options", f"soal pilihan tunggal harus punya tepat 1 jawaban benar, ada {correct_count}")
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


def _legal_basis(item: dict[str, Any], sources: dict[str, Source], where: FieldReader) -> list[str]:
    raw = item.get("legal_basis")
    if not isinstance(raw, list) or not raw or not all(isinstance(x, str) for x in raw):
        where.error("legal_basis", "harus daftar id sumber dari sources.yaml (minimal satu)")
        return []
    for source_id in raw:
        source = sources.get(source_id)
        if source is None:
            where.error("legal_basis", f"sumber {source_id!r} tidak ada di sources.yaml")
        elif source.certainty == "UNVERIFIED":
            where.error("legal_basis", f"sumber {source_id!r} bertanda UNVERIFIED dan tidak boleh menjadi dasar kunci")
    if sources and not any(sources.get(s) and sources[s].certainty in KEY_CERTAINTIES for s in raw):
        where.error("legal_basis", "kunci harus bersandar pada minimal satu sumber bertanda P, G, S2+ atau SEED")
    return list(raw)


def _check_unique_keys(modules: list[ModuleSpec | None], root: Path, errors: list[BankError]) -> None:
    seen: dict[str, str] = {}
    for module in modules:
        if module is None:
            continue
        for question in module.questions:
            if question.key in seen:
                errors.append(
                    BankError(
                        f"modules ({module.key})", question.key, "id", f"id soal sudah dipakai di modul {seen[question.key]}"
                    )
                )
            seen[question.key] = module.key
    keys = [m.key for m in modules if m is not None]
    for key in {k for k in keys if keys.count(k) > 1}:
        errors.append(BankError("modules", "", "key", f"key modul {key!r} dipakai lebih dari satu modul"))


def _list_at(data: Any, key: str, file: str, errors: list[BankError]) -> list[Any]:
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        errors.append(BankError(file, "", key, f"berkas harus berisi daftar '{key}:'"))
        return []
    return list(data[key])


def _name(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)
