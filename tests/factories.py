"""Test data builders: plain functions with defaults."""

from __future__ import annotations

import itertools
import random
from datetime import datetime

from sqlalchemy.orm import Session

from db import queries
from db.models import Account, Attempt
from netral.core.enums import Role
from netral.core.settings import Settings
from netral.identity.auth import CurrentUser
from netral.learning.starting import start_quiz
from netral.people.accounts import add_employee, open_account
from netral.quizzes import attempts
from tests.conftest import T0

PASSWORD = "Rahasia#Uji2024"
_serials = itertools.count(1)


def next_nip(*, pppk: bool = False) -> str:
    """A valid NIP unique in the whole test run (born 1980-01-15, appointed from 2005, or a PPPK number).

    Serial 001-999 within an appointment month, then the next month: 999 serials alone wrapped around in a full
    run and collided with people already in a session-wide database."""
    number = next(_serials)
    serial, month = number % 999 + 1, number // 999
    year = 2021 if pppk else 2005 + month // 12
    return f"19800115{year}{month % 12 + 1:02d}1{serial:03d}"


def add_person(
    session: Session,
    *,
    nip: str | None = None,
    name: str = "Budi Santoso",
    role: Role = Role.PESERTA,
    password: str = PASSWORD,
    must_change: bool = False,
    now: datetime = T0,
) -> Account:
    """Add an employee with an account."""
    employee = add_employee(session, nip=nip or next_nip(), name=name, jabatan="Analis", now=now)
    return open_account(session, employee=employee, role=role, password=password, must_change=must_change, now=now)


def as_actor(account: Account, *, scope_unit_id: int | None = None) -> CurrentUser:
    """The logged-in user an account would be, for services that take the acting account."""
    employee = account.employee
    return CurrentUser(account.id, employee.id, 0, employee.nip, employee.name, Role(account.role), False, scope_unit_id)


def module_quiz_id(session: Session, module_key: str = "dasar") -> int:
    """The quiz id of a fixture module."""
    module = queries.module_by_key(session, module_key)
    assert module is not None
    quiz = queries.quiz_for_module(session, module.id)
    assert quiz is not None
    return quiz.id


def answer_all(session: Session, *, attempt_id: int, employee_id: int, right: bool, now: datetime = T0) -> None:
    """Answer every question of an attempt, all right or all wrong."""
    for answer, version, *_ in queries.answers_with_versions(session, attempt_id):
        options = version.content["options"]
        chosen = [o["id"] for o in options if (float(o["weight"]) > 0) == right]
        attempts.record_answer(
            session,
            attempt_id=attempt_id,
            employee_id=employee_id,
            position=answer.position,
            selected=chosen if right else chosen[:1],
            now=now,
        )


def take_quiz(
    session: Session, *, employee_id: int, quiz_id: int, settings: Settings, right: bool = True, now: datetime = T0, seed: int = 1
) -> Attempt:
    """Start, answer everything (right or wrong) and submit one attempt."""
    attempt = start_quiz(session, employee_id=employee_id, quiz_id=quiz_id, now=now, settings=settings, rng=random.Random(seed))
    answer_all(session, attempt_id=attempt.id, employee_id=employee_id, right=right, now=now)
    return attempts.submit_attempt(session, attempt_id=attempt.id, employee_id=employee_id, now=now)


def pass_all_modules(session: Session, *, employee_id: int, settings: Settings, now: datetime = T0) -> None:
    """Pass every module quiz of the fixture bank."""
    for key in ("dasar", "lanjut"):
        take_quiz(session, employee_id=employee_id, quiz_id=module_quiz_id(session, key), settings=settings, now=now)


def exam_id(session: Session) -> int:
    """The certification exam's quiz id."""
    exam = queries.exam_quiz(session)
    assert exam is not None
    return exam.id
