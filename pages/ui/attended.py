"""What sosialisasi adds to Beranda: the events a peserta attended, with their JP."""

from __future__ import annotations

import streamlit as st

from netral.core.dates import format_date
from netral.sosialisasi.records import attended_events
from pages.ui import runtime
from pages.ui.service import read
from pages.ui.text import plain


def attended_section(employee_id: int) -> None:
    """Beranda: the sosialisasi the peserta attended, with their JP (nothing when none)."""
    events = read(attended_events, employee_id=employee_id)
    if not events:
        return
    st.subheader("Sosialisasi yang Anda hadiri")
    st.caption(f"Jumlah: {sum(e.jp for e in events)} JP dari {len(events)} sosialisasi.")
    zone = runtime.settings().zone
    for event in events:
        st.markdown(f"- **{plain(event.title)}**, {format_date(event.starts_at, zone)}, {plain(event.place)} · {event.jp} JP")
