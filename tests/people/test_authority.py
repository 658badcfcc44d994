"""Every per-person action is checked by its service: scope (own perangkat daerah) and rank (lower roles only)."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import timedelta

import pytest

from db import queries, transaction
from db.models import OrgUnit
from netral.certificates import listing, managing
from netral.certificates.settings import CertificateSettings, save_certificate_settings
from netral.content.importing import apply_import as apply_questions
from netral.content.importing import plan_import as plan_questions
from netral.content.interop.model import ParsedFile
from netral.core.enums import FirstLogin, ImportMode, Role
from netral.core.errors import NotAllowed, NotFound, OutOfScope, Refusal
from netral.hr import dashboard, reports
from netral.hr.audit_log import audit_log
from netral.identity.auth import CurrentUser
from netral.learning.pledge import sign_pakta
from netral.learning.rule import set_completion_rule
from netral.people import accounts
from netral.people.roster.importing import plan_import, set_first_login_mode
from netral.people.roster.reading import RosterFile
from netral.people.roster.writing import apply_import
from netral.quizzes.overrides import grant_override
from netral.quizzes.settings import settings_screen, update_quiz_settings
from tests.conftest import T0
from tests.factories import add_person, as_actor, exam_id, module_quiz_id, pass_all_modules, take_quiz


@dataclass
class Offices:
    admin_a: CurrentUser
    other_admin_a: CurrentUser
    boss: CurrentUser
    other_boss: CurrentUser
    peserta_a: CurrentUser
    peserta_b: int
    nip_b: str
    number_b: str


@pytest.fixture
def offices(synced, settings) -> Offices:
    """Dinas A with its admin, a second admin, a peserta and a super admin's own row; Dinas B with a certified peserta."""
    with transaction(synced) as session:
        office_a, office_b = OrgUnit(level="perangkat_daerah", name="Dinas A"), OrgUnit(level="perangkat_daerah", name="Dinas B")
        session.add_all([office_a, office_b])
        session.flush()

        def person(name: str, role: Role, office: OrgUnit, manages: OrgUnit | None = None) -> CurrentUser:
            account = add_person(session, name=name, role=role)
            account.employee.unit_id, account.scope_unit_id = office.id, manages.id if manages else None
            session.flush()
            return as_actor(account, scope_unit_id=account.scope_unit_id)

        found = Offices(
            admin_a=person("Admin A", Role.UNIT_ADMIN, office_a, office_a),
            other_admin_a=person("Admin A Dua", Role.UNIT_ADMIN, office_a, office_a),
            boss=person("Super Satu", Role.SUPER_ADMIN, office_a),
            other_boss=person("Super Dua", Role.SUPER_ADMIN, office_a),
            peserta_a=person("Peserta A", Role.PESERTA, office_a),
            peserta_b=0,
            nip_b="",
            number_b="",
        )
        b = add_person(session, name="Peserta B")
        b.employee.unit_id = office_b.id
        session.flush()
        found.peserta_b, found.nip_b = b.employee_id, b.employee.nip
        pass_all_modules(session, employee_id=b.employee_id, settings=settings)
        take_quiz(session, employee_id=b.employee_id, quiz_id=exam_id(session), settings=settings)
        certificate = sign_pakta(
            session, employee_id=b.employee_id, typed_name="Peserta B", agreed=True, text="Pakta", now=T0, settings=settings
        )
        found.number_b = certificate.number
    return found


def test_an_admin_of_another_perangkat_daerah_is_refused_by_every_per_person_service(synced, settings, offices):
    actor, key_path = offices.admin_a, settings.signing_key_path
    per_person = {
        "reset_password": lambda s: accounts.reset_password(s, actor=actor, employee_id=offices.peserta_b, now=T0),
        "unlock": lambda s: accounts.unlock(s, actor=actor, employee_id=offices.peserta_b, now=T0),
        "grant_override": lambda s: grant_override(
            s,
            actor=actor,
            quiz_id=module_quiz_id(s),
            nip=offices.nip_b,
            extra_minutes=10,
            extra_attempts=None,
            open_at=None,
            close_at=None,
            reason="uji",
            now=T0,
        ),  # fmt: skip
        "revoke": lambda s: managing.revoke(s, actor=actor, number=offices.number_b, reason="uji", now=T0),
        "reissue": lambda s: managing.reissue(s, actor=actor, number=offices.number_b, reason="uji", now=T0, settings=settings),
        "download": lambda s: listing.certificate_pdf_for_hr(s, actor=actor, number=offices.number_b, key_path=key_path),
    }
    for name, call in per_person.items():
        with pytest.raises(OutOfScope), transaction(synced) as session:
            call(session)
            pytest.fail(f"{name} acted outside the admin's perangkat daerah")
    with pytest.raises(NotFound, match="tidak ada di cakupan Anda"), transaction(synced) as session:
        accounts.account_panel(session, actor=actor, nip=offices.nip_b, now=T0)  # as if the NIP did not exist at all
    with transaction(synced) as session:
        archive = listing.zip_certificates(session, actor=actor, numbers=[offices.number_b], key_path=key_path)
        assert zipfile.ZipFile(io.BytesIO(archive)).namelist() == []
        assert listing.list_certificates(session, actor=actor, now=T0) == []
        assert reports.employees_of(session, actor=actor, search="Peserta B")[1] == []
        people = dashboard.people_of(session, actor=actor, agency_name="Uji", now=T0, only_unfinished=False)[1]
        assert "Peserta B" not in {row[1] for row in people}


