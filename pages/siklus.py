"""Siklus Pemilu (HR): the cycles; a super admin creates and closes them (audited)."""

import streamlit as st

from netral.core.dates import utcnow
from netral.core.enums import Role
from netral.cycles.managing import close_cycle, create_cycle, list_cycles, module_choices, office_choices
from pages.ui import state
from pages.ui.cycles import close_form, cycle_form, cycle_table
from pages.ui.guard import ADMINS, require_role
from pages.ui.service import act, read

user = require_role(ADMINS)
cycles = read(list_cycles, actor=user)

state.show_notice()
st.title("Siklus Pemilu")
st.write(
    "Setiap siklus punya tanggal dibuka, tenggat dan hari pemungutan suara sendiri. Progres, percobaan dan sertifikat "
    "tercatat per siklus; siklus lama tetap terbaca sebagai riwayat."
)
cycle_table(cycles)
if user.role is Role.SUPER_ADMIN:
    st.subheader("Siklus baru")
    draft = cycle_form(read(office_choices, actor=user), read(module_choices, actor=user))
    if draft is not None and act(create_cycle, actor=user, draft=draft, now=utcnow()).ok:
        state.push_notice(f"Siklus «{draft.name.strip()}» dibuat dan tercatat di log audit.")
        st.rerun()
    st.subheader("Tutup siklus")
    chosen = close_form(cycles)
    if chosen is not None and act(close_cycle, actor=user, cycle_id=chosen, now=utcnow()).ok:
        state.push_notice("Siklus ditutup; tetap terbaca sebagai riwayat.")
        st.rerun()
