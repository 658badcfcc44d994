"""Run Alembic migrations: once per process start, safe when several processes start at once."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

from db.engine import is_postgresql

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# Any constant works; it only has to be the same in every Netral process.
MIGRATION_LOCK_ID = 7_150_324_001


def alembic_config() -> Config:
    """Build the Alembic configuration without an ini file."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database to `revision` in one transaction, serialised across processes."""
    config = alembic_config()
    write_engine = engine.execution_options(netral_write=True)
    with write_engine.connect() as connection:
        sqlite = not is_postgresql(engine)
        if sqlite:
            # SQLite alters a table by copying and dropping it; with foreign keys enforced, dropping a table
            # that others reference fails. The pragma only works outside a transaction, hence the driver level.
            _driver_execute(connection, "PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                if not sqlite:
                    connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": MIGRATION_LOCK_ID})
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
                if sqlite and (broken := connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()):
                    raise MigrationError(f"migrasi merusak {len(broken)} rujukan antartabel, dibatalkan: {broken[:3]}")
        finally:
            if sqlite:
                _driver_execute(connection, "PRAGMA foreign_keys=ON")


class MigrationError(RuntimeError):
    """A migration that would leave the database inconsistent; nothing was changed."""


def _driver_execute(connection: Connection, statement: str) -> None:
    connection.connection.driver_connection.execute(statement)  # type: ignore[union-attr]


def current_revision(engine: Engine) -> str | None:
    """Return the revision the database is at, or None when it was never migrated."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    """Return the newest revision shipped with this code."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def make_revision(engine: Engine, message: str) -> None:
    """Autogenerate a new migration by comparing the models with a migrated database."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.revision(config, message=message, autogenerate=True)
