"""Benchmark plumbing: synthetic agencies are valid and reproducible, figures print in the agreed JSON shape."""

import json

from sqlalchemy import func, select

from db import reading, transaction
from db.models import Employee, OrgUnit
from netral.bench import Figure, as_json, as_markdown
from netral.bench.synthetic import generate_agency
from netral.nip import is_valid_nip
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
    from db import make_engine
    from db.migrate import upgrade

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
