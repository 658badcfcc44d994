"""The menu for each role: what st.navigation lists (every page still guards itself).

Administrators land on the Dasbor; their HR pages are grouped (Pantau, Pegawai, Konten, Pengaturan) and their own
learning stays one click away under "Belajar". app.py shows the menu expanded, so no entry hides behind "View more".
"""

from __future__ import annotations

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from netral.core.enums import Role
from netral.identity.auth import CurrentUser

Menu = list[StreamlitPage] | dict[str, list[StreamlitPage]]
PERSON_PAGE = "pages/profil_pegawai.py"


def home_for(user: CurrentUser) -> str:
    """Where a user lands after logging in (or changing the first password): admins on the Dasbor, others on Beranda."""
    return "pages/dasbor.py" if user.role.is_admin else "pages/beranda.py"


def _page(file: str, title: str, icon: str, url: str, **options: object) -> StreamlitPage:
    return st.Page(f"pages/{file}.py", title=title, icon=icon, url_path=url, **options)  # type: ignore[arg-type]


def menu_for(user: CurrentUser | None) -> Menu:
    """Strangers see Masuk and Verifikasi; a first login only Ganti kata sandi; admins the HR groups, then Belajar."""
    verify = _page("verifikasi", "Verifikasi Sertifikat", ":material/verified:", "verifikasi")
    if user is None:
        return [_page("masuk", "Masuk", ":material/login:", "masuk", default=True), verify]
    if user.must_change_password:
        return [_page("ganti_sandi", "Ganti kata sandi", ":material/key:", "ganti-sandi", default=True)]
    admin = user.role.is_admin
    learning = [
        _page("beranda", "Beranda", ":material/home:", "beranda", default=not admin),
        _page("modul", "Modul", ":material/menu_book:", "modul", visibility="hidden"),
        _page("kuis", "Kuis", ":material/quiz:", "kuis", visibility="hidden"),
        _page("hasil", "Hasil kuis", ":material/grading:", "hasil", visibility="hidden"),
        _page("ujian", "Ujian Sertifikasi", ":material/quiz:", "ujian"),
        _page("pakta", "Pakta Integritas", ":material/draw:", "pakta"),
        _page("sertifikat", "Sertifikat Saya", ":material/workspace_premium:", "sertifikat"),
        _page("ganti_sandi", "Ganti kata sandi", ":material/key:", "ganti-sandi"),
        verify,
    ]
    if not admin:
        return learning
    return {**_hr_groups(user.role is Role.SUPER_ADMIN), "Belajar": learning}


def _hr_groups(super_admin: bool) -> dict[str, list[StreamlitPage]]:
    # The default page of a menu answers at "/" and has no address of its own; a hidden start page holds "/" and
    # forwards to the Dasbor, so /dasbor stays a working address (bookmarks, links in messages).
    start = _page("mulai_admin", "Dasbor", ":material/monitoring:", "mulai", default=True, visibility="hidden")
    watch = [
        start,
        _page("dasbor", "Dasbor", ":material/monitoring:", "dasbor"),
        _page("dasbor_siklus", "Dasbor Siklus", ":material/insights:", "dasbor-siklus"),
    ]

    people = [
        _page("pegawai", "Data Pegawai", ":material/groups:", "pegawai"),
        _page("profil_pegawai", "Profil pegawai", ":material/person:", "profil-pegawai", visibility="hidden"),
        _page("sertifikat_hr", "Sertifikat Pegawai", ":material/folder_special:", "sertifikat-hr"),
        _page("pengecualian_kuis", "Pengecualian Kuis", ":material/person_add:", "pengecualian-kuis"),
        # The rules editor is for super admins; an admin perangkat daerah reads what was sent to their people.
        _page("pengingat", "Pengingat Email", ":material/forward_to_inbox:", "pengingat"),
        _page("sosialisasi", "Sosialisasi", ":material/event:", "sosialisasi"),
        _page("layar_sosialisasi", "Layar proyektor", ":material/present_to_all:", "layar", visibility="hidden"),
    ]
    content = [_page("analisis_soal", "Analisis Soal", ":material/analytics:", "analisis-soal")]
    if not super_admin:
        return {"Pantau": watch, "Pegawai": people, "Konten": content}
    watch.append(_page("audit", "Log Audit", ":material/history:", "log-audit"))
    people.append(_page("impor_pegawai", "Impor Data Pegawai", ":material/upload_file:", "impor-pegawai"))
    content.insert(0, _page("soal", "Bank Soal", ":material/library_books:", "soal"))
    settings = [
        _page("siklus", "Siklus Pemilu", ":material/how_to_vote:", "siklus"),
        _page("pengaturan_kuis", "Pengaturan Kuis", ":material/tune:", "pengaturan-kuis"),
        _page("pengaturan_sertifikat", "Pengaturan Sertifikat", ":material/settings:", "pengaturan-sertifikat"),
    ]
    return {"Pantau": watch, "Pegawai": people, "Konten": content, "Pengaturan": settings}
