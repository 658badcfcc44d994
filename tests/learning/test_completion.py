"""The learning path: modules → exam → pakta → one certificate; the agency's rule decides."""

import pytest
from sqlalchemy import func, select

from db import reading, transaction
from db.models import Certificate, Pledge, Quiz
from netral.content.pakta import pakta_text
from netral.core.enums import QuizStatus
from netral.learning.path import ExamLocked, learning_path
from netral.learning.pledge import PaktaRefused, sign_pakta
from netral.learning.rule import set_completion_rule
from tests.conftest import FIXTURE_BANK, T0
from tests.factories import add_person, as_actor, exam_id, module_quiz_id, pass_all_modules, take_quiz

TEXT = pakta_text(FIXTURE_BANK)


@pytest.fixture
def person(synced):
    with transaction(synced) as session:
        return add_person(session, name="Dr. H. Moch. Zaenuri, S.H., M.H.").employee_id


def path(engine, employee_id):
    with reading(engine) as session:
        return learning_path(session, employee_id=employee_id)


def sign(engine, employee_id, settings, typed="dr h moch zaenuri sh mh", agreed=True):
    with transaction(engine) as session:
        return sign_pakta(session, employee_id=employee_id, typed_name=typed, agreed=agreed, text=TEXT, now=T0, settings=settings)


def certificates(engine):
    with reading(engine) as session:
        return session.scalars(select(Certificate)).all()


def test_the_exam_stays_locked_until_every_module_is_passed(synced, person, settings):
    with transaction(synced) as session:
        take_quiz(session, employee_id=person, quiz_id=module_quiz_id(session, "dasar"), settings=settings)
        with pytest.raises(ExamLocked, match="1 dari 2 sudah lulus"):
            take_quiz(session, employee_id=person, quiz_id=exam_id(session), settings=settings)
    assert not path(synced, person).exam_unlocked


def test_the_whole_path_ends_in_exactly_one_certificate(synced, person, settings):
    with transaction(synced) as session:
        pass_all_modules(session, employee_id=person, settings=settings)
        exam = take_quiz(session, employee_id=person, quiz_id=exam_id(session), settings=settings)
    assert exam.passed and exam.max_points == 7  # the exam drew every question of both modules
    before = path(synced, person)
    assert before.learning_done and not before.complete and before.certificate_number is None
    with pytest.raises(PaktaRefused, match="Centang"):
        sign(synced, person, settings, agreed=False)
    with pytest.raises(PaktaRefused, match="nama Anda yang terdaftar"):
        sign(synced, person, settings, typed="Zaenuri")
    certificate = sign(synced, person, settings)
    assert certificate is not None
    again = sign(synced, person, settings)
    assert again.number == certificate.number and len(certificates(synced)) == 1
    issued = certificates(synced)[0]
    assert issued.data["jp"] == 2 + 3 + 1 and issued.data["completed"].endswith("(2 modul dan ujian sertifikasi)")
    with reading(synced) as session:
        assert session.scalar(select(Pledge.text_sha256)) is not None
    assert path(synced, person).complete


def test_the_pakta_cannot_be_signed_before_the_learning_is_done(synced, person, settings):
    with pytest.raises(PaktaRefused, match="setelah Anda menyelesaikan"):
        sign(synced, person, settings)


def test_without_the_pakta_rule_the_exam_pass_issues_the_certificate(synced, person, settings):
    with transaction(synced) as session:
        admin = as_actor(add_person(session, name="Admin", role="super_admin"))
        set_completion_rule(session, actor=admin, rule={"modules": True, "exam": True, "pakta": False}, now=T0)
        pass_all_modules(session, employee_id=person, settings=settings)
        assert not certificates(synced)
        take_quiz(session, employee_id=person, quiz_id=exam_id(session), settings=settings)
    assert len(certificates(synced)) == 1


def test_grading_by_last_attempt_can_undo_a_module_pass(synced, person, settings):
    with transaction(synced) as session:
        quiz_id = module_quiz_id(session, "dasar")
        session.get(Quiz, quiz_id).grading = "terakhir"
        take_quiz(session, employee_id=person, quiz_id=quiz_id, settings=settings, right=True)
        take_quiz(session, employee_id=person, quiz_id=quiz_id, settings=settings, right=False)
    assert path(synced, person).modules[0].status == QuizStatus.FAILED


def test_learning_hours_add_up_modules_and_exam(synced, person):
    assert path(synced, person).jp_total == 6


def test_an_issued_certificate_is_never_issued_twice_even_after_retakes(synced, person, settings):
    with transaction(synced) as session:
        admin = as_actor(add_person(session, name="Admin", role="super_admin"))
        set_completion_rule(session, actor=admin, rule={"modules": True, "exam": False, "pakta": False}, now=T0)
        pass_all_modules(session, employee_id=person, settings=settings)
        pass_all_modules(session, employee_id=person, settings=settings)
    with reading(synced) as session:
        assert session.scalar(select(func.count()).select_from(Certificate)) == 1
