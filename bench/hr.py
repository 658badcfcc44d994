"""HR benchmarks at 100,000 employees: dashboard completion, the misconception map (SQLite and PostgreSQL), roster dry run.

Opening one person is `bench person` (bench/person.py), which loads only what the person page reads."""

from __future__ import annotations

import csv
import io
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from bench import Figure
from bench.activity import Activity, generate_activity
from bench.bank_search import measure_bank_search
from bench.baselines import cells, completion_by_pandas
from bench.postgres import postgresql_database
from bench.synthetic import SyntheticAgency, generate_agency, roster_csv
from db import make_engine, queries, reading, transaction
from db.engine import is_postgresql
from db.models import OrgUnit
from netral.core.dates import utcnow
from netral.core.settings import Settings
from netral.hr.completion import completion_by_unit
from netral.hr.misconceptions import misconception_map
from netral.learning.tallies import recount_tallies
from netral.people.scope import WHOLE_AGENCY
from netral.startup import prepare_database

NOW = datetime(2024, 9, 2, 1, 0, tzinfo=UTC)
SEED = 11
TARGET_MS, TARGET_ROSTER_S = 500.0, 15.0
TITLES = {
    "completion": "HR dashboard: completion per unit kerja ({backend}, median)",
    "misconceptions": "HR dashboard: misconception map by unit kerja ({backend}, median)",
}


@dataclass(frozen=True)
class Scale:
    """How big the generated agency is and how often each figure is measured."""

    employees: int
    attempts: int
    roster_rows: int
    units_per_office: int
    runs: int
    roster_runs: int


FULL = Scale(employees=100_000, attempts=1_000_000, roster_rows=100_000, units_per_office=25, runs=7, roster_runs=3)
QUICK = Scale(employees=10_000, attempts=100_000, roster_rows=20_000, units_per_office=10, runs=5, roster_runs=3)


@dataclass(frozen=True)
class Populated:
    """A generated database: the agency, its activity and how long generating took."""

    agency: SyntheticAgency
    agency_name: str
    activity: Activity
    seconds: float

    def describe(self) -> str:
        """The data in one phrase for a figure's note."""
        a = self.activity
        share = 100 * a.completed / max(1, len(self.agency.employee_ids))
        return (
            f"{len(self.agency.employee_ids):,} employees, {a.attempts:,} attempts, {share:.0f}% completed, "
            f"{a.answers:,} answers of {a.answered_attempts:,}/{a.first_attempts:,} first attempts; "
            f"generated in {self.seconds:.0f} s"
        )


def run(quick: bool) -> list[Figure]:
    """Every HR figure: both backends for the aggregates, SQLite for the roster dry run."""
    scale = QUICK if quick else FULL
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="netral-bench-") as folder:
        settings = Settings(database_url=f"sqlite:///{folder}/hr.db", data_dir=Path(folder))
        engine = make_engine(settings.database_url)
        try:
            data = populate(engine, settings, scale)
            figures += measure_aggregates(engine, data, scale.runs, origin="temporary file, WAL")
            figures.append(measure_bank_search(engine, scale.runs, where="SQLite, the bank loaded from questions/"))
            figures.append(measure_roster(engine, data, scale))
        finally:
            engine.dispose()
        try:
            with postgresql_database() as (url, origin):
                engine = make_engine(url)
                try:
                    data = populate(engine, Settings(database_url=url, data_dir=Path(folder)), scale)
                    figures += measure_aggregates(engine, data, scale.runs, origin=origin)
                    figures.append(measure_bank_search(engine, scale.runs, where=f"{origin}, the bank loaded from questions/"))
                finally:
                    engine.dispose()
        except Exception as exc:  # noqa: BLE001 - any failure to get or use PostgreSQL is a failed figure, not a skip
            reason = " ".join(f"PostgreSQL tidak tersedia: {type(exc).__name__}: {exc}".split())
            figures += unavailable("postgresql", reason[:300])
    order = [f"hr_{what}_{backend}_ms" for what in TITLES for backend in ("sqlite", "postgresql")]
    return sorted(figures, key=lambda f: order.index(f.key) if f.key in order else len(order))


def populate(engine: Engine, settings: Settings, scale: Scale) -> Populated:
    """Migrate, load the question bank, generate the agency and its activity, recount the tallies."""
    start = time.perf_counter()
    prepare_database(engine, settings)
    with transaction(engine) as session:
        agency = generate_agency(session, seed=SEED, employees=scale.employees, units_per_office=scale.units_per_office, now=NOW)
        activity = generate_activity(session, agency, seed=SEED, attempts=scale.attempts, now=NOW)
        agency_name = session.scalars(select(OrgUnit.name).where(OrgUnit.parent_id.is_(None))).one()
    with transaction(engine) as session:
        recount_tallies(session)
    if is_postgresql(engine):
        # Autovacuum would analyse these tables soon after a load this size; do it now so plans do not depend on timing.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
    return Populated(agency, agency_name, activity, time.perf_counter() - start)


