"""What HR sees of reminders: every message of a cycle (to whom, when, its status and reason), and who has no email."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from db.models import Cycle
from db.queries import cycles as cycle_queries
from db.queries import outbox as outbox_queries
from netral.core.cycle_enums import OutboxStatus
from netral.core.dates import format_datetime
from netral.people.authority import Actor, acting_scope
from netral.people.scope import descendants

HEADER = ["Waktu antre", "NIP", "Nama", "Kepada", "Tembusan", "Aturan", "Periode", "Status", "Terkirim", "Percobaan", "Alasan"]
RULE_LABELS = {
    "saat_dibuka": "Saat siklus dibuka",
    "sebelum_tenggat": "Sebelum tenggat",
    "mingguan_belum_mulai": "Mingguan (belum mulai)",
    "ringkasan_mingguan": "Ringkasan mingguan admin",
}


@dataclass(frozen=True)
class ReminderLog:
    """The messages of one cycle in the admin's scope, counts per status, and the people reminders cannot reach."""

    header: list[str]
    rows: list[list[str]]
    counts: dict[str, int]
    without_email: list[tuple[str, str]]


def reminder_log(session: Session, *, actor: Actor, cycle_id: int, now: datetime, zone: ZoneInfo) -> ReminderLog:
    """Every message of the cycle for the admin's people, newest first, and the cohort's people without an email."""
    scope = acting_scope(session, actor)
    unit_ids = scope.unit_ids
    rows = [
        [
            format_datetime(message.created_at, zone),
            nip,
            name,
            message.to_address,
            message.cc_address or "",
            RULE_LABELS.get(message.rule, message.rule),
            message.period,
            message.status,
            format_datetime(message.sent_at, zone) if message.sent_at else "",
            str(message.tries),
            message.last_error or "",
        ]
        for message, nip, name in outbox_queries.outbox_rows(session, cycle_id=cycle_id, unit_ids=unit_ids)
    ]
    counts = {status.value: 0 for status in OutboxStatus} | outbox_queries.status_counts(session, cycle_id)
    return ReminderLog(HEADER, rows, counts, _without_email(session, cycle_id, unit_ids, now))


def _without_email(session: Session, cycle_id: int, unit_ids: frozenset[int] | None, now: datetime) -> list[tuple[str, str]]:
    cycle = session.get(Cycle, cycle_id)
    if cycle is None:
        return []
    cohort = None if cycle.whole_agency else descendants(session, cycle_queries.cohort_units(session, [cycle_id])[cycle_id])
    wanted = cohort if unit_ids is None else (set(unit_ids) if cohort is None else cohort & set(unit_ids))
    people = outbox_queries.cohort_progress(session, cycle_id=cycle_id, unit_ids=wanted, now=now)
    return [(p.nip, p.name) for p in people if not p.email and not p.completed]
