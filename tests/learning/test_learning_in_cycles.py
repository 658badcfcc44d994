"""Scenario runs and the pakta belong to the election cycle they were made in: a new cycle asks for them again."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import MetaData, Table, insert, select, text

from db import reading, transaction
from db.migrate import upgrade
from db.models import Pledge, ScenarioRun
from db.types import UTCDateTime
from netral.learning.path import learning_path
from netral.learning.rule import set_completion_rule
from netral.learning.scenarios import choose, scenario_view
from tests.conftest import T0
from tests.cycles.helpers import new_cycle
from tests.factories import add_person, as_actor, module_quiz_id, take_quiz

BEFORE = T0 - timedelta(days=30)  # the cycles' helper opens them on 1 September 2024; T0 is 2 September


@pytest.fixture
def person(synced, settings):
    with transaction(synced) as session:
        admin = as_actor(add_person(session, name="Admin", role="super_admin"))
        rule = {"modules": True, "exam": True, "pakta": True, "scenarios": True}
        set_completion_rule(session, actor=admin, rule=rule, now=BEFORE)
        employee_id = add_person(session, name="Peserta Siklus").employee_id
    return admin, employee_id


def _play_to_an_ending(engine, employee_id, now):
    for step, choice in ((0, "tolak"), (1, "diam")):
        with transaction(engine) as session:
            choose(session, employee_id=employee_id, module_key="dasar", step=step, choice_id=choice, now=now)


def test_a_scenario_finished_before_a_cycle_is_played_again_in_it_and_counts_there(synced, person, settings):
    admin, employee_id = person
    _play_to_an_ending(synced, employee_id, BEFORE)
    with reading(synced) as session:
        assert scenario_view(session, employee_id=employee_id, module_key="dasar").ending is not None
    with transaction(synced) as session:
        cycle = new_cycle(session, admin, name="Pemilu 2029")
        take_quiz(session, employee_id=employee_id, quiz_id=module_quiz_id(session, "dasar"), settings=settings, now=T0)
    with reading(synced) as session:
        fresh = scenario_view(session, employee_id=employee_id, module_key="dasar")
        path = learning_path(session, employee_id=employee_id, now=T0)
    assert (fresh.started, fresh.ending, fresh.node["id"]) == (False, None, "undangan")
    assert not path.modules[0].scenario_done and path.modules_passed == 0  # the quiz alone does not finish module 1
    _play_to_an_ending(synced, employee_id, T0)
    with reading(synced) as session:
        assert learning_path(session, employee_id=employee_id, now=T0).modules[0].scenario_done
        cycles = session.scalars(select(ScenarioRun.cycle_id).order_by(ScenarioRun.id)).all()
    assert cycles == [None, cycle.id]  # the earlier run stays, as history from before the cycle


def test_runs_played_before_this_version_join_the_cycle_that_held_the_employee_then(blank_engine):
    upgrade(blank_engine, "0018")
    with blank_engine.begin() as connection:
        tables = {
            name: Table(name, MetaData(), autoload_with=connection)
            for name in ("org_units", "employees", "modules", "cycles", "cycle_units", "scenario_runs", "pledges")
        }
        for table in tables.values():
            for column in table.columns:
                if column.name.endswith("_at"):
                    column.type = UTCDateTime()
        connection.execute(
            insert(tables["org_units"]),
            [{"id": i, "level": "perangkat_daerah", "name": f"Dinas {name}"} for i, name in ((1, "A"), (2, "B"))],
        )
        connection.execute(insert(tables["org_units"]), [{"id": 3, "level": "unit_kerja", "name": "Bidang A1", "parent_id": 1}])
        connection.execute(
            insert(tables["employees"]),
            [
                {"id": i, "nip": f"19800101200501100{i}", "name": f"P{i}", "unit_id": unit, "active": True}
                | {"created_at": T0, "updated_at": T0}
                for i, unit in ((1, 3), (2, 2))
            ],
        )
        connection.execute(
            insert(tables["modules"]),
            [{"id": 1, "key": "dasar", "title": "Dasar", "position": 1, "jp": 1, "active": True, "summary": "", "material": ""}],
        )
        cycle = {"kind": "pemilu_daerah", "deadline": date(2024, 12, 31), "path": "penuh", "refresher_modules": []}
        cycle |= {"reminders": {}, "created_at": T0}
        connection.execute(
            insert(tables["cycles"]),
            [{**cycle, "id": 1, "name": "Pilkada Dinas A", "opens_on": date(2024, 9, 1), "whole_agency": False}],
        )
        connection.execute(insert(tables["cycle_units"]), [{"cycle_id": 1, "unit_id": 1}])
        run = {"module_id": 1, "node": "undangan", "step": 0}
        connection.execute(
            insert(tables["scenario_runs"]),
            [
                {**run, "id": 1, "employee_id": 1, "started_at": T0},  # in Dinas A's unit kerja, in the cycle
                {**run, "id": 2, "employee_id": 1, "started_at": datetime(2024, 8, 1, tzinfo=UTC)},  # before it opened
                {**run, "id": 3, "employee_id": 2, "started_at": T0},  # Dinas B: not in the cohort
            ],
        )
        pledge = {"typed_name": "P", "text_sha256": "0" * 64}
        connection.execute(
            insert(tables["pledges"]),
            [{**pledge, "id": 1, "employee_id": 1, "signed_at": T0}, {**pledge, "id": 2, "employee_id": 2, "signed_at": T0}],
        )
    upgrade(blank_engine)
    with blank_engine.connect() as connection:
        placed = dict(connection.execute(text("SELECT id, cycle_id FROM scenario_runs")).all())
        signed = dict(connection.execute(text("SELECT employee_id, cycle_id FROM pledges")).all())
    assert placed == {1: 1, 2: None, 3: None}
    assert signed == {1: 1, 2: None}


def test_two_taps_on_tandatangani_record_one_pakta_in_the_cycle(synced, settings):
    from netral.learning.pledge import sign_pakta
    from tests.factories import exam_id, pass_all_modules

    with transaction(synced) as session:
        admin = as_actor(add_person(session, name="Admin", role="super_admin"))
        cycle = new_cycle(session, admin, name="Pemilu 2029")
        employee_id = add_person(session, name="Ani Pakta").employee_id
        pass_all_modules(session, employee_id=employee_id, settings=settings)
        take_quiz(session, employee_id=employee_id, quiz_id=exam_id(session), settings=settings)
    for _ in range(2):
        with transaction(synced) as session:
            sign_pakta(session, employee_id=employee_id, typed_name="Ani Pakta", agreed=True, text="P", now=T0, settings=settings)
    with reading(synced) as session:
        assert session.scalars(select(Pledge.cycle_id).where(Pledge.employee_id == employee_id)).all() == [cycle.id]
