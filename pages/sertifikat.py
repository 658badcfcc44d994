"""Sertifikat Saya: the peserta's certificates, each downloadable as the PDF issued and as an Open Badges credential."""

import streamlit as st

from netral.certificates.listing import certificates_of_employee
from netral.core.dates import format_date, format_score, utcnow
from netral.core.enums import CertificateStatus
from pages.ui import runtime
from pages.ui.certificates import own_downloads
from pages.ui.guard import LEARNERS, require_role
from pages.ui.service import read

user = require_role(LEARNERS)
settings = runtime.settings()

st.title("Sertifikat Saya")
certificates = read(certificates_of_employee, employee_id=user.employee_id, now=utcnow())
if not certificates:
    st.info(
        "Anda belum memiliki sertifikat. Sertifikat terbit otomatis setelah semua langkah di Beranda selesai; "
        "Beranda menunjukkan langkah berikutnya."
    )
    st.page_link("pages/beranda.py", label="Ke Beranda", icon=":material/home:")
for certificate in certificates:
    with st.container(border=True):
        st.subheader(certificate.completed)
        issued = format_date(certificate.issued_at, settings.zone)
        st.write(f"Nomor **{certificate.number}** · nilai {format_score(certificate.score)} · terbit {issued}")
        if certificate.status is not CertificateStatus.VALID:
            st.warning(f"Status sertifikat ini: {certificate.status}.")
        own_downloads(certificate.number, user.employee_id)
