"""Ganti kata sandi: required after the first login with an initial password."""

import streamlit as st

from netral.core.dates import utcnow
from netral.identity import auth
from netral.identity.passwords import MIN_LENGTH
from pages.ui import state
from pages.ui.guard import LEARNERS, require_role
from pages.ui.menu import home_for
from pages.ui.service import act

user = require_role(LEARNERS, allow_initial_password=True)

st.title("Ganti kata sandi")
if user.must_change_password:
    st.info("Ini login pertama Anda dengan kata sandi awal. Buat kata sandi baru yang hanya Anda ketahui sebelum melanjutkan.")

with st.form("form_ganti_sandi"):
    current = st.text_input("Kata sandi saat ini", type="password", max_chars=128)
    new = st.text_input("Kata sandi baru", type="password", max_chars=128)
    st.caption(f"Minimal {MIN_LENGTH} karakter dan tidak memuat NIP Anda.")  # shown, not a 16 px help icon on a phone
    repeat = st.text_input("Ulangi kata sandi baru", type="password", max_chars=128)
    submitted = st.form_submit_button("Simpan kata sandi baru", type="primary", width="stretch")

if submitted:
    changed = act(
        auth.change_password,
        login_session_id=user.login_session_id,
        current_password=current,
        new_password=new,
        repeated=repeat,
        now=utcnow(),
    )
    if changed.ok:
        state.push_notice("Kata sandi berhasil diganti.")
        state.set_destination(home_for(user))
        st.rerun()
