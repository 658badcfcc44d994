"""Bring a database up to date at process start: migrations, then the question bank."""

from __future__ import annotations

from sqlalchemy import Engine, text

from db import engine_for, transaction
from db.engine import is_postgresql
from db.migrate import MIGRATION_LOCK_ID, upgrade
from netral.certificates.issuing import signing_key
from netral.content.bank import load_bank
from netral.content.loading import SyncReport, sync_bank
from netral.core.dates import utcnow
from netral.core.settings import Settings
from netral.quizzes.attempts import sweep_expired


def prepare_database(engine: Engine, settings: Settings) -> SyncReport:
    """Migrate the schema, load the question bank and make sure the signing key exists; safe when processes start together."""
    signing_key(settings.signing_key_path)
    bank = load_bank(settings.questions_dir)
    upgrade(engine)
    with transaction(engine) as session:
        if is_postgresql(engine):
            session.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": MIGRATION_LOCK_ID})
        return sync_bank(session, bank, now=utcnow())


def sweep_once(settings: Settings) -> int:
    """Submit every attempt whose time ran out; return how many were closed."""
    with transaction(engine_for(settings.database_url)) as session:
        return sweep_expired(session, now=utcnow(), settings=settings)
