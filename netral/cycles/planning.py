"""Planning reminders: which rule is due today for whom, written to the outbox once per (cycle, rule, person, period).

Planning only inserts rows (ON CONFLICT DO NOTHING on that key), so every process, the in-process sweep and
cron may plan at once and each message still exists once; sending claims rows under a lock (outbox.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from db.models import Cycle
from db.queries import cycles as cycle_queries
from db.queries import outbox as outbox_queries
from netral.core.cycle_enums import OutboxStatus, ReminderKind
from netral.core.dates import format_date
from netral.cycles.current import CycleView
from netral.cycles.rules import ReminderRules, person_values
from netral.cycles.templates import fill
from netral.people.scope import descendants
from netral.people.units import UnitTree

DIGEST_LINES = 300


@dataclass
class PlanReport:
    """What one planning run queued, and who could not be reached."""

    queued: int = 0
    due: list[str] = field(default_factory=list)
    without_email: list[tuple[str, str]] = field(default_factory=list)


def plan_reminders(session: Session, *, now: datetime, zone: ZoneInfo, base_url: str, agency_name: str = "") -> PlanReport:
    """Queue every reminder due today in every open cycle."""
    report = PlanReport()
    today = now.astimezone(zone).date()
    tree = UnitTree.load(session, agency_name)
    for cycle in cycle_queries.open_cycles(session, today):
        if today <= cycle.deadline and cycle.reminders:
            _plan_cycle(session, cycle, report, tree=tree, now=now, today=today, base_url=base_url)
    return report


def due_periods(rules: ReminderRules, cycle: CycleView, today: date) -> list[tuple[ReminderKind, str]]:
    """The rules due today, each with the period that makes it once: "buka", "H-7", "2026-W49"."""
    due: list[tuple[ReminderKind, str]] = []
    week = f"{today.isocalendar().year}-W{today.isocalendar().week:02d}"
    if rules.at_open:
        due.append((ReminderKind.AT_OPEN, "buka"))
    left = cycle.days_left(today)
    passed = [day for day in rules.days_before if left <= day]
    if passed:  # only the nearest threshold: a missed day does not send two at once
        due.append((ReminderKind.BEFORE_DEADLINE, f"H-{min(passed)}"))
    if rules.weekly_not_started:
        due.append((ReminderKind.WEEKLY_NOT_STARTED, week))
    if rules.weekly_digest:
        due.append((ReminderKind.WEEKLY_DIGEST, week))
    return due


def _plan_cycle(
    session: Session, cycle: Cycle, report: PlanReport, *, tree: UnitTree, now: datetime, today: date, base_url: str
) -> None:
    view, rules = CycleView.of(cycle), ReminderRules.of(cycle.reminders)
    due = due_periods(rules, view, today)
    if not due:
        return
    offices = cycle_queries.cohort_units(session, [cycle.id])[cycle.id]
    unit_ids = None if cycle.whole_agency else descendants(session, offices)
    people = [
        row for row in outbox_queries.cohort_progress(session, cycle_id=cycle.id, unit_ids=unit_ids, now=now) if not row.completed
    ]
    atasan = outbox_queries.emails_by_nip(session, {p.atasan_nip for p in people if p.atasan_nip}) if rules.copy_atasan else {}
    rows: list[dict[str, Any]] = []
    missing: dict[str, str] = {}
    for kind, period in due:
        report.due.append(f"{cycle.name}: {kind.value} {period}")
        if kind is ReminderKind.WEEKLY_DIGEST:
            rows += _digests(session, view, people, tree=tree, period=period, now=now, today=today)
            continue
        for person in people:
            if kind is ReminderKind.WEEKLY_NOT_STARTED and person.started:
                continue
            if not person.email:
                missing[person.nip] = person.name
                continue
            values = person_values(
                view,
                nip=person.nip,
                name=person.name,
                office=tree.names_of(person.unit_id)[0],
                started=person.started,
                today_days_left=view.days_left(today),
                base_url=base_url,
            )
            cc = atasan.get(person.atasan_nip or "")
            rows.append(
                _row(
                    cycle.id,
                    kind,
                    person.id,
                    period,
                    person.email,
                    cc,
                    fill(rules.subject, values),
                    fill(rules.body, values),
                    now,
                )
            )
    report.queued += outbox_queries.queue_once(session, rows)
    report.without_email += sorted(missing.items())


def _digests(
    session: Session, cycle: CycleView, people: list[Any], *, tree: UnitTree, period: str, now: datetime, today: date
) -> list[dict[str, Any]]:
    rows = []
    for admin_id, _nip, name, email, scope_unit in outbox_queries.unit_admins(session):
        if not email or scope_unit is None:
            continue
        scope = descendants(session, [scope_unit])
        theirs = [p for p in people if p.unit_id in scope]
        if not theirs:
            continue
        lines = [
            f"- {p.nip} {p.name} ({tree.label(p.unit_id)}): {'sedang berjalan' if p.started else 'belum mulai'}" for p in theirs
        ]
        more = f"\n... dan {len(lines) - DIGEST_LINES} pegawai lainnya (lihat Dasbor)." if len(lines) > DIGEST_LINES else ""
        body = (
            f"Yth. {name},\n\nRingkasan mingguan {cycle.name}: {len(theirs)} pegawai di {tree.label(scope_unit)} belum "
            f"selesai. Tenggat {format_date(cycle.deadline)} ({max(cycle.days_left(today), 0)} hari lagi).\n\n"
            + "\n".join(lines[:DIGEST_LINES])
            + more
            + "\n\nTerima kasih,\nNetral"
        )
        subject = f"Ringkasan mingguan {cycle.name}: {len(theirs)} pegawai belum selesai"
        rows.append(_row(cycle.id, ReminderKind.WEEKLY_DIGEST, admin_id, period, email, None, subject[:200], body, now))
    return rows


def _row(
    cycle_id: int,
    kind: ReminderKind,
    employee_id: int,
    period: str,
    to: str,
    cc: str | None,
    subject: str,
    body: str,
    now: datetime,
) -> dict[str, Any]:
    return {
        "cycle_id": cycle_id,
        "rule": kind.value,
        "employee_id": employee_id,
        "period": period,
        "to_address": to,
        "cc_address": cc,
        "subject": subject[:200],
        "body": body,
        "status": OutboxStatus.PENDING.value,
        "tries": 0,
        "next_try_at": now,
        "claimed_at": None,
        "last_error": None,
        "created_at": now,
        "sent_at": None,
    }
