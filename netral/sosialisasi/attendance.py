"""Checking in: by the projector's QR, by its 6-character code, or by HR for someone without a phone.

A person is recorded once per event however often they scan (the table's unique key decides, so two scans
racing in two server processes still make one row); a second scan answers with the time of the first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from db import queries
from db.models import Attendance, Sosialisasi
from db.queries import sosialisasi as live_queries
from netral.core import audit
from netral.core.enums import AuditAction, CheckInMethod
from netral.core.errors import NotFound, Refusal
from netral.people.authority import Actor, acting_scope, actor_account_id
from netral.people.scope import ensure_employee_in_scope
from netral.sosialisasi import tokens
from netral.sosialisasi.events import audience_units, managed_event


class CheckInRefused(Refusal):
    """A check-in that cannot be recorded: attendance closed, not invited, a code that does not match."""


@dataclass(frozen=True)
class CheckIn:
    """A recorded presence: the event, when, and whether this call recorded it or found it already there."""

    event_id: int
    title: str
    jp: int
    at: datetime
    first: bool

    def message(self, zone: ZoneInfo) -> str:
        """What the person reads on their phone, the time in the agency's zone."""
        when = f"{self.at.astimezone(zone):%H.%M}"
        if self.first:
            return f"Kehadiran Anda di {self.title} tercatat pukul {when}."
        return f"Anda sudah tercatat hadir di {self.title} pukul {when}. Tidak perlu memindai lagi."


def check_in_by_qr(session: Session, *, secret: str, token: str, employee_id: int, now: datetime) -> CheckIn:
    """Check in with the token of the projector's QR (or a kept scan after logging in)."""
    event_id = tokens.event_of_qr(secret, token, now)
    return check_in(session, event_id=event_id, employee_id=employee_id, method=CheckInMethod.QR, now=now)


def check_in_by_code(session: Session, *, secret: str, typed: str, employee_id: int, now: datetime) -> CheckIn:
    """Check in with the 6-character code under the QR, among the events whose attendance is open."""
    for event in live_queries.events_with_attendance_open(session):
        if tokens.code_matches(secret, event.id, typed, now):
            return check_in(session, event_id=event.id, employee_id=employee_id, method=CheckInMethod.CODE, now=now)
    raise CheckInRefused("Kode tidak cocok atau sudah berganti. Ketik kode yang sedang tampil di layar.")


def check_in(
    session: Session,
    *,
    event_id: int,
    employee_id: int,
    method: CheckInMethod,
    now: datetime,
    recorded_by: int | None = None,
) -> CheckIn:
    """Record one person's presence once; refuse when attendance is closed or they are not invited."""
    event = live_queries.event(session, event_id)
    if event is None:
        raise NotFound("Sosialisasi tidak ditemukan.")
    found = live_queries.attendance_of(session, event_id, employee_id)
    if found is not None:
        return _result(event, found, first=False)
    if not event.attendance_open and method is not CheckInMethod.MANUAL:
        raise CheckInRefused(f"Presensi {event.title} belum dibuka atau sudah ditutup. Tanyakan kepada panitia.")
    employee = queries.employee_by_id(session, employee_id)
    invited = audience_units(session, event)
    if employee is None or not employee.active or (invited is not None and employee.unit_id not in invited):
        raise CheckInRefused(f"Anda tidak termasuk peserta undangan {event.title}. Tanyakan kepada panitia.")
    row = Attendance(
        event_id=event_id, employee_id=employee_id, checked_in_at=now, method=method, recorded_by_account_id=recorded_by
    )
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        # The same person's other scan, in another process, got there first.
        first = live_queries.attendance_of(session, event_id, employee_id)
        if first is None:
            raise
        return _result(event, first, first=False)
    return _result(event, row, first=True)


def check_in_manually(session: Session, actor: Actor, *, event_id: int, nip: str, now: datetime) -> CheckIn:
    """HR records someone without a phone, found by NIP, inside HR's scope; audited."""
    managed_event(session, actor, event_id)
    employee = queries.employee_by_nip(session, "".join(nip.split()))
    if employee is None:
        raise NotFound("Pegawai dengan NIP itu tidak ditemukan.")
    # Recording presence needs the person in HR's scope, not a lower rank: an admin may record a fellow admin.
    ensure_employee_in_scope(session, acting_scope(session, actor), employee.id)
    result = check_in(
        session,
        event_id=event_id,
        employee_id=employee.id,
        method=CheckInMethod.MANUAL,
        now=now,
        recorded_by=actor_account_id(actor),
    )
    if result.first:
        audit.record(
            session, actor_account_id(actor), AuditAction.EVENT_CHECK_IN, employee.nip, details={"event": event_id}, now=now
        )
    return result


def set_attendance_open(session: Session, actor: Actor, *, event_id: int, is_open: bool) -> None:
    """Open or close attendance by QR and code (HR can still record people by hand)."""
    managed_event(session, actor, event_id).attendance_open = is_open


def _result(event: Sosialisasi, row: Attendance, *, first: bool) -> CheckIn:
    return CheckIn(event.id, event.title, event.jp, row.checked_in_at, first)
