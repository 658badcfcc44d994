"""Question bank commands: check, import, export, template."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

from db import engine_for, reading, transaction
from netral.cli.common import CliError, group
from netral.content.bank import BankInvalid, Source, load_bank
from netral.content.bank.audit import STALE_AFTER_MONTHS, YearMention, counts, stale_sources, year_mentions
from netral.content.importing import NEW, NEW_VERSION, UNCHANGED, ImportPlan, apply_import, plan_import
from netral.content.interop.export import export_questions
from netral.content.interop.reading import FORMATS, read_question_file
from netral.content.overview import exported_questions
from netral.core.dates import utcnow
from netral.core.settings import Settings
from netral.startup import prepare_database


def register(commands: Any) -> None:
    """Add the questions commands."""
    questions = group(commands, "questions", "bank soal")
    check = questions.add_parser("check", help="periksa semua berkas di questions/")
    check.add_argument("--json", action="store_true", help="keluaran JSON")
    check.add_argument(
        "--years", action="store_true", help="daftar setiap tahun yang tertulis di soal dan materi (berkas, baris, kalimat)"
    )
    check.add_argument(
        "--stale",
        action="store_true",
        help=f"daftar sumber yang dikutip soal dan terakhir diperiksa lebih dari {STALE_AFTER_MONTHS} bulan lalu",
    )
    check.set_defaults(handler=_questions_check)
    importing = questions.add_parser("import", help="impor soal dari GIFT (Moodle), Aiken, atau templat Excel")
    importing.add_argument("file", metavar="FILE", help="berkas .gift/.txt/.xlsx")
    importing.add_argument("--format", choices=FORMATS, help="format berkas (ditebak bila tidak diisi)")
    importing.add_argument("--module", help="kunci modul tujuan soal yang tidak berada di kategori mana pun")
    importing.add_argument(
        "--map",
        action="append",
        default=[],
        metavar='"KATEGORI=MODUL"',
        help='petakan satu kategori Moodle ke modul, mis. --map "Netralitas/Kampanye=kampanye-atribut" (boleh berulang; '
        '"KATEGORI=" membiarkannya tidak dipetakan)',
    )
    importing.add_argument("--dry-run", action="store_true", help="hanya pratinjau, tidak menyimpan apa pun")
    importing.add_argument("--strict", action="store_true", help="tidak mengimpor apa pun bila ada satu masalah")
    importing.add_argument("--json", action="store_true", help="keluaran JSON")
    importing.set_defaults(handler=_questions_import)
    exporting = questions.add_parser("export", help="ekspor bank soal")
    exporting.add_argument("--format", choices=FORMATS, required=True)
    exporting.add_argument("-o", "--output", metavar="FILE", help="berkas tujuan (bawaan: layar)")
    exporting.set_defaults(handler=_questions_export)
    template = questions.add_parser("template", help="templat Excel kosong untuk menulis soal")
    template.add_argument("-o", "--output", metavar="FILE", required=True)
    template.set_defaults(handler=_questions_template)


def _questions_check(args: argparse.Namespace, settings: Settings) -> int:
    try:
        bank = load_bank(settings.questions_dir)
    except BankInvalid as exc:
        if not args.json:
            raise
        errors = [{"file": e.file, "question": e.question, "field": e.field, "reason": e.reason} for e in exc.errors]
        print(json.dumps({"modules": None, "questions": None, "errors": errors}, ensure_ascii=False))
        return 1
    if args.years:
        return _print_years(year_mentions(settings.questions_dir), as_json=args.json)
    stale = stale_sources(bank, utcnow().astimezone(settings.zone).date())
    if args.stale:
        return _print_stale(stale, as_json=args.json)
    questions = bank.questions
    summary = {
        "modules": len(bank.modules),
        "questions": len(questions),
        "questions_with_legal_basis": sum(1 for q in questions if q.legal_basis),
        **counts(bank),
        "stale_sources": [source.id for source in stale],
        "errors": [],
    }
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
        return 0
    print(f"bank soal valid: {summary['modules']} modul, {summary['questions']} soal")
    for name, label in (("per_module", "per modul"), ("per_category", "per kategori"), ("per_type", "per tipe")):
        print(f"  {label}: " + ", ".join(f"{key} {value}" for key, value in summary[name].items()))
    for name, label in (("per_difficulty", "per tingkat"), ("per_pool", "per kumpulan")):
        print(f"  {label}: " + ", ".join(f"{key} {value}" for key, value in summary[name].items()))
    if stale:
        print(f"peringatan: {len(stale)} sumber perlu diperiksa ulang (lihat --stale)", file=sys.stderr)
    return 0


def _print_years(mentions: list[YearMention], *, as_json: bool) -> int:
    if as_json:
        print(json.dumps([dataclasses.asdict(m) for m in mentions], ensure_ascii=False))
    for mention in [] if as_json else mentions:
        print(f"{mention.file}:{mention.line}: {mention.year}: {mention.sentence}")
    return 0


def _print_stale(stale: list[Source], *, as_json: bool) -> int:
    rows = [{"id": s.id, "short": s.short, "checked_on": s.checked_on and s.checked_on.isoformat()} for s in stale]
    if as_json:
        print(json.dumps(rows, ensure_ascii=False))
    for row in [] if as_json else rows:
        print(f"{row['id']} ({row['short']}): terakhir diperiksa {row['checked_on'] or 'tidak pernah'}")
    return 1 if stale else 0


def _questions_import(args: argparse.Namespace, settings: Settings) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise CliError(f"berkas tidak ditemukan: {path}")
    mapping = _mapping(args.map)
    registry = load_bank(settings.questions_dir)
    engine = engine_for(settings.database_url)
    prepare_database(engine, settings)
    parsed = read_question_file(path.name, path.read_bytes(), args.format)
    with transaction(engine) as session:
        plan = plan_import(session, parsed, registry=registry, file_label=path.name, module_key=args.module, mapping=mapping)
        ready = len(plan.questions) - plan.waiting
        imported = not args.dry_run and not (args.strict and plan.problems) and ready > 0
        if imported:
            apply_import(session, plan, actor=None, registry=registry, now=utcnow(), file_label=path.name)
    _report_import(plan, path.name, imported=imported, dry_run=args.dry_run, as_json=args.json)
    return 1 if plan.problems else 0


def _mapping(pairs: list[str]) -> dict[str, str | None]:
    mapping: dict[str, str | None] = {}
    for pair in pairs:
        category, separator, module = pair.rpartition("=")
        if not separator or not category.strip():
            raise CliError(f'--map harus berbentuk "KATEGORI=MODUL", tertulis {pair!r}')
        mapping[category.strip()] = module.strip() or None
    return mapping


def _report_import(plan: ImportPlan, name: str, *, imported: bool, dry_run: bool, as_json: bool) -> None:
    # The counts say what this plan does (or, in a dry run, would do) with the file as mapped now.
    report = {
        "parsed": len(plan.questions),
        "categories": [
            {"category": c.name, "questions": c.questions, "proposed": c.proposed, "module": c.module} for c in plan.categories
        ],
        "errors": [{"line": p.line, "name": p.name, "reason": p.reason} for p in plan.problems],
        "added": plan.count(NEW),
        "new_versions": plan.count(NEW_VERSION),
        "unchanged": plan.count(UNCHANGED),
        "waiting": plan.waiting,
        "dry_run": dry_run,
        "imported": imported,
    }
    if as_json:
        print(json.dumps(report, ensure_ascii=False))
        return
    for choice in plan.categories:
        where = choice.module or 'belum dipetakan: --map "' + choice.name + '=KUNCI-MODUL"'
        print(f"kategori {choice.name!r} ({choice.questions} soal) → {where}", file=sys.stderr)
    for problem in plan.problems:
        print(f"{name}:{problem.line or '-'}: [{problem.name}] {problem.reason}", file=sys.stderr)
    verb = "diimpor" if imported else "akan diimpor (pratinjau)" if dry_run else "tidak diimpor"
    print(
        f"{len(plan.questions)} soal terbaca, {len(plan.problems)} masalah; {verb}: "
        f"{plan.count(NEW)} baru, {plan.count(NEW_VERSION)} versi baru, {plan.count(UNCHANGED)} tidak berubah, "
        f"{plan.waiting} menunggu pemetaan modul"
    )


def _questions_export(args: argparse.Namespace, settings: Settings) -> int:
    engine = engine_for(settings.database_url)
    prepare_database(engine, settings)
    with reading(engine) as session:
        questions = exported_questions(session)
    registry = load_bank(settings.questions_dir)
    data, skipped = export_questions(
        questions, args.format, modules=[m.key for m in registry.modules], categories=list(registry.categories)
    )
    if skipped:
        print(f"tidak dapat ditulis dalam format {args.format} (dilewati): {', '.join(skipped)}", file=sys.stderr)
    if args.output:
        Path(args.output).write_bytes(data)
        print(f"{len(questions) - len(skipped)} soal ditulis ke {args.output}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
    return 0


def _questions_template(args: argparse.Namespace, settings: Settings) -> int:
    registry = load_bank(settings.questions_dir)
    data, _ = export_questions([], "xlsx", modules=[m.key for m in registry.modules], categories=list(registry.categories))
    Path(args.output).write_bytes(data)
    print(f"templat ditulis ke {args.output}", file=sys.stderr)
    return 0
