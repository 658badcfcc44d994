"""The forms of Pengaturan Kuis and Pengecualian Kuis, in words HR uses; the services check every value again."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd
import streamlit as st

from netral.core.dates import format_datetime
from netral.core.enums import FeedbackMode, GradingMethod, QuizKind, ReviewTime
from netral.core.errors import Refusal
from netral.quizzes.overrides import OverrideRow
from netral.quizzes.settings import QuizSettings, SettingsScreen, format_bands, parse_bands
from pages.ui.when import moment_input

FEEDBACK = {FeedbackMode.IMMEDIATE: "Langsung per soal (latihan)", FeedbackMode.DEFERRED: "Setelah semua jawaban dikirim (ujian)"}
REVIEW = {ReviewTime.AFTER_SUBMIT: "Segera setelah dikirim", ReviewTime.AFTER_CLOSE: "Setelah kuis ditutup"}
GRADING = {
    GradingMethod.HIGHEST: "Nilai tertinggi",
    GradingMethod.LAST: "Percobaan terakhir",
    GradingMethod.FIRST: "Percobaan pertama",
}


PRESETS = {
    "Seperti ujian dinas": "berwaktu 60 menit, 3 kesempatan, soal dan pilihan diacak, hasil dan pembahasan (tanpa kunci) "
    "setelah semua jawaban dikirim",
    "Latihan bebas": "tanpa batas waktu dan kesempatan, umpan balik langsung per soal, kunci, penjelasan dan dasar "
    "hukum ditampilkan",
}
BAND_COLUMNS = ["Dari nilai", "Sampai nilai", "Teks umpan balik"]


def preset(name: str, current: QuizSettings) -> QuizSettings:
    """A ready-made set of rules applied over the quiz's current settings (pass mark, questions and JP stay)."""
    if name == "Seperti ujian dinas":
        return replace(
            current, time_limit_minutes=60, max_attempts=3, wait_minutes=None, shuffle_questions=True, shuffle_options=True,
            feedback_mode=FeedbackMode.DEFERRED, review_when=ReviewTime.AFTER_SUBMIT, review_correctness=True,
            review_key=False, review_explanation=True, review_legal_basis=True, grading=GradingMethod.HIGHEST,
        )  # fmt: skip
    return replace(
        current, time_limit_minutes=None, max_attempts=None, wait_minutes=None, feedback_mode=FeedbackMode.IMMEDIATE,
        review_when=ReviewTime.AFTER_SUBMIT, review_correctness=True, review_key=True, review_explanation=True,
        review_legal_basis=True, grading=GradingMethod.HIGHEST,
    )  # fmt: skip


def preset_buttons(current: QuizSettings) -> QuizSettings | None:
    """Two ready-made sets of rules, each explained; the settings to save when one is picked."""
    st.markdown("**Pengaturan siap pakai**")
    columns = st.columns(len(PRESETS))
    for column, (name, meaning) in zip(columns, PRESETS.items(), strict=True):
        column.caption(meaning)
        if column.button(name, key=f"preset_{name}", width="stretch"):
            return preset(name, current)
    return None


def bands_editor(bands: list[dict[str, Any]] | None, quiz_id: int) -> str:
    """The score bands as a small table (from, to, text); returned as the lines `parse_bands` checks."""
    current = parse_bands(format_bands(bands)) or []
    lows = sorted(int(band["from"]) for band in current)
    rows = [
        [int(band["from"]), _upper(int(band["from"]), lows), str(band["text"])]
        for band in sorted(current, key=lambda b: -int(b["from"]))
    ]
    edited = st.data_editor(
        pd.DataFrame(rows, columns=BAND_COLUMNS),
        key=f"pita_{quiz_id}",
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        disabled=["Sampai nilai"],
        column_config={
            "Dari nilai": st.column_config.NumberColumn(min_value=0, max_value=100, step=1, format="%d"),
            "Sampai nilai": st.column_config.NumberColumn(help="Dihitung dari baris di atasnya", format="%d"),
            "Teks umpan balik": st.column_config.TextColumn(width="large"),
        },
    )
    lines = []
    for low, text in zip(edited["Dari nilai"], edited["Teks umpan balik"], strict=True):
        if pd.notna(low) and isinstance(text, str) and text.strip():
            lines.append(f"{int(low)} | {text.strip()}")
    return "\n".join(lines)


def _upper(low: int, lows: list[int]) -> int:
    higher = [other for other in lows if other > low]
    return min(higher) - 1 if higher else 100


