"""Netral: learning and certification of ASN political neutrality.

`streamlit run app.py` finds the `st.App` below and serves it with Netral's routes and
start-up hook (migrations); Streamlit then runs this same file as the script of every
browser session, which logs the user in and builds the menu for their role.
"""

import streamlit as st

if __name__ != "__main__":
    from pages.ui.server import lifespan, routes

    app = st.App("app.py", routes=routes(), lifespan=lifespan)
else:
    from pages.ui import state, style
    from pages.ui.appearance import apply_text_size, text_size_control
    from pages.ui.cookie import sync_cookie
    from pages.ui.guard import ADMINS, SUPER_ADMINS, current_user
    from pages.ui.login import sign_out
    from pages.ui.text import plain

    st.set_page_config(page_title="Netral", page_icon=":material/verified_user:", layout="centered")
    style.apply()
    user = current_user()

    verify = st.Page("pages/verifikasi.py", title="Verifikasi Sertifikat", icon=":material/verified:", url_path="verifikasi")
    if user is None:
        pages = [st.Page("pages/masuk.py", title="Masuk", icon=":material/login:", url_path="masuk", default=True), verify]
    elif user.must_change_password:
        pages = [
            st.Page("pages/ganti_sandi.py", title="Ganti kata sandi", icon=":material/key:", url_path="ganti-sandi", default=True)
        ]
    else:
        pages = [
            st.Page("pages/beranda.py", title="Beranda", icon=":material/home:", url_path="beranda", default=True),
            st.Page("pages/modul.py", title="Modul", icon=":material/menu_book:", url_path="modul", visibility="hidden"),
            st.Page("pages/kuis.py", title="Kuis", icon=":material/quiz:", url_path="kuis", visibility="hidden"),
            st.Page("pages/hasil.py", title="Hasil kuis", icon=":material/grading:", url_path="hasil", visibility="hidden"),
            st.Page("pages/ujian.py", title="Ujian Sertifikasi", icon=":material/quiz:", url_path="ujian"),
            st.Page("pages/pakta.py", title="Pakta Integritas", icon=":material/draw:", url_path="pakta"),
            st.Page("pages/sertifikat.py", title="Sertifikat Saya", icon=":material/workspace_premium:", url_path="sertifikat"),
            st.Page("pages/ganti_sandi.py", title="Ganti kata sandi", icon=":material/key:", url_path="ganti-sandi"),
            verify,
        ]
        if user.role in ADMINS:
            hr = [
                st.Page("pages/dasbor.py", title="Dasbor", icon=":material/monitoring:", url_path="dasbor"),
                st.Page("pages/pegawai.py", title="Data Pegawai", icon=":material/groups:", url_path="pegawai"),
                st.Page(
                    "pages/sertifikat_hr.py",
                    title="Sertifikat Pegawai",
                    icon=":material/folder_special:",
                    url_path="sertifikat-hr",
                ),
                st.Page("pages/analisis_soal.py", title="Analisis Soal", icon=":material/analytics:", url_path="analisis-soal"),
            ]
            if user.role in SUPER_ADMINS:
                hr += [
                    st.Page(
                        "pages/impor_pegawai.py",
                        title="Impor Data Pegawai",
                        icon=":material/upload_file:",
                        url_path="impor-pegawai",
                    ),
                    st.Page("pages/soal.py", title="Bank Soal", icon=":material/library_books:", url_path="soal"),
                    st.Page(
                        "pages/pengaturan_kuis.py", title="Pengaturan Kuis", icon=":material/tune:", url_path="pengaturan-kuis"
                    ),
                    st.Page(
                        "pages/pengaturan_sertifikat.py",
                        title="Pengaturan Sertifikat",
                        icon=":material/settings:",
                        url_path="pengaturan-sertifikat",
                    ),  # fmt: skip
                    st.Page("pages/audit.py", title="Log Audit", icon=":material/history:", url_path="log-audit"),
                ]
            pages = {"Belajar": pages, "Kepegawaian": hr}

    if user is not None:
        apply_text_size(user)
        with st.sidebar:
            st.markdown(f"**{plain(user.name)}**  \nNIP {user.nip}")
            text_size_control(user)
            st.button("Keluar", icon=":material/logout:", on_click=sign_out, width="stretch")
    sync_cookie()
    current = st.navigation(pages)
    if (destination := state.pop_destination()) is not None:
        st.switch_page(destination)
    current.run()
