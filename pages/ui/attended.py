"""What sosialisasi adds to other pages: the events a peserta attended, and live answers in the peta kerawanan."""

from __future__ import annotations

import streamlit as st

from netral.core.dates import format_date, format_score
from netral.identity.auth import CurrentUser
from netral.sosialisasi.records import MIN_ANSWERS, attended_events, live_answer_shares
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


def live_risk_section(user: CurrentUser) -> None:
    """Peta kerawanan: wrong live answers per category, a source of its own (not exam attempts)."""
    labels = {c.id: c.label for c in runtime.registry().categories.values()}
    shares = read(live_answer_shares, actor=user, labels=labels)
    if not shares:
        return
    st.markdown("**Dari kuis langsung sosialisasi** (sebelum dan sesudah materi, bukan percobaan kuis):")
    for share in shares:
        if share.share is None:
            st.markdown(f"- {plain(share.category)}: {share.answered} jawaban (persentase tampil mulai {MIN_ANSWERS} jawaban)")
        else:
            st.markdown(f"- {plain(share.category)}: {format_score(share.share)}% salah dari {share.answered} jawaban")
