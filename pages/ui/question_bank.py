"""Bank Soal's parts: the counts, the category mapping, the import preview with its button, and the exports."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from netral.content.categories import FileCategory
from netral.content.importing import NEW, NEW_VERSION, UNCHANGED, ImportPlan, import_question_file
from netral.content.interop.export import export_questions
from netral.content.interop.model import ParsedFile
from netral.content.overview import BankOverview, exported_questions
from netral.core.dates import utcnow
from netral.core.exports import XLSX_MIME
from netral.identity.auth import CurrentUser
from pages.ui import runtime
from pages.ui.service import act, read

KIND_NAMES = {"single": "Pilihan tunggal", "multiple": "Pilihan ganda kompleks", "truefalse": "Benar/salah"}
POOL_NAMES = {"modul": "Latihan (kuis modul)", "ujian": "Ujian sertifikasi"}
WAITING = "menunggu modul"


def bank_summary(overview: BankOverview) -> None:
    """Questions per module and pool (rows) and type (columns): HR sees what practice may show and what only the exam does."""
    if not overview.counts:
        st.info("Bank soal masih kosong. Impor berkas soal di bawah ini; jumlah soal per modul tampil di sini setelahnya.")
        return
    table = pd.DataFrame(overview.counts, columns=["Modul", "Tipe", "Kumpulan", "Jumlah"])
    table["Kumpulan"] = table["Kumpulan"].map(POOL_NAMES)
    summary = table.pivot_table(
        index=["Modul", "Kumpulan"], columns="Tipe", values="Jumlah", fill_value=0, sort=False, aggfunc="sum"
    )
    st.dataframe(summary.rename(columns=KIND_NAMES), width="stretch")
    st.caption(
        "Soal kumpulan latihan tampil di kuis modul beserta kuncinya; soal kumpulan ujian hanya tampil di ujian sertifikasi."
    )


def category_mapping(categories: list[FileCategory], modules: dict[str, str]) -> dict[str, str | None]:
    """One select per category of the file, starting at the module proposed by name; HR's choices by category."""
    if not categories:
        return {}
    st.markdown("**Kategori di berkas → modul tujuan**")
    st.caption(
        "Modul diusulkan dari kemiripan nama kategori. Soal dari kategori yang belum dipetakan tetap tampil di "
        "pratinjau, tetapi baru diimpor setelah modulnya dipilih."
    )
    options: list[str | None] = [None, *modules]
    return {
        category.name: st.selectbox(
            f"{category.name} ({category.questions} soal)",
            options,
            index=options.index(category.proposed) if category.proposed in options else 0,
            format_func=lambda key: "— belum dipetakan —" if key is None else f"{modules[key]} ({key})",
            key=f"peta_kategori_{category.name}",
        )
        for category in categories
    }


def import_preview(
    plan: ImportPlan,
    user: CurrentUser,
    name: str,
    parsed: ParsedFile,
    target: str | None,
    modules: dict[str, str],
    mapping: dict[str, str | None],
) -> None:
    """What the file would add, change or leave; what waits for a module; its problems; and the import button."""
    waiting = f" **{plan.waiting}** soal menunggu pemetaan modul." if plan.waiting else ""
    st.write(
        f"**{len(plan.questions) - plan.waiting}** soal siap: {plan.count(NEW)} baru, {plan.count(NEW_VERSION)} versi baru, "
        f"{plan.count(UNCHANGED)} tidak berubah.{waiting} **{len(plan.problems)}** masalah."
    )
    if plan.questions:
        preview = [
            (
                q.line,
                q.spec.key,
                KIND_NAMES[q.spec.kind],
                q.category or "",
                modules.get(q.module_key, q.module_key) if q.module_key else "",
                POOL_NAMES[q.spec.pool],
                q.action or WAITING,
            )
            for q in plan.questions
        ]
        columns = ["Baris", "Id soal", "Tipe", "Kategori berkas", "Modul", "Kumpulan", "Tindakan"]
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
                mapping=mapping,
            )
        if done.value is not None:
            st.success(f"Selesai: {done.value.count(NEW)} soal baru dan {done.value.count(NEW_VERSION)} versi baru disimpan.")
    if plan.problems:
        st.caption("Atau jangan impor apa pun: perbaiki berkasnya lalu unggah lagi.")


EXPORTS = {
    "gift": ("GIFT (Moodle)", "bank-soal-netral.gift.txt", "text/plain"),
    "aiken": ("Aiken", "bank-soal-netral.aiken.txt", "text/plain"),
    "xlsx": ("Excel", "bank-soal-netral.xlsx", XLSX_MIME),
}


def export_buttons(module_keys: list[str], categories: list[str]) -> None:
    """The bank as GIFT, Aiken or Excel, built on request; and a blank Excel template, built with the page.

    The whole bank takes about a second to read and write as Excel, too much for every run of the page, so it is built
    by a button and then offered as an ordinary download. Never as a deferred `data=<callable>`: such a download whose
    script run had been replaced answered "Deferred file … not found".
    """
    chosen = st.radio("Format", list(EXPORTS), format_func=lambda key: EXPORTS[key][0], horizontal=True, key="ekspor_format")
    if chosen == "aiken":
        st.caption("Aiken hanya memuat soal pilihan tunggal dan benar/salah.")
    label, file_name, mime = EXPORTS[chosen]
    if st.button("Siapkan berkas", icon=":material/build:", key="ekspor_siapkan"):
        with st.spinner("Menyiapkan berkas bank soal..."):
            data, skipped = export_questions(read(exported_questions), chosen, modules=module_keys, categories=categories)
        if skipped:
            st.caption(f"{len(skipped)} soal tidak dimuat: format {label} hanya memuat pilihan tunggal dan benar/salah.")
        st.download_button(
            f"Unduh bank soal ({label})", data=data, file_name=file_name, mime=mime, icon=":material/download:", on_click="ignore"
        )
    st.download_button(
        "Unduh templat Excel kosong",
        data=export_questions([], "xlsx", modules=module_keys, categories=categories)[0],
        file_name="templat-soal-netral.xlsx",
        mime=XLSX_MIME,
        icon=":material/download:",
        on_click="ignore",
    )
