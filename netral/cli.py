"""Operator commands: `python -m netral ...` (how scripts, CI and operators drive Netral)."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from db import engine_for, transaction
from db.migrate import make_revision
from netral import accounts, demo
from netral.bank import BankInvalid, load_bank
from netral.dates import utcnow
from netral.settings import Settings, SettingsError
from netral.startup import prepare_database


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
