"""Benchmark plumbing: synthetic agencies are valid and reproducible, figures print in the agreed JSON shape."""

import codecs
import csv
import io
import json

import pytest
from sqlalchemy import distinct, func, select

from bench import Figure, as_json, as_markdown
from bench.activity import generate_activity
from bench.baselines import completion_by_pandas
from bench.hr import unavailable
from bench.synthetic import generate_agency, roster_csv
from db import make_engine, queries, reading, transaction
from db.migrate import upgrade
from db.models import Answer, Attempt, Certificate, Employee, OrgUnit, QuestionVersion, Quiz
from db.queries.reports import FULL_MARK
from netral.content.loading import sync_bank
from netral.core.nip import is_valid_nip
from netral.hr.completion import completion_by_unit
from netral.learning.tallies import recount_tallies
from netral.people.scope import WHOLE_AGENCY
from tests.conftest import T0


def agency_rows(engine):
    with reading(engine) as session:
        return list(session.execute(select(Employee.nip, Employee.name, Employee.jabatan).order_by(Employee.id)))


def test_a_synthetic_agency_is_the_same_for_the_same_seed_and_its_nips_are_valid(engine, tmp_path):
    with transaction(engine) as session:
        agency = generate_agency(session, seed=7, employees=300, units_per_office=3, now=T0)
    rows = agency_rows(engine)
    assert len(agency.employee_ids) == 300 and len({nip for nip, *_ in rows}) == 300
    assert all(is_valid_nip(nip, today=T0.date()) for nip, *_ in rows)
    with reading(engine) as session:
        assert session.scalar(select(func.count()).select_from(OrgUnit).where(OrgUnit.level == "unit_kerja")) == 18
    other = make_engine(f"sqlite:///{tmp_path / 'again.db'}")
    upgrade(other)
    with transaction(other) as session:
        generate_agency(session, seed=7, employees=300, units_per_office=3, now=T0)
    assert agency_rows(other) == rows
    other.dispose()


def test_figures_print_as_one_json_object_and_a_markdown_table():
    fast = Figure("a", "A", 8.0, "ms", 40.0, "naive", "≤ 15 ms", True)
    slow = Figure("b", "B", 2.0, "s", 1.0, "plain", "< 1 s", False, note="disk")
    data = json.loads(as_json([fast, slow]))
    assert set(data) == {"a", "b"}
    assert {"value", "unit", "baseline", "ratio", "target", "meets"} <= set(data["a"])
    assert data["a"]["ratio"] == 0.2 and data["b"]["meets"] is False
    table = as_markdown([fast, slow], quick=True, command="python -m netral bench --quick")
    assert "| A | 8 ms | 40 ms (naive) | 0.200 |" in table and "**no**" in table


def test_a_narrower_selector_runs_when_named_and_not_again_in_a_full_run(monkeypatch):
    import bench

    ran = []
    fake = {name: (lambda quick, name=name: ran.append(name) or []) for name in bench.registry()}
    monkeypatch.setattr(bench, "registry", lambda: fake)
    bench.run([], quick=True, log=lambda _line: None)
    assert "cycles" in ran and not set(ran) & bench.NARROWER
    ran.clear()
    bench.run(["cycles-dashboard"], quick=True, log=lambda _line: None)
    assert ran == ["cycles-dashboard"]


def generate(engine, *, seed=3, employees=400, attempts=2400, completed_share=0.4):
    with transaction(engine) as session:
        agency = generate_agency(session, seed=seed, employees=employees, units_per_office=2, now=T0)
        activity = generate_activity(
            session, agency, seed=seed, attempts=attempts, now=T0, completed_share=completed_share, answers_per_attempt=3
        )
    with transaction(engine) as session:
        recount_tallies(session)
    return agency, activity


