import threading
from datetime import UTC, datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import DateTime, MetaData, Table, insert, select, text

from db import make_engine, reading, transaction
from db.migrate import current_revision, head_revision, upgrade
from db.models import Base, Counter
from db.types import UTCDateTime


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


def _first_release_rows(engine) -> None:
    """Rows as the first release wrote them: an attempt, its answer and a certificate all point at a quiz."""
    when = datetime(2024, 9, 2, 8, 0, tzinfo=UTC)
    rows = {
        "org_units": [{"id": 1, "parent_id": None, "level": "instansi", "name": "Pemkab"}],
        "employees": [
            {
                "id": 1,
                "nip": "198503152010012005",
                "name": "Rina",
                "unit_id": 1,
                "active": True,
                "created_at": when,
                "updated_at": when,
            }
        ],
        "modules": [
            {"id": 1, "key": "asas", "position": 1, "title": "Asas", "summary": "", "material": "", "jp": 1, "active": True}
        ],
        "questions": [{"id": 1, "key": "q1", "module_id": 1, "origin": "file", "active": True}],
        "question_versions": [
            {
                "id": 1,
                "question_id": 1,
                "version": 1,
                "kind": "single",
                "topic": "t",
                "category": "c",
                "difficulty": "mudah",
                "content": {"stem": "?"},
                "content_hash": "0" * 64,
                "created_at": when,
            }
        ],
        "quizzes": [
            {
                "id": 1,
                "key": "asas",
                "kind": "modul",
                "module_id": 1,
                "title": "Kuis",
                "pass_mark": 70,
                "shuffle_questions": True,
                "shuffle_options": True,
            }
        ],
        "attempts": [{"id": 1, "quiz_id": 1, "employee_id": 1, "number": 1, "started_at": when, "current_position": 0}],
        "answers": [
            {"id": 1, "attempt_id": 1, "position": 0, "question_version_id": 1, "option_order": ["a", "b"], "flagged": False}
        ],
        "certificates": [
            {
                "id": 1,
                "number": "NTR-2024-0000001-A",
                "employee_id": 1,
                "quiz_id": 1,
                "issued_at": when,
                "score": 90.0,
                "data": {},
                "pdf": b"%PDF",
                "sha256": "1" * 64,
            }
        ],
    }
    with engine.begin() as connection:
        for name, values in rows.items():
            table = Table(name, MetaData(), autoload_with=connection)
            for column in table.columns:
                if isinstance(column.type, DateTime):
                    column.type = UTCDateTime()
            connection.execute(insert(table), values)


def test_a_database_holding_first_release_data_upgrades_to_the_newest_schema(blank_engine):
    upgrade(blank_engine, "0001")
    _first_release_rows(blank_engine)
    upgrade(blank_engine)
    assert current_revision(blank_engine) == head_revision()
    with blank_engine.connect() as connection:
        assert connection.execute(text("SELECT quiz_id FROM attempts")).scalar() == 1
        assert connection.execute(text("SELECT number FROM certificates")).scalar() == "NTR-2024-0000001-A"
        assert connection.execute(text("SELECT grading FROM quizzes")).scalar() == "tertinggi"
        if blank_engine.dialect.name == "sqlite":
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_a_new_database_and_its_folder_are_readable_by_their_owner_only(tmp_path):
    import stat

    from sqlalchemy import text as sql

    from db import make_engine

    folder = tmp_path / "data"
    engine = make_engine(f"sqlite:///{folder / 'netral.db'}")
    with engine.begin() as connection:
        connection.execute(sql("CREATE TABLE t (x INTEGER)"))
        connection.execute(sql("INSERT INTO t VALUES (1)"))
    modes = {path.name: stat.S_IMODE(path.stat().st_mode) for path in [folder, *folder.iterdir()]}
    engine.dispose()
    assert modes.pop("data") == 0o700
    assert modes and all(mode == 0o600 for mode in modes.values()), modes  # netral.db, and its -wal/-shm while open
