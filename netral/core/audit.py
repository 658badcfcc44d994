"""The audit log: every administrative action, who did it and when, readable and exportable by a super admin."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from db import queries
from db.models import AuditEvent
from netral.core.enums import AuditAction

HEADER = ["Waktu", "Pelaku (NIP)", "Pelaku", "Tindakan", "Sasaran", "Rincian"]


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
    session: Session, *, zone: ZoneInfo, action: str = "", limit: int | None = None
) -> tuple[list[str], list[list[str]]]:
    """The log, newest first, as columns and rows in Indonesian for the page and the export."""
    rows = queries.audit_events(session, action=action or None, limit=limit)
    return HEADER, [_row(event, nip, name, zone) for event, nip, name in rows]


def _row(event: AuditEvent, nip: str | None, name: str | None, zone: ZoneInfo) -> list[str]:
    return [
        event.at.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S"),
        nip or "sistem",
        name or "(baris perintah)",
        _action_label(event.action),
        event.target,
        _details(event.details),
    ]


def _details(details: dict[str, Any]) -> str:
    return json.dumps(details, ensure_ascii=False, sort_keys=True, default=str)


def action_choices() -> Sequence[tuple[str, str]]:
    """The actions HR can filter by: (key, Indonesian label)."""
    return sorted(((action.value, action.label) for action in AuditAction), key=lambda item: item[1])


def _action_label(stored: str) -> str:
    # An action written by an older release that this one no longer knows still shows, as stored.
    return AuditAction(stored).label if stored in AuditAction._value2member_map_ else stored