def activity_rows(engine):
    with reading(engine) as session:
        attempts = session.execute(
            select(Employee.nip, Quiz.key, Attempt.number, Attempt.score, Attempt.passed, Attempt.started_at)
            .join(Employee, Employee.id == Attempt.employee_id)
            .join(Quiz, Quiz.id == Attempt.quiz_id)
            .order_by(Employee.nip, Quiz.key, Attempt.number)
        ).all()
        answers = session.execute(
            select(Attempt.employee_id, Attempt.quiz_id, Answer.position, Answer.question_version_id, Answer.points)
            .join(Attempt, Attempt.id == Answer.attempt_id)
            .order_by(Attempt.employee_id, Attempt.quiz_id, Answer.position)
        ).all()
        certificates = session.execute(
            select(Employee.nip, Certificate.number, Certificate.revoked_at)
            .join(Employee, Employee.id == Certificate.employee_id)
            .order_by(Certificate.number)
        ).all()
    return attempts, answers, certificates


def test_synthetic_activity_is_the_same_for_the_same_seed(synced, bank, tmp_path):
    _, activity = generate(synced)
    assert activity.attempts == 2400 and 0 < activity.answers <= 3 * activity.first_attempts  # small fixture bank
    other = make_engine(f"sqlite:///{tmp_path / 'again.db'}")
    upgrade(other)
    with transaction(other) as session:
        sync_bank(session, bank, now=T0)
    _, again = generate(other)
    assert again == activity and activity_rows(other) == activity_rows(synced)
    other.dispose()


def test_attempts_are_numbered_one_to_k_per_employee_and_quiz(synced):
    generate(synced)
    with reading(synced) as session:
        numbers = session.execute(
            select(
                Attempt.employee_id, Attempt.quiz_id, func.count(), func.count(distinct(Attempt.number)), func.max(Attempt.number)
            ).group_by(Attempt.employee_id, Attempt.quiz_id)
        ).all()
        open_attempts = session.scalar(select(func.count()).select_from(Attempt).where(Attempt.submitted_at.is_(None)))
    assert numbers and all(count == distinct_numbers == highest for _, _, count, distinct_numbers, highest in numbers)
    assert open_attempts == 0


@pytest.mark.parametrize("share", [0.2, 0.6])
def test_the_completed_share_is_about_what_was_asked_and_each_completer_passed_every_quiz(engine, bank, share):
    with transaction(engine) as session:
        sync_bank(session, bank, now=T0)
    agency, activity = generate(engine, completed_share=share, attempts=4000)
    with reading(engine) as session:
        rows = queries.completion_by_unit(session, now=T0)
        quizzes = session.scalar(select(func.count()).select_from(Quiz))
        passed_all = session.scalar(
            select(func.count()).select_from(
                select(Attempt.employee_id)
                .where(Attempt.passed.is_(True))
                .group_by(Attempt.employee_id)
                .having(func.count(distinct(Attempt.quiz_id)) == quizzes)
                .subquery()
            )
        )
    completed = sum(int(done or 0) for *_, done in rows)
    assert completed == activity.completed == passed_all
    assert abs(completed / len(agency.employee_ids) - share) < 0.08


def test_the_tallies_equal_a_recount_from_the_raw_answers(synced):
    generate(synced)
    with reading(synced) as session:
        raw = session.execute(
            select(Employee.unit_id, QuestionVersion.category, Answer.points)
            .join(Attempt, Attempt.id == Answer.attempt_id)
            .join(Employee, Employee.id == Attempt.employee_id)
            .join(QuestionVersion, QuestionVersion.id == Answer.question_version_id)
            .where(Attempt.number == 1)
        ).all()
        tallies = {(unit, category): (answered, wrong) for unit, category, answered, wrong in queries.category_tallies(session)}
    counted: dict[tuple[int, str], list[int]] = {}
    for unit_id, category, points in raw:
        cell = counted.setdefault((unit_id or 0, category), [0, 0])
        cell[0] += 1
        cell[1] += int(points < FULL_MARK)
    assert tallies == {key: tuple(cell) for key, cell in counted.items()} and any(w for _, w in tallies.values())


