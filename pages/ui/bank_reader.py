"""Bank Soal's reader: find a question, then read it as a peserta sees it, with key, feedback, basis and statistics."""

from __future__ import annotations

import streamlit as st

from netral.core.dates import format_score
from netral.hr.question_bank import CERTAINTY_LABELS, BankQuestion, bank_questions, question_statistics, search_bank
from netral.identity.auth import CurrentUser
from pages.ui import runtime
from pages.ui.params import text_param
from pages.ui.question_bank import KIND_NAMES, POOL_NAMES
from pages.ui.service import read
from pages.ui.tables import frame, show_table
from pages.ui.text import plain

DIFFICULTIES = ["mudah", "sedang", "sulit"]
LETTERS = "ABCDEFGHIJ"


def question_reader(user: CurrentUser) -> None:
    """Search and filters, the matching questions (a row opens one), and the question opened."""
    questions = read(bank_questions, actor=user)
    labels = {c.id: c.label for c in runtime.registry().categories.values()}
    search, module, category, difficulty, kind = st.columns([3, 2, 2, 1, 2])
    needle = search.text_input("Cari soal", placeholder="kata dalam soal, pilihan, penjelasan, atau dasar hukum")
    modules = list(dict.fromkeys(q.module for q in questions))
    chosen = search_bank(
        questions,
        search=needle,
        module=module.selectbox("Modul", modules, index=None, placeholder="Semua"),
        category=category.selectbox("Kategori", list(labels), format_func=labels.__getitem__, index=None, placeholder="Semua"),
        difficulty=difficulty.selectbox("Tingkat", DIFFICULTIES, index=None, placeholder="Semua"),
        kind=kind.selectbox("Jenis", list(KIND_NAMES), format_func=KIND_NAMES.__getitem__, index=None, placeholder="Semua"),
    )
    st.caption(f"{len(chosen)} dari {len(questions)} soal. Klik baris untuk membaca soalnya.")
    rows = [[q.key, q.module, labels.get(q.category, q.category), q.difficulty, KIND_NAMES.get(q.kind, q.kind), q.text]
            for q in chosen]  # fmt: skip
    picked = show_table(frame(["Kode", "Modul", "Kategori", "Tingkat", "Jenis", "Soal"], rows), key="bank", selectable=True)
    wanted = chosen[picked].key if picked is not None and picked < len(chosen) else text_param("q", max_length=80)
    opened = next((q for q in questions if q.key == wanted), None)
    if opened is not None:
        show_question(opened, user, labels)
    elif wanted:
        st.warning("Soal dengan kode itu tidak ada (lagi) di bank soal aktif.")


def show_question(question: BankQuestion, user: CurrentUser, labels: dict[str, str]) -> None:
    """One question: as the peserta sees it, then key, feedback, explanation, legal basis, versions and statistics."""
    st.divider()
    st.subheader(f"Soal {question.key}")
    st.caption(
        f"{question.module} · {labels.get(question.category, question.category)} · {question.difficulty} · "
        f"{KIND_NAMES.get(question.kind, question.kind)} · {POOL_NAMES.get(question.pool, question.pool)} · "
        f"versi {question.version} (ada {question.versions} versi)"
    )
    seen, key = st.columns(2)
    with seen.container(border=True):
        st.markdown("**Seperti yang dilihat peserta**")
        st.markdown(plain(question.text))
        mark = "☐" if question.kind == "multiple" else "○"
        for letter, option in zip(LETTERS, question.options, strict=False):
            st.markdown(f"{mark} {letter}. {plain(str(option.get('text', '')))}")
    with key.container(border=True):
        st.markdown("**Kunci dan umpan balik**")
        for letter, option in zip(LETTERS, question.options, strict=False):
            weight = float(option.get("weight", 0))
            verdict = (
                f"✅ benar ({format_score(weight)}%)"
                if weight > 0
                else "❌ salah"
                if weight == 0
                else f"❌ {format_score(weight)}%"
            )
            feedback = str(option.get("feedback", "")).strip()
            st.markdown(f"**{letter}** — {verdict}" + (f": {plain(feedback)}" if feedback else ""))
    st.markdown("**Penjelasan**")
    st.markdown(plain(question.explanation) or "_(tidak ada)_")
    st.markdown("**Dasar hukum**")
    for source in question.legal_basis:
        certainty = str(source.get("certainty", ""))
        st.markdown(
            f"- **{plain(str(source.get('label', '')))}** — {plain(str(source.get('title', '')))}. "
            f"{plain(str(source.get('says', '')))} _(Kepastian: {certainty}, {CERTAINTY_LABELS.get(certainty, '')})_"
        )
    if not question.legal_basis:
        st.caption("Soal ini tidak mencantumkan dasar hukum.")
    statistics(question, user)


def statistics(question: BankQuestion, user: CurrentUser) -> None:
    """The item statistics of each version of the question on first attempts."""
    st.markdown("**Statistik butir (percobaan pertama)**")
    stats = read(question_statistics, actor=user, question=question)
    if not stats:
        st.caption("Belum ada percobaan pertama yang memuat soal ini.")
        return
    rows = [[s.version, s.n, s.facility, s.discrimination, s.verdict, s.advice] for s in stats]
    header = ["Versi", "Peserta", "Indeks kemudahan (%)", "Daya beda (%)", "Penilaian", "Saran"]
    show_table(frame(header, rows, numbers=header[2:4]), key=f"statistik_{question.key}")
