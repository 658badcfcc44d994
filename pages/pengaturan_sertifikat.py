"""Pengaturan Sertifikat (HR): issuer, place, signatory, validity and logo of new certificates."""

from dataclasses import replace
from datetime import date

import streamlit as st

from db import reading, transaction
from netral.certificates.settings import (
    VALIDITY_MONTHS,
    VALIDITY_NONE,
    VALIDITY_UNTIL,
    CertificateSettingsRefused,
    certificate_settings,
    save_certificate_settings,
)
from netral.core.dates import utcnow
from pages.ui import runtime
from pages.ui.guard import SUPER_ADMINS, require_role

user = require_role(SUPER_ADMINS)
engine, settings = runtime.engine(), runtime.settings()

st.title("Pengaturan Sertifikat")
st.write("Berlaku untuk sertifikat yang terbit setelah disimpan. Sertifikat yang sudah terbit tidak pernah berubah.")
with reading(engine) as session:
    current = certificate_settings(session, default_issuer=settings.agency_name)

with st.form("form_sertifikat"):
    issuer = st.text_input("Instansi penerbit", current.issuer, max_chars=150)
    place = st.text_input("Tempat penerbitan (kota/kabupaten)", current.place, max_chars=80)
    signatory_title = st.text_input("Jabatan penanda tangan", current.signatory_title, max_chars=150)
    signatory_name = st.text_input("Nama penanda tangan", current.signatory_name, max_chars=150)
    signatory_nip = st.text_input("NIP penanda tangan", current.signatory_nip, max_chars=18)
    kinds = {
        VALIDITY_NONE: "Tanpa batas",
        VALIDITY_MONTHS: "Sejumlah bulan sejak terbit",
        VALIDITY_UNTIL: "Sampai tanggal tertentu",
    }
    validity = st.radio("Masa berlaku", list(kinds), index=list(kinds).index(current.validity), format_func=kinds.__getitem__)
    months = st.number_input("Jumlah bulan", 1, 120, current.valid_months)
    until = st.date_input(
        "Sampai tanggal (mis. akhir tahapan pemilihan)",
        date.fromisoformat(current.valid_until) if current.valid_until else None,
        format="DD/MM/YYYY",
    )
    logo = st.file_uploader("Logo instansi (PNG atau JPEG, maks. 300 KB)", type=["png", "jpg", "jpeg"])
    if current.logo:
        st.image(current.logo, width=80, caption="Logo saat ini")
    saved = st.form_submit_button("Simpan", type="primary")
if saved:
    chosen = replace(
        current,
        issuer=issuer.strip(),
        place=place.strip(),
        signatory_title=signatory_title.strip(),
        signatory_name=signatory_name.strip(),
        signatory_nip=signatory_nip.strip(),
        validity=validity,
        valid_months=int(months),
        valid_until=until.isoformat() if until else "",
    )
    try:
        with transaction(engine) as session:
            save_certificate_settings(
                session, settings=chosen, logo=logo.getvalue() if logo else None, actor_account_id=user.account_id, now=utcnow()
            )
    except CertificateSettingsRefused as exc:
        st.error(str(exc))
    else:
        st.success("Pengaturan sertifikat tersimpan dan tercatat di log audit.")
