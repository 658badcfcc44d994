"""The projector: the check-in QR (new every 30 seconds), its code, and the live quiz with its count.

The screen redraws itself every second as a fragment, so only this part reruns; everything it shows is read
again from the database, which is why a refreshed or crashed projector browser picks up the event where it was.
"""

from __future__ import annotations

import io

import pandas as pd
import segno
import streamlit as st

from netral.core.dates import utcnow
from netral.core.enums import LiveRound, LiveState
from netral.identity.auth import CurrentUser
from netral.sosialisasi import live
from netral.sosialisasi.projector import ProjectorView, projector_view
from pages.ui import runtime
from pages.ui.service import act, read_or_show
from pages.ui.text import plain

ROUNDS = {LiveRound.PRE: "Sebelum materi", LiveRound.POST: "Sesudah materi"}
STATES = {
    LiveState.IDLE: "Layar kosong",
    LiveState.OPEN: "Menerima jawaban",
    LiveState.CLOSED: "Ditutup",
    LiveState.REVEALED: "Dibahas",
}


@st.fragment(run_every=1)
def projector(user: CurrentUser, event_id: int) -> None:
    """The whole projector screen, redrawn every second (bench/hall.py counts on it)."""
    settings = runtime.settings()
    found = read_or_show(
        projector_view, actor=user, event_id=event_id, secret=settings.secret(), base_url=settings.base_url, now=utcnow()
    )
    if not found.ok or found.value is None:
        return
    view = found.value
    st.title(plain(view.title))
    st.page_link(
        "pages/sosialisasi.py", label="Laporan dan presensi", icon=":material/summarize:", query_params={"acara": str(event_id)}
    )
    qr, quiz = st.columns([2, 3])
    with qr:
        _check_in(view)
    with quiz:
        _controls(user, view)
        _live(view)


def _check_in(view: ProjectorView) -> None:
    if not view.attendance_open:
        st.info("Presensi belum dibuka. Buka dari halaman Sosialisasi.")
        return
    image = io.BytesIO()
    segno.make(view.link, error="m").save(image, kind="png", scale=10, border=2)
    st.image(image.getvalue(), caption="Pindai untuk mencatat kehadiran", width=360)
    st.markdown(f"### Kode: `{view.code}`")
    st.caption(
        f"Tanpa pemindai: buka {runtime.settings().base_url}/hadir lalu ketik kode. Berganti dalam {view.seconds_left} detik."
    )
    st.metric("Hadir", view.tally.present)


def _controls(user: CurrentUser, view: ProjectorView) -> None:
    if not view.items:
        st.info("Sosialisasi ini tidak memakai kuis langsung.")
        return
    snapshot = view.snapshot
    chosen_round = st.radio("Babak", list(ROUNDS), format_func=ROUNDS.__getitem__, horizontal=True,
                            index=1 if snapshot.round is LiveRound.POST else 0, key="babak")  # fmt: skip
    texts = dict(view.items)
    position = st.selectbox("Soal", list(texts), format_func=lambda p: f"{p}. {texts[p][:80]}", key="nomor",
                            index=(snapshot.position or 1) - 1)  # fmt: skip
    st.caption(f"Keadaan: {STATES[snapshot.state]}" + (f", soal {snapshot.position}" if snapshot.position else ""))
    open_, close, reveal, clear = st.columns(4)
    if open_.button("Buka soal", type="primary"):
        act(live.open_item, actor=user, event_id=view.event_id, round_=chosen_round, position=position)
    if close.button("Tutup jawaban"):
        act(live.close_item, actor=user, event_id=view.event_id)
    if reveal.button("Bahas"):
        act(live.reveal_item, actor=user, event_id=view.event_id)
    if clear.button("Kosongkan"):
        act(live.pause, actor=user, event_id=view.event_id)


def _live(view: ProjectorView) -> None:
    snapshot, tally = view.snapshot, view.tally
    if snapshot.state is LiveState.IDLE or snapshot.item_id is None:
        return
    st.markdown(f"#### {plain(snapshot.text)}")
    st.metric("Sudah menjawab", f"{tally.answered} dari {tally.present}")
    if snapshot.state is not LiveState.REVEALED:
        for option_id, text in snapshot.options:
            st.markdown(f"- **{plain(option_id.upper())}**. {plain(text)}")
        return
    counts = pd.DataFrame({"Jawaban": [n for _o, _t, n, _k in tally.per_option]},
                          index=[f"{o.upper()}{' ✓' if k else ''}" for o, _t, _n, k in tally.per_option])  # fmt: skip
    st.bar_chart(counts, horizontal=True, x_label="Jumlah jawaban", y_label="Pilihan")
    for option_id, text, count, is_key in tally.per_option:
        mark = " — **kunci**" if is_key else ""
        st.markdown(f"- {plain(option_id.upper())}. {plain(text)}: {count}{mark}")
    st.success(plain(snapshot.explanation))
    if snapshot.legal_basis:
        st.caption("Dasar hukum: " + "; ".join(plain(s) for s in snapshot.legal_basis))