def settings_form(screen: SettingsScreen, zone: ZoneInfo) -> QuizSettings | None:
    """The quiz's settings as a form; the chosen settings when it is submitted (None otherwise or when unreadable)."""
    current, quiz_id = screen.settings, screen.quiz_id
    with st.form(f"form_kuis_{quiz_id}"):
        st.markdown("**Kelulusan dan waktu**")
        pass_mark = st.number_input("Nilai minimal untuk lulus (0–100)", 1, 100, current.pass_mark)
        time_limit = st.number_input("Batas waktu (menit; 0 = tanpa batas)", 0, 600, current.time_limit_minutes or 0)
        max_attempts = st.number_input("Jumlah kesempatan (0 = tidak terbatas)", 0, 50, current.max_attempts or 0)
        wait = st.number_input(
            "Jeda sebelum boleh mencoba lagi (menit; 0 = boleh langsung)", 0, 10_080, current.wait_minutes or 0
        )
        open_at = moment_input("Dibuka mulai", current.open_at, zone, key=f"buka_{quiz_id}")
        close_at = moment_input("Ditutup pada", current.close_at, zone, key=f"tutup_{quiz_id}")
        st.markdown("**Soal**")
        st.caption(f"Tersedia {screen.available} soal.")
        count = st.number_input(
            "Jumlah soal yang diambil (0 = semua; diambil merata per modul dan topik)", 0, 500, current.question_count or 0
        )
        shuffle_questions = st.checkbox("Acak urutan soal", current.shuffle_questions)
        shuffle_options = st.checkbox("Acak urutan pilihan jawaban", current.shuffle_options)
        st.markdown("**Umpan balik dan pembahasan**")
        feedback_mode = _choice("Umpan balik", FEEDBACK, current.feedback_mode)
        review_when = _choice("Pembahasan tampil", REVIEW, current.review_when)
        review_correctness = st.checkbox("Tampilkan benar/salah tiap soal", current.review_correctness)
        review_key = st.checkbox("Tampilkan kunci jawaban", current.review_key)
        review_explanation = st.checkbox("Tampilkan penjelasan dan umpan balik pilihan", current.review_explanation)
        review_legal_basis = st.checkbox("Tampilkan dasar hukum", current.review_legal_basis)
        grading = _choice("Nilai akhir diambil dari", GRADING, current.grading)
        st.markdown("**Pesan sesuai nilai akhir** (baris terbawah harus mulai dari 0; tambah atau hapus baris di tabel)")
        bands_text = bands_editor(current.feedback_bands, quiz_id)
        jp = st.number_input("JP (jam pelajaran) ujian", 0, 40, current.jp) if screen.kind is QuizKind.EXAM else current.jp
        saved = st.form_submit_button("Simpan pengaturan", type="primary")
    if not saved:
        return None
    try:
        bands = parse_bands(bands_text)
    except Refusal as refusal:
        st.error(refusal.message)
        return None
    return QuizSettings(
        pass_mark=int(pass_mark), time_limit_minutes=int(time_limit) or None, max_attempts=int(max_attempts) or None,
        wait_minutes=int(wait) or None, open_at=open_at, close_at=close_at, question_count=int(count) or None,
        shuffle_questions=shuffle_questions, shuffle_options=shuffle_options, feedback_mode=feedback_mode,
        review_when=review_when, review_correctness=review_correctness, review_key=review_key,
        review_explanation=review_explanation, review_legal_basis=review_legal_basis, grading=grading,
        jp=int(jp), feedback_bands=bands,
    )  # fmt: skip


def override_form(quiz_id: int, zone: ZoneInfo) -> dict[str, Any] | None:
    """The exception asked for, once the form is submitted."""
    with st.form(f"form_pengecualian_{quiz_id}", clear_on_submit=True):
        nip = st.text_input("NIP peserta", max_chars=30)
        extra_minutes = st.number_input("Tambahan waktu (menit)", 0, 600, 0)
        extra_attempts = st.number_input("Tambahan kesempatan", 0, 20, 0)
        own_open = moment_input("Jendela sendiri: dibuka mulai", None, zone, key=f"pbuka_{quiz_id}")
        own_close = moment_input("Jendela sendiri: ditutup pada", None, zone, key=f"ptutup_{quiz_id}")
        reason = st.text_area("Alasan", max_chars=500)
        granted = st.form_submit_button("Berikan pengecualian")
    if not granted:
        return None
    return {
        "nip": nip, "extra_minutes": int(extra_minutes) or None, "extra_attempts": int(extra_attempts) or None,
        "open_at": own_open, "close_at": own_close, "reason": reason,
    }  # fmt: skip


def override_table(rows: list[OverrideRow], zone: ZoneInfo) -> None:
    """The exceptions granted at this quiz, newest first."""
    if not rows:
        st.caption("Belum ada pengecualian untuk kuis ini.")
        return

    def when(moment: datetime | None) -> str:
        return format_datetime(moment, zone) if moment else ""

    table = [
        (
            r.nip,
            r.name,
            r.extra_minutes or "",
            r.extra_attempts or "",
            when(r.open_at),
            when(r.close_at),
            r.reason,
            when(r.created_at),
        )
        for r in rows
    ]
    columns = ["NIP", "Nama", "Tambahan menit", "Tambahan kesempatan", "Dibuka", "Ditutup", "Alasan", "Dicatat"]
    st.dataframe(pd.DataFrame(table, columns=columns), hide_index=True, width="stretch")


def _choice(label: str, options: dict[Any, str], current: str) -> Any:
    keys = list(options)
    return st.radio(label, keys, index=keys.index(current), format_func=options.__getitem__)
