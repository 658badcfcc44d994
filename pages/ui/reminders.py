"""The parts of Pengingat: choosing a cycle, the rules and template editor, the preview, and the log of what was sent."""

from __future__ import annotations

import streamlit as st

from netral.cycles.current import CycleView
from netral.cycles.log import ReminderLog
from netral.cycles.rules import ReminderRules
from netral.cycles.templates import PLACEHOLDERS


def choose_cycle(cycles: list[CycleView]) -> CycleView | None:
    """The cycle to look at (the newest first)."""
    if not cycles:
        st.info("Belum ada siklus. Buat siklus di halaman Siklus Pemilu.")
        return None
    by_id = {cycle.id: cycle for cycle in cycles}
    chosen = st.selectbox("Siklus", list(by_id), format_func=lambda key: by_id[key].name)
    return by_id[int(chosen)] if chosen is not None else None


def rules_form(rules: ReminderRules) -> ReminderRules | None:
    """Which reminders the cycle sends and their words; the new rules once submitted."""
    with st.form("form_pengingat"):
        at_open = st.checkbox("Kirim saat siklus dibuka", rules.at_open)
        days = st.text_input("Hari sebelum tenggat (pisahkan dengan koma)", ", ".join(map(str, rules.days_before)))
        weekly = st.checkbox("Setiap minggu kepada yang belum mulai", rules.weekly_not_started)
        digest = st.checkbox("Ringkasan mingguan kepada setiap admin perangkat daerah", rules.weekly_digest)
        atasan = st.checkbox("Tembusan kepada atasan (kolom NIP Atasan pada data pegawai)", rules.copy_atasan)
        subject = st.text_input("Subjek", rules.subject, max_chars=200)
        body = st.text_area("Isi pesan", rules.body, height=240)
        st.caption("Placeholder: " + ", ".join(f"`{{{name}}}` {what}" for name, what in PLACEHOLDERS.items()))
        saved = st.form_submit_button("Simpan aturan", type="primary")
    if not saved:
        return None
    try:
        numbers = tuple(int(part) for part in days.replace(";", ",").split(",") if part.strip())
    except ValueError:
        st.error("Hari sebelum tenggat harus berupa angka, misalnya 14, 7, 1.")
        return None
    return ReminderRules(at_open, numbers, weekly, digest, atasan, subject, body)


def preview_form() -> str | None:
    """The NIP of the person whose data fills the preview, once asked."""
    with st.form("form_pratinjau"):
        nip = st.text_input("NIP pegawai untuk pratinjau", max_chars=18)
        asked = st.form_submit_button("Pratinjau")
    return nip if asked and nip.strip() else None


def show_preview(subject: str, body: str) -> None:
    """The message as the person would read it."""
    with st.container(border=True):
        st.markdown(f"**Subjek:** {subject}")
        st.text(body)


def show_log(log: ReminderLog) -> None:
    """Counts per status, every message of the cycle, and the people reminders cannot reach."""
    columns = st.columns(len(log.counts))
    for column, (status, count) in zip(columns, log.counts.items(), strict=True):
        column.metric(status.capitalize(), count)
    if log.rows:
        st.dataframe([dict(zip(log.header, row, strict=True)) for row in log.rows], hide_index=True, width="stretch")
    else:
        st.caption("Belum ada pesan untuk siklus ini.")
    if log.without_email:
        st.warning(f"{len(log.without_email)} pegawai belum punya alamat email dan tidak dapat diingatkan lewat email.")
        st.dataframe([{"NIP": nip, "Nama": name} for nip, name in log.without_email], hide_index=True, width="stretch")
