"""Analisis Soal (HR): how each question behaved on first attempts (Moodle's facility and discrimination), with plain verdicts."""

import pandas as pd
import streamlit as st

from netral.hr.item_analysis import facility_by_question_csv_rows
from netral.hr.question_analysis import analysis_of
from pages.ui.choose import choose_quiz
from pages.ui.exports import export_buttons
from pages.ui.guard import require_admin
from pages.ui.service import read

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
    st.dataframe(pd.DataFrame(rows, columns=header), hide_index=True, width="stretch")
    export_buttons(header, rows, "analisis-soal")
