"""Pengaturan Kuis (HR): each quiz's settings, exceptions for individual peserta, and the completion rule."""

import pandas as pd
import streamlit as st

from db import reading, transaction
from db.queries import all_quizzes, overrides_of_quiz
from netral.core.dates import format_datetime, utcnow
from netral.quizzes.rules import DEFERRED, HIGHEST, IMMEDIATE, LAST, REVIEW_AFTER_CLOSE, REVIEW_AFTER_SUBMIT
from netral.quizzes.settings import (
    QuizSettings,
    SettingsRefused,
    available_questions,
    completion_rule,
    format_bands,
    grant_override,
    parse_bands,
    set_completion_rule,
    update_quiz_settings,
)
from pages.ui import runtime
from pages.ui.guard import SUPER_ADMINS, require_role
from pages.ui.when import moment_input

user = require_role(SUPER_ADMINS)
engine, zone = runtime.engine(), runtime.settings().zone

st.title("Pengaturan Kuis")
with reading(engine) as session:
    quizzes = {quiz.id: quiz for quiz in all_quizzes(session)}
    rule = completion_rule(session)
quiz_id = st.selectbox("Kuis", list(quizzes), format_func=lambda i: quizzes[i].title)
if quiz_id is None:
    st.info("Belum ada kuis di bank soal. Kuis dimuat dari berkas soal saat server dimulai; hubungi pengelola Netral.")
    st.stop()
quiz = quizzes[quiz_id]
current = QuizSettings.of(quiz)
with reading(engine) as session:
    available = available_questions(session, quiz)

with st.form(f"form_kuis_{quiz.id}"):
    st.markdown("**Kelulusan dan waktu**")
    pass_mark = st.number_input("Batas lulus (0–100)", 1, 100, current.pass_mark)
    time_limit = st.number_input("Batas waktu (menit; 0 = tanpa batas)", 0, 600, current.time_limit_minutes or 0)
    max_attempts = st.number_input("Jumlah kesempatan (0 = tidak terbatas)", 0, 50, current.max_attempts or 0)
    wait = st.number_input("Jeda antarpercobaan (menit; 0 = tanpa jeda)", 0, 10_080, current.wait_minutes or 0)
    open_at = moment_input("Dibuka mulai", current.open_at, zone, key=f"buka_{quiz.id}")
    close_at = moment_input("Ditutup pada", current.close_at, zone, key=f"tutup_{quiz.id}")
    st.markdown("**Soal**")
    count = st.number_input(
        "Jumlah soal yang diambil (0 = semua; diambil merata per modul dan topik)", 0, 500, current.question_count or 0
    )
    shuffle_questions = st.checkbox("Acak urutan soal", current.shuffle_questions)
    shuffle_options = st.checkbox("Acak urutan pilihan jawaban", current.shuffle_options)
    st.markdown("**Umpan balik dan pembahasan**")
    modes = {IMMEDIATE: "Langsung per soal (latihan)", DEFERRED: "Setelah semua jawaban dikirim (ujian)"}
    feedback_mode = st.radio(
        "Umpan balik", list(modes), index=list(modes).index(current.feedback_mode), format_func=modes.__getitem__
    )
    times = {REVIEW_AFTER_SUBMIT: "Segera setelah dikirim", REVIEW_AFTER_CLOSE: "Setelah kuis ditutup"}
    review_when = st.radio(
        "Pembahasan tampil", list(times), index=list(times).index(current.review_when), format_func=times.__getitem__
    )
    review_correctness = st.checkbox("Tampilkan benar/salah tiap soal", current.review_correctness)
    review_key = st.checkbox("Tampilkan kunci jawaban", current.review_key)
    review_explanation = st.checkbox("Tampilkan penjelasan dan umpan balik pilihan", current.review_explanation)
    review_legal_basis = st.checkbox("Tampilkan dasar hukum", current.review_legal_basis)
    methods = {HIGHEST: "Nilai tertinggi", LAST: "Percobaan terakhir", "pertama": "Percobaan pertama"}
    grading = st.radio(
        "Nilai akhir diambil dari", list(methods), index=list(methods).index(current.grading), format_func=methods.__getitem__
    )
    bands_text = st.text_area(
        "Umpan balik per rentang nilai (satu baris per rentang: nilai minimal | teks)",
        format_bands(current.feedback_bands),
        height=140,
    )
    jp = st.number_input("JP (jam pelajaran) ujian", 0, 40, current.jp) if quiz.kind == "ujian" else current.jp
    saved = st.form_submit_button("Simpan pengaturan", type="primary")
