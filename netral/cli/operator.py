"""Operator commands: database, demo agency, administrators, attempt sweep."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from db import engine_for, transaction
from db.migrate import make_revision
from netral import demo
from netral.cli.common import CliError, group
from netral.core.dates import utcnow
from netral.core.settings import Settings
from netral.people import accounts
from netral.startup import prepare_database, sweep_once


def register(commands: Any) -> None:
    """Add the db, demo, admin and attempts commands."""
    database = group(commands, "db", "basis data")
    upgrade = database.add_parser("upgrade", help="jalankan migrasi dan muat bank soal")
    upgrade.set_defaults(handler=_db_upgrade)
    revision = database.add_parser("revision", help="(pengembang) buat migrasi baru dari perubahan model")
    revision.add_argument("-m", "--message", required=True, help="ringkasan perubahan")
    revision.set_defaults(handler=_db_revision)
    commands.add_parser("demo", help="migrasi dan muat instansi demo (aman diulang)").set_defaults(handler=_demo)
    admin = group(commands, "admin", "admin kepegawaian")
    create = admin.add_parser("create", help="buat admin HR (kata sandi dari prompt atau stdin)")
    create.add_argument("--nip", required=True, help="NIP 18 digit")
    create.add_argument("--name", required=True, help="nama lengkap")
    create.set_defaults(handler=_admin_create)
    attempts = group(commands, "attempts", "percobaan kuis")
    attempts.add_parser("sweep", help="kirim otomatis percobaan yang waktunya habis (untuk cron)").set_defaults(
        handler=_attempts_sweep
    )


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
