"""Beranda's line about the open cycle: which election, its voting day and the deadline with days left."""

from __future__ import annotations

import streamlit as st

from netral.core.dates import utcnow
from netral.cycles.current import cycle_dates
from pages.ui import runtime
from pages.ui.service import read


def cycle_banner(employee_id: int) -> None:
    """Show the open cycle's dates to this peserta; nothing when no cycle is open for them."""
    dates = read(cycle_dates, employee_id=employee_id, now=utcnow(), zone=runtime.settings().zone)
    if dates is None:
        return
    left = dates.days_left
    when = f"{left} hari lagi" if left > 0 else "hari ini" if left == 0 else f"terlewat {-left} hari"
    path = " Anda mengikuti jalur penyegaran: ujian dan modul yang isinya berubah." if dates.refresher else ""
    st.info(
        f"**{dates.name}** · Hari pemungutan suara: **{dates.voting_day_text}**  \n"
        f"Tenggat penyelesaian: **{dates.deadline_text}** ({when}).{path}",
        icon=":material/how_to_vote:",
    )