def test_agency_wide_services_refuse_an_admin_of_one_perangkat_daerah(synced, settings, offices):
    actor = offices.admin_a
    agency_wide = {
        "set_role": lambda s: accounts.set_role(
            s, actor=actor, employee_id=offices.peserta_a.employee_id, role="super_admin", unit_id=None, now=T0
        ),
        "update_quiz_settings": lambda s: update_quiz_settings(
            s,
            actor=actor,
            quiz_id=module_quiz_id(s),
            settings=settings_screen(s, actor=None, quiz_id=module_quiz_id(s)).settings,
            now=T0,
        ),
        "settings_screen": lambda s: settings_screen(s, actor=actor, quiz_id=module_quiz_id(s)),
        "set_completion_rule": lambda s: set_completion_rule(s, actor=actor, rule={"modules": True}, now=T0),
        "save_certificate_settings": lambda s: save_certificate_settings(
            s, actor=actor, settings=CertificateSettings(issuer="Uji"), logo=None, now=T0
        ),
        "set_deadline": lambda s: dashboard.set_deadline(s, actor=actor, day=None, now=T0),
        "plan_roster": lambda s: plan_import(s, RosterFile((), (), 0), actor=actor, full_sync=False, agency_name="Uji"),
        "apply_roster": lambda s: apply_import(
            s, RosterFile((), (), 0), actor=actor, full_sync=False, mode=ImportMode.VALID_ONLY, agency_name="Uji", now=T0
        ),
        "first_login": lambda s: set_first_login_mode(s, actor=actor, mode=FirstLogin.BIRTH_DATE, now=T0),
        "import_questions": lambda s: apply_questions(
            s, plan_questions(s, ParsedFile(), registry=None, file_label="x"), actor=actor, registry=None, now=T0, file_label="x"
        ),
        "audit_log": lambda s: audit_log(s, actor=actor, zone=settings.zone),
    }
    for name, call in agency_wide.items():
        with pytest.raises(NotAllowed), transaction(synced) as session:
            call(session)
            pytest.fail(f"{name} let an admin of one perangkat daerah act for the whole agency")


RANK_PAIRS = [
    ("admin_a", "peserta_a", True),
    ("admin_a", "other_admin_a", False),  # same rank
    ("admin_a", "boss", False),  # higher rank, even with the employee row inside the admin's perangkat daerah
    ("admin_a", "admin_a", False),  # oneself
    ("boss", "peserta_a", True),
    ("boss", "admin_a", True),
    ("boss", "other_boss", True),  # a super admin's account is touched by another super admin only
    ("boss", "boss", False),  # oneself
    ("peserta_a", "peserta_a", False),
    ("peserta_a", "admin_a", False),
]


def _per_person_writes(session, settings, actor: CurrentUser, target: CurrentUser, number: str) -> dict:
    """Every service that changes one person's account or records, aimed at `target`."""
    return {
        "reset_password": lambda: accounts.reset_password(session, actor=actor, employee_id=target.employee_id, now=T0),
        "unlock": lambda: accounts.unlock(session, actor=actor, employee_id=target.employee_id, now=T0),
        "grant_override": lambda: grant_override(
            session,
            actor=actor,
            quiz_id=exam_id(session),
            nip=target.nip,
            extra_minutes=10,
            extra_attempts=2,
            open_at=None,
            close_at=None,
            reason="uji",
            now=T0,
        ),  # fmt: skip
        "reissue": lambda: managing.reissue(session, actor=actor, number=number, reason="uji", now=T0, settings=settings),
        "revoke": lambda: managing.revoke(session, actor=actor, number=number, reason="uji", now=T0),
    }


