"""The forms of Pengaturan Sertifikat: the completion rule, and what new certificates say."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import streamlit as st

from netral.certificates.settings import CertificateSettings
from netral.core.enums import CompletionStep, Validity
from netral.learning.rule import CompletionRule

VALIDITY = {
    Validity.UNLIMITED: "Tanpa batas",
    Validity.MONTHS: "Sejumlah bulan sejak terbit",
    Validity.UNTIL_DATE: "Sampai tanggal tertentu",
}
STEPS = {
    CompletionStep.MODULES: "Wajib lulus kuis semua modul (membuka ujian)",
    CompletionStep.EXAM: "Wajib lulus ujian sertifikasi",
    CompletionStep.PAKTA: "Wajib menandatangani Pakta Integritas",
    CompletionStep.SCENARIOS: "Modul selesai bila skenarionya sudah sampai akhir dan kuisnya lulus",
}


def rule_form(rule: CompletionRule) -> dict[str, bool] | None:
    """Which steps a certificate requires; the choice once submitted."""
    with st.form("form_aturan"):
        chosen = {step.value: st.checkbox(label, rule.requires(step)) for step, label in STEPS.items()}
        saved = st.form_submit_button("Simpan aturan")
    return chosen if saved else None


def settings_form(current: CertificateSettings) -> tuple[CertificateSettings, bytes | None] | None:
    """Issuer, heading, cycle, place, signatory, signature, validity and emblem; the choice and any new emblem once submitted."""
    with st.form("form_sertifikat"):
        issuer = st.text_input("Instansi penerbit", current.issuer, max_chars=150)
        heading = st.text_input("Judul sertifikat", current.heading, max_chars=80)
        cycle = st.text_input(
            "Siklus pemilihan (opsional, mis. Pemilihan Kepala Daerah Serentak 2024)", current.cycle, max_chars=120
        )
        place = st.text_input("Tempat penerbitan (kota/kabupaten)", current.place, max_chars=80)
        signatory_title = st.text_input("Jabatan penanda tangan", current.signatory_title, max_chars=150)
        signatory_name = st.text_input("Nama penanda tangan", current.signatory_name, max_chars=150)
        signatory_nip = st.text_input("NIP penanda tangan", current.signatory_nip, max_chars=18)
        visible = st.checkbox(
            "Tampilkan kotak tanda tangan elektronik di sertifikat (bila tidak, tanda tangan tetap ada tetapi tak terlihat)",
            current.visible_signature,
        )
        kinds = list(VALIDITY)
        validity = st.radio(
            "Masa berlaku", kinds, index=kinds.index(Validity(current.validity)), format_func=VALIDITY.__getitem__
        )
        months = st.number_input("Jumlah bulan", 1, 120, current.valid_months)
        until = st.date_input(
            "Sampai tanggal (mis. akhir tahapan pemilihan)",
            date.fromisoformat(current.valid_until) if current.valid_until else None,
            format="DD/MM/YYYY",
        )
        logo = st.file_uploader("Lambang instansi (PNG, JPEG atau SVG, maks. 300 KB)", type=["png", "jpg", "jpeg", "svg"])
        if current.logo and not current.logo.lstrip().startswith(b"<"):
            st.image(current.logo, width=80, caption="Lambang saat ini")
        elif current.logo:
            st.caption("Lambang saat ini: berkas SVG (tampil di sertifikat).")
        saved = st.form_submit_button("Simpan", type="primary")
    if not saved:
        return None
    chosen = replace(
        current,
        issuer=issuer.strip(),
        heading=heading.strip(),
        cycle=cycle.strip(),
        visible_signature=bool(visible),
        place=place.strip(),
        signatory_title=signatory_title.strip(),
        signatory_name=signatory_name.strip(),
        signatory_nip=signatory_nip.strip(),
        validity=validity,
        valid_months=int(months),
        valid_until=until.isoformat() if isinstance(until, date) else "",
    )
    return chosen, logo.getvalue() if logo else None
