"""The audit log: every administrative action, who did it and when, readable and exportable by a super admin."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from db import queries
from db.models import AuditEvent
from netral.core.audit_text import sentence
from netral.core.dates import format_datetime
from netral.core.enums import AuditAction

HEADER = ["Waktu", "Pelaku (NIP)", "Pelaku", "Tindakan", "Sasaran", "Keterangan"]
_NIP_IN_TARGET = re.compile(r"(?:^|:)(\d{18})$")


def record(
    session: Session,
    actor_account_id: int | None,
    action: AuditAction,
    target: str,
    *,
    now: datetime,
    details: dict[str, Any] | None = None,
) -> None:
    """Write one entry of the audit log (in the caller's transaction, so it lands only if the action does)."""
    session.add(AuditEvent(at=now, actor_account_id=actor_account_id, action=action, target=target[:200], details=details or {}))


def audit_table(
    session: Session,
    *,
    zone: ZoneInfo,
    action: str = "",
    limit: int | None = None,
    person: str = "",
    since: datetime | None = None,
    until: datetime | None = None,
) -> tuple[list[str], list[list[str]]]:
    """The log, newest first, in Indonesian for the page and the export: each entry ends with its sentence.

    `person` is part of a name or NIP of the one who acted or was acted on; `since`/`until` bound the time.
    """
    rows = queries.audit_events(session, action=action or None, limit=limit, person=person.strip(), since=since, until=until)
    nips = {m.group(1) for event, _n, _m in rows if (m := _NIP_IN_TARGET.search(event.target))}
    names = {nip: employee.name for nip, employee in queries.employees_by_nip(session, nips).items()} if nips else {}
    return HEADER, [_row(event, nip, name, zone, names) for event, nip, name in rows]


def _row(event: AuditEvent, nip: str | None, name: str | None, zone: ZoneInfo, names: dict[str, str]) -> list[str]:
    when = format_datetime(event.at, zone)
    actor = f"{name} (NIP {nip})" if name else "Operator (baris perintah)"
    found = _NIP_IN_TARGET.search(event.target)
    target_name = ""
    if found and found.group(1) in names:
        target_name = f"{names[found.group(1)]} (NIP {found.group(1)})"
        if ":" in event.target:
            target_name += f" di kuis {event.target.split(':', 1)[0]}"
    text = sentence(event.action, actor=actor, target=event.target, target_name=target_name, details=event.details, when=when)
    return [when, nip or "sistem", name or "(baris perintah)", _action_label(event.action), event.target, text]


def action_choices() -> Sequence[tuple[str, str]]:
    """The actions HR can filter by: (key, Indonesian label)."""
    return sorted(((action.value, action.label) for action in AuditAction), key=lambda item: item[1])


def _action_label(stored: str) -> str:
    # An action written by an older release that this one no longer knows still shows, as stored.
    return AuditAction(stored).label if stored in AuditAction._value2member_map_ else stored
