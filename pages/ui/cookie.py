"""Let the browser store (or drop) the HttpOnly login cookie through Netral's own routes."""

from __future__ import annotations

import streamlit as st

from netral.identity.web import LOGIN_PATH, LOGOUT_PATH
from pages.ui import state

# Runs in the page (components v2 are not sandboxed), so fetch() carries and
# receives same-origin cookies; the token itself never reaches JavaScript.
_JS = """
export default function (component) {
  const { data, setTriggerValue } = component;
  if (!data || !data.url) return;
  fetch(data.url, { method: "POST", credentials: "same-origin", body: data.ticket || "" })
    .then((response) => setTriggerValue("done", response.status))
    .catch(() => setTriggerValue("done", 0));
}
"""
_bridge = st.components.v2.component("netral_cookie_bridge", js=_JS)


def sync_cookie() -> None:
    """Exchange a fresh login ticket for the cookie, or clear the cookie after logout."""
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    prefix = f"/{base}" if base else ""
    # The bridge's place is kept on every run, bridge or not: were it drawn only on the run after a login or a
    # logout, everything below would move down one place and back on the next run, and while that run draws, the
    # page's old copy (one place further down) still shows under the new one: a doubled login form for a moment.
    slot = st.empty()
    ticket = state.pending_ticket()
    if ticket is not None:
        with slot:
            _bridge(data={"url": prefix + LOGIN_PATH, "ticket": ticket}, key="netral_cookie_login", on_done_change=_login_done)
    elif state.must_forget_cookie():
        with slot:
            _bridge(data={"url": prefix + LOGOUT_PATH, "ticket": ""}, key="netral_cookie_logout", on_done_change=_logout_done)


def _login_done() -> None:
    state.set_pending_ticket(None)


def _logout_done() -> None:
    state.set_forget_cookie(False)
