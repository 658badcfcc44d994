"""Cycles: created, changed and closed by a super admin only, audited, refused in Indonesian; one open per cohort."""

from datetime import date

import pytest
from sqlalchemy import func, select

from db import reading, transaction
from db.models import AuditEvent, Cycle
from netral.core.cycle_enums import CyclePath
from netral.core.dates import utcnow
from netral.core.enums import AuditAction, Role
from netral.core.errors import NotAllowed
from netral.cycles.current import add_months, current_cycle, cycle_dates
from netral.cycles.managing import CycleRefused, change_cycle, close_cycle, list_cycles
from tests.conftest import T0
from tests.cycles.helpers import draft, new_cycle, office
from tests.factories import add_person, as_actor


@pytest.fixture
def boss(synced):
    with transaction(synced) as session:
        return as_actor(add_person(session, name="Siti Super", role=Role.SUPER_ADMIN))


def cycles_stored(engine):
    with reading(engine) as session:
        return session.scalar(select(func.count()).select_from(Cycle))


def test_a_super_admin_creates_changes_and_closes_a_cycle_each_audited(synced, boss):
    with transaction(synced) as session:
        created = new_cycle(session, boss)
    assert created.voting_day_text == "belum ditetapkan"
    with transaction(synced) as session:
        changed = change_cycle(session, actor=boss, cycle_id=created.id, draft=draft(voting_day=date(2029, 2, 14)), now=T0)
        close_cycle(session, actor=boss, cycle_id=created.id, now=T0)
    assert changed.voting_day_text == "14 Februari 2029"
    with reading(synced) as session:
        actions = session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
        assert [view.closed for view in list_cycles(session, actor=boss)] == [True]
    assert actions[-3:] == [AuditAction.CYCLE_CREATE, AuditAction.CYCLE_CHANGE, AuditAction.CYCLE_CLOSE]
    with transaction(synced) as session, pytest.raises(CycleRefused, match="sudah ditutup"):
        change_cycle(session, actor=boss, cycle_id=created.id, draft=draft(), now=T0)


@pytest.mark.parametrize("role", [Role.UNIT_ADMIN, Role.PESERTA])
def test_nobody_but_a_super_admin_creates_a_cycle(synced, role):
    with transaction(synced) as session:
        actor = as_actor(add_person(session, role=role), scope_unit_id=office(session, "Dinas Pendidikan"))
    with transaction(synced) as session, pytest.raises(NotAllowed):
        new_cycle(session, actor)
    assert cycles_stored(synced) == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"opens_on": date(2024, 9, 1), "deadline": date(2024, 8, 31)}, "tidak boleh sebelum tanggal siklus dibuka"),
        ({"name": "  "}, "Nama siklus wajib diisi"),
        ({"path": CyclePath.REFRESHER, "refresher_modules": ("tidak-ada",)}, "Modul penyegaran tidak dikenal: tidak-ada"),
        ({"valid_months_after_vote": -1}, "antara 0 dan 120 bulan"),
    ],
)
def test_a_bad_cycle_is_refused_in_indonesian_and_nothing_is_saved(synced, boss, changes, message):
    with transaction(synced) as session, pytest.raises(CycleRefused, match=message):
        new_cycle(session, boss, **changes)
    assert cycles_stored(synced) == 0


def test_one_cycle_is_open_at_a_time_per_cohort(synced, boss):
    with transaction(synced) as session:
        pendidikan, kesehatan = office(session, "Dinas Pendidikan"), office(session, "Dinas Kesehatan")
        first = new_cycle(session, boss, name="Pilkada 2031 Pendidikan", office_ids=(pendidikan,))
        new_cycle(session, boss, name="Pilkada 2031 Kesehatan", office_ids=(kesehatan,))  # another cohort: fine
    for office_ids in ((pendidikan,), ()):  # the same office, or the whole agency (which holds it)
        with transaction(synced) as session, pytest.raises(CycleRefused, match="hanya satu siklus terbuka"):
            new_cycle(session, boss, name="Bertumpuk", office_ids=office_ids)
    with transaction(synced) as session:  # after the period: fine
        later = {"opens_on": date(2025, 1, 1), "deadline": date(2025, 3, 1)}
        new_cycle(session, boss, name="Sesudahnya", office_ids=(pendidikan,), **later)
        close_cycle(session, actor=boss, cycle_id=first.id, now=T0)
        new_cycle(session, boss, name="Pengganti", office_ids=(pendidikan,))  # the first one is closed
    assert cycles_stored(synced) == 4


def test_the_cohort_is_read_when_asked_so_people_who_join_later_are_in(synced, boss):
    with transaction(synced) as session:
        pendidikan = office(session, "Dinas Pendidikan")
        new_cycle(session, boss, office_ids=(pendidikan,), deadline=date(2024, 9, 12), voting_day=date(2029, 2, 14))
        outsider = add_person(session).employee
        outsider.unit_id = office(session, "Dinas Kesehatan")
        later = add_person(session).employee  # joins later, in a unit kerja under the office
        later.unit_id = office(session, "Dinas Pendidikan", "Bidang SD")
    with reading(synced) as session:
        assert current_cycle(session, employee_id=outsider.id, now=T0) is None
        assert current_cycle(session, employee_id=later.id, now=T0) is not None
        dates = cycle_dates(session, employee_id=later.id, now=T0, zone=utcnow().tzinfo)  # type: ignore[arg-type]
    assert dates is not None and (dates.voting_day_text, dates.deadline_text, dates.days_left) == (
        "14 Februari 2029",
        "12 September 2024",
        10,
    )


def test_validity_ends_a_set_number_of_months_after_the_voting_day():
    assert add_months(date(2029, 2, 14), 6) == date(2029, 8, 14)
    assert add_months(date(2031, 8, 31), 6) == date(2032, 2, 29)
