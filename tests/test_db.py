import threading

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select, text

from db import make_engine, reading, transaction
from db.migrate import current_revision, head_revision, upgrade
from db.models import Base, Counter


def test_migrations_build_exactly_the_schema_of_the_models(engine):
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []
    assert current_revision(engine) == head_revision()


def test_upgrading_twice_is_harmless(engine):
    upgrade(engine)
    assert current_revision(engine) == head_revision()


def test_sqlite_connections_use_wal_and_foreign_keys(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
    engine.dispose()


def test_a_write_transaction_rolls_back_on_error(engine):
    with pytest.raises(RuntimeError), transaction(engine) as session:
        session.add(Counter(name="x", value=1))
        session.flush()
        raise RuntimeError("stop")
    with reading(engine) as session:
        assert session.get(Counter, "x") is None


def test_concurrent_read_then_write_transactions_never_fail_with_locks(engine):
    with transaction(engine) as session:
        session.add(Counter(name="c", value=0))
    errors: list[Exception] = []

    def work():
        for _ in range(25):
            try:
                with transaction(engine) as session:
                    counter = session.scalars(select(Counter).where(Counter.name == "c").with_for_update()).one()
                    counter.value += 1
            except Exception as exc:  # noqa: BLE001 - collected and asserted
                errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert errors == []
    with reading(engine) as session:
        assert session.get(Counter, "c").value == 200
