"""Named settings of the agency stored as JSON: read with defaults, saved with an audit entry."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from db.models import AgencySetting
from netral.core import audit
from netral.core.enums import AuditAction


def read_setting(session: Session, key: str, defaults: dict[str, Any]) -> dict[str, Any]:
    """The stored value of a setting laid over its defaults."""
    stored = session.get(AgencySetting, key)
    return {**defaults, **(stored.value if stored else {})}


def save_setting(
    session: Session,
    *,
    key: str,
    value: dict[str, Any],
    action: AuditAction,
    actor_account_id: int | None,
    now: datetime,
    audited: dict[str, Any] | None = None,
) -> None:
    """Store a setting and audit the change: `audited` when given (to leave out bulky values), else before and after."""
    stored = session.get(AgencySetting, key)
    before = stored.value if stored else None
    if stored is None:
        session.add(AgencySetting(key=key, value=value, updated_by_account_id=actor_account_id, updated_at=now))
    else:
        stored.value, stored.updated_by_account_id, stored.updated_at = value, actor_account_id, now
    change = audited if audited is not None else {"before": before, "after": value}
    audit.record(session, actor_account_id, action, key, details=change, now=now)
