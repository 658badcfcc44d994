"""Log Audit for super admins: the audit log, checked for rank here (the page's guard is not the only gate)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from netral.core.audit import audit_table
from netral.people.authority import Actor, acting_scope


def audit_log(session: Session, *, actor: Actor, zone: ZoneInfo, action: str = "") -> tuple[list[str], list[list[str]]]:
    """The audit log (optionally one action), newest first, for a super admin."""
    acting_scope(session, actor, whole_agency=True)
    return audit_table(session, zone=zone, action=action)
