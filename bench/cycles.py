"""Cycle benchmarks: reminder planning at 100,000 employees, the per-cycle dashboard at 100,000 employees x 3 cycles
(SQLite and PostgreSQL), and 1,000 password slips as one PDF; each beside a baseline measured in the same run."""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from fpdf import FPDF
from sqlalchemy import Engine, String, cast, literal, select, text, update
from sqlalchemy.orm import Session

from bench import Figure
from bench.activity import generate_activity
from bench.postgres import postgresql_database
from bench.synthetic import generate_agency
from db import make_engine, reading, transaction
from db.models import Attempt, Certificate, Cycle, Employee, OrgUnit
from db.queries import cycle_reports
from db.queries import outbox as outbox_queries
from netral.core.dates import utcnow
from netral.core.settings import Settings
from netral.cycles.planning import plan_reminders
from netral.cycles.rules import ReminderRules
from netral.hr.completion import completion_by_unit
from netral.hr.cycles import cycle_figures
from netral.hr.paper.slips import STEPS, Slip, password_slips_pdf
from netral.learning.tallies import recount_tallies
from netral.people.scope import WHOLE_AGENCY
from netral.startup import prepare_database

NOW = datetime(2024, 9, 2, 1, 0, tzinfo=UTC)
SEED = 18


def run(quick: bool) -> list[Figure]:
    """Every cycle figure."""
    return measure(quick, dashboard_only=False)


def run_dashboard(quick: bool) -> list[Figure]:
    """Only the per-cycle dashboard figures (SQLite and PostgreSQL): `python -m netral bench cycles-dashboard`."""
    return measure(quick, dashboard_only=True)


def measure(quick: bool, *, dashboard_only: bool) -> list[Figure]:
    """The cycle figures: all of them, or the per-cycle dashboard's alone."""
    employees, attempts, runs = (10_000, 30_000, 3) if quick else (100_000, 300_000, 5)
    figures = [] if dashboard_only else [measure_slips(100 if quick else 1000)]
    with tempfile.TemporaryDirectory(prefix="netral-bench-cycles-") as folder:
        settings = Settings(database_url=f"sqlite:///{folder}/cycles.db", data_dir=Path(folder))
        engine = make_engine(settings.database_url)
        try:
            agency = populate(engine, settings, employees, attempts)
            if not dashboard_only:
                figures.append(measure_planning(engine, settings, employees))
            figures.append(measure_dashboard(engine, agency, runs, employees))
        finally:
            engine.dispose()
        try:
            with postgresql_database() as (url, _origin):
                engine = make_engine(url)
                try:
                    agency = populate(engine, Settings(database_url=url, data_dir=Path(folder)), employees, attempts)
                    figures.append(measure_dashboard(engine, agency, runs, employees))
                finally:
                    engine.dispose()
        except Exception as exc:  # noqa: BLE001 - a missing PostgreSQL is a failed figure, not a skip
            figures.append(
                Figure(
                    "cycles_dashboard_postgresql_ms",
                    "Per-cycle dashboard (postgresql)",
                    0,
                    "ms",
                    0,
                    "-",
                    "≤ 500 ms",
                    False,
                    str(exc)[:200],
                )
            )
    return figures


def populate(engine: Engine, settings: Settings, employees: int, attempts: int) -> str:
    """The synthetic agency, its activity spread over three cycles (two closed), every employee with an email."""
    prepare_database(engine, settings)
    with transaction(engine) as session:
        agency = generate_agency(session, seed=SEED, employees=employees, units_per_office=25, now=NOW)
        generate_activity(session, agency, seed=SEED, attempts=attempts, now=NOW)
        today = utcnow().date()
        for number, (opens, closed) in enumerate(((date(2023, 1, 1), True), (date(2024, 1, 1), True), (today, False)), 1):
            session.add(
                Cycle(
                    id=number,
                    name=f"Siklus {number}",
                    kind="pemilu_nasional",
                    voting_day=None,
                    opens_on=opens,
                    deadline=opens + timedelta(days=60),
                    path="penuh",
                    refresher_modules=[],
                    whole_agency=True,
                    valid_months_after_vote=None,
                    created_at=NOW,
                    closed_at=NOW if closed else None,
                    reminders=ReminderRules(at_open=True, weekly_not_started=True).stored(),
                )
            )
        session.flush()
        session.execute(update(Attempt).values(cycle_id=Attempt.id % 3 + 1))
        session.execute(update(Certificate).values(cycle_id=Certificate.employee_id % 3 + 1))
        session.execute(
            update(Employee).values(
                email=literal("pegawai", String) + cast(Employee.id, String) + literal("@contoh.go.id", String)
            )
        )
        name = session.scalars(select(OrgUnit.name).where(OrgUnit.parent_id.is_(None))).one()
        # The attempts were moved into cycles behind the submission's back: count their tallies the way
        # `python -m netral report recount-misconceptions` does.
        recount_tallies(session)
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
    return name


