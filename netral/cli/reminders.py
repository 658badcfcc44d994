"""`python -m netral reminders send [--dry-run]`: plan the reminders due today and send the outbox (for cron)."""

from __future__ import annotations

import argparse
from typing import Any

from db import engine_for, reading
from netral.cli.common import group
from netral.core.settings import Settings
from netral.cycles.mail import SmtpSettings
from netral.cycles.sweep import plan_and_send, plan_now
from netral.startup import prepare_database


def register(commands: Any) -> None:
    """Add the reminders command."""
    reminders = group(commands, "reminders", "pengingat email")
    send = reminders.add_parser("send", help="antrekan pengingat yang jatuh tempo hari ini lalu kirim (untuk cron)")
    send.add_argument(
        "--dry-run", action="store_true", help="tampilkan yang akan diantrekan saja; tidak ada yang disimpan atau dikirim"
    )
    send.set_defaults(handler=_send)


def _send(args: argparse.Namespace, settings: Settings) -> int:
    engine = engine_for(settings.database_url)
    prepare_database(engine, settings)
    if args.dry_run:
        with reading(engine) as session:  # planned inside a session that is never committed
            plan = plan_now(session, settings)
            session.rollback()
        print(f"uji coba: {plan.queued} pesan baru akan diantrekan; tidak ada yang dikirim")
    else:
        run = plan_and_send(engine, settings)
        plan, sent = run.plan, run.sent
        print(
            f"{plan.queued} pesan baru diantrekan; {sent.sent} terkirim, {sent.retrying} dicoba lagi nanti, {sent.failed} gagal"
        )
        if sent.waiting_reason:
            print(f"tertunda: {sent.waiting_reason}")
    for line in plan.due:
        print(f"  jatuh tempo: {line}")
    if plan.without_email:
        print(f"{len(plan.without_email)} pegawai tanpa alamat email (tidak dapat diingatkan):")
        for nip, name in plan.without_email[:50]:
            print(f"  {nip} {name}")
    if SmtpSettings.from_env() is None and not args.dry_run:
        print("catatan: NETRAL_SMTP_HOST belum diatur; pesan menunggu di kotak keluar")
    return 0
