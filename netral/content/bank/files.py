"""Load `questions/` from YAML and Markdown files, naming file, question and field for every error."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from netral.content.bank.fields import FieldReader
from netral.content.bank.model import (
    CERTAINTIES,
    MADE_FOR,
    STATUSES,
    Bank,
    BankError,
    BankInvalid,
    Category,
    ModuleSpec,
    Source,
)
from netral.content.bank.questions import KEY_PATTERN, validate_question
from netral.content.bank.scenarios import load_scenario
from netral.content.bank.sections import load_sections, section_file, whole_material
from netral.content.diagrams import load_diagrams


def load_bank(root: Path) -> Bank:
    """Load and validate the bank under `root`; raise BankInvalid listing every error."""
    errors: list[BankError] = []
    sources = _load_sources(root / "sources.yaml", errors)
    categories = _load_categories(root / "categories.yaml", errors)
    figures = load_diagrams(root / "diagrams", root, errors)
    diagrams = frozenset(figures)
    modules = (
        [
            _load_module(folder, root, sources, categories, diagrams, errors)
            for folder in sorted((root / "modules").iterdir())
            if folder.is_dir()
        ]
        if (root / "modules").is_dir()
        else []
    )
    _check_unique_keys(modules, root, errors)
    if errors:
        raise BankInvalid(errors)
    return Bank(sources=sources, categories=categories, modules=tuple(m for m in modules if m is not None), diagrams=figures)


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
        source_id = where.text(item, "id", pattern=KEY_PATTERN)
        certainty = where.choice(item, "certainty", CERTAINTIES)
        status = where.choice(item, "status", STATUSES)
        made_for = where.text(item, "made_for", required=status == MADE_FOR)
        if made_for and status != MADE_FOR:
            where.error("made_for", f"hanya untuk status {MADE_FOR} (pemilu yang menjadi tujuan peraturan itu)")
        source = Source(
            id=source_id,
            title=where.text(item, "title"),
            short=where.text(item, "short"),
            article=where.text(item, "article", required=False),
            says=where.text(item, "says"),
            certainty=certainty,
            status=status,
            made_for=made_for,
            checked_on=where.day(item, "checked_on"),
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
        category = Category(id=where.text(item, "id", pattern=KEY_PATTERN), label=where.text(item, "label"))
        categories[category.id] = category
    return categories


def _load_module(
    folder: Path,
    root: Path,
    sources: dict[str, Source],
    categories: dict[str, Category],
    diagrams: frozenset[str],
    errors: list[BankError],
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
        validate_question(
            item,
            file=_name(questions_path, root),
            label=_label(item, index),
            sources=sources,
            categories=categories,
            errors=errors,
        )
        for index, item in enumerate(_list_at(data, "questions", _name(questions_path, root), errors))
    ]
    sections_path = section_file(folder)
    sections = (
        load_sections(
            _read_yaml(sections_path, root, errors),
            file=_name(sections_path, root),
            material=material,
            sources=sources,
            categories=categories,
            diagrams=diagrams,
            errors=errors,
        )
        if sections_path.is_file()
        else whole_material(material)
    )
    scenario_path = folder / "scenario.yaml"
    scenario = (
        load_scenario(
            _read_yaml(scenario_path, root, errors),
            file=_name(scenario_path, root),
            sources=sources,
            categories=categories,
            errors=errors,
        )
        if scenario_path.is_file()
        else None
    )
    return ModuleSpec(
        key=where.text(meta, "key", pattern=KEY_PATTERN),
        position=where.integer(meta, "position", low=1, high=99),
        title=where.text(meta, "title"),
        summary=where.text(meta, "summary"),
        material=material,
        jp=where.integer(meta, "jp", low=1, high=40),
        pass_mark=where.integer(meta, "pass_mark", low=1, high=100, default=80),
        questions=tuple(q for q in questions if q is not None),
        sections=sections,
        scenario=scenario,
    )


def _label(item: Any, index: int) -> str:
    return str(item.get("id", f"soal #{index + 1}")) if isinstance(item, dict) else f"soal #{index + 1}"


def _check_unique_keys(modules: list[ModuleSpec | None], root: Path, errors: list[BankError]) -> None:
    seen: dict[str, str] = {}
    for module in modules:
        if module is None:
            continue
        for question in (*module.questions, *(c for s in module.sections for c in s.checks)):
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
