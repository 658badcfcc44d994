"""Bank Soal (HR): import questions from Moodle GIFT, Aiken or Excel with a preview; export the bank."""

import pandas as pd
import streamlit as st

from netral.content.importing import bank_overview, plan_import, read_question_file
from pages.ui import runtime
from pages.ui.guard import SUPER_ADMINS, require_role
from pages.ui.question_bank import KIND_NAMES, export_buttons, import_preview
from pages.ui.service import read
from pages.ui.uploads import parsed_once

user = require_role(SUPER_ADMINS)
registry = runtime.registry()
overview = read(bank_overview)

st.title("Bank Soal")
if overview.counts:
    summary = pd.DataFrame(overview.counts, columns=["Modul", "Tipe", "Jumlah"]).pivot_table(
        index="Modul", columns="Tipe", values="Jumlah", fill_value=0, sort=False
    )
    st.dataframe(summary.rename(columns=KIND_NAMES), width="stretch")
else:
    st.info("Bank soal masih kosong. Impor berkas soal di bawah ini; jumlah soal per modul tampil di sini setelahnya.")

st.subheader("Impor soal")
st.write(
    "Berkas GIFT dari Moodle (.gift/.txt), Aiken (.txt), atau templat Excel (.xlsx). "
    "Anda melihat pratinjau dulu; tidak ada yang disimpan sebelum Anda memilih."
)
upload = st.file_uploader("Berkas soal", type=["gift", "txt", "xlsx"], key="soal_berkas")
modules = overview.modules
target = st.selectbox("Modul tujuan (bila berkas tidak menyebutkannya)", list(modules), format_func=modules.__getitem__)
if upload is not None:
    parsed = parsed_once(upload, read_question_file, name_arg="name", spinner="Memeriksa berkas soal...")
    if parsed is not None:
        plan = read(plan_import, parsed, registry=registry, file_label=upload.name, module_key=target)
        import_preview(plan, user, upload.name, parsed, target, modules)

st.subheader("Ekspor")
export_buttons(list(modules), list(registry.categories))
