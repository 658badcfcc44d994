"""`bench person`: loads what the person page reads (COPY on PostgreSQL) and opens people as their admin would."""

from sqlalchemy import func, select

import bench
from bench.person import Size, populate, populate_and_measure, run_sized
from db import reading
from db.models import Account, Attempt, Attendance, Certificate
from netral.core.dates import utcnow
from netral.core.enums import Role
from netral.hr.person import person_view

TINY = Size(employees=120, attempts=700, units_per_office=2, runs=1)


def test_bench_person_is_its_own_entry_so_the_figure_needs_no_other_population():
    assert "person" in bench.registry()


def test_the_load_gives_accounts_attempts_certificates_and_attendance_and_an_admin_of_one_office(engine, settings):
    actor, people = populate(engine, settings, TINY)
    with reading(engine) as session:
        count = {
            m.__name__: session.scalar(select(func.count()).select_from(m)) for m in (Account, Attempt, Certificate, Attendance)
        }
        assert count["Account"] == TINY.employees and count["Attempt"] >= TINY.attempts
        assert count["Certificate"] > 0 and count["Attendance"] > 0
        assert actor.role is Role.UNIT_ADMIN and actor.employee_id not in people and 0 < len(people) < TINY.employees
        opened = [person_view(session, actor=actor, employee_id=e, now=utcnow()) for e in people]
    assert any(p.attempts for p in opened) and any(p.events for p in opened)
    assert all(p.refused_actions is None for p in opened)  # the admin may act on every person of their office


def test_the_figure_is_the_person_page_beside_the_row_alone(engine, settings):
    figure = populate_and_measure(engine, settings, TINY, origin="test")
    assert figure.key == f"hr_person_{engine.dialect.name}_ms"
    assert figure.value > 0 and figure.baseline > 0 and "employees with accounts" in figure.note


def test_run_sized_measures_a_fresh_sqlite_database():
    (figure,) = run_sized(TINY, postgresql=False)
    assert figure.key == "hr_person_sqlite_ms" and figure.baseline_label.startswith("read the employee row")
