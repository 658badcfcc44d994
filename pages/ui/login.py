"""Logging in and out of this browser tab (the cookie follows through pages.ui.cookie)."""

from __future__ import annotations

import streamlit as st

from netral.core.dates import utcnow
from netral.identity import auth, login
from netral.identity.clients import client_key, parse_networks
from pages.ui import runtime, state
from pages.ui.menu import home_for
from pages.ui.service import act, act_in_callback


def sign_in(nip: str, password: str) -> str | None:
    """Check the credentials; on success log this tab in and queue the cookie. Return an error message or None."""
    settings = runtime.settings()
    outcome = act(
        login.log_in,
        nip=nip,
        password=password,
        now=utcnow(),
        secret=settings.secret(),
        session_hours=settings.session_hours,
        client=this_client(),
    ).value
    if outcome is None or outcome.user is None:
        return outcome.refusal.message if outcome and outcome.refusal else login.WRONG_CREDENTIALS
    state.set_user(outcome.user)
    state.set_pending_ticket(outcome.ticket)
    state.set_forget_cookie(False)
    state.set_destination("pages/ganti_sandi.py" if outcome.user.must_change_password else home_for(outcome.user))
    return None


def this_client() -> str:
    """The address this browser tab connects from, through the trusted proxies only."""
    forwarded = st.context.headers.get("X-Forwarded-For")
    return client_key(st.context.ip_address, forwarded, parse_networks(runtime.settings().trusted_proxies))


def sign_out() -> None:
    """End the login session everywhere and ask the browser to drop its cookie."""
    user = state.user()
    if user is not None:
        act_in_callback(auth.log_out, login_session_id=user.login_session_id, now=utcnow())
    state.set_user(None)
    state.set_pending_ticket(None)
    state.set_forget_cookie(True)
    state.set_destination("pages/masuk.py")
