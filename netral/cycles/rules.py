"""A cycle's reminder rules, set by a super admin (audited), and a preview filled in with a real person's data."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from db import queries
from db.models import Cycle
from db.queries import cycles as cycle_queries
from netral.core.audit import record
from netral.core.dates import format_date
from netral.core.enums import AuditAction
from netral.core.errors import NotFound, Refusal
from netral.cycles.current import CycleView
from netral.cycles.templates import DEFAULT_BODY, DEFAULT_SUBJECT, check_template, fill
from netral.people.authority import Actor, acting_scope, actor_account_id
from netral.people.scope import ensure_employee_in_scope
from netral.people.units import UnitTree


class RulesRefused(Refusal):
    """Reminder rules that cannot be kept."""


@dataclass(frozen=True)
class ReminderRules:
    """When a cycle reminds, whom, and with which words."""

    at_open: bool = False
    days_before: tuple[int, ...] = ()
    weekly_not_started: bool = False
    weekly_digest: bool = False
    copy_atasan: bool = False
    subject: str = DEFAULT_SUBJECT
    body: str = DEFAULT_BODY

    @classmethod
    def of(cls, stored: dict[str, Any] | None) -> ReminderRules:
        """The rules as stored on the cycle (none stored: every rule off, the default words)."""
        values = dict(stored or {})
        values["days_before"] = tuple(int(day) for day in values.get("days_before", ()))
        return cls(**{key: value for key, value in values.items() if key in cls.__dataclass_fields__})

    def stored(self) -> dict[str, Any]:
        """The rules as JSON for the cycle row."""
        values = asdict(self)
        values["days_before"] = list(self.days_before)
        return values


def set_reminder_rules(session: Session, *, actor: Actor, cycle_id: int, rules: ReminderRules, now: datetime) -> ReminderRules:
    """Save a cycle's rules (super admins, audited); a template with an unknown placeholder saves nothing."""
    acting_scope(session, actor, whole_agency=True)
    check_template(rules.subject, what="Subjek")
    check_template(rules.body, what="Isi pesan")
    if not rules.subject.strip() or not rules.body.strip():
        raise RulesRefused("Subjek dan isi pesan pengingat wajib diisi.")
    if any(not 1 <= day <= 365 for day in rules.days_before):
        raise RulesRefused("Hari sebelum tenggat harus bilangan 1 sampai 365, misalnya 14, 7, 1.")
    cycle = cycle_queries.cycle_for_update(session, cycle_id)
    if cycle is None:
        raise NotFound("Siklus tidak ditemukan.")
    clean = ReminderRules(**{**asdict(rules), "days_before": tuple(sorted(set(rules.days_before), reverse=True))})
    cycle.reminders = clean.stored()
    record(session, actor_account_id(actor), AuditAction.REMINDER_RULES, cycle.name, now=now, details=clean.stored())
    return clean


def reminder_rules(session: Session, *, actor: Actor, cycle_id: int) -> ReminderRules:
    """A cycle's rules as saved (administrators)."""
    acting_scope(session, actor)
    cycle = session.get(Cycle, cycle_id)
    if cycle is None:
        raise NotFound("Siklus tidak ditemukan.")
    return ReminderRules.of(cycle.reminders)


def person_values(
    cycle: CycleView, *, nip: str, name: str, office: str, started: bool, today_days_left: int, base_url: str
) -> dict[str, str]:
    """What the placeholders stand for, for one person."""
    return {
        "nama": name,
        "nip": nip,
        "siklus": cycle.name,
        "hari_pemungutan": cycle.voting_day_text,
        "tenggat": format_date(cycle.deadline),
        "sisa_hari": str(max(today_days_left, 0)),
        "progres": "sedang berjalan" if started else "belum mulai",
        "perangkat_daerah": office or "-",
        "tautan": base_url,
    }


def preview(
    session: Session,
    *,
    actor: Actor,
    cycle_id: int,
    nip: str,
    rules: ReminderRules,
    base_url: str,
    agency_name: str,
    now: datetime,
    zone: ZoneInfo,
) -> tuple[str, str]:
    """The subject and body one real person in the actor's scope would receive."""
    scope = acting_scope(session, actor)
    check_template(rules.subject, what="Subjek")
    check_template(rules.body, what="Isi pesan")
    cycle = session.get(Cycle, cycle_id)
    employee = queries.employee_by_nip(session, nip.strip())
    if cycle is None or employee is None:
        raise NotFound("Siklus atau pegawai dengan NIP itu tidak ditemukan.")
    ensure_employee_in_scope(session, scope, employee.id)
    view = CycleView.of(cycle)
    started = cycle_queries.started_in(session, employee.id, cycle.id)
    office, _unit = UnitTree.load(session, agency_name).names_of(employee.unit_id)
    values = person_values(
        view,
        nip=employee.nip,
        name=employee.name,
        office=office,
        started=started,
        today_days_left=view.days_left(now.astimezone(zone).date()),
        base_url=base_url,
    )
    return fill(rules.subject, values), fill(rules.body, values)
