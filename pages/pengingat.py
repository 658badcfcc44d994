"""Pengingat (HR): a cycle's reminder rules and template (super admins), a preview, and what was sent to whom and when."""

import streamlit as st

from netral.core.dates import utcnow
from netral.core.enums import Role
from netral.cycles.log import reminder_log
from netral.cycles.managing import list_cycles
from netral.cycles.rules import preview, reminder_rules, set_reminder_rules
from pages.ui import runtime
from pages.ui.guard import ADMINS, require_role
from pages.ui.reminders import choose_cycle, preview_form, rules_form, show_log, show_preview
from pages.ui.service import act, read, read_or_show

user = require_role(ADMINS)
settings = runtime.settings()
cycles = read(list_cycles, actor=user)

st.title("Pengingat Email")
cycle = choose_cycle(cycles)
if cycle is not None:
    rules = read(reminder_rules, actor=user, cycle_id=cycle.id)
    if user.role is Role.SUPER_ADMIN:
        st.subheader("Aturan dan templat")
        chosen = rules_form(rules)
        if chosen is not None and act(set_reminder_rules, actor=user, cycle_id=cycle.id, rules=chosen, now=utcnow()).ok:
            st.success("Aturan pengingat tersimpan dan tercatat di log audit.")
            rules = chosen
    st.subheader("Pratinjau dengan data pegawai")
    nip = preview_form()
    if nip is not None:
        shown = read_or_show(
            preview,
            actor=user,
            cycle_id=cycle.id,
            nip=nip,
            rules=rules,
            base_url=settings.base_url,
            agency_name=settings.agency_name,
            now=utcnow(),
            zone=settings.zone,
        )
        if shown.value is not None:
            show_preview(*shown.value)
    st.subheader("Pesan terkirim")
    show_log(read(reminder_log, actor=user, cycle_id=cycle.id, now=utcnow(), zone=settings.zone))
