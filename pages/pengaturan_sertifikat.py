"""Pengaturan Sertifikat (HR): when a certificate is issued (the completion rule) and what it says (issuer, signatory...)."""

import streamlit as st

from netral.certificates.settings import certificate_settings, save_certificate_settings
from netral.core.dates import utcnow
from netral.learning.rule import completion_rule, set_completion_rule
from pages.ui import runtime
from pages.ui.certificate_settings import rule_form, settings_form
from pages.ui.guard import SUPER_ADMINS, require_role
from pages.ui.service import act, read

user = require_role(SUPER_ADMINS)
settings = runtime.settings()

st.title("Pengaturan Sertifikat")
st.subheader("Syarat penerbitan")
chosen_rule = rule_form(read(completion_rule))
if chosen_rule is not None and act(set_completion_rule, actor=user, rule=chosen_rule, now=utcnow()).ok:
    st.success("Aturan tersimpan.")

st.subheader("Isi sertifikat")
st.write("Berlaku untuk sertifikat yang terbit setelah disimpan. Sertifikat yang sudah terbit tidak pernah berubah.")
current = read(certificate_settings, default_issuer=settings.agency_name)
submitted = settings_form(current)
if submitted is not None:
    chosen, logo = submitted
    if act(save_certificate_settings, actor=user, settings=chosen, logo=logo, now=utcnow()).ok:
        st.success("Pengaturan sertifikat tersimpan dan tercatat di log audit.")
