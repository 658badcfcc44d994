import dataclasses
from datetime import timedelta

import pytest
from sqlalchemy import select

from db import reading, transaction
from db.models import AuditEvent, Quiz
from netral.core.errors import Refusal
from netral.quizzes.overrides import grant_override
from netral.quizzes.settings import QuizSettings, SettingsRefused, update_quiz_settings
from tests.conftest import T0
from tests.factories import add_person, as_actor, module_quiz_id


@pytest.fixture
def admin(synced):
    with transaction(synced) as session:
        return as_actor(add_person(session, name="Admin", role="super_admin"))


def current(engine):
    with reading(engine) as session:
        quiz = session.get(Quiz, module_quiz_id(session))
        return quiz.id, QuizSettings.of(quiz)


def save(engine, quiz_id, settings, admin):
    with transaction(engine) as session:
        update_quiz_settings(session, actor=admin, quiz_id=quiz_id, settings=settings, now=T0)


def test_settings_are_saved_and_the_change_is_audited_with_before_and_after(synced, admin):
    quiz_id, settings = current(synced)
    save(synced, quiz_id, dataclasses.replace(settings, pass_mark=70, time_limit_minutes=20), admin)
    with reading(synced) as session:
        quiz = session.get(Quiz, quiz_id)
        assert (quiz.pass_mark, quiz.time_limit_minutes) == (70, 20)
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "quiz.settings")).one()
        assert (
            event.details == {"pass_mark": [80, 70], "time_limit_minutes": [None, 20]}
            and event.actor_account_id == admin.account_id
        )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"pass_mark": 0}, "batas lulus"),
        ({"time_limit_minutes": -5}, "batas waktu"),
        ({"question_count": 0}, "jumlah soal"),
        ({"open_at": T0 + timedelta(hours=2), "close_at": T0}, "waktu buka harus sebelum"),
        ({"review_when": "setelah_tutup"}, "memerlukan waktu tutup"),
        ({"grading": "rata-rata"}, "tidak dikenal"),
    ],
)
def test_impossible_settings_are_refused_with_the_reason_and_nothing_changes(synced, admin, change, message):
    quiz_id, settings = current(synced)
    with pytest.raises(SettingsRefused, match=message):
        save(synced, quiz_id, dataclasses.replace(settings, **change), admin)
    assert current(synced)[1] == settings


def test_an_override_needs_a_known_nip_a_reason_and_something_to_grant(synced, admin):
    quiz_id, _settings = current(synced)
    with transaction(synced) as session:
        nip = add_person(session, name="Peserta").employee.nip
    base = {
        "quiz_id": quiz_id,
        "extra_minutes": 10,
        "extra_attempts": None,
        "open_at": None,
        "close_at": None,
        "actor": admin,
        "now": T0,
    }
    for nip_value, reason, extra, message in (
        ("199901012020011999", "x", 10, "tidak ditemukan"),
        (nip, " ", 10, "Alasan wajib"),
        (nip, "x", None, "minimal satu"),
    ):
        with transaction(synced) as session, pytest.raises(Refusal, match=message):
            grant_override(session, **{**base, "nip": nip_value, "reason": reason, "extra_minutes": extra})
    with transaction(synced) as session:
        override = grant_override(session, **{**base, "nip": nip, "reason": "Pembaca layar"})
    assert override.created_by_account_id == admin.account_id and override.created_at == T0
