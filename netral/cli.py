"""Operator commands: `python -m netral ...` (how scripts, CI and operators drive Netral)."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from db import engine_for, reading, transaction
from db.migrate import make_revision
from netral import accounts, demo
from netral.bank import BankInvalid, load_bank
from netral.dates import utcnow
from netral.interop.export import export_questions
from netral.question_import import (
    FORMATS,
    NEW,
    NEW_VERSION,
    UNCHANGED,
    apply_import,
    exported_questions,
    plan_import,
    read_question_file,
)
from netral.settings import Settings, SettingsError
from netral.startup import prepare_database, sweep_once


class CliError(Exception):
    """A problem to report on one line, then exit non-zero."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"galat: {message} (lihat --help)\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return the exit status."""
    parser = _build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "handler"):
        parser.print_help()
        return 2
    try:
        handler: Callable[[argparse.Namespace, Settings], int] = args.handler
        return handler(args, Settings.from_env())
    except (CliError, SettingsError, accounts.AccountError) as exc:
        print(f"galat: {exc}", file=sys.stderr)
        return 1
    except BankInvalid as exc:
        for error in exc.errors:
            print(f"galat: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("dibatalkan", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - an operator gets one line, never a traceback
        print(f"galat tak terduga: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m netral", description="Perintah operator Netral.")
    commands = parser.add_subparsers(title="perintah", metavar="PERINTAH", parser_class=_Parser)

    database = commands.add_parser("db", help="basis data").add_subparsers(
        title="perintah db", metavar="PERINTAH", parser_class=_Parser
    )
    upgrade = database.add_parser("upgrade", help="jalankan migrasi dan muat bank soal")
    upgrade.set_defaults(handler=_db_upgrade)
    revision = database.add_parser("revision", help="(pengembang) buat migrasi baru dari perubahan model")
    revision.add_argument("-m", "--message", required=True, help="ringkasan perubahan")
    revision.set_defaults(handler=_db_revision)

    demo_cmd = commands.add_parser("demo", help="migrasi dan muat instansi demo (aman diulang)")
    demo_cmd.set_defaults(handler=_demo)

    admin = commands.add_parser("admin", help="admin kepegawaian").add_subparsers(
        title="perintah admin", metavar="PERINTAH", parser_class=_Parser
    )
    create = admin.add_parser("create", help="buat admin HR (kata sandi dari prompt atau stdin)")
    create.add_argument("--nip", required=True, help="NIP 18 digit")
    create.add_argument("--name", required=True, help="nama lengkap")
    create.set_defaults(handler=_admin_create)

    questions = commands.add_parser("questions", help="bank soal").add_subparsers(
        title="perintah questions", metavar="PERINTAH", parser_class=_Parser
    )
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
    attempts_cmd = commands.add_parser("attempts", help="percobaan kuis").add_subparsers(
        title="perintah attempts", metavar="PERINTAH", parser_class=_Parser
    )
    sweep = attempts_cmd.add_parser("sweep", help="kirim otomatis percobaan yang waktunya habis (untuk cron)")
    sweep.set_defaults(handler=_attempts_sweep)
    template = questions.add_parser("template", help="templat Excel kosong untuk menulis soal")
    template.add_argument("-o", "--output", metavar="FILE", required=True)
    template.set_defaults(handler=_questions_template)
    return parser


def _db_upgrade(_args: argparse.Namespace, settings: Settings) -> int:
    report = prepare_database(engine_for(settings.database_url), settings)
    print(f"basis data mutakhir; {report.modules} modul, soal baru {report.questions_added}, berubah {report.questions_changed}")
    return 0


def _db_revision(args: argparse.Namespace, settings: Settings) -> int:
    engine = engine_for(settings.database_url)
    prepare_database(engine, settings)
    make_revision(engine, args.message)
    return 0


def _demo(_args: argparse.Namespace, settings: Settings) -> int:
    engine = engine_for(settings.database_url)
    prepare_database(engine, settings)
    with transaction(engine) as session:
        added = demo.load_demo(session, now=utcnow(), settings=settings)
    print("data demo dimuat" if added else "data demo sudah ada")
    print("Login demo (NIP / kata sandi):")
    for role, nip, name, password in demo.demo_logins():
        print(f"  {role:<30} {nip}  {password:<20} {name}")
    return 0


def _admin_create(args: argparse.Namespace, settings: Settings) -> int:
    password = _read_password()
    engine = engine_for(settings.database_url)
    prepare_database(engine, settings)
    with transaction(engine) as session:
        account = accounts.create_admin(session, nip=args.nip, name=args.name, password=password, now=utcnow())
        print(f"admin dibuat: {account.employee.nip} {account.employee.name}")
    return 0


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
            apply_import(session, plan, registry=registry, now=utcnow(), actor_account_id=None, file_label=path.name)
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


def _attempts_sweep(_args: argparse.Namespace, settings: Settings) -> int:
    prepare_database(engine_for(settings.database_url), settings)
    print(f"{sweep_once(settings)} percobaan yang waktunya habis dikirim otomatis")
    return 0


def _read_password() -> str:
    if sys.stdin.isatty():
        first = getpass.getpass("Kata sandi: ")
        if first != getpass.getpass("Ulangi kata sandi: "):
            raise CliError("kedua kata sandi tidak sama")
        return first
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise CliError("kata sandi kosong; berikan lewat stdin atau prompt")
    return line
