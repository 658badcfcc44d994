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

ACTIONS = {
    "admin.create": "Membuat admin",
    "account.role": "Mengubah peran akun",
    "account.reset_password": "Mengatur ulang kata sandi",
    "account.unlock": "Membuka kunci akun",
    "roster.import": "Impor data pegawai",
    "roster.settings": "Mengubah cara login pertama",
    "certificate.revoke": "Mencabut sertifikat",
    "certificate.reissue": "Menerbitkan ulang sertifikat",
    "certificate.settings": "Mengubah pengaturan sertifikat",
    "completion.rule": "Mengubah syarat kelulusan",
    "completion.deadline": "Mengubah tenggat penyelesaian",
    "questions.import": "Impor soal",
    "quiz.override": "Memberi pengecualian kuis",
    "quiz.settings": "Mengubah pengaturan kuis",
}
HEADER = ["Waktu", "Pelaku (NIP)", "Pelaku", "Tindakan", "Sasaran", "Rincian"]


def record(
    session: Session,
    actor_account_id: int | None,
    action: str,
    target: str,
    *,
    now: datetime,
    details: dict[str, Any] | None = None,
) -> None:
    """Write one entry of the audit log (in the caller's transaction, so it lands only if the action does)."""
    assert action in ACTIONS, action
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
        ACTIONS.get(event.action, event.action),
        event.target,
        _details(event.details),
    ]


def _details(details: dict[str, Any]) -> str:
    return json.dumps(details, ensure_ascii=False, sort_keys=True, default=str)


def action_choices() -> Sequence[tuple[str, str]]:
    """The actions HR can filter by: (key, Indonesian label)."""
    return sorted(ACTIONS.items(), key=lambda item: item[1])
