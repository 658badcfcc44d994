"""Pakta Integritas: read it, type your full name, confirm, sign; the certificate follows."""

import streamlit as st

from netral.content.pakta import pakta_text
from netral.core.dates import format_datetime, utcnow
from netral.learning.path import learning_path
from netral.learning.pledge import sign_pakta
from pages.ui import runtime, state
from pages.ui.guard import LEARNERS, require_role
from pages.ui.service import act, read
from pages.ui.text import plain

user = require_role(LEARNERS)
settings = runtime.settings()
text = pakta_text(settings.questions_dir)

path = read(learning_path, employee_id=user.employee_id)

st.page_link("pages/beranda.py", label="Beranda", icon=":material/arrow_back:")
state.show_notice()
st.markdown(text)
st.markdown(f"Nama: **{plain(user.name)}**  \nNIP: {user.nip}")

if path.pakta_signed_at is not None:
    st.success(f"Anda telah menandatangani pakta ini pada {format_datetime(path.pakta_signed_at, settings.zone)}.")
    if path.certificate_number:
        st.page_link(
            "pages/sertifikat.py", label=f"Unduh sertifikat {path.certificate_number}", icon=":material/workspace_premium:"
        )
    st.stop()
if not path.learning_done:
    st.info("Pakta integritas dapat ditandatangani setelah Anda menyelesaikan modul dan ujian sertifikasi.")
    st.stop()

with st.form("form_pakta"):
    typed = st.text_input("Ketik nama lengkap Anda sesuai data kepegawaian")
    st.caption(f"Tertulis: {plain(user.name)}")  # shown, not a 16 px help icon on a phone
    agreed = st.checkbox("Saya telah membaca dan menyetujui Pakta Integritas Netralitas ASN di atas.")
    signed = st.form_submit_button("Tanda tangani pakta", type="primary", width="stretch")
if signed:
    outcome = act(
        sign_pakta, employee_id=user.employee_id, typed_name=typed, agreed=agreed, text=text, now=utcnow(), settings=settings
    )
    if outcome.ok:
        certificate = outcome.value
        state.push_notice(
            "Pakta integritas tersimpan." + (f" Sertifikat {certificate.number} telah terbit." if certificate else "")
        )
        st.rerun()
