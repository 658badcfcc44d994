"""Masuk: log in with NIP and password."""

import streamlit as st

from pages.ui.guard import allow_public
from pages.ui.login import sign_in

allow_public()

st.title("Netral")
st.markdown("Pembelajaran mandiri dan sertifikasi **Netralitas ASN** dalam Pemilu dan Pilkada.")

with st.form("form_masuk"):
    # autocomplete lets the phone's password manager offer the saved login; the script in pages/ui/style.py
    # adds inputmode="numeric" to the NIP box (Streamlit has no option for it): the number keyboard opens.
    nip = st.text_input("NIP", max_chars=30, placeholder="18 digit, boleh dengan spasi", autocomplete="username")
    password = st.text_input("Kata sandi", type="password", max_chars=128, autocomplete="current-password")
    submitted = st.form_submit_button("Masuk", type="primary", width="stretch")

if submitted:
    error = sign_in(nip, password)
    if error:
        st.error(error)
    else:
        st.rerun()

st.caption("Lupa kata sandi atau akun terkunci? Hubungi admin kepegawaian (BKPSDM) di instansi Anda.")
