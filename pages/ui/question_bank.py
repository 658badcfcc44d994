"""Bank Soal's parts: the import preview with its button, and the export downloads."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from netral.content.importing import NEW, NEW_VERSION, UNCHANGED, ImportPlan, exported_questions, import_question_file
from netral.content.interop.export import export_questions
from netral.content.interop.model import ParsedFile
from netral.core.dates import utcnow
from netral.core.exports import XLSX_MIME
from netral.identity.auth import CurrentUser
from pages.ui import runtime
from pages.ui.service import act, read

KIND_NAMES = {"single": "Pilihan tunggal", "multiple": "Pilihan ganda kompleks", "truefalse": "Benar/salah"}


def import_preview(
    plan: ImportPlan, user: CurrentUser, name: str, parsed: ParsedFile, target: str | None, modules: dict[str, str]
) -> None:
    """What the file would add, change or leave; its problems; and the button that imports the valid questions."""
    st.write(
        f"**{len(plan.questions)}** soal siap: {plan.count(NEW)} baru, {plan.count(NEW_VERSION)} versi baru, "
        f"{plan.count(UNCHANGED)} tidak berubah. **{len(plan.problems)}** masalah."
    )
    if plan.questions:
        preview = [
            (q.line, q.spec.key, KIND_NAMES[q.spec.kind], modules.get(q.module_key, q.module_key), q.action)
            for q in plan.questions
        ]
        columns = ["Baris", "Id soal", "Tipe", "Modul", "Tindakan"]
        st.dataframe(pd.DataFrame(preview, columns=columns), hide_index=True, width="stretch")
    if plan.problems:
        st.error("Masalah yang harus diperbaiki di berkas (soal ini tidak akan diimpor):")
        problems = [(p.line or "-", p.name, p.reason) for p in plan.problems]
        st.dataframe(pd.DataFrame(problems, columns=["Baris", "Soal", "Alasan"]), hide_index=True, width="stretch")
    label = "Impor soal yang valid" if plan.problems else "Impor semua soal"
    if st.button(label, type="primary", disabled=not (plan.count(NEW) or plan.count(NEW_VERSION))):
        saving = f"Menyimpan {plan.count(NEW) + plan.count(NEW_VERSION)} soal ke bank soal. Jangan tutup halaman ini..."
        with st.spinner(saving):
            done = act(
                import_question_file,
                actor=user,
                registry=runtime.registry(),
                name=name,
                parsed=parsed,
                module_key=target,
                now=utcnow(),
            )
        if done.value is not None:
            st.success(f"Selesai: {done.value.count(NEW)} soal baru dan {done.value.count(NEW_VERSION)} versi baru disimpan.")
    if plan.problems:
        st.caption("Atau jangan impor apa pun: perbaiki berkasnya lalu unggah lagi.")


def export_buttons(module_keys: list[str], categories: list[str]) -> None:
    """The bank as GIFT, Aiken or Excel, and a blank Excel template, built when pressed."""

    def exported(file_format: str) -> bytes:
        data, _skipped = export_questions(read(exported_questions), file_format, modules=module_keys, categories=categories)
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
    columns[2].download_button("Excel", data=lambda: exported("xlsx"), file_name="bank-soal-netral.xlsx", mime=XLSX_MIME)
    st.download_button(
        "Unduh templat Excel kosong",
        data=lambda: export_questions([], "xlsx", modules=module_keys, categories=categories)[0],
        file_name="templat-soal-netral.xlsx",
        mime=XLSX_MIME,
        icon=":material/download:",
    )
