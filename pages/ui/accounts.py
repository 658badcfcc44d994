"""What HR may do to one person's login: reset the password, unlock, change the role (super admins)."""

from __future__ import annotations

import streamlit as st

from netral.core.dates import utcnow
from netral.core.enums import Role
from netral.identity.auth import CurrentUser
from netral.people.accounts import AccountPanel, reset_password, set_role, unlock
from pages.ui.service import act
from pages.ui.text import plain


def account_actions(panel: AccountPanel, user: CurrentUser, *, whole_agency: bool) -> None:
    """The person, their role and lock, and the buttons the service will check again."""
    locked = " — terkunci karena salah kata sandi" if panel.locked else ""
    st.markdown(f"**{plain(panel.name)}** · {panel.role.label}{locked}")
    left, right = st.columns(2)
    if left.button("Atur ulang kata sandi", icon=":material/lock_reset:"):
        done = act(reset_password, actor=user, employee_id=panel.employee_id, now=utcnow())
        if done.ok:
            st.success(
                f"Kata sandi awal baru: `{done.value}` — sampaikan langsung kepada pegawai; ia wajib menggantinya saat masuk."
            )
    unlocking = right.button("Buka kunci akun", icon=":material/lock_open:")
    if unlocking and act(unlock, actor=user, employee_id=panel.employee_id, now=utcnow()).ok:
        st.success("Kunci dibuka. Pegawai dapat mencoba masuk lagi.")
    if whole_agency:
        _role_form(panel, user)


def _role_form(panel: AccountPanel, user: CurrentUser) -> None:
    roles = list(Role)
    offices = panel.offices
    with st.form("peran"):
        role = st.selectbox("Peran", roles, index=roles.index(panel.role), format_func=lambda r: r.label)
        unit_id = st.selectbox(
            "Perangkat daerah yang dikelola (admin perangkat daerah)", list(offices), format_func=offices.__getitem__,
            index=list(offices).index(panel.scope_unit_id) if panel.scope_unit_id in offices else None,
        )  # fmt: skip
        if st.form_submit_button("Simpan peran"):
            chosen_unit = unit_id if role is Role.UNIT_ADMIN else None
            if act(set_role, actor=user, employee_id=panel.employee_id, role=role, unit_id=chosen_unit, now=utcnow()).ok:
                st.success("Peran disimpan.")
