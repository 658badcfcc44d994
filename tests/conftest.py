"""Fixtures: a fresh database per test on SQLite and on PostgreSQL, settings, a fixed clock."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from db import make_engine, transaction
from db.engine import dispose_engines
from db.migrate import upgrade
from netral.content.bank import Bank, load_bank
from netral.content.loading import sync_bank
from netral.core.settings import Settings
from netral.startup import wire

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_BANK = ROOT / "tests" / "fixtures" / "bank"
# A Moodle export kept beside the project (../shared), read by the GIFT import tests.
MOODLE_FIXTURE = ROOT.parent / "shared" / "interop" / "moodle-gift" / "questions.gift.txt"
PG_URL = os.environ.get("NETRAL_TEST_PG_URL", "")
IN_CI = os.environ.get("CI", "").lower() == "true"
T0 = datetime(2024, 9, 2, 8, 0, tzinfo=UTC)

BACKENDS = [
    "sqlite",
    pytest.param("postgresql", marks=pytest.mark.skipif(not PG_URL, reason="NETRAL_TEST_PG_URL not set (make test starts one)")),
]


def pytest_configure(config: pytest.Config) -> None:
    if IN_CI and not PG_URL:
        raise pytest.UsageError("CI=true but no PostgreSQL: NETRAL_TEST_PG_URL is not set (run the suite through make test)")


def _pg_admin() -> Engine:
    return create_engine(PG_URL, isolation_level="AUTOCOMMIT")


def _pg_url(database: str) -> str:
    return make_url(PG_URL).set(database=database).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file that each test copies."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    """A migrated PostgreSQL database that each test clones."""
    name = f"netral_tpl_{os.getpid()}"
    admin = _pg_admin()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(_pg_url(name))
    upgrade(engine)
    engine.dispose()
    yield name
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The database the test runs against: sqlite or postgresql."""
    return str(request.param)


@pytest.fixture
def db_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a fresh, migrated, empty database for this test only."""
    if backend == "sqlite":
        target = tmp_path / "netral.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), target)
        yield f"sqlite:///{target}"
        return
    template = request.getfixturevalue("pg_template")
    name = f"t_{uuid.uuid4().hex[:16]}"
    admin = _pg_admin()
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    yield _pg_url(name)
    dispose_engines()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def blank_engine(backend: str, tmp_path: Path) -> Iterator[Engine]:
    """An engine on a database with no tables at all (for migration tests)."""
    if backend == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'blank.db'}")
        yield engine
        engine.dispose()
        return
    name = f"b_{uuid.uuid4().hex[:16]}"
    admin = _pg_admin()
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(_pg_url(name))
    yield engine
    engine.dispose()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """An engine on this test's database."""
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def bank() -> Bank:
    """The small fixture bank (two modules, every question type)."""
    return load_bank(FIXTURE_BANK)


@pytest.fixture
def synced(engine: Engine, bank: Bank) -> Engine:
    """This test's database with the fixture bank loaded."""
    with transaction(engine) as session:
        sync_bank(session, bank, now=T0)
    return engine


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    """Settings pointing at this test's database and the fixture bank, wired as a process would be."""
    settings = Settings(
        database_url=db_url,
        data_dir=tmp_path / "data",
        cookie_secret="rahasia-uji-" + "x" * 20,
        questions_dir=FIXTURE_BANK,
    )
    wire(settings)
    return settings


@pytest.fixture(autouse=True)
def _no_leaked_engines() -> Iterator[None]:
    yield
    dispose_engines()