def test_the_pandas_baseline_gives_the_same_rows_as_the_dashboard(synced):
    generate(synced, employees=150, attempts=900)
    with reading(synced) as session:
        name = session.scalars(select(OrgUnit.name).where(OrgUnit.parent_id.is_(None))).one()
        assert completion_by_pandas(session, name, T0) == completion_by_unit(session, WHOLE_AGENCY, agency_name=name, now=T0)


def test_agency_ids_are_its_own_when_the_database_already_has_employees(engine):
    with transaction(engine) as session:
        first = generate_agency(session, seed=1, employees=50, units_per_office=1, now=T0)
        second = generate_agency(session, seed=2, employees=70, units_per_office=1, now=T0)
    assert len(second.employee_ids) == 70 and min(second.employee_ids) > max(first.employee_ids)


def test_a_synthetic_roster_is_excel_csv_mixing_known_changed_and_new_employees(engine):
    with transaction(engine) as session:
        agency = generate_agency(session, seed=4, employees=500, units_per_office=2, now=T0)
    with reading(engine) as session:
        content = roster_csv(session, agency, seed=4, rows=600)
        known = {e.nip: (e.jabatan, e.unit_id) for e in session.scalars(select(Employee))}
        units = {u.id: u.name for u in session.scalars(select(OrgUnit))}
    assert content.startswith(codecs.BOM_UTF8) and b"\r\n" in content
    header, *lines = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert header == ["NIP", "Nama", "Jabatan", "Unit Kerja", "Perangkat Daerah", "Email"] and len(lines) == 600
    nips = [line[0] for line in lines]
    existing = [line for line in lines if line[0] in known]
    assert len(set(nips)) == 600 and all(is_valid_nip(nip, today=T0.date()) for nip in nips)
    assert 400 < len(existing) < 500  # about 90% of the employees; the rest of the file is new people
    changed = sum(1 for nip, _, jabatan, unit, *_ in existing if (jabatan, unit) != (known[nip][0], units[known[nip][1]]))
    assert 0.03 < changed / len(existing) < 0.2


def test_an_unavailable_postgresql_is_a_failed_figure_not_a_skip():
    figures = unavailable("postgresql", "PostgreSQL tidak tersedia: no server")
    assert [f.key for f in figures] == ["hr_completion_postgresql_ms", "hr_misconceptions_postgresql_ms"]
    assert not any(f.meets for f in figures) and all("tidak tersedia" in f.note for f in figures)


def test_the_answer_latency_benchmark_really_stores_answers(db_url, settings):
    from sqlalchemy import func, select

    from bench.answers import _measure
    from db import make_engine, reading
    from db.models import Answer

    figure = _measure(make_engine(db_url), settings, 20, "sqlite", "test")
    check = make_engine(db_url)
    with reading(check) as session:
        stored = session.scalar(select(func.count()).select_from(Answer).where(Answer.answered_at.is_not(None)))
    check.dispose()
    assert 0 < stored <= 20 and figure.value > 0 and figure.baseline > 0 and "p95" in figure.note


def test_more_processes_are_tried_at_least_up_to_what_one_process_held(monkeypatch):
    from bench import load
    from bench.takers import Tally

    tried: list[tuple[int, int]] = []

    async def level(servers, _takers, count, _plan):  # one process holds 300; more never fail
        tried.append((len(servers), count))
        return Tally(seconds=[2.0 if len(servers) == 1 and count > 300 else 0.1] * 20)

    monkeypatch.setattr(load, "_level", level)
    plan = load.Plan(0, {1: [100, 200, 300, 400], 4: [200]}, 0, 1, 0)
    figures = {f.key: f for f in load.measure_takers(["a", "b", "c", "d"], None, plan)}
    assert (4, 300) in tried and (4, 400) not in tried
    assert figures["takers_within_1s_1_process"].value == 300
    four = figures["takers_within_1s_4_processes"]
    assert four.value == 300 and four.meets and "every level tried" in four.note
