"""Opening one person on the HR person page at 100,000 employees and 1,000,000 attempts, beside reading their row alone.

`python -m netral bench person` measures only this, on SQLite and PostgreSQL, after loading just what the person page
reads (employees with accounts, attempts, certificates, sosialisasi attendance) with COPY on PostgreSQL and
executemany on SQLite, into the schema the migrations build (every index in place). `bench hr` measures the same
figure inside its larger population.
"""

from __future__ import annotations

import gc
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from bench import Figure
from bench.activity import generate_activity, insert_rows
from bench.postgres import postgresql_database
from bench.synthetic import generate_agency
from db import make_engine, queries, reading, transaction
from db.engine import is_postgresql
from db.models import Account, Attendance, Employee, OrgUnit, Sosialisasi
from netral.core.dates import utcnow
from netral.core.enums import CheckInMethod, Role, UnitLevel
from netral.core.settings import Settings
from netral.hr.person import person_view
from netral.identity.auth import CurrentUser
from netral.people.authority import Actor
from netral.startup import prepare_database

TARGET_MS = 300.0
PEOPLE = 25  # employees opened per run, the same ones for the figure and the baseline


def measure_person(engine: Engine, employee_ids: list[int], runs: int, *, where: str, actor: Actor = None) -> Figure:
    """`person_view` (identity, unit, progress per module, attempts, certificates, exceptions, sosialisasi, may HR act)
    per person, opened by `actor` (None: the operator, no scope check), interleaved with reading the row alone."""
    backend = engine.dialect.name
    chosen = random.Random(19).sample(employee_ids, min(PEOPLE, len(employee_ids)))
    times: dict[str, list[float]] = {"person": [], "row": []}
    # The garbage left by generating the data is collected first, as a long-running server would have done; full
    # collections that still fall inside the timed opens are counted in the note (they are the process's, not the page's).
    gc.collect()
    pauses: list[float] = []
    gc.callbacks.append(watch := _full_collections(pauses))
    try:
        attempts = _open_interleaved(engine, actor, chosen, runs, times)
    finally:
        gc.callbacks.remove(watch)
    value, floor = (statistics.median(times[k]) * 1000 for k in ("person", "row"))
    opened = times["person"]
    worst, first = max(opened) * 1000, opened[0] * 1000
    p95 = sorted(opened)[int(0.95 * (len(opened) - 1))] * 1000
    collections = f"{len(pauses)}" + (f" (longest {max(pauses):.0f} ms)" if pauses else "")
    return Figure(
        key=f"hr_person_{backend}_ms",
        title=f"HR person page: open one employee ({backend}, median)",
        value=value,
        unit="ms",
        baseline=floor,
        baseline_label="read the employee row alone (employee_by_id)",
        target=f"≤ {TARGET_MS:g} ms",
        meets=value <= TARGET_MS and worst <= TARGET_MS,
        note=(
            f"{where}; {len(chosen)} people × {runs} runs, p95 {p95:.1f} ms, slowest {worst:.1f} ms (the first open on this "
            f"database: {first:.1f} ms), up to {attempts} attempts per person; full garbage collections of the Python "
            f"process inside the timed opens: {collections}; the row alone: slowest {max(times['row']) * 1000:.1f} ms"
        ),
    )


def _open_interleaved(engine: Engine, actor: Actor, chosen: list[int], runs: int, times: dict[str, list[float]]) -> int:
    """Open each chosen person, then read their row alone, `runs` times; return the most attempts one person had."""
    now = utcnow()
    attempts = 0
    for _ in range(runs):  # interleaved, so both see the same machine load and cache
        for employee_id in chosen:
            with reading(engine) as session:
                start = time.perf_counter()
                person = person_view(session, actor=actor, employee_id=employee_id, now=now)
                times["person"].append(time.perf_counter() - start)
                attempts = max(attempts, len(person.attempts))
            with reading(engine) as session:
                start = time.perf_counter()
                queries.employee_by_id(session, employee_id)
                times["row"].append(time.perf_counter() - start)
    return attempts


def _full_collections(pauses: list[float]) -> Callable[[str, dict[str, int]], None]:
    """A gc callback that appends the milliseconds of each generation-2 collection to `pauses`."""
    started = [0.0]

    def watch(phase: str, info: dict[str, int]) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            started[0] = time.perf_counter()
        else:
            pauses.append((time.perf_counter() - started[0]) * 1000)

    return watch


NOW = datetime(2024, 9, 2, 1, 0, tzinfo=UTC)
SEED = 19
EVENTS, ATTENDED_SHARE = 4, 0.3


@dataclass(frozen=True)
class Size:
    """How big the generated agency is and how often each person is opened."""

    employees: int
    attempts: int
    units_per_office: int
    runs: int


FULL = Size(employees=100_000, attempts=1_000_000, units_per_office=25, runs=7)
QUICK = Size(employees=10_000, attempts=100_000, units_per_office=10, runs=5)


def run(quick: bool) -> list[Figure]:
    """`bench person`: the person page on SQLite and PostgreSQL, nothing else."""
    return run_sized(QUICK if quick else FULL)


