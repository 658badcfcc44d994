"""Analisis Soal (HR): how each question behaved on first attempts (Moodle's facility and discrimination), with plain verdicts."""

import streamlit as st

from netral.core.enums import Role
from netral.hr.item_analysis import facility_by_question_csv_rows
from netral.hr.question_analysis import analysis_of
from pages.ui.choose import choose_quiz
from pages.ui.exports import export_buttons
from pages.ui.guard import require_admin
from pages.ui.service import read
from pages.ui.tables import frame, show_table

user, scope = require_admin()

st.title("Analisis Soal")
st.write(
    "Dihitung dari **percobaan pertama** setiap pegawai. *Indeks kemudahan*: persentase nilai rata-rata soal. "
    "*Daya beda*: seberapa kuat soal memisahkan pegawai yang paham dari yang belum (rumus Moodle). "
    "Soal dengan daya beda negatif paling atas: periksa kunci jawabannya lebih dahulu."
)
st.caption(f"Cakupan: {scope.label}.")
quiz_id = choose_quiz()
with st.spinner("Menghitung..."):
    stats = read(analysis_of, actor=user, quiz_id=quiz_id)
if not stats:
    st.info(
        "Belum ada percobaan pertama yang dikirim untuk kuis ini di cakupan Anda. Analisis muncul setelah peserta "
        "mengirim kuisnya; pilih kuis lain atau lihat lagi nanti."
    )
else:
    header, rows = facility_by_question_csv_rows(stats)
    readable = user.role is Role.SUPER_ADMIN  # Bank Soal is a super admin's page
    st.caption("Klik baris untuk membaca soalnya di Bank Soal: kunci, dasar hukum, dan versinya." if readable else "")
    picked = show_table(frame(header, rows), key="analisis", selectable=readable)
    if picked is not None and picked < len(stats):
        st.switch_page("pages/soal.py", query_params={"q": stats[picked].question_key})
    export_buttons(header, rows, "analisis-soal")