def _certify(session, settings, person: CurrentUser) -> str:
    pass_all_modules(session, employee_id=person.employee_id, settings=settings)
    take_quiz(session, employee_id=person.employee_id, quiz_id=exam_id(session), settings=settings)
    return sign_pakta(
        session, employee_id=person.employee_id, typed_name=person.name, agreed=True, text="Pakta", now=T0, settings=settings
    ).number


@pytest.mark.parametrize(("actor", "target", "allowed"), RANK_PAIRS)
def test_every_per_person_write_follows_rank_for_every_pair_of_roles(synced, settings, offices, actor, target, allowed):
    acting: CurrentUser = getattr(offices, actor)
    aimed: CurrentUser = getattr(offices, target)
    with transaction(synced) as session:
        number = _certify(session, settings, aimed)
    for name in _per_person_writes(None, settings, acting, aimed, number):
        with transaction(synced) as session:
            call = _per_person_writes(session, settings, acting, aimed, number)[name]
            if allowed:
                done = call()
                number = done.number if name == "reissue" else number  # revoke then acts on the new certificate
            else:
                with pytest.raises(NotAllowed):
                    call()
                    pytest.fail(f"{name}: {actor} acted on {target}")


@pytest.mark.parametrize(("actor", "target", "allowed"), RANK_PAIRS)
def test_only_another_super_admin_changes_a_role(synced, offices, actor, target, allowed):
    acting: CurrentUser = getattr(offices, actor)
    aimed: CurrentUser = getattr(offices, target)
    may = allowed and acting.role is Role.SUPER_ADMIN  # admins of one perangkat daerah never change roles
    with transaction(synced) as session:
        change = lambda: accounts.set_role(  # noqa: E731
            session, actor=acting, employee_id=aimed.employee_id, role="peserta", unit_id=None, now=T0
        )
        if may:
            change()
        else:
            with pytest.raises(NotAllowed):
                change()


def test_two_super_admins_demoting_each_other_at_once_leave_one(synced, offices):
    """The last super admin is never demoted, even by a race: one demotion waits for the other, then is refused."""
    import threading

    results: dict[str, str] = {}
    barrier = threading.Barrier(2)

    def demote(name: str, actor: CurrentUser, target: CurrentUser) -> None:
        barrier.wait()
        try:
            with transaction(synced) as session:
                accounts.set_role(session, actor=actor, employee_id=target.employee_id, role="peserta", unit_id=None, now=T0)
            results[name] = "demoted"
        except Refusal as refusal:
            results[name] = refusal.message

    # Only two super admins exist in this database (the fixture's own).
    with transaction(synced) as session:
        assert queries.super_admin_count(session) == 2
    threads = [
        threading.Thread(target=demote, args=("one", offices.boss, offices.other_boss)),
        threading.Thread(target=demote, args=("two", offices.other_boss, offices.boss)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert list(results.values()).count("demoted") == 1, results
    with transaction(synced) as session:
        assert queries.super_admin_count(session) == 1


def test_a_demoted_super_admin_with_an_open_tab_promotes_nobody(synced, offices):
    with transaction(synced) as session:  # now an admin of Dinas A, where peserta_a works
        accounts.set_role(
            session,
            actor=offices.other_boss,
            employee_id=offices.boss.employee_id,
            role=Role.UNIT_ADMIN,
            unit_id=offices.admin_a.scope_unit_id,
            now=T0,
        )
    with pytest.raises(NotAllowed), transaction(synced) as session:  # offices.boss still says super admin
        accounts.set_role(
            session, actor=offices.boss, employee_id=offices.peserta_a.employee_id, role="super_admin", unit_id=None, now=T0
        )


def test_a_super_admin_changes_roles_but_never_their_own(synced, offices):
    with transaction(synced) as session:
        accounts.set_role(
            session, actor=offices.boss, employee_id=offices.other_boss.employee_id, role="peserta", unit_id=None, now=T0
        )
        with pytest.raises(NotAllowed):
            accounts.set_role(
                session, actor=offices.boss, employee_id=offices.boss.employee_id, role="peserta", unit_id=None, now=T0
            )


def test_a_demoted_admin_loses_their_powers_at_once_in_an_open_tab(synced, offices):
    with transaction(synced) as session:
        accounts.set_role(
            session, actor=offices.boss, employee_id=offices.admin_a.employee_id, role="peserta", unit_id=None, now=T0
        )
    with pytest.raises(Refusal), transaction(synced) as session:  # admin_a still holds the CurrentUser of a page run
        accounts.reset_password(
            session, actor=offices.admin_a, employee_id=offices.peserta_a.employee_id, now=T0 + timedelta(seconds=1)
        )
