"""Analisis Soal (HR): how each question behaved on first attempts (Moodle's facility and discrimination), with plain verdicts."""

import pandas as pd
import streamlit as st

from db import queries, reading
from netral.hr.item_analysis import analyse_quiz, facility_by_question_csv_rows
from pages.ui import runtime
from pages.ui.exports import export_buttons
from pages.ui.guard import require_admin

user, scope = require_admin()
engine = runtime.engine()

st.title("Analisis Soal")
st.write(
    "Dihitung dari **percobaan pertama** setiap pegawai. *Indeks kemudahan*: persentase nilai rata-rata soal. "
    "*Daya beda*: seberapa kuat soal memisahkan pegawai yang paham dari yang belum (rumus Moodle). "
    "Soal dengan daya beda negatif paling atas: periksa kunci jawabannya lebih dahulu."
)
st.caption(f"Cakupan: {scope.label}.")
with reading(engine) as session:
    quizzes = [(q.id, q.title) for q in queries.all_quizzes(session)]
titles = dict(quizzes)
quiz_id = st.selectbox("Kuis", list(titles), format_func=titles.__getitem__)
if quiz_id is None:
    st.info("Belum ada kuis di bank soal. Kuis dimuat dari berkas soal saat server dimulai; hubungi pengelola Netral.")
else:
    with st.spinner("Menghitung..."), reading(engine) as session:
        stats = analyse_quiz(session, quiz_id, unit_ids=scope.unit_ids)
    if not stats:
        st.info(
            "Belum ada percobaan pertama yang dikirim untuk kuis ini di cakupan Anda. Analisis muncul setelah peserta "
            "mengirim kuisnya; pilih kuis lain atau lihat lagi nanti."
        )
    else:
        header, rows = facility_by_question_csv_rows(stats)
        st.dataframe(pd.DataFrame(rows, columns=header), hide_index=True, width="stretch")
        export_buttons(header, rows, "analisis-soal")
