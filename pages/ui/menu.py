"""The menu for each role: what st.navigation lists (every page still guards itself)."""

from __future__ import annotations

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from netral.core.enums import Role
from netral.identity.auth import CurrentUser

Menu = list[StreamlitPage] | dict[str, list[StreamlitPage]]


def _page(file: str, title: str, icon: str, url: str, **options: object) -> StreamlitPage:
    return st.Page(f"pages/{file}.py", title=title, icon=icon, url_path=url, **options)  # type: ignore[arg-type]


def menu_for(user: CurrentUser | None) -> Menu:
    """Strangers see Masuk and Verifikasi; a first login only Ganti kata sandi; HR gets the Kepegawaian group."""
    verify = _page("verifikasi", "Verifikasi Sertifikat", ":material/verified:", "verifikasi")
    if user is None:
        return [_page("masuk", "Masuk", ":material/login:", "masuk", default=True), verify]
    if user.must_change_password:
        return [_page("ganti_sandi", "Ganti kata sandi", ":material/key:", "ganti-sandi", default=True)]
    learning = [
        _page("beranda", "Beranda", ":material/home:", "beranda", default=True),
        _page("modul", "Modul", ":material/menu_book:", "modul", visibility="hidden"),
        _page("kuis", "Kuis", ":material/quiz:", "kuis", visibility="hidden"),
        _page("hasil", "Hasil kuis", ":material/grading:", "hasil", visibility="hidden"),
        _page("ujian", "Ujian Sertifikasi", ":material/quiz:", "ujian"),
        _page("pakta", "Pakta Integritas", ":material/draw:", "pakta"),
        _page("sertifikat", "Sertifikat Saya", ":material/workspace_premium:", "sertifikat"),
        _page("ganti_sandi", "Ganti kata sandi", ":material/key:", "ganti-sandi"),
        verify,
    ]
    if not user.role.is_admin:
        return learning
    hr = [
        _page("dasbor", "Dasbor", ":material/monitoring:", "dasbor"),
        _page("pegawai", "Data Pegawai", ":material/groups:", "pegawai"),
        _page("sertifikat_hr", "Sertifikat Pegawai", ":material/folder_special:", "sertifikat-hr"),
        _page("analisis_soal", "Analisis Soal", ":material/analytics:", "analisis-soal"),
        _page("pengecualian_kuis", "Pengecualian Kuis", ":material/person_add:", "pengecualian-kuis"),
        _page("sosialisasi", "Sosialisasi", ":material/event:", "sosialisasi"),
        _page("layar_sosialisasi", "Layar proyektor", ":material/present_to_all:", "layar", visibility="hidden"),
    ]
    if user.role is Role.SUPER_ADMIN:
        hr += [
            _page("impor_pegawai", "Impor Data Pegawai", ":material/upload_file:", "impor-pegawai"),
            _page("soal", "Bank Soal", ":material/library_books:", "soal"),
            _page("pengaturan_kuis", "Pengaturan Kuis", ":material/tune:", "pengaturan-kuis"),
            _page("pengaturan_sertifikat", "Pengaturan Sertifikat", ":material/settings:", "pengaturan-sertifikat"),
            _page("audit", "Log Audit", ":material/history:", "log-audit"),
        ]
    return {"Belajar": learning, "Kepegawaian": hr}
