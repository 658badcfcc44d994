"""The audit log in plain Indonesian: each entry as one sentence (who, did what, to whom or what, when, why).

The page and the CSV/XLSX exports use the same sentence. Details written by an older release that this one does
not know still read as a sentence ("... melakukan <tindakan>"), never as JSON.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from netral.core.dates import format_date
from netral.core.enums import AuditAction, Role

QUIZ_FIELDS = {
    "time_limit_minutes": "batas waktu (menit)", "max_attempts": "jumlah percobaan", "pass_mark": "batas lulus",
    "grading": "cara menilai", "feedback_mode": "umpan balik", "shuffle_questions": "acak soal",
    "shuffle_options": "acak pilihan", "question_count": "jumlah soal", "bands": "pita umpan balik",
}  # fmt: skip
Details = Mapping[str, Any]


def sentence(action: str, *, actor: str, target: str, target_name: str, details: Details, when: str) -> str:
    """One audit entry as a sentence; `actor` and `target_name` are already names ("Rina (NIP …)")."""
    known = AuditAction(action) if action in AuditAction._value2member_map_ else None
    who = target_name or target
    body = _BODIES[known](who, details) if known is not None else f"melakukan {action} pada {who}"
    reason = str(details.get("reason") or "").strip().rstrip(".")
    return f"{actor} {body} pada {when}." + (f" Alasan: {reason}." if reason else "")


def _role(value: object) -> str:
    return Role(value).label.lower() if isinstance(value, str) and value in Role._value2member_map_ else str(value)


def _role_change(who: str, d: Details) -> str:
    before, after = d.get("before") or {}, d.get("after") or {}
    return f"mengubah peran {who} dari {_role(before.get('role'))} menjadi {_role(after.get('role'))}"


def _unlock(who: str, d: Details) -> str:
    failed = d.get("failed_logins")
    return f"membuka kunci akun {who}" + (f" (salah kata sandi {failed} kali)" if failed else "")


def _roster(who: str, d: Details) -> str:
    errors = d.get("errors")
    errors = len(errors) if isinstance(errors, list) else int(errors or 0)
    sync = ", sinkron penuh" if d.get("full_sync") else ""
    return (
        f"mengimpor data pegawai dari berkas {d.get('file') or who}{sync}: {d.get('added', 0)} ditambah, "
        f"{d.get('updated', 0)} diubah, {d.get('deactivated', 0)} dinonaktifkan, {errors} baris bermasalah"
    )


def _questions(who: str, d: Details) -> str:
    return (
        f"mengimpor soal dari berkas {who}: {d.get('added', 0)} soal baru, {d.get('new_versions', 0)} versi baru, "
        f"{d.get('problems', 0)} bermasalah"
    )


def _override(who: str, d: Details) -> str:
    parts = []
    if d.get("extra_minutes"):
        parts.append(f"tambahan waktu {d['extra_minutes']} menit")
    if d.get("extra_attempts"):
        parts.append(f"tambahan {d['extra_attempts']} percobaan")
    if d.get("open_at") or d.get("close_at"):
        parts.append("jadwal khusus")
    return f"memberi pengecualian kuis kepada {who}" + (f" ({', '.join(parts)})" if parts else "")


def _quiz_settings(who: str, d: Details) -> str:
    changes = [
        f"{QUIZ_FIELDS.get(name, name)} dari {_plain(v[0])} menjadi {_plain(v[1])}"
        for name, v in d.items()
        if isinstance(v, list | tuple) and len(v) == 2
    ]
    return f"mengubah pengaturan kuis {who}" + (f": {'; '.join(changes)}" if changes else "")


def _deadline(_who: str, d: Details) -> str:
    after = (d.get("after") or {}).get("date")
    return (
        f"menetapkan tenggat penyelesaian {format_date(date.fromisoformat(after))}" if after else "menghapus tenggat penyelesaian"
    )


def _plain(value: object) -> str:
    if value is None or value == "":
        return "kosong"
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


_BODIES: dict[AuditAction, Callable[[str, Details], str]] = {
    AuditAction.ADMIN_CREATE: lambda who, d: f"menjadikan {d.get('name') or who} super admin",
    AuditAction.ACCOUNT_ROLE: _role_change,
    AuditAction.ACCOUNT_RESET_PASSWORD: lambda who, d: f"mengatur ulang kata sandi {who}",
    AuditAction.ACCOUNT_UNLOCK: _unlock,
    AuditAction.ROSTER_IMPORT: _roster,
    AuditAction.ROSTER_SETTINGS: lambda who, d: "mengubah cara login pertama pegawai baru",
    AuditAction.CERTIFICATE_REVOKE: lambda who, d: f"mencabut sertifikat {who}",
    AuditAction.CERTIFICATE_REISSUE: lambda who, d: f"menerbitkan ulang sertifikat {who} sebagai {d.get('new_number', '')}",
    AuditAction.CERTIFICATE_SETTINGS: lambda who, d: "mengubah pengaturan sertifikat",
    AuditAction.COMPLETION_RULE: lambda who, d: "mengubah syarat kelulusan sertifikat",
    AuditAction.COMPLETION_DEADLINE: _deadline,
    AuditAction.QUESTIONS_IMPORT: _questions,
    AuditAction.QUIZ_OVERRIDE: _override,
    AuditAction.QUIZ_SETTINGS: _quiz_settings,
}
