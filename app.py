"""Netral: learning and certification of ASN political neutrality.

`streamlit run app.py` finds the `st.App` below and serves it with Netral's routes and
start-up hook (migrations); Streamlit then runs this same file as the script of every
browser session, which logs the user in and builds the menu for their role.
"""

import streamlit as st

if __name__ != "__main__":
    from pages.ui.server import lifespan, middleware, routes

    app = st.App("app.py", routes=routes(), lifespan=lifespan, middleware=middleware())
else:
    from pages.ui import state, style
    from pages.ui.appearance import apply_text_size, text_size_control
    from pages.ui.cookie import sync_cookie
    from pages.ui.deeplink import arrived, with_stand_in
    from pages.ui.errors import show_unexpected
    from pages.ui.guard import current_user
    from pages.ui.login import sign_out
    from pages.ui.menu import menu_for
    from pages.ui.text import plain

    st.set_page_config(page_title="Netral", page_icon=":material/verified_user:", layout="centered")
    style.apply()
    user = current_user()
    if user is not None:
        apply_text_size(user)
        with st.sidebar:
            st.markdown(f"**{plain(user.name)}**  \nNIP {user.nip}")
            text_size_control(user)
            st.button("Keluar", icon=":material/logout:", on_click=sign_out, width="stretch")
    sync_cookie()
    menu, stand_in = with_stand_in(menu_for(user), user)  # a link from outside: never Streamlit's "Page not found"
    current = st.navigation(menu, expanded=True)
    if (destination := state.pop_destination()) is not None and not arrived(current, stand_in):
        st.switch_page(destination)
    try:
        current.run()
    except Exception as error:  # noqa: BLE001 - the one boundary: an Indonesian message and a logged code, never a traceback
        show_unexpected(error)
