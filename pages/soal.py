"""Bank Soal (HR): import questions from Moodle GIFT, Aiken or Excel with a preview; export the bank."""

import pandas as pd
import streamlit as st

from db import reading, transaction
from db.queries import active_modules, question_counts
from netral.content.importing import (
    NEW,
    NEW_VERSION,
    UNCHANGED,
    apply_import,
    exported_questions,
    plan_import,
    read_question_file,
)
from netral.content.interop.export import export_questions
from netral.core.dates import utcnow
from pages.ui import runtime
from pages.ui.guard import SUPER_ADMINS, require_role

user = require_role(SUPER_ADMINS)
engine, registry = runtime.engine(), runtime.registry()
KIND_NAMES = {"single": "Pilihan tunggal", "multiple": "Pilihan ganda kompleks", "truefalse": "Benar/salah"}

st.title("Bank Soal")
with reading(engine) as session:
    counts = question_counts(session)
    modules = {module.key: module.title for module in active_modules(session)}
if counts:
    summary = pd.DataFrame(counts, columns=["Modul", "Tipe", "Jumlah"]).pivot_table(
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
target = st.selectbox("Modul tujuan (bila berkas tidak menyebutkannya)", list(modules), format_func=modules.__getitem__)
if upload is not None:
    data = upload.getvalue()
    with st.spinner("Memeriksa berkas soal..."), reading(engine) as session:
        plan = plan_import(
            session, read_question_file(upload.name, data), registry=registry, file_label=upload.name, module_key=target
        )
    st.write(
        f"**{len(plan.questions)}** soal siap: {plan.count(NEW)} baru, {plan.count(NEW_VERSION)} versi baru, "
        f"{plan.count(UNCHANGED)} tidak berubah. **{len(plan.problems)}** masalah."
    )
    if plan.questions:
        preview = [
            (q.line, q.spec.key, KIND_NAMES[q.spec.kind], modules.get(q.module_key, q.module_key), q.action)
            for q in plan.questions
        ]
        st.dataframe(
            pd.DataFrame(preview, columns=["Baris", "Id soal", "Tipe", "Modul", "Tindakan"]), hide_index=True, width="stretch"
        )
    if plan.problems:
        st.error("Masalah yang harus diperbaiki di berkas (soal ini tidak akan diimpor):")
        problems = [(p.line or "-", p.name, p.reason) for p in plan.problems]
        st.dataframe(pd.DataFrame(problems, columns=["Baris", "Soal", "Alasan"]), hide_index=True, width="stretch")
    label = "Impor soal yang valid" if plan.problems else "Impor semua soal"
    if st.button(label, type="primary", disabled=not (plan.count(NEW) or plan.count(NEW_VERSION))):
        saving = f"Menyimpan {plan.count(NEW) + plan.count(NEW_VERSION)} soal ke bank soal. Jangan tutup halaman ini..."
        with st.spinner(saving), transaction(engine) as session:
            final = plan_import(
                session, read_question_file(upload.name, data), registry=registry, file_label=upload.name, module_key=target
            )
            apply_import(
                session, final, registry=registry, now=utcnow(), actor_account_id=user.account_id, file_label=upload.name
            )
        st.success(f"Selesai: {final.count(NEW)} soal baru dan {final.count(NEW_VERSION)} versi baru disimpan.")
    if plan.problems:
        st.caption("Atau jangan impor apa pun: perbaiki berkasnya lalu unggah ulang.")

st.subheader("Ekspor")
module_keys, categories = list(modules), list(registry.categories)


def exported(file_format: str) -> bytes:
    """Build the export file when the button is pressed."""
    with reading(engine) as session:
        data, _skipped = export_questions(exported_questions(session), file_format, modules=module_keys, categories=categories)
    return data


columns = st.columns(3)
columns[0].download_button(
    "GIFT (Moodle)", data=lambda: exported("gift"), file_name="bank-soal-netral.gift.txt", mime="text/plain"
)
columns[1].download_button(
    "Aiken",
    data=lambda: exported("aiken"),
    file_name="bank-soal-netral.aiken.txt",
    mime="text/plain",
    help="Aiken hanya memuat soal pilihan tunggal dan benar/salah.",
)
columns[2].download_button(
    "Excel",
    data=lambda: exported("xlsx"),
    file_name="bank-soal-netral.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
st.download_button(
    "Unduh templat Excel kosong",
    data=lambda: export_questions([], "xlsx", modules=module_keys, categories=categories)[0],
    file_name="templat-soal-netral.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/download:",
)
