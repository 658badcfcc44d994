"""Exceptions for one person at one quiz: more time, more attempts, or their own window, each with who and why."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from db import queries
from db.models import Quiz, QuizOverride
from netral.core import audit
from netral.core.enums import AuditAction
from netral.core.errors import NotFound
from netral.core.nip import normalise_nip
from netral.people.authority import Actor, acting_scope, actor_account_id, person_to_act_on
from netral.quizzes.settings import SettingsRefused


@dataclass(frozen=True)
class OverrideRow:
    """An exception as HR lists it."""

    nip: str
    name: str
    extra_minutes: int | None
    extra_attempts: int | None
    open_at: datetime | None
    close_at: datetime | None
    reason: str
    created_at: datetime


def overrides_of(session: Session, *, actor: Actor, quiz_id: int) -> list[OverrideRow]:
    """The exceptions granted at a quiz to people in the actor's scope, newest first."""
    scope = acting_scope(session, actor)
    return [
        OverrideRow(nip, name, o.extra_minutes, o.extra_attempts, o.open_at, o.close_at, o.reason, o.created_at)
        for o, nip, name, unit_id in queries.overrides_of_quiz(session, quiz_id)
        if scope.allows_unit(unit_id)
    ]


def grant_override(
    session: Session,
    *,
    actor: Actor,
    quiz_id: int,
    nip: str,
    extra_minutes: int | None,
    extra_attempts: int | None,
    open_at: datetime | None,
    close_at: datetime | None,
    reason: str,
    now: datetime,
) -> QuizOverride:
    """Record an exception for one employee the actor may act on, at one quiz, with who granted it and when."""
    found = queries.employee_by_nip(session, normalise_nip(nip))
    quiz = session.get(Quiz, quiz_id)
    if quiz is None:
        raise NotFound("Kuis tidak ditemukan.")
    if found is None:
        raise NotFound("Pegawai dengan NIP itu tidak ditemukan.")
    employee, _account = person_to_act_on(session, actor, found.id)
    if not reason.strip():
        raise SettingsRefused("Alasan wajib diisi (misalnya kebutuhan aksesibilitas atau tugas dinas).")
    if any(v is not None and v < 0 for v in (extra_minutes, extra_attempts)):
        raise SettingsRefused("Tambahan waktu dan tambahan kesempatan tidak boleh negatif.")
    if open_at and close_at and open_at >= close_at:
        raise SettingsRefused("Waktu buka harus sebelum waktu tutup.")
    if not (extra_minutes or extra_attempts or open_at or close_at):
        raise SettingsRefused("Isi minimal satu: tambahan waktu, tambahan kesempatan, atau jendela waktu sendiri.")
    override = QuizOverride(
        quiz_id=quiz.id,
        employee_id=employee.id,
        extra_minutes=extra_minutes or None,
        extra_attempts=extra_attempts or None,
        open_at=open_at,
        close_at=close_at,
        reason=reason.strip(),
        created_by_account_id=actor_account_id(actor),
        created_at=now,
    )
    session.add(override)
    audit.record(
        session,
        actor_account_id(actor),
        AuditAction.QUIZ_OVERRIDE,
        f"{quiz.key}:{employee.nip}",
        now=now,
        details={
            "extra_minutes": extra_minutes,
            "extra_attempts": extra_attempts,
            "open_at": _plain(open_at),
            "close_at": _plain(close_at),
            "reason": reason.strip(),
        },
    )
    session.flush()
    return override


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value
