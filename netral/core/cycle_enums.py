"""Domain values of election cycles and their reminders (beside netral/core/enums.py, which is full).

As there, each is a StrEnum whose values are the strings stored in the database.
"""

from __future__ import annotations

from enum import StrEnum


class CycleKind(StrEnum):
    """What election a cycle (siklus) prepares for."""

    NATIONAL = "pemilu_nasional"
    LOCAL = "pemilu_daerah"
    OTHER = "lainnya"

    @property
    def label(self) -> str:
        """The kind as HR reads it."""
        return {"pemilu_nasional": "Pemilu nasional", "pemilu_daerah": "Pemilu daerah/pilkada", "lainnya": "Lainnya"}[self]


class CyclePath(StrEnum):
    """What a cycle asks: the whole path, or a refresher for those certified in the previous cycle."""

    FULL = "penuh"
    REFRESHER = "penyegaran"


class ReminderKind(StrEnum):
    """When a cycle's reminder rule sends."""

    AT_OPEN = "saat_dibuka"
    BEFORE_DEADLINE = "sebelum_tenggat"
    WEEKLY_NOT_STARTED = "mingguan_belum_mulai"
    WEEKLY_DIGEST = "ringkasan_mingguan"


class OutboxStatus(StrEnum):
    """Where one outgoing email stands."""

    PENDING = "tertunda"
    SENDING = "dikirim"
    SENT = "terkirim"
    FAILED = "gagal"
