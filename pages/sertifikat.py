"""Sertifikat Saya: the peserta's certificates, each downloadable as the PDF issued."""

import streamlit as st

from db import reading
from netral.certificates.issuing import certificates_of_employee
from netral.core.dates import format_date, format_score, utcnow
from pages.ui import runtime
from pages.ui.guard import LEARNERS, require_role

user = require_role(LEARNERS)

st.title("Sertifikat Saya")
with reading(runtime.engine()) as session:
    certificates = certificates_of_employee(session, employee_id=user.employee_id, now=utcnow())

if not certificates:
    st.info(
        "Anda belum memiliki sertifikat. Sertifikat terbit otomatis setelah semua langkah di Beranda selesai; "
        "Beranda menunjukkan langkah berikutnya."
    )
    st.page_link("pages/beranda.py", label="Ke Beranda", icon=":material/home:")
for certificate in certificates:
    with st.container(border=True):
        st.subheader(certificate.completed)
        issued = format_date(certificate.issued_at, runtime.settings().zone)
        st.write(f"Nomor **{certificate.number}** · nilai {format_score(certificate.score)} · terbit {issued}")
        if certificate.status != "sah":
            st.warning(f"Status sertifikat ini: {certificate.status}.")
        st.download_button(
            "Unduh PDF",
            data=certificate.pdf,
            file_name=f"{certificate.number}.pdf",
            mime="application/pdf",
            key=f"unduh_{certificate.number}",
            icon=":material/download:",
            width="stretch",
        )
