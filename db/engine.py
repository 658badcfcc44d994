"""Engine factory and transaction scopes, the same code for SQLite and PostgreSQL."""

from __future__ import annotations

import functools
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

T = TypeVar("T")
U = TypeVar("U", Session, Connection)  # what a write transaction hands its work

SQLITE_BUSY_TIMEOUT_MS = 10_000


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Create an engine for `url`; SQLite files get WAL, foreign keys and safe write locks."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        kwargs.setdefault("pool_pre_ping", True)
        kwargs.setdefault("pool_size", 10)
        kwargs.setdefault("max_overflow", 20)
        return create_engine(url, **kwargs)
    if parsed.database and parsed.database != ":memory:":
        _private_database_file(Path(parsed.database))
    kwargs.setdefault("pool_size", 10)
    kwargs.setdefault("max_overflow", 20)
    engine = create_engine(url, **kwargs)
    event.listen(engine, "connect", _configure_sqlite_connection)
    event.listen(engine, "begin", _begin_sqlite_transaction)
    return engine


def _private_database_file(path: Path) -> None:
    # The database holds password hashes and personal data: a folder Netral creates is 0700 and a new database
    # file 0600 (SQLite gives its -wal and -shm files the database file's permissions).
    if not path.parent.exists():
        path.parent.mkdir(parents=True, mode=0o700)
        path.parent.chmod(0o700)
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
        path.chmod(0o600)


_engines: dict[str, Engine] = {}
_engines_lock = threading.Lock()


def engine_for(url: str) -> Engine:
    """Return the process-wide engine for `url`, creating it on first use."""
    with _engines_lock:
        if url not in _engines:
            _engines[url] = make_engine(url)
        return _engines[url]


def dispose_engines() -> None:
    """Close every process-wide engine (tests, and processes that switch databases)."""
    with _engines_lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()
        _writer.cache_clear()


def _configure_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy emit BEGIN itself (the driver's legacy mode would not begin
    # before SELECT), so a transaction is a real transaction.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _begin_sqlite_transaction(conn: Connection) -> None:
    # A deferred transaction that reads and then writes must upgrade its lock,
    # which busy_timeout cannot wait for: writers take the write lock up front.
    if conn.get_execution_options().get("netral_write", False):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")


_AFTER_COMMIT = "netral_after_commit"


@functools.lru_cache(maxsize=16)  # one per engine in use; bounded, because each keeps its engine alive
def _writer(engine: Engine) -> Engine:
    # The same engine, its connections marked as writers (BEGIN IMMEDIATE on SQLite). Made once: an option
    # tap opens a write transaction, and making the marked engine each time was a measurable part of it.
    return engine.execution_options(netral_write=True)


@contextmanager
def bare_transaction(engine: Engine) -> Iterator[Connection]:
    """Open a write transaction on a bare connection, no ORM session: commits on success, rolls back on error.

    Only for a service marked `on_bare_connection`: a write so small and so frequent (an option tap) that the
    session's own bookkeeping cost more than the statements. It has no after-commit work."""
    with _writer(engine).begin() as connection:
        yield connection


_BARE: set[Callable[..., object]] = set()
ServiceT = TypeVar("ServiceT", bound=Callable[..., object])


def on_bare_connection(service: ServiceT) -> ServiceT:
    """Mark a write service whose first argument may be a bare `Connection` (it loads no ORM objects and needs no
    after-commit work): the pages run it in `bare_transaction`; tests and scripts may still pass a session."""
    _BARE.add(service)
    return service


def runs_bare(service: Callable[..., object]) -> bool:
    """Whether `service` was marked `on_bare_connection`."""
    return service in _BARE


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """Open a write session that commits on success and rolls back on error; then run its after-commit work."""
    with Session(_writer(engine), expire_on_commit=False) as session:
        with session.begin():
            yield session
        work: list[Callable[[Engine], None]] = session.info.pop(_AFTER_COMMIT, [])
    for step in work:
        step(engine)


def after_commit(session: Session, step: Callable[[Engine], None]) -> None:
    """Run `step(engine)` once this transaction has committed (never if it rolls back).

    For slow work that must not hold the write lock (rendering a PDF): it runs in its own
    transactions, and whatever it leaves undone after a crash is picked up again later.
    """
    session.info.setdefault(_AFTER_COMMIT, []).append(step)


@contextmanager
def reading(engine: Engine) -> Iterator[Session]:
    """Open a read-only session (a consistent snapshot, never committed)."""
    with Session(engine, expire_on_commit=False) as session:
        yield session


def write_with_retries(engine: Engine, work: Callable[[Session], T], delays: Sequence[float]) -> T:
    """Run `work` in a write transaction, again in a fresh one after each delay while the database is busy.

    A write that finds the database busy (SQLite's write lock held past busy_timeout, a PostgreSQL deadlock
    victim) changed nothing, so trying again is safe; the last busy error is raised for the caller to report.
    """
    return _with_retries(lambda: transaction(engine), work, delays)


def bare_write_with_retries(engine: Engine, work: Callable[[Connection], T], delays: Sequence[float]) -> T:
    """`write_with_retries` for a service marked `on_bare_connection`: each try in a fresh `bare_transaction`."""
    return _with_retries(lambda: bare_transaction(engine), work, delays)


def _with_retries(opening: Callable[[], AbstractContextManager[U]], work: Callable[[U], T], delays: Sequence[float]) -> T:
    for delay in (*delays, None):
        try:
            with opening() as unit:
                return work(unit)
        except Exception as error:
            if not is_busy(error) or delay is None:
                raise
            time.sleep(delay)
    raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises


def is_busy(error: BaseException) -> bool:
    """Whether an error means "the database is busy, try again": SQLite's lock, PostgreSQL's deadlock or lock timeout."""
    if not isinstance(error, OperationalError):
        return False
    original = getattr(error, "orig", None)
    if "database is locked" in str(original) or "database table is locked" in str(original):
        return True
    return getattr(original, "sqlstate", None) in ("40P01", "55P03", "40001")


def is_postgresql(engine: Engine) -> bool:
    """Tell whether `engine` talks to PostgreSQL."""
    return engine.dialect.name == "postgresql"
