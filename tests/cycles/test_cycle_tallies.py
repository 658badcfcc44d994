"""Per-cycle category tallies: kept at each submission, equal to a recount from the answers on both databases,
repaired by the recount after people move, and filled by migration 0018 from the answers already given."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import select

from db import reading, transaction
from db.migrate import alembic_config, upgrade
from db.models import CycleCategoryTally, Employee
from db.queries import cycle_reports
from netral.core.enums import Role
from netral.cycles.managing import close_cycle
from netral.hr.cycles import cycle_figures
from netral.learning.tallies import recount_in_steps, recount_tallies
from tests.cycles.helpers import new_cycle, office
from tests.factories import add_person, as_actor, exam_id, module_quiz_id, pass_all_modules, take_quiz

BEFORE = datetime(2024, 7, 1, 8, 0, tzinfo=UTC)
FIRST_DAY = datetime(2024, 8, 5, 8, 0, tzinfo=UTC)
SECOND_DAY = datetime(2024, 9, 2, 8, 0, tzinfo=UTC)


@dataclass
class Story:
    engine: object
    boss: object
    first: int
    second: int
    unit_a: int
    unit_b: int
    people: dict[str, int]


@pytest.fixture
def story(synced, settings):
    """Answers before any cycle, in a first cycle (a retake too) and in a second one, by people in two perangkat
    daerah and one without a unit."""
    with transaction(synced) as session:
        boss = as_actor(add_person(session, name="Siti Super", role=Role.SUPER_ADMIN))
        unit_a, unit_b = office(session, "Dinas A"), office(session, "Dinas B", "Bidang B1")
        people = {name: add_person(session, name=name).employee_id for name in ("Ani", "Budi", "Cici")}
        session.get(Employee, people["Ani"]).unit_id = unit_a
        session.get(Employee, people["Budi"]).unit_id = unit_b
    with transaction(synced) as session:  # before cycles: history that no cycle counts
        take_quiz(session, employee_id=people["Ani"], quiz_id=module_quiz_id(session, "dasar"), settings=settings, now=BEFORE)
    with transaction(synced) as session:
        first = new_cycle(session, boss, name="Pemilu 2029", opens_on=date(2024, 8, 1), deadline=date(2024, 8, 31)).id
    with transaction(synced) as session:
        dasar, exam = module_quiz_id(session, "dasar"), exam_id(session)
        take_quiz(session, employee_id=people["Ani"], quiz_id=dasar, settings=settings, right=False, now=FIRST_DAY)
        retake = FIRST_DAY + timedelta(hours=1)
        take_quiz(session, employee_id=people["Ani"], quiz_id=dasar, settings=settings, now=retake, seed=2)
        take_quiz(session, employee_id=people["Budi"], quiz_id=dasar, settings=settings, right=False, now=FIRST_DAY)
        pass_all_modules(session, employee_id=people["Cici"], settings=settings, now=FIRST_DAY)
        take_quiz(session, employee_id=people["Cici"], quiz_id=exam, settings=settings, right=False, now=FIRST_DAY)
    with transaction(synced) as session:
        close_cycle(session, actor=boss, cycle_id=first, now=SECOND_DAY)
        second = new_cycle(session, boss, name="Pilkada 2031", opens_on=date(2024, 9, 1)).id
    with transaction(synced) as session:
        lanjut = module_quiz_id(session, "lanjut")
        take_quiz(session, employee_id=people["Budi"], quiz_id=lanjut, settings=settings, right=False, now=SECOND_DAY)
    return Story(synced, boss, first, second, unit_a, unit_b, people)


def kept(engine) -> dict[tuple[int, int, str], tuple[int, int]]:
    with reading(engine) as session:
        rows = session.scalars(select(CycleCategoryTally)).all()
        return {(t.cycle_id, t.unit_key, t.category): (t.answered, t.wrong) for t in rows}


def recounted(engine, **only) -> dict[tuple[int, int, str], tuple[int, int]]:
    with reading(engine) as session:
        rows = cycle_reports.cycle_answers_by_category(session, **only)
        return {(c, u, k): (int(a), int(w or 0)) for c, u, k, a, w in rows}


def per_category(cells: dict[tuple[int, int, str], tuple[int, int]], cycle: int, units=None) -> list[tuple[str, int, int]]:
    sums: dict[str, list[int]] = {}
    for (cycle_id, unit, category), (answered, wrong) in cells.items():
        if cycle_id == cycle and (units is None or unit in units):
            sums.setdefault(category, [0, 0])
            sums[category][0] += answered
            sums[category][1] += wrong
    return sorted((c, a, w) for c, (a, w) in sums.items())


def test_the_tallies_kept_at_submission_equal_a_recount_from_the_answers(story):
    tallies = kept(story.engine)
    assert tallies == recounted(story.engine)
    assert {cycle for cycle, _unit, _category in tallies} == {story.first, story.second}
    # Ani's wrong attempt and her retake both count in the cycle; her attempt before any cycle counts in none.
    ani = sum(a for (c, u, _k), (a, _w) in tallies.items() if c == story.first and u == story.unit_a)
    ani_wrong = sum(w for (c, u, _k), (_a, w) in tallies.items() if c == story.first and u == story.unit_a)
    assert ani > 0 and ani_wrong == ani // 2
    assert any(u == 0 for (_c, u, _k) in tallies)  # Cici has no unit


def test_the_dashboard_reads_the_same_categories_as_the_answers_give(story):
    cells = recounted(story.engine)
    with reading(story.engine) as session:
        for cycle in (story.first, story.second):
            figures = cycle_figures(session, actor=story.boss, cycle_id=cycle, agency_name="", now=SECOND_DAY)
            shown = sorted((c.category, c.answered, c.wrong) for c in figures.categories)
            assert shown == per_category(cells, cycle) and shown
        scoped = cycle_reports.cycle_categories(session, cycle_id=story.first, unit_ids={story.unit_a})
    assert sorted((c, int(a), int(w)) for c, a, w in scoped) == per_category(cells, story.first, {story.unit_a})


def test_a_recount_unit_by_unit_repairs_the_cycle_tallies_after_people_move(story):
    with transaction(story.engine) as session:
        session.get(Employee, story.people["Budi"]).unit_id = story.unit_a  # moved: the tallies still say unit B
        session.add(CycleCategoryTally(cycle_id=story.first, unit_key=987654, category="kampanye", answered=9, wrong=9))
    assert kept(story.engine) != recounted(story.engine)
    recount_in_steps(story.engine)
    assert kept(story.engine) == recounted(story.engine)
    assert not any(u in (story.unit_b, 987654) for (_c, u, _k) in kept(story.engine))
    with transaction(story.engine) as session:
        session.add(CycleCategoryTally(cycle_id=story.second, unit_key=987654, category="kampanye", answered=1, wrong=0))
        recount_tallies(session)
    assert kept(story.engine) == recounted(story.engine)


def test_migration_0018_fills_the_tallies_from_the_answers_already_given(story):
    before = kept(story.engine)
    below = ScriptDirectory.from_config(alembic_config()).get_revision("0018").down_revision
    config = alembic_config()
    with story.engine.execution_options(netral_write=True).begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, str(below))
    upgrade(story.engine)
    assert kept(story.engine) == before and before
