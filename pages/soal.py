"""Bank Soal (HR): read every question as a peserta sees it (with key, basis, statistics); import and export the bank."""

import streamlit as st

from netral.content.categories import file_categories
from netral.content.importing import plan_import
from netral.content.interop.reading import read_question_file
from netral.content.overview import bank_overview
from pages.ui import runtime
from pages.ui.bank_reader import question_reader
from pages.ui.guard import SUPER_ADMINS, require_role
from pages.ui.question_bank import bank_summary, category_mapping, export_buttons, import_preview
from pages.ui.service import read
from pages.ui.uploads import parsed_once

user = require_role(SUPER_ADMINS)
registry = runtime.registry()
overview = read(bank_overview)

st.title("Bank Soal")
reading, importing = st.tabs(["Baca soal", "Jumlah, impor, dan ekspor"])
with reading:
    question_reader(user)
with importing:
    bank_summary(overview)
    st.subheader("Impor soal")
    st.write(
        "Berkas GIFT dari Moodle (.gift/.txt), Aiken (.txt), atau templat Excel (.xlsx). "
        "Anda melihat pratinjau dulu; tidak ada yang disimpan sebelum Anda memilih."
    )
    upload = st.file_uploader("Berkas soal", type=["gift", "txt", "xlsx"], key="soal_berkas")
    modules = overview.modules
    target = st.selectbox(
        "Modul tujuan soal yang tidak berada di kategori mana pun", list(modules), format_func=modules.__getitem__
    )
    if upload is not None:
        parsed = parsed_once(upload, read_question_file, name_arg="name", spinner="Memeriksa berkas soal...")
        if parsed is not None:
            mapping = category_mapping(file_categories(parsed, modules), modules)
            plan = read(plan_import, parsed, registry=registry, file_label=upload.name, module_key=target, mapping=mapping)
            import_preview(plan, user, upload.name, parsed, target, modules, mapping)
    st.subheader("Ekspor")
    export_buttons(list(modules), list(registry.categories))
