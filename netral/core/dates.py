"""Dates and times as Indonesians read them, in the agency's time zone."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
_ZONE_NAMES = {"Asia/Jakarta": "WIB", "Asia/Pontianak": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC (the only time the database stores)."""
    return datetime.now(UTC)


def agency_day(moment: datetime) -> date:
    """The agency's calendar day at `moment`: a cycle opening on 1 September opens at midnight WIB, not 07.00.

    Read from NETRAL_TIMEZONE, the variable Settings.timezone reads (and checks at start-up), so that every
    "which cycle is open today" agrees without passing the settings through every service that asks.
    """
    return moment.astimezone(ZoneInfo(os.environ.get("NETRAL_TIMEZONE") or "Asia/Jakarta")).date()


def format_date(value: date | datetime, zone: ZoneInfo | None = None) -> str:
    """Write a date the Indonesian way: 23 November 2026."""
    if isinstance(value, datetime) and zone is not None:
        value = value.astimezone(zone)
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def format_datetime(value: datetime, zone: ZoneInfo) -> str:
    """Write a moment the Indonesian way in the agency's zone: 23 November 2026 14.05 WIB."""
    local = value.astimezone(zone)
    suffix = _ZONE_NAMES.get(zone.key, local.tzname() or "")
    return f"{format_date(local)} {local:%H.%M} {suffix}".rstrip()


def format_score(value: float) -> str:
    """Write a score with a decimal comma, dropping needless decimals: 87,5."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def format_count(value: int) -> str:
    """Write a count with Indonesian thousands separators: 12.345."""
    return f"{value:,}".replace(",", ".")
