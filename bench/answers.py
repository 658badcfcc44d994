"""Answer write latency: one answer stored and committed, on SQLite and PostgreSQL, against a bare write transaction."""

from __future__ import annotations

import functools
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, update

from bench import Figure
from bench.postgres import postgresql_database
from bench.synthetic import generate_agency
from db import make_engine, queries, transaction
from db.models import Counter
from netral.core.settings import Settings
from netral.quizzes import attempts
from netral.startup import prepare_database

NOW = datetime(2024, 9, 2, 1, 0, tzinfo=UTC)
TARGET_MS = 20.0
TITLE = "Answer written and committed ({backend}, median)"


def run(quick: bool) -> list[Figure]:
    """Median and p95 latency of `record_answer` in its own transaction, beside a bare write transaction."""
    writes = 300 if quick else 2000
    figures = []
    with tempfile.TemporaryDirectory(prefix="netral-bench-") as folder:
        settings = Settings(database_url=f"sqlite:///{folder}/answers.db", data_dir=Path(folder))
        figures.append(_measure(make_engine(settings.database_url), settings, writes, "sqlite", "temporary file, WAL"))
        try:
            with postgresql_database() as (url, origin):
                pg_settings = Settings(database_url=url, data_dir=Path(folder))
                figures.append(_measure(make_engine(url), pg_settings, writes, "postgresql", origin))
        except Exception as exc:  # noqa: BLE001 - a missing PostgreSQL is a failed figure, never a skip
            reason = " ".join(f"PostgreSQL tidak tersedia: {type(exc).__name__}: {exc}".split())[:300]
            figures.append(Figure("answer_write_postgresql_ms", TITLE.format(backend="postgresql"), 0.0, "ms", 0.0,
                                  "not measured", f"≤ {TARGET_MS:g} ms", False, reason))  # fmt: skip
    return figures


def _measure(engine: Engine, settings: Settings, writes: int, backend: str, origin: str) -> Figure:
    try:
        prepare_database(engine, settings)
        with transaction(engine) as session:
            agency = generate_agency(session, seed=5, employees=50, units_per_office=1, now=NOW)
            quiz_id = queries.module_quizzes(session)[0][0].id
            open_attempts = [
                attempts.start_attempt(session, employee_id=e, quiz_id=quiz_id, now=NOW, settings=settings, rng=random.Random(e))
                for e in agency.employee_ids
            ]
            targets = [
                (a.id, a.employee_id, [(x.position, x.option_order) for x in queries.answers_of(session, a.id)])
                for a in open_attempts
            ]
            session.add(Counter(name="bench", value=0))
        rng = random.Random(1)
        ours, bare = [], []
        for _ in range(writes):
            attempt_id, employee_id, questions = rng.choice(targets)
            position, options = rng.choice(questions)
            choice = [rng.choice(options)]
            ours.append(_timed(functools.partial(_answer, engine, attempt_id, employee_id, position, choice)))
            bare.append(_timed(functools.partial(_bare_write, engine)))
    finally:
        engine.dispose()
    p95 = statistics.quantiles(ours, n=20)[-1]
    median, baseline = statistics.median(ours), statistics.median(bare)
    return Figure(
        f"answer_write_{backend}_ms",
        TITLE.format(backend=backend),
        median,
        "ms",
        baseline,
        "bare write transaction (UPDATE one counter row, commit) on the same database",
        f"≤ {TARGET_MS:g} ms",
        median <= TARGET_MS,
        f"{backend} ({origin}); {writes} answers to random questions of 50 open attempts, interleaved with the baseline; "
        f"p95 {p95:.2f} ms",
    )


def _answer(engine: Engine, attempt_id: int, employee_id: int, position: int, selected: list[str]) -> None:
    with transaction(engine) as session:
        attempts.record_answer(
            session, attempt_id=attempt_id, employee_id=employee_id, position=position, selected=selected, now=NOW
        )


def _bare_write(engine: Engine) -> None:
    with transaction(engine) as session:
        session.execute(update(Counter).where(Counter.name == "bench").values(value=Counter.value + 1))


def _timed(action: Callable[[], None]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000
