"""What sosialisasi adds to Beranda: the events a peserta attended, with their JP."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from netral.core.dates import format_date
from netral.sosialisasi.records import Attended, attended_events, jp_per_cycle
from pages.ui import runtime
from pages.ui.service import read
from pages.ui.text import plain


def attended_section(employee_id: int) -> None:
    """Beranda: the sosialisasi the peserta attended, with their JP (nothing when none)."""
    events = read(attended_events, employee_id=employee_id)
    if not events:
        return
    st.subheader("Sosialisasi yang Anda hadiri")
    st.caption(plain(jp_summary(events)))
    zone = runtime.settings().zone
    for event in events:
        where = f"{format_date(event.starts_at, zone)}, {event.place} · {event.jp} JP · {event.cycle_label}"
        st.markdown(f"- **{plain(event.title)}**, {plain(where)}")


def jp_summary(events: Sequence[Attended]) -> str:
    """JP per cycle in one line, e.g. "JP sosialisasi per siklus: Pemilu 2029 6 JP dari 2 acara; di luar siklus 2 JP ..."."""
    totals = "; ".join(f"{c.cycle} {c.jp} JP dari {c.events} acara" for c in jp_per_cycle(events))
    return f"JP sosialisasi per siklus: {totals}."
