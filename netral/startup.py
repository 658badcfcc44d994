"""The composition root of a process: wire the contexts together, bring the database up to date, sweep.

Every entry point (the Streamlit server, each page run, the CLI, the benchmarks, the tests) calls
`wire(settings)` before it submits an attempt: the learning context then reacts to the quiz context's
events without either importing the other (netral.core.events).
"""

from __future__ import annotations

import logging

from sqlalchemy import Engine, text

from db import engine_for, transaction
from db.engine import is_postgresql
from db.migrate import MIGRATION_LOCK_ID, upgrade
from netral.certificates.issuing import render_outstanding, signing_key
from netral.content.bank import load_bank
from netral.content.loading import SyncReport, sync_bank
from netral.core.dates import utcnow
from netral.core.settings import Settings
from netral.cycles.sweep import sweep_reminders
from netral.identity import login
from netral.learning import reactions
from netral.quizzes.attempts import sweep_expired

LOGGER = logging.getLogger("netral.startup")


def wire(settings: Settings) -> None:
    """Subscribe every context's reactions with this process's settings (again: replaces, never doubles)."""
    reactions.subscribe(settings)


def prepare_database(engine: Engine, settings: Settings) -> SyncReport:
    """Migrate the schema, load the question bank and make sure the signing key exists; safe when processes start together."""
    wire(settings)
    signing_key(settings.signing_key_path)
    bank = load_bank(settings.questions_dir)
    upgrade(engine)
    with transaction(engine) as session:
        if is_postgresql(engine):
            session.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": MIGRATION_LOCK_ID})
        return sync_bank(session, bank, now=utcnow())


def sweep_once(settings: Settings) -> int:
    """Submit attempts whose time ran out, store PDFs left unrendered, prune old login failures; return attempts closed."""
    wire(settings)
    engine = engine_for(settings.database_url)
    with transaction(engine) as session:
        closed = sweep_expired(session, now=utcnow())
    with transaction(engine) as session:
        login.prune(session, now=utcnow())
    render_outstanding(engine, key_path=settings.signing_key_path)
    try:
        sweep_reminders(engine, settings)
    except Exception:  # noqa: BLE001 - a reminder problem must not stop the attempt sweep; the outbox keeps it
        LOGGER.exception("reminder sweep failed; the outbox keeps every message")
    return closed
