"""The HR workspace on both databases: completion per unit, scope of an admin perangkat daerah, misconceptions, audit, exports."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from db import reading, transaction
from db.models import CategoryTally, Certificate, Employee, OrgUnit
from netral.certificates import listing, managing
from netral.core.audit import audit_table
from netral.core.enums import Role
from netral.core.errors import NotAllowed
from netral.core.exports import to_xlsx
from netral.hr import completion, dashboard, misconceptions
from netral.identity import auth, login
from netral.learning.rule import set_completion_rule
from netral.learning.tallies import recount_in_steps, recount_tallies
from netral.people import accounts
from netral.people.scope import WHOLE_AGENCY, OutOfScope, scope_of, unit_scope
from tests.conftest import T0
from tests.factories import add_person, as_actor, module_quiz_id, pass_all_modules, take_quiz

AGENCY = "Pemerintah Kabupaten Uji"
ZONE = ZoneInfo("Asia/Jakarta")


@dataclass
class Agency:
    engine: object
    settings: object
    office_a: int
    office_b: int
    people: dict[str, int]
    unit_admin: auth.CurrentUser
    super_admin_account: int
    super_admin: auth.CurrentUser


@pytest.fixture
def agency(synced, settings) -> Agency:
    """Two perangkat daerah; in A one finished, one started, one idle and one who left; in B one finished, one idle."""
    with transaction(synced) as session:
        set_completion_rule(session, actor=None, rule={"modules": True, "exam": False, "pakta": False}, now=T0)
        root = OrgUnit(level="instansi", name=AGENCY)
        session.add(root)
        session.flush()
        office_a, office_b = (
            OrgUnit(level="perangkat_daerah", name="Dinas A", parent_id=root.id),
            OrgUnit(level="perangkat_daerah", name="Dinas B", parent_id=root.id),
        )
        session.add_all([office_a, office_b])
        session.flush()
        unit_a, unit_b = (
            OrgUnit(level="unit_kerja", name="Bidang A1", parent_id=office_a.id),
            OrgUnit(level="unit_kerja", name="Bidang B1", parent_id=office_b.id),
        )
        session.add_all([unit_a, unit_b])
        session.flush()
        people = {}
        for name, unit in [
            ("a_done", unit_a),
            ("a_started", unit_a),
            ("a_idle", unit_a),
            ("a_left", unit_a),
            ("b_done", unit_b),
            ("b_idle", unit_b),
        ]:
            account = add_person(session, name=name)
            account.employee.unit_id = unit.id
            people[name] = account.employee_id
        session.flush()
        for name, day in (("a_done", 0), ("b_done", 2)):
            pass_all_modules(session, employee_id=people[name], settings=settings, now=T0 + timedelta(days=day))
        take_quiz(session, employee_id=people["a_started"], quiz_id=module_quiz_id(session), settings=settings, right=False)
        take_quiz(session, employee_id=people["a_started"], quiz_id=module_quiz_id(session), settings=settings, right=True)
        session.get(Employee, people["a_left"]).active = False
        admin_pd = add_person(session, name="Admin Dinas A", role=Role.UNIT_ADMIN)
        admin_pd.scope_unit_id = office_a.id
        admin_pd.employee.unit_id = unit_a.id
        boss = add_person(session, name="Super Admin", role=Role.SUPER_ADMIN)
        unit_admin = as_actor(admin_pd, scope_unit_id=office_a.id)
        return Agency(synced, settings, office_a.id, office_b.id, people, unit_admin, boss.id, as_actor(boss))


def test_completion_per_unit_counts_active_people_by_progress(agency):
    with reading(agency.engine) as session:
        units = completion.completion_by_unit(session, WHOLE_AGENCY, agency_name=AGENCY, now=T0)
    by_unit = {(u.office, u.unit): (u.total, u.not_started, u.in_progress, u.completed) for u in units}
    # Dinas A: done, started, idle, the admin (idle); the leaver is not counted. Super admin has no unit.
    assert by_unit[("Dinas A", "Bidang A1")] == (4, 2, 1, 1)
    assert by_unit[("Dinas B", "Bidang B1")] == (2, 1, 0, 1)
    offices = {o.office: o.percent for o in completion.completion_by_office(units)}
    assert offices["Dinas A"] == 25.0 and offices["Dinas B"] == 50.0
    total = completion.completion_total(units, AGENCY)
    assert (total.total, total.completed) == (7, 2)


def test_a_revoked_certificate_no_longer_counts_as_completed(agency):
    with transaction(agency.engine) as session:
        number = listing.list_certificates(session, actor=None, now=T0, search="b_done")[0].number
        managing.revoke(session, actor=None, number=number, reason="data salah", now=T0)
    with reading(agency.engine) as session:
        units = completion.completion_by_unit(session, WHOLE_AGENCY, agency_name=AGENCY, now=T0)
    assert next(u for u in units if u.office == "Dinas B").completed == 0


def test_the_trend_is_cumulative_per_local_day_up_to_today(agency):
    with reading(agency.engine) as session:
        trend = completion.completion_trend(session, WHOLE_AGENCY, zone=ZONE, today=T0.date() + timedelta(days=3), now=T0)
    start = T0.astimezone(ZONE).date()
    assert trend == [(start, 1), (start + timedelta(days=1), 1), (start + timedelta(days=2), 2), (start + timedelta(days=3), 2)]


def test_an_admin_of_one_perangkat_daerah_sees_and_acts_only_on_its_people(agency):
    with reading(agency.engine) as session:
        scope = scope_of(session, agency.unit_admin)
        units = completion.completion_by_unit(session, scope, agency_name=AGENCY, now=T0)
        _header, people = dashboard.people_of(session, actor=agency.unit_admin, agency_name=AGENCY, now=T0, only_unfinished=False)
        _header, unfinished = dashboard.people_of(
            session, actor=agency.unit_admin, agency_name=AGENCY, now=T0, only_unfinished=True
        )
        listed = listing.list_certificates(session, actor=agency.unit_admin, now=T0)
        b_number = listing.list_certificates(session, actor=None, now=T0, search="b_done")[0].number
        with pytest.raises(OutOfScope):
            managing.certificate_to_act_on(session, agency.unit_admin, b_number)
        outside = dashboard.people_of(
            session, actor=agency.unit_admin, agency_name=AGENCY, now=T0, only_unfinished=False, unit_id=agency.office_b
        )
    assert {u.office for u in units} == {"Dinas A"}
    assert {row[1] for row in people} == {"a_done", "a_started", "a_idle", "Admin Dinas A"}
    assert {row[1]: row[5] for row in unfinished} == {
        "a_started": "sedang berjalan",
        "a_idle": "belum mulai",
        "Admin Dinas A": "belum mulai",
    }
    assert [c.name for c in listed] == ["a_done"]
    assert outside[1] == []  # asking for another office's unit by id returns nobody
    with transaction(agency.engine) as session:
        with pytest.raises(OutOfScope):
            accounts.reset_password(session, actor=agency.unit_admin, employee_id=agency.people["b_idle"], now=T0)
        with pytest.raises(NotAllowed):
            accounts.set_role(
                session, actor=agency.unit_admin, employee_id=agency.people["a_idle"], role=Role.SUPER_ADMIN, unit_id=None, now=T0
            )
        assert accounts.reset_password(session, actor=agency.unit_admin, employee_id=agency.people["a_idle"], now=T0)


def test_an_admin_without_a_unit_sees_nothing_rather_than_everything(agency):
    orphan = auth.CurrentUser(1, 1, 0, "x", "x", Role.UNIT_ADMIN, False, None)
    with reading(agency.engine) as session:
        scope = scope_of(session, orphan)
        assert completion.completion_by_unit(session, scope, agency_name=AGENCY, now=T0) == []


def test_reset_and_unlock_are_audited_and_the_reset_password_forces_a_change(agency):
    nip = None
    with transaction(agency.engine) as session:
        employee = session.get(Employee, agency.people["b_idle"])
        nip = employee.nip
        for _ in range(login.MAX_FAILED_LOGINS):
            login.log_in(session, nip=nip, password="salah sekali", now=T0, secret="s" * 32, session_hours=1, client="192.0.2.10")
    with transaction(agency.engine) as session:
        accounts.unlock(session, actor=agency.super_admin, employee_id=agency.people["b_idle"], now=T0)
        password = accounts.reset_password(session, actor=agency.super_admin, employee_id=agency.people["b_idle"], now=T0)
    with transaction(agency.engine) as session:
        signed_in = login.log_in(  # from the employee's own computer, not the one that failed five times
            session, nip=nip, password=password, now=T0, secret="s" * 32, session_hours=1, client="192.0.2.44"
        )
        assert signed_in.user is not None and signed_in.user.must_change_password
        header, rows = audit_table(session, zone=ZONE)
    assert [row[3] for row in rows[:2]] == ["Mengatur ulang kata sandi", "Membuka kunci akun"]
    assert rows[0][2] == "Super Admin" and rows[0][4] == nip and header[0] == "Waktu"


def test_a_recount_unit_by_unit_repairs_wrong_and_stale_tallies(agency):
    def tallies():
        with reading(agency.engine) as session:
            return {(t.unit_key, t.category): (t.answered, t.wrong) for t in session.scalars(select(CategoryTally))}

    right = tallies()
    with transaction(agency.engine) as session:
        session.add(CategoryTally(unit_key=987654, category="kampanye", answered=9, wrong=9))  # a unit long gone
        first = session.scalars(select(CategoryTally)).first()
        first.wrong += 3
    assert tallies() != right
    assert recount_in_steps(agency.engine) == len(right)
    assert tallies() == right


def test_misconception_tallies_count_first_attempts_only_and_match_a_recount(agency):
    with reading(agency.engine) as session:
        tallies = {(t.unit_key, t.category): (t.answered, t.wrong) for t in session.scalars(select(CategoryTally))}
    with transaction(agency.engine) as session:
        recount_tallies(session)
    with reading(agency.engine) as session:
        recounted = {(t.unit_key, t.category): (t.answered, t.wrong) for t in session.scalars(select(CategoryTally))}
        scope = unit_scope(session, agency.office_a)
        risk = misconceptions.misconception_map(session, scope, agency_name=AGENCY, labels={}, by_unit=True)
        whole = misconceptions.misconception_map(session, WHOLE_AGENCY, agency_name=AGENCY, labels={}, by_unit=False)
    assert tallies == recounted and tallies
    # a_started's wrong first attempt counts; his right second attempt does not.
    a_rows = dict(risk.rows)
    assert list(a_rows) == ["Dinas A / Bidang A1"]
    cells = a_rows["Dinas A / Bidang A1"]
    assert sum(c.wrong for c in cells.values()) >= 5 and sum(c.answered for c in cells.values()) > sum(
        c.wrong for c in cells.values()
    )
    assert {name for name, _ in whole.rows} == {"Dinas A", "Dinas B"}


def test_xlsx_exports_keep_formulas_as_text_and_numbers_as_numbers():
    data = to_xlsx(["Nama", "Nilai"], [['=HYPERLINK("http://x")', 87.5], ["@SUM(A1)", 3]])
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet["A2"].value == '\'=HYPERLINK("http://x")' and sheet["A2"].data_type == "s"
    assert sheet["A3"].value == "'@SUM(A1)" and sheet["B2"].value == 87.5 and sheet["B3"].value == 3


def test_the_deadline_is_stored_audited_and_counted_down(agency):
    with transaction(agency.engine) as session:
        dashboard.set_deadline(session, actor=agency.super_admin, day=date(2024, 9, 1), now=T0)
    with reading(agency.engine) as session:
        assert dashboard.deadline(session) == date(2024, 9, 1)
        assert audit_table(session, zone=ZONE)[1][0][3] == "Mengubah tenggat penyelesaian"
    assert dashboard.days_left(date(2024, 9, 1), date(2024, 8, 25)) == 7


def test_hr_filters_certificates_by_unit_only_within_its_scope(agency):
    from netral.people.scope import narrow, unit_choices

    with reading(agency.engine) as session:
        scope = scope_of(session, agency.unit_admin)
        assert set(unit_choices(session, scope).values()) == {"Dinas A", "Dinas A / Bidang A1"}
        assert set(unit_choices(session, WHOLE_AGENCY).values()) >= {"Dinas B", "Dinas B / Bidang B1"}
        listed = listing.list_certificates(session, actor=agency.super_admin, now=T0, unit_id=agency.office_b)
        foreign = narrow(session, scope, agency.office_b)  # an admin of A asking for B's unit gets nothing
    assert [c.name for c in listed] == ["b_done"]
    assert foreign.unit_ids == frozenset()


def test_an_expired_certificate_is_not_selesai_on_the_dashboard(agency):
    """The agency recertifies before each election: once a certificate's validity ends, its holder counts as unfinished."""
    with transaction(agency.engine) as session:
        certificate = session.scalars(select(Certificate).join(Employee).where(Employee.id == agency.people["a_done"])).one()
        certificate.valid_until = T0 + timedelta(days=1)
    with reading(agency.engine) as session:
        before = completion.completion_by_unit(session, WHOLE_AGENCY, agency_name=AGENCY, now=T0)
        after = completion.completion_by_unit(session, WHOLE_AGENCY, agency_name=AGENCY, now=T0 + timedelta(days=2))
        _header, unfinished = dashboard.people_of(
            session, actor=None, agency_name=AGENCY, now=T0 + timedelta(days=2), only_unfinished=True
        )
        trend = completion.completion_trend(
            session, WHOLE_AGENCY, zone=ZONE, today=T0.date() + timedelta(days=3), now=T0 + timedelta(days=2)
        )
    a_before = next(u for u in before if u.office == "Dinas A")
    a_after = next(u for u in after if u.office == "Dinas A")
    assert (a_before.completed, a_before.in_progress) == (1, 1)
    assert (a_after.completed, a_after.in_progress) == (0, 2)  # still started, no longer holding a valid certificate
    assert {row[1]: row[5] for row in unfinished}["a_done"] == "sedang berjalan"
    assert trend[-1][1] == completion.completion_total(after, AGENCY).completed == 1  # the trend ends where the total is
