"""Progress, attempts, the pakta and certificates belong to a cycle; a refresher asks the exam and the chosen modules."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from db import reading, transaction
from db.models import Attempt, Certificate, Pledge
from netral.certificates.listing import certificates_of_employee
from netral.core.cycle_enums import CyclePath
from netral.core.enums import Role
from netral.cycles.managing import close_cycle
from netral.learning.path import learning_path
from netral.learning.pledge import sign_pakta
from tests.certificates.test_certificates import needs_poppler, pdf_text
from tests.cycles.helpers import new_cycle
from tests.factories import add_person, as_actor, exam_id, module_quiz_id, pass_all_modules, take_quiz
from tests.learning.test_completion import TEXT, sign

FIRST_DAY = datetime(2024, 8, 5, 8, 0, tzinfo=UTC)
SECOND_DAY = datetime(2024, 9, 2, 8, 0, tzinfo=UTC)


@pytest.fixture
def people(synced):
    with transaction(synced) as session:
        boss = as_actor(add_person(session, name="Siti Super", role=Role.SUPER_ADMIN))
        peserta = add_person(session, name="Dr. H. Moch. Zaenuri, S.H., M.H.").employee_id
    return boss, peserta


def certify(engine, employee_id, settings, now):
    with transaction(engine) as session:
        pass_all_modules(session, employee_id=employee_id, settings=settings, now=now)
        take_quiz(session, employee_id=employee_id, quiz_id=exam_id(session), settings=settings, now=now)
    with reading(engine) as session:
        signed = learning_path(session, employee_id=employee_id, now=now).pakta_signed_at
    if signed is None:
        with transaction(engine) as session:
            typed = "dr h moch zaenuri sh mh"
            sign_pakta(session, employee_id=employee_id, typed_name=typed, agreed=True, text=TEXT, now=now, settings=settings)


@needs_poppler
def test_a_certificate_names_its_cycle_and_ends_months_after_the_voting_day(synced, people, settings, tmp_path):
    boss, peserta = people
    with transaction(synced) as session:
        cycle = new_cycle(
            session, boss, name="Pemilu 2029", opens_on=date(2024, 8, 1), voting_day=date(2029, 2, 14), valid_months_after_vote=6
        )
    certify(synced, peserta, settings, FIRST_DAY)
    with reading(synced) as session:
        certificate = session.scalars(select(Certificate)).one()
        attempts = session.scalars(select(Attempt.cycle_id)).all()
    assert certificate.cycle_id == cycle.id and set(attempts) == {cycle.id}
    assert certificate.data["cycle"] == "Pemilu 2029" and certificate.pdf is not None
    assert "pada Pemilu 2029" in " ".join(pdf_text(certificate.pdf, tmp_path).split())
    assert certificate.valid_until is not None and certificate.valid_until.astimezone(settings.zone).date() == date(2029, 8, 14)


def test_a_new_full_cycle_asks_everything_again_and_the_old_certificate_stays_as_history(synced, people, settings):
    boss, peserta = people
    with transaction(synced) as session:
        first = new_cycle(session, boss, name="Pemilu 2029", opens_on=date(2024, 8, 1), deadline=date(2024, 8, 31))
    certify(synced, peserta, settings, FIRST_DAY)
    with transaction(synced) as session:
        close_cycle(session, actor=boss, cycle_id=first.id, now=SECOND_DAY)
        second = new_cycle(session, boss, name="Pemilu Daerah 2031", opens_on=date(2024, 9, 1))
    with reading(synced) as session:
        path = learning_path(session, employee_id=peserta, now=SECOND_DAY)
    assert path.cycle_id == second.id and not path.refresher
    assert path.modules_passed == 0 and path.certificate_number is None and not path.complete
    certify(synced, peserta, settings, SECOND_DAY + timedelta(minutes=5))
    with reading(synced) as session:
        cycles = session.scalars(select(Certificate.cycle_id).order_by(Certificate.id)).all()
    assert cycles == [first.id, second.id]
    with reading(synced) as session:
        listed = certificates_of_employee(session, employee_id=peserta, now=SECOND_DAY + timedelta(hours=1))
    assert [c.completed.rsplit(" · ", 1)[-1] for c in listed] == ["Pemilu Daerah 2031", "Pemilu 2029"]  # history stays


def test_a_refresher_asks_those_certified_before_only_the_exam_and_the_chosen_modules(synced, people, settings):
    boss, peserta = people
    with transaction(synced) as session:
        newcomer = add_person(session, name="Ani Baru").employee_id
        first = new_cycle(session, boss, name="Pemilu 2029", opens_on=date(2024, 8, 1), deadline=date(2024, 8, 31))
    certify(synced, peserta, settings, FIRST_DAY)
    with transaction(synced) as session:
        close_cycle(session, actor=boss, cycle_id=first.id, now=SECOND_DAY)
        second = new_cycle(
            session, boss, name="Pilkada 2031", opens_on=date(2024, 9, 1), path=CyclePath.REFRESHER, refresher_modules=("lanjut",)
        )
    with reading(synced) as session:
        refresher = learning_path(session, employee_id=peserta, now=SECOND_DAY)
        full = learning_path(session, employee_id=newcomer, now=SECOND_DAY)
    assert refresher.refresher and [m.quiz_key for m in refresher.modules] == [module_quiz_key(synced, "lanjut")]
    assert not full.refresher and len(full.modules) == 2
    later = SECOND_DAY + timedelta(minutes=5)
    with transaction(synced) as session:
        take_quiz(session, employee_id=peserta, quiz_id=module_quiz_id(session, "lanjut"), settings=settings, now=later)
        take_quiz(session, employee_id=peserta, quiz_id=exam_id(session), settings=settings, now=later)
    with reading(synced) as session:
        waiting = learning_path(session, employee_id=peserta, now=later)
        assert session.scalars(select(Certificate.cycle_id)).all() == [first.id]
    assert waiting.learning_done and waiting.pakta_signed_at is None  # each cycle asks for the pakta again
    sign(synced, peserta, settings)
    with reading(synced) as session:
        newest = session.scalars(select(Certificate).order_by(Certificate.id.desc())).first()
        pledges = session.scalars(select(Pledge.cycle_id).order_by(Pledge.id)).all()
    assert pledges == [first.id, second.id]
    assert newest is not None and newest.cycle_id == second.id and newest.data["cycle"] == "Pilkada 2031"
    assert newest.data["completed"].startswith("Penyegaran Netralitas ASN (1 modul dan ujian")


def module_quiz_key(engine, module_key):
    with reading(engine) as session:
        from db.models import Quiz

        quiz = session.get(Quiz, module_quiz_id(session, module_key))
        return quiz.key if quiz else None
