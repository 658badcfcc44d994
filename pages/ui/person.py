"""The person page's parts: who they are, how far they are, their attempts, certificates and exceptions, the actions."""

from __future__ import annotations

import streamlit as st

from netral.core.dates import format_date, format_datetime, format_score
from netral.hr.person import Person
from netral.identity.auth import CurrentUser
from netral.people.accounts import AccountPanel
from pages.ui import runtime
from pages.ui.accounts import account_actions
from pages.ui.attended import jp_summary
from pages.ui.menu import PERSON_PAGE
from pages.ui.tables import frame, show_table
from pages.ui.text import plain


def open_person(employee_id: int | None) -> None:
    """Go to the person page of the row picked in a table (nothing when no row is picked)."""
    if employee_id is not None:
        st.switch_page(PERSON_PAGE, query_params={"id": str(employee_id)})


def identity(person: Person) -> None:
    """Name, NIP, position and unit, and the state of their login."""
    st.title(plain(person.name))
    place = " · ".join(p for p in (person.unit, person.office) if p) or "tanpa unit"
    st.markdown(f"NIP **{person.nip}** · {plain(person.jabatan) or 'jabatan belum diisi'} · {plain(place)}")
    facts = [f"Peran: {person.role.label}" if person.role else "Belum memiliki akun"]
    facts += ["tidak aktif" if not person.active else "aktif"]
    facts += ["**terkunci** karena salah kata sandi"] if person.locked else []
    facts += ["belum mengganti kata sandi awal"] if person.must_change_password else []
    if person.pangkat:
        facts.insert(0, f"Pangkat: {plain(person.pangkat)}")
    st.caption(" · ".join(facts))


def progress(person: Person) -> None:
    """Status per module and the exam."""
    st.subheader("Kemajuan per modul")
    rows = [[m.title, m.status.value, m.attempts, m.grade] for m in person.modules]
    show_table(frame(["Modul", "Status", "Percobaan", "Nilai"], rows, numbers=["Nilai"]), key="orang_modul")


def attempts(person: Person) -> None:
    """Every attempt with its score."""
    st.subheader("Percobaan kuis")
    if not person.attempts:
        st.info("Belum ada percobaan kuis.")
        return
    zone = runtime.settings().zone
    rows = [
        [a.quiz, a.number, format_datetime(a.started_at, zone), format_datetime(a.submitted_at, zone) if a.submitted_at else
         "belum dikirim", a.score, "lulus" if a.passed else "tidak lulus" if a.passed is False else ""]
        for a in person.attempts
    ]  # fmt: skip
    show_table(frame(["Kuis", "Ke-", "Mulai", "Dikirim", "Nilai", "Hasil"], rows, numbers=["Nilai"]), key="orang_percobaan")


def certificates(person: Person) -> None:
    """The person's certificates and the exceptions HR granted them."""
    st.subheader("Sertifikat")
    if not person.certificates:
        st.info("Belum ada sertifikat.")
    else:
        zone = runtime.settings().zone
        rows = [
            [c.number, c.status.value, format_datetime(c.issued_at, zone),
             format_datetime(c.valid_until, zone) if c.valid_until else "tanpa batas", format_score(c.score)]
            for c in person.certificates
        ]  # fmt: skip
        show_table(frame(["Nomor", "Status", "Terbit", "Berlaku sampai", "Nilai"], rows), key="orang_sertifikat")
    st.subheader("Pengecualian kuis")
    for line in person.exceptions:
        st.markdown(f"- {plain(line)}")
    if not person.exceptions:
        st.caption("Tidak ada pengecualian.")
    st.page_link("pages/pengecualian_kuis.py", label="Beri pengecualian kuis", icon=":material/person_add:")


def events(person: Person) -> None:
    """The sosialisasi this person attended, with their JP."""
    st.subheader("Sosialisasi yang dihadiri")
    if not person.events:
        st.caption("Belum tercatat hadir di sosialisasi.")
        return
    st.caption(plain(jp_summary(person.events)))
    zone = runtime.settings().zone
    for event in person.events:
        when = f"{format_date(event.starts_at, zone)} · {event.jp} JP · {event.cycle_label}"
        st.markdown(f"- **{plain(event.title)}**, {plain(when)}")


def actions(person: Person, user: CurrentUser, *, whole_agency: bool) -> None:
    """Reset password, unlock and role, each checked again by its service; or why HR cannot act on this person."""
    st.subheader("Akun")
    if person.refused_actions is not None or person.role is None:
        st.info(person.refused_actions or "Pegawai ini belum memiliki akun.")
        return
    panel = AccountPanel(person.employee_id, person.name, person.role, person.locked, person.scope_unit_id, person.offices)
    account_actions(panel, user, whole_agency=whole_agency)
