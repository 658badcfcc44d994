"""One person as HR sees them: identity and unit, progress per module, attempts, certificates, exceptions, login.

Reading a person needs only that they are in the admin's scope; what HR may do to them (reset, unlock, role,
exceptions) is checked again by each action's own service. The page is told in advance whether actions are
possible, so it does not offer buttons that can only be refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Row
from sqlalchemy.orm import Session

from db import queries
from db.models import Attempt, QuizOverride
from netral.core.enums import CertificateStatus, QuizKind, QuizStatus, Role, UnitLevel
from netral.core.errors import NotFound, OutOfScope, Refusal
from netral.learning.path import status_of
from netral.people.authority import Actor, current_actor, ensure_may_act_on
from netral.people.scope import admin_scope, ensure_employee_in_scope
from netral.quizzes.rules import graded_score
from netral.sosialisasi.records import Attended, attended_events


@dataclass(frozen=True)
class ModuleProgress:
    """Where the person stands at one quiz (a module's, or the exam)."""

    title: str
    status: QuizStatus
    attempts: int
    grade: float | None


@dataclass(frozen=True)
class AttemptLine:
    """One attempt with its score."""

    quiz: str
    number: int
    started_at: datetime
    submitted_at: datetime | None
    score: float | None
    passed: bool | None


@dataclass(frozen=True)
class CertificateLine:
    """One certificate and where it stands now."""

    number: str
    status: CertificateStatus
    issued_at: datetime
    valid_until: datetime | None
    score: float


@dataclass(frozen=True)
class Person:
    """Everything the person page shows."""

    employee_id: int
    nip: str
    name: str
    jabatan: str
    pangkat: str
    office: str
    unit: str
    active: bool
    role: Role | None
    locked: bool
    must_change_password: bool
    modules: list[ModuleProgress]
    attempts: list[AttemptLine]
    certificates: list[CertificateLine]
    exceptions: list[str]
    # Sosialisasi attended (title, start, JP), newest first.
    events: list[Attended]
    refused_actions: str | None
    scope_unit_id: int | None
    offices: dict[int, str]


def person_view(session: Session, *, actor: Actor, employee_id: int, now: datetime) -> Person:
    """The person with this id, if they are in the actor's scope."""
    not_here = NotFound("Pegawai ini tidak ada di cakupan Anda. Buka pegawai dari tabel Data Pegawai.")
    employee = queries.employee_by_id(session, employee_id)
    if employee is None:
        raise not_here
    fresh = current_actor(session, actor) if actor is not None else None
    if fresh is not None:
        try:
            ensure_employee_in_scope(session, admin_scope(session, fresh), employee_id)
        except OutOfScope:
            raise not_here from None  # who exists in another perangkat daerah is not this admin's to learn
    account = queries.accounts_of(session, [employee_id]).get(employee_id)
    try:  # the rules of person_to_act_on, on the scope just checked (the page opens in fewer round trips)
        if fresh is not None:
            ensure_may_act_on(fresh, employee_id, account)
        refused: str | None = None if account is not None else "Pegawai ini belum memiliki akun."
    except Refusal as refusal:
        refused = refusal.message
    office, unit = _unit_names(session, employee.unit_id)
    attempts = queries.attempts_of_employee(session, employee_id)
    offices = {u.id: u.name for u in queries.all_units(session) if u.level == UnitLevel.OFFICE} if refused is None else {}
    return Person(
        employee_id=employee.id,
        nip=employee.nip,
        name=employee.name,
        jabatan=employee.jabatan or "",
        pangkat=employee.pangkat or "",
        office=office,
        unit=unit,
        active=employee.active,
        role=Role(account.role) if account is not None else None,
        locked=account is not None and account.locked_until is not None and account.locked_until > now,
        must_change_password=account is not None and account.must_change_password,
        modules=_progress(session, attempts),
        attempts=[AttemptLine(t, a.number, a.started_at, a.submitted_at, a.score, a.passed) for a, t, _k in attempts],
        certificates=[
            CertificateLine(c.number, c.status_at(now), c.issued_at, c.valid_until, c.score)
            for c, _title in queries.certificates_of(session, employee_id)
        ],
        exceptions=[_exception(o, title) for o, title in queries.overrides_of_employee(session, employee_id)],
        events=attended_events(session, employee_id=employee_id),
        refused_actions=refused,
        scope_unit_id=account.scope_unit_id if account is not None else None,
        offices=offices,
    )


def _unit_names(session: Session, unit_id: int | None) -> tuple[str, str]:
    unit = queries.unit_by_id(session, unit_id) if unit_id is not None else None
    if unit is None:
        return "", ""
    if unit.level == UnitLevel.OFFICE:
        return unit.name, ""
    parent = queries.unit_by_id(session, unit.parent_id) if unit.parent_id is not None else None
    return (parent.name if parent is not None and parent.level == UnitLevel.OFFICE else ""), unit.name


def _progress(session: Session, attempts: Sequence[Row[Attempt, str, str]]) -> list[ModuleProgress]:
    quizzes = [quiz for quiz, _module in queries.module_quizzes(session)]
    exam = queries.exam_quiz(session)
    if exam is not None:
        quizzes.append(exam)
    lines = []
    for quiz in quizzes:
        taken = [a for a, _t, _k in attempts if a.quiz_id == quiz.id]
        scores = [a.score for a in taken if a.score is not None]
        grade = graded_score(scores, quiz.grading)
        open_count = sum(a.submitted_at is None for a in taken)
        status = status_of(len(taken), open_count, grade is not None and grade >= quiz.pass_mark)
        title = quiz.title if quiz.kind != QuizKind.EXAM else f"Ujian: {quiz.title}"
        lines.append(ModuleProgress(title, status, len(taken), grade))
    return lines


def _exception(override: QuizOverride, title: str) -> str:
    parts = [title]
    if override.extra_minutes:
        parts.append(f"tambahan waktu {override.extra_minutes} menit")
    if override.extra_attempts:
        parts.append(f"tambahan {override.extra_attempts} percobaan")
    reason = override.reason
    return ", ".join(parts) + (f" — {reason}" if reason else "")
