"""Links into the app from outside (a bookmark, a WhatsApp message, a reminder e-mail), even while logged out.

Streamlit answers an address that is not in this session's menu with its English "Page not found" dialog and
the default page. Instead the menu gets a hidden page at exactly that address: the login form for a stranger
(the address, query included, stays in the browser, so once logged in the same address is the real page), and
an Indonesian "not for your account" for someone logged in whose menu lacks it.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from netral.identity.auth import CurrentUser
from pages.ui import state
from pages.ui.menu import Menu

_ADDRESS = re.compile(r"[a-z0-9-]{1,40}")
LOGIN = "masuk"


def with_stand_in(menu: Menu, user: CurrentUser | None) -> tuple[Menu, StreamlitPage | None]:
    """The menu, plus a hidden page at the address asked for when the menu has none there (and that page)."""
    asked = _asked_address()
    pages = [page for group in (menu.values() if isinstance(menu, dict) else [menu]) for page in group]
    if not asked or any(address_of(page) == asked for page in pages):
        if user is None:
            state.set_wanted_address(None)
        return menu, None
    if user is None:
        state.set_wanted_address(asked)
        stand_in = st.Page("pages/masuk.py", title="Masuk", url_path=asked, visibility="hidden")
    else:
        home = next((page for page in pages if page.url_path == ""), pages[0])  # the default page's address is ""
        page = lambda: _not_for_this_account(asked, home)  # noqa: E731 - st.Page takes a callable
        stand_in = st.Page(page, title="Tidak tersedia", url_path=asked, visibility="hidden")
    if isinstance(menu, dict):
        first = next(iter(menu))
        return {**menu, first: [*menu[first], stand_in]}, stand_in
    return [*menu, stand_in], stand_in


def address_of(page: StreamlitPage) -> str:
    """The address a page answers to. Public `url_path` is "" for the default page, which still answers to its own
    address (/beranda): that one is read from the private `_url_path` (docs/architecture.md, Private APIs)."""
    return page.url_path or str(getattr(page, "_url_path", ""))


def arrived(current: StreamlitPage, stand_in: StreamlitPage | None) -> bool:
    """Whether a user who has just logged in is on the real page a link had asked for (then stay there)."""
    wanted = state.pop_wanted_address()
    return stand_in is None and wanted is not None and wanted == address_of(current)


def _asked_address() -> str:
    path = urlsplit(st.context.url or "").path.rstrip("/")
    last = path.rsplit("/", 1)[-1] if path else ""
    return last if _ADDRESS.fullmatch(last) else ""


def _not_for_this_account(address: str, home: StreamlitPage) -> None:
    if address == LOGIN:  # a logged-in tab reloaded on the login address: nothing to say, go home
        st.switch_page(home)
    st.title("Halaman tidak tersedia")
    st.info("Halaman ini tidak tersedia untuk akun Anda, atau alamatnya keliru.")
    st.page_link(home, label="Ke halaman awal", icon=":material/home:")
