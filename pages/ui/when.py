"""Entering a moment (date and time) in the agency's zone; the database gets UTC."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import streamlit as st


def moment_input(label: str, current: datetime | None, zone: ZoneInfo, *, key: str) -> datetime | None:
    """A date and a time (optional), returned as an aware UTC moment or None when left empty."""
    local = current.astimezone(zone) if current else None
    day_column, time_column = st.columns([3, 2])
    day = day_column.date_input(label, value=local.date() if local else None, key=f"{key}_tanggal", format="DD/MM/YYYY")
    clock = time_column.time_input("Jam", value=local.time() if local else time(0, 0), key=f"{key}_jam", step=900)
    if day is None:
        return None
    return datetime.combine(day, clock, tzinfo=zone).astimezone(UTC)