def run_sized(size: Size, *, postgresql: bool = True) -> list[Figure]:
    """Populate and measure on a temporary SQLite file, then (when asked) in a fresh PostgreSQL database."""
    figures = []
    with tempfile.TemporaryDirectory(prefix="netral-bench-person-") as folder:
        settings = Settings(database_url=f"sqlite:///{folder}/person.db", data_dir=Path(folder))
        engine = make_engine(settings.database_url)
        try:
            figures.append(populate_and_measure(engine, settings, size, origin="temporary file, WAL"))
        finally:
            engine.dispose()
        if postgresql:
            try:
                with postgresql_database() as (url, origin):
                    engine = make_engine(url)
                    try:
                        figures.append(populate_and_measure(engine, replace(settings, database_url=url), size, origin=origin))
                    finally:
                        engine.dispose()
            except Exception as exc:  # noqa: BLE001 - no PostgreSQL is a failed figure, never a skip
                reason = " ".join(f"PostgreSQL tidak tersedia: {type(exc).__name__}: {exc}".split())[:300]
                title, target = "HR person page: open one employee (postgresql, median)", f"≤ {TARGET_MS:g} ms"
                figures.append(Figure("hr_person_postgresql_ms", title, 0.0, "ms", 0.0, "not measured", target, False, reason))
    return figures


def populate_and_measure(engine: Engine, settings: Settings, size: Size, *, origin: str) -> Figure:
    """Load the data, then open people of one perangkat daerah as that perangkat daerah's admin."""
    start = time.perf_counter()
    actor, people = populate(engine, settings, size)
    seconds = time.perf_counter() - start
    with engine.connect() as connection:
        version = connection.execute(text("SHOW server_version" if is_postgresql(engine) else "SELECT sqlite_version()"))
    where = (
        f"{engine.dialect.name} {str(version.scalar()).split()[0]} ({origin}); {size.employees:,} employees with accounts, "
        f"{size.attempts:,} attempts, {EVENTS} sosialisasi; loaded in {seconds:.0f} s; opened by an admin perangkat daerah"
    )
    return measure_person(engine, people, size.runs, where=where, actor=actor)


def populate(engine: Engine, settings: Settings, size: Size) -> tuple[CurrentUser, list[int]]:
    """Migrate and load the bank, then employees, accounts, attempts, certificates and attendance.

    Returns an admin perangkat daerah and the employees in their scope. No answers are generated: the person page
    does not read them.
    """
    prepare_database(engine, settings)
    rng = random.Random(SEED)
    with transaction(engine) as session:
        agency = generate_agency(session, seed=SEED, employees=size.employees, units_per_office=size.units_per_office, now=NOW)
        generate_activity(session, agency, seed=SEED, attempts=size.attempts, now=NOW, answered_share=0.0)
        insert_rows(session, Account, (_account(e) for e in agency.employee_ids))
        events = [_event(session, n) for n in range(EVENTS)]
        insert_rows(session, Attendance, _attendance(rng, events, agency.employee_ids))
        office = session.scalars(select(OrgUnit).where(OrgUnit.level == UnitLevel.OFFICE).order_by(OrgUnit.id)).first()
        assert office is not None
        units = set(session.scalars(select(OrgUnit.id).where(OrgUnit.parent_id == office.id)))
        people = [e for e, unit in session.execute(select(Employee.id, Employee.unit_id).where(Employee.unit_id.in_(units)))]
        admin_id = people.pop()
        account = session.scalars(select(Account).where(Account.employee_id == admin_id)).one()
        account.role, account.scope_unit_id = Role.UNIT_ADMIN, office.id
        session.flush()
        admin = queries.employee_by_id(session, admin_id)
        assert admin is not None
        actor = CurrentUser(account.id, admin_id, 0, admin.nip, admin.name, Role.UNIT_ADMIN, False, office.id)
    if is_postgresql(engine):  # what autovacuum would do soon after a load this size
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
    return actor, sorted(people)


def _account(employee_id: int) -> dict[str, Any]:
    return {
        "employee_id": employee_id,
        "role": Role.PESERTA.value,
        "password_hash": "$argon2id$bench",
        "must_change_password": False,
        "failed_logins": 0,
        "created_at": NOW,
        "text_size": "normal",
    }


def _event(session: Session, number: int) -> int:
    event = Sosialisasi(
        title=f"Sosialisasi Netralitas ASN {number + 1}",
        starts_at=NOW - timedelta(days=30 * (number + 1)),
        place="Aula Kantor Bupati",
        speakers=[],
        audience_unit_ids=None,
        jp=2,
        created_at=NOW,
    )
    session.add(event)
    session.flush()
    return int(event.id)


def _attendance(rng: random.Random, events: list[int], employee_ids: list[int]) -> Iterator[dict[str, Any]]:
    for index, event_id in enumerate(events):
        for employee_id in employee_ids:
            if rng.random() < ATTENDED_SHARE:
                at = NOW - timedelta(days=30 * (index + 1), minutes=-rng.randint(0, 120))
                yield {"event_id": event_id, "employee_id": employee_id, "checked_in_at": at, "method": CheckInMethod.QR.value}
