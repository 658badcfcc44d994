"""Log Audit for super admins: the audit log, checked for rank here (the page's guard is not the only gate)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from netral.core.audit import audit_table
from netral.people.authority import Actor, acting_scope


def audit_log(
    session: Session,
    *,
    actor: Actor,
    zone: ZoneInfo,
    action: str = "",
    person: str = "",
    day_from: date | None = None,
    day_to: date | None = None,
) -> tuple[list[str], list[list[str]]]:
    """The audit log, newest first, for a super admin: optionally one action, one person, and local days."""
    acting_scope(session, actor, whole_agency=True)
    since = datetime.combine(day_from, time.min, tzinfo=zone) if day_from else None
    until = datetime.combine(day_to + timedelta(days=1), time.min, tzinfo=zone) if day_to else None
    return audit_table(session, zone=zone, action=action, person=person, since=since, until=until)