if saved:
    try:
        bands = parse_bands(bands_text)
    except SettingsRefused as exc:
        st.error(str(exc))
        st.stop()
    chosen = QuizSettings(
        pass_mark=int(pass_mark),
        time_limit_minutes=int(time_limit) or None,
        max_attempts=int(max_attempts) or None,
        wait_minutes=int(wait) or None,
        open_at=open_at,
        close_at=close_at,
        question_count=int(count) or None,
        shuffle_questions=shuffle_questions,
        shuffle_options=shuffle_options,
        feedback_mode=feedback_mode,
        review_when=review_when,
        review_correctness=review_correctness,
        review_key=review_key,
        review_explanation=review_explanation,
        review_legal_basis=review_legal_basis,
        grading=grading,
    )
    try:
        with transaction(engine) as session:
            update_quiz_settings(session, quiz_id=quiz.id, settings=chosen, actor_account_id=user.account_id, now=utcnow())
    except SettingsRefused as exc:
        st.error(str(exc))
    else:
        st.success(
            "Pengaturan tersimpan dan tercatat di log audit. "
            "Percobaan yang sedang berjalan tetap memakai soal yang sudah diambil."
        )

st.subheader("Pengecualian untuk peserta tertentu")
st.write(
    "Misalnya tambahan waktu untuk kebutuhan aksesibilitas, tambahan kesempatan, atau jendela waktu sendiri karena tugas dinas."
)
with st.form(f"form_pengecualian_{quiz.id}", clear_on_submit=True):
    nip = st.text_input("NIP peserta", max_chars=30)
    extra_minutes = st.number_input("Tambahan waktu (menit)", 0, 600, 0)
    extra_attempts = st.number_input("Tambahan kesempatan", 0, 20, 0)
    own_open = moment_input("Jendela sendiri: dibuka mulai", None, zone, key=f"pbuka_{quiz.id}")
    own_close = moment_input("Jendela sendiri: ditutup pada", None, zone, key=f"ptutup_{quiz.id}")
    reason = st.text_area("Alasan", max_chars=500)
    granted = st.form_submit_button("Berikan pengecualian")
if granted:
    try:
        with transaction(engine) as session:
            grant_override(
                session,
                quiz_id=quiz.id,
                nip=nip,
                extra_minutes=int(extra_minutes) or None,
                extra_attempts=int(extra_attempts) or None,
                open_at=own_open,
                close_at=own_close,
                reason=reason,
                actor_account_id=user.account_id,
                now=utcnow(),
            )
    except SettingsRefused as exc:
        st.error(str(exc))
    else:
        st.success("Pengecualian tersimpan dan tercatat.")
with reading(engine) as session:
    overrides = overrides_of_quiz(session, quiz.id)
if overrides:
    rows = [
        (
            nip_,
            name,
            o.extra_minutes or "",
            o.extra_attempts or "",
            format_datetime(o.open_at, zone) if o.open_at else "",
            format_datetime(o.close_at, zone) if o.close_at else "",
            o.reason,
            format_datetime(o.created_at, zone),
        )
        for o, nip_, name in overrides
    ]
    columns = ["NIP", "Nama", "Tambahan menit", "Tambahan kesempatan", "Dibuka", "Ditutup", "Alasan", "Dicatat"]
    st.dataframe(pd.DataFrame(rows, columns=columns), hide_index=True, width="stretch")
else:
    st.caption("Belum ada pengecualian untuk kuis ini.")

st.subheader("Aturan penerbitan sertifikat")
with st.form("form_aturan"):
    modules = st.checkbox("Wajib lulus kuis semua modul (membuka ujian)", rule["modules"])
    exam = st.checkbox("Wajib lulus ujian sertifikasi", rule["exam"])
    pakta = st.checkbox("Wajib menandatangani Pakta Integritas", rule["pakta"])
    rule_saved = st.form_submit_button("Simpan aturan")
if rule_saved:
    try:
        with transaction(engine) as session:
            set_completion_rule(
                session, rule={"modules": modules, "exam": exam, "pakta": pakta}, actor_account_id=user.account_id, now=utcnow()
            )
    except SettingsRefused as exc:
        st.error(str(exc))
    else:
        st.success("Aturan tersimpan.")