def measure_planning(engine: Engine, settings: Settings, employees: int) -> Figure:
    """Planning the open cycle's reminders (rolled back after), beside selecting the same people with one plain query."""
    with reading(engine) as session:
        start = time.perf_counter()
        people = [r for r in outbox_queries.cohort_progress(session, cycle_id=3, unit_ids=None, now=utcnow()) if not r.completed]
        baseline = time.perf_counter() - start
    session = Session(engine.execution_options(netral_write=True))
    try:
        start = time.perf_counter()
        plan = plan_reminders(session, now=utcnow(), zone=settings.zone, base_url=settings.base_url)
        value = time.perf_counter() - start
    finally:
        session.rollback()
        session.close()
    return Figure(
        "cycles_reminder_planning_s",
        f"Reminder planning, {employees:,} employees (SQLite)",
        value,
        "s",
        baseline,
        "one query selecting the same people",
        "< 30 s",
        value < 30,
        f"{plan.queued:,} messages queued (at open + weekly not started for {len(people):,} people), rolled back",
    )


def measure_dashboard(engine: Engine, agency: str, runs: int, employees: int) -> Figure:
    """The per-cycle dashboard for the open cycle, interleaved with today's Dasbor completion on the same data."""
    now = utcnow()
    variants: dict[str, Callable[[Session], object]] = {
        "cycle": lambda s: cycle_figures(s, actor=None, cycle_id=3, agency_name=agency, now=now),
        "dasbor": lambda s: completion_by_unit(s, WHOLE_AGENCY, agency_name=agency, now=now),
    }
    times: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(runs):
        for name, action in variants.items():
            with reading(engine) as session:
                start = time.perf_counter()
                action(session)
                times[name].append(time.perf_counter() - start)
    ms = {name: statistics.median(values) * 1000 for name, values in times.items()}
    backend = engine.dialect.name
    with reading(engine) as session:
        kept = sorted((c, int(a), int(w)) for c, a, w in cycle_reports.cycle_categories(session, cycle_id=3, unit_ids=None))
        recounted: dict[str, list[int]] = {}
        for _cycle, _unit, category, answered, wrong in cycle_reports.cycle_answers_by_category(session, cycle_id=3):
            recounted.setdefault(category, [0, 0])
            recounted[category][0] += answered
            recounted[category][1] += int(wrong or 0)
    same = kept == sorted((c, a, w) for c, (a, w) in recounted.items())
    match = "tallies equal the recount" if same else "**tallies differ from the recount**"
    return Figure(
        f"cycles_dashboard_{backend}_ms",
        f"Per-cycle dashboard, {employees:,} employees x 3 cycles ({backend}, median)",
        ms["cycle"],
        "ms",
        ms["dasbor"],
        "the Dasbor's completion per unit (all cycles) on the same data",
        "≤ 500 ms",
        ms["cycle"] <= 500 and same,
        f"median of {runs}; completion, pass rate, categories and trend of one cycle; {match}",
    )


def measure_slips(count: int) -> Figure:
    """`count` password slips as one PDF, beside the same text in fpdf2's core Helvetica (no font embedded)."""
    slips = [
        Slip(f"Pegawai Ke-{i}, S.H.", f"1980011520050310{i % 100:02d}", f"Awal#{i:05d}xQ", "Dinas Pendidikan")
        for i in range(count)
    ]
    start = time.perf_counter()
    password_slips_pdf(slips, base_url="https://netral.contoh.go.id", agency="Pemerintah Kabupaten Contoh", created=NOW)
    value = time.perf_counter() - start
    start = time.perf_counter()
    pdf = FPDF()
    pdf.set_font("helvetica", size=10)
    for index, slip in enumerate(slips):
        if index % 4 == 0:
            pdf.add_page()
        for line in (slip.name, slip.nip, slip.unit, slip.password, *STEPS):
            pdf.cell(0, 5, line.encode("latin-1", "replace").decode("latin-1"), new_x="LMARGIN", new_y="NEXT")
    bytes(pdf.output())
    baseline = time.perf_counter() - start
    return Figure(
        "cycles_slips_s",
        f"{count:,} password slips as one PDF",
        value,
        "s",
        baseline,
        "same text in core Helvetica, nothing embedded",
        "< 10 s",
        value < 10,
        "Noto Sans embedded and subset, 4 per A4 page",
    )
