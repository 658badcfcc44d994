"""Branching scenarios (issue 13 point 3): choices stored once, back one step where allowed, endings, the map."""

import pytest
from sqlalchemy import func, select

from db import reading, transaction
from db.models import ScenarioChoice
from netral.core.enums import MisconceptionSource
from netral.hr.misconceptions import misconception_map
from netral.learning.scenarios import choose, go_back, play_again, scenario_view
from netral.people.scope import WHOLE_AGENCY
from tests.conftest import T0
from tests.factories import add_person


@pytest.fixture
def person(synced):
    with transaction(synced) as session:
        return add_person(session, name="Peserta Skenario").employee_id


def view(engine, employee_id):
    with reading(engine) as session:
        return scenario_view(session, employee_id=employee_id, module_key="dasar")


def pick(engine, employee_id, step, choice):
    with transaction(engine) as session:
        return choose(session, employee_id=employee_id, module_key="dasar", step=step, choice_id=choice, now=T0)


def back(engine, employee_id, step):
    with transaction(engine) as session:
        return go_back(session, employee_id=employee_id, module_key="dasar", step=step, now=T0)


def test_a_new_player_stands_at_the_start_and_a_module_without_scenario_has_none(synced, person):
    start = view(synced, person)
    assert (start.node["id"], start.started, start.last, start.can_go_back) == ("undangan", False, None, False)
    with reading(synced) as session:
        assert scenario_view(session, employee_id=person, module_key="lanjut") is None


def test_each_choice_shows_its_consequence_and_basis_and_a_double_tap_records_one(synced, person):
    after = pick(synced, person, 0, "datang")
    assert after.node["id"] == "di-lokasi" and after.last.consequence == "Akibat keliru pertama."
    assert after.last.citations == ("Naskah Uji Pasal 2",) and not after.last.sound
    again = pick(synced, person, 0, "tolak")  # the same screen tapped again: ignored
    assert again.node["id"] == "di-lokasi"
    with reading(synced) as session:
        assert session.scalar(select(func.count()).select_from(ScenarioChoice)) == 1
    assert view(synced, person).node["id"] == "di-lokasi"  # a reload (or another device) resumes here


def test_back_one_step_where_the_author_allows_it_and_not_where_the_node_forbids(synced, person):
    pick(synced, person, 0, "datang")
    undone = back(synced, person, 1)
    assert undone.node["id"] == "undangan" and undone.path == ()
    assert back(synced, person, 1).step == 2  # a repeated tap on Kembali: nothing more taken back
    now = pick(synced, person, 2, "tolak")
    assert now.node["id"] == "unggahan" and not now.can_go_back  # back: false at this node
    assert back(synced, person, 3).node["id"] == "unggahan"


def test_an_ending_has_a_verdict_and_score_and_choices_feed_the_map_as_their_own_source(synced, person):
    pick(synced, person, 0, "datang")
    ended = pick(synced, person, 1, "yel")
    assert (ended.ending["verdict"], ended.ending["score"], ended.node) == ("Melanggar", 0, None)
    assert [p.sound for p in ended.path] == [False, False]
    with transaction(synced) as session:
        fresh = play_again(session, employee_id=person, module_key="dasar", now=T0)
    assert fresh.node["id"] == "undangan" and fresh.ending is None
    with reading(synced) as session:
        found = misconception_map(
            session, WHOLE_AGENCY, agency_name="Uji", labels={}, by_unit=False, source=MisconceptionSource.SCENARIO
        )
    assert (found.overall["kampanye"].answered, found.overall["kampanye"].wrong) == (2, 2)


def test_when_the_rule_asks_for_scenarios_a_module_is_done_after_its_ending_and_its_quiz(synced, person, settings):
    from netral.learning.next_step import next_step
    from netral.learning.path import learning_path
    from netral.learning.rule import set_completion_rule
    from tests.factories import as_actor, module_quiz_id, take_quiz

    with transaction(synced) as session:
        admin = as_actor(add_person(session, name="Admin", role="super_admin"))
        rule = {"modules": True, "exam": True, "pakta": True, "scenarios": True}
        set_completion_rule(session, actor=admin, rule=rule, now=T0)
        take_quiz(session, employee_id=person, quiz_id=module_quiz_id(session, "dasar"), settings=settings)
    with reading(synced) as session:
        assert learning_path(session, employee_id=person).modules_passed == 0
        assert next_step(session, employee_id=person).label == "Mainkan Skenario Modul 1"
    pick(synced, person, 0, "tolak")
    pick(synced, person, 1, "diam")
    with reading(synced) as session:
        assert learning_path(session, employee_id=person).modules_passed == 1
        assert next_step(session, employee_id=person).label == "Mulai Modul 2"