def measure_aggregates(engine: Engine, data: Populated, runs: int, *, origin: str) -> list[Figure]:
    """Completion per unit and the misconception map, each interleaved with its baseline on the same database."""
    backend = engine.dialect.name
    now = utcnow()
    with engine.connect() as connection:
        version = connection.execute(text("SHOW server_version" if is_postgresql(engine) else "SELECT sqlite_version()"))
        where = f"{backend} {str(version.scalar()).split()[0]} ({origin}), median of {runs}; {data.describe()}"
    variants: dict[str, Callable[[Session], object]] = {
        "completion": lambda s: completion_by_unit(s, WHOLE_AGENCY, agency_name=data.agency_name, now=now),
        "pandas": lambda s: completion_by_pandas(s, data.agency_name, now),
        "tallies": lambda s: misconception_map(s, WHOLE_AGENCY, agency_name=data.agency_name, labels={}, by_unit=True),
        "recount": queries.first_attempt_answers_by_category,
    }
    times: dict[str, list[float]] = {name: [] for name in variants}
    results: dict[str, object] = {}
    for _ in range(runs):  # interleaved, so every variant sees the same machine load and cache
        for name, action in variants.items():
            with reading(engine) as session:
                start = time.perf_counter()
                results[name] = action(session)
                times[name].append(time.perf_counter() - start)
    ms = {name: statistics.median(values) * 1000 for name, values in times.items()}
    agree = "results agree" if results["completion"] == results["pandas"] else "**results differ from the baseline**"
    with reading(engine) as session:
        tallies = cells(queries.category_tallies(session))
    match = "tallies equal the recount" if tallies == cells(results["recount"]) else "**tallies differ from the recount**"
    return [
        Figure(
            key=f"hr_completion_{backend}_ms",
            title=TITLES["completion"].format(backend=backend),
            value=ms["completion"],
            unit="ms",
            baseline=ms["pandas"],
            baseline_label="pandas.read_sql of employees, attempts and certificates, then groupby",
            target=f"≤ {TARGET_MS:g} ms",
            meets=ms["completion"] <= TARGET_MS and "differ" not in agree,
            note=f"{where}; {agree}",
        ),
        Figure(
            key=f"hr_misconceptions_{backend}_ms",
            title=TITLES["misconceptions"].format(backend=backend),
            value=ms["tallies"],
            unit="ms",
            baseline=ms["recount"],
            baseline_label="recount first-attempt answers per unit and category",
            target=f"≤ {TARGET_MS:g} ms",
            meets=ms["tallies"] <= TARGET_MS and "differ" not in match,
            note=f"{where}; {len(tallies)} tally rows; {match}",
        ),
    ]


def measure_roster(engine: Engine, data: Populated, scale: Scale) -> Figure:
    """A full-sync dry run of a roster CSV against the generated database, beside parsing the CSV with the csv module."""
    key, title = "hr_roster_dry_run_s", f"Roster dry run, {scale.roster_rows:,} rows, full sync (SQLite, median)"
    with reading(engine) as session:
        content = roster_csv(session, data.agency, seed=SEED, rows=scale.roster_rows)
    try:
        from netral.people.roster.importing import plan_import
        from netral.people.roster.reading import read_roster
    except ImportError as exc:
        return Figure(key, title, 0.0, "s", 0.0, "csv module", f"≤ {TARGET_ROSTER_S:g} s", False, f"cannot import: {exc}")
    times: dict[str, list[float]] = {"read": [], "plan": [], "csv": []}
    summary: dict[str, Any] = {}
    for _ in range(scale.roster_runs):
        start = time.perf_counter()
        roster = read_roster(content, "pegawai.csv")
        times["read"].append(time.perf_counter() - start)
        with reading(engine) as session:
            start = time.perf_counter()
            plan = plan_import(session, roster, actor=None, full_sync=True, agency_name=data.agency_name)
            times["plan"].append(time.perf_counter() - start)
        summary = plan.summary(imported=False)
        start = time.perf_counter()
        parse_csv(content)
        times["csv"].append(time.perf_counter() - start)
    total = [r + p for r, p in zip(times["read"], times["plan"], strict=True)]
    value, floor = statistics.median(total), statistics.median(times["csv"])
    return Figure(
        key=key,
        title=title,
        value=value,
        unit="s",
        baseline=floor,
        baseline_label="csv module parse of the same file into a list (the floor)",
        target=f"≤ {TARGET_ROSTER_S:g} s",
        meets=value <= TARGET_ROSTER_S,
        note=(
            f"read_roster {statistics.median(times['read']):.2f} s + plan_import {statistics.median(times['plan']):.2f} s; "
            f"{len(content) / 1e6:.1f} MB, {summary.get('valid', 0):,} valid rows, {len(summary.get('errors', [])):,} errors, "
            f"{summary.get('added', 0):,} to add, {summary.get('updated', 0):,} to update, "
            f"{summary.get('deactivated', 0):,} to deactivate; against {len(data.agency.employee_ids):,} employees, "
            f"median of {scale.roster_runs}"
        ),
    )


def parse_csv(content: bytes) -> list[list[str]]:
    """The floor: decode and split the file, nothing else."""
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def unavailable(backend: str, reason: str) -> list[Figure]:
    """The figures of a backend that could not be measured: failures, never silently skipped."""
    return [
        Figure(
            f"hr_{what}_{backend}_ms",
            TITLES[what].format(backend=backend),
            0.0,
            "ms",
            0.0,
            "not measured",
            f"≤ {TARGET_MS:g} ms",
            False,
            reason,
        )
        for what in ("completion", "misconceptions")
    ]
