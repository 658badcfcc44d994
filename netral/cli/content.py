"""Question bank commands: check, import, export, template."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from db import engine_for, reading, transaction
from netral.cli.common import CliError, group
from netral.content.bank import BankInvalid, load_bank
from netral.content.importing import (
    FORMATS,
    NEW,
    NEW_VERSION,
    UNCHANGED,
    apply_import,
    exported_questions,
    plan_import,
    read_question_file,
)
from netral.content.interop.export import export_questions
from netral.core.dates import utcnow
from netral.core.settings import Settings
from netral.startup import prepare_database


def register(commands: Any) -> None:
    """Add the questions commands."""
    questions = group(commands, "questions", "bank soal")
    check = questions.add_parser("check", help="periksa semua berkas di questions/")
    check.add_argument("--json", action="store_true", help="keluaran JSON")
    check.set_defaults(handler=_questions_check)
    importing = questions.add_parser("import", help="impor soal dari GIFT (Moodle), Aiken, atau templat Excel")
    importing.add_argument("file", metavar="FILE", help="berkas .gift/.txt/.xlsx")
    importing.add_argument("--format", choices=FORMATS, help="format berkas (ditebak bila tidak diisi)")
    importing.add_argument("--module", help="kunci modul tujuan bila berkas tidak menyebutnya")
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
        print(
            json.dumps(
                {"modules": None, "questions": None, "questions_with_legal_basis": None, "errors": errors}, ensure_ascii=False
            )
        )
        return 1
    questions = bank.questions
    summary = {
        "modules": len(bank.modules),
        "questions": len(questions),
        "questions_with_legal_basis": sum(1 for q in questions if q.legal_basis),
        "errors": [],
    }
    print(
        json.dumps(summary, ensure_ascii=False)
        if args.json
        else f"bank soal valid: {summary['modules']} modul, {summary['questions']} soal"
    )
    return 0


def _questions_import(args: argparse.Namespace, settings: Settings) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise CliError(f"berkas tidak ditemukan: {path}")
    registry = load_bank(settings.questions_dir)
    engine = engine_for(settings.database_url)
    prepare_database(engine, settings)
    parsed = read_question_file(path.name, path.read_bytes(), args.format)
    with transaction(engine) as session:
        plan = plan_import(session, parsed, registry=registry, file_label=path.name, module_key=args.module)
        imported = not args.dry_run and not (args.strict and plan.problems) and bool(plan.questions)
        if imported:
            apply_import(session, plan, actor=None, registry=registry, now=utcnow(), file_label=path.name)
    report = {
        "parsed": len(plan.questions),
        "errors": [{"line": p.line, "name": p.name, "reason": p.reason} for p in plan.problems],
        "added": plan.count(NEW) if imported else 0,
        "new_versions": plan.count(NEW_VERSION) if imported else 0,
        "unchanged": plan.count(UNCHANGED),
        "imported": imported,
    }
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        for problem in plan.problems:
            print(f"{path.name}:{problem.line or '-'}: [{problem.name}] {problem.reason}", file=sys.stderr)
        verb = "diimpor" if imported else "tidak diimpor (pratinjau)" if args.dry_run else "tidak diimpor"
        print(
            f"{len(plan.questions)} soal terbaca, {len(plan.problems)} masalah; {verb}: "
            f"{plan.count(NEW)} baru, {plan.count(NEW_VERSION)} versi baru, {plan.count(UNCHANGED)} tidak berubah"
        )
    return 1 if plan.problems else 0


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
