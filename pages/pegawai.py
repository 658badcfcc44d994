"""Data Pegawai (HR): employees in the admin's scope with their status per module; reset passwords, unlock, set roles."""

import pandas as pd
import streamlit as st

from db import queries, reading, transaction
from netral.core.dates import utcnow
from netral.core.nip import normalise_nip
from netral.hr.reports import employee_status_table
from netral.identity.auth import ROLE_NAMES, UNIT_ADMIN
from netral.people import accounts
from netral.people.scope import OutOfScope
from netral.people.units import OFFICE
from pages.ui import runtime
from pages.ui.exports import export_buttons
from pages.ui.guard import require_admin
from pages.ui.text import plain

user, scope = require_admin()
engine = runtime.engine()

st.title("Data Pegawai")
st.caption(f"Cakupan: {scope.label}.")
with reading(engine) as session:
    header, rows = employee_status_table(session, scope.unit_ids)
table = pd.DataFrame(rows, columns=header)

search = st.text_input("Cari nama atau NIP", placeholder="mis. Sutrisno atau 1968...")
if search:
    needle = search.strip().lower()
    table = table[table["Nama"].str.lower().str.contains(needle, regex=False) | table["NIP"].str.contains(needle, regex=False)]
st.caption(f"{len(table)} pegawai")
if len(table):
    st.dataframe(table, hide_index=True, width="stretch")
    export_buttons(list(table.columns), table.values.tolist(), "status-pegawai")
elif search:
    st.info("Tidak ada pegawai dengan nama atau NIP itu di cakupan Anda. Periksa ejaannya atau ketik sebagian nama saja.")
else:
    st.info(
        "Belum ada pegawai di cakupan Anda. Data pegawai masuk lewat Impor Data Pegawai"
        + (" (menu Kepegawaian)." if scope.is_whole_agency else ", yang dilakukan super admin.")
    )

st.subheader("Kelola akun")
nip = normalise_nip(st.text_input("NIP pegawai", max_chars=30, placeholder="18 digit"))
if nip:
    with reading(engine) as session:
        employee = queries.employee_by_nip(session, nip)
        visible = employee is not None and scope.allows_unit(employee.unit_id)
        account = queries.accounts_of(session, [employee.id]).get(employee.id) if employee is not None and visible else None
        offices = [u for u in queries.all_units(session) if u.level == OFFICE]
    if employee is None or not visible:
        st.warning("Pegawai dengan NIP itu tidak ada di cakupan Anda. Periksa ke-18 digitnya, atau cari namanya di atas.")
    elif account is None:
        st.info("Pegawai ini belum memiliki akun. Akun dibuat saat data pegawai yang memuat NIP ini diimpor.")
    else:
        locked = " — terkunci karena salah kata sandi" if account.locked_until and account.locked_until > utcnow() else ""
        st.markdown(f"**{plain(employee.name)}** · {ROLE_NAMES.get(account.role, account.role)}{locked}")
        left, right = st.columns(2)
        try:
            if left.button("Atur ulang kata sandi", icon=":material/lock_reset:"):
                with transaction(engine) as session:
                    password = accounts.reset_password(
                        session, scope=scope, employee_id=employee.id, actor_account_id=user.account_id, now=utcnow()
                    )
                st.success(
                    f"Kata sandi awal baru: `{password}` — sampaikan langsung kepada pegawai; ia wajib menggantinya saat masuk."
                )
            if right.button("Buka kunci akun", icon=":material/lock_open:"):
                with transaction(engine) as session:
                    accounts.unlock(session, scope=scope, employee_id=employee.id, actor_account_id=user.account_id, now=utcnow())
                st.success("Kunci dibuka. Pegawai dapat mencoba masuk lagi.")
            if scope.is_whole_agency:
                with st.form("peran"):
                    role = st.selectbox(
                        "Peran", list(ROLE_NAMES), index=list(ROLE_NAMES).index(account.role), format_func=ROLE_NAMES.__getitem__
                    )
                    names = {u.id: u.name for u in offices}
                    unit_id = st.selectbox(
                        "Perangkat daerah yang dikelola (admin perangkat daerah)", list(names), format_func=names.__getitem__,
                        index=list(names).index(account.scope_unit_id) if account.scope_unit_id in names else None,
                    )  # fmt: skip
                    if st.form_submit_button("Simpan peran"):
                        with transaction(engine) as session:
                            accounts.set_role(
                                session, scope=scope, employee_id=employee.id, role=role,
                                unit_id=unit_id if role == UNIT_ADMIN else None, actor_account_id=user.account_id, now=utcnow(),
                            )  # fmt: skip
                        st.success("Peran disimpan.")
        except (accounts.AccountError, OutOfScope) as exc:
            st.error(str(exc))
