"""Role guards: every page calls one of these first, so a page never trusts the menu."""

from __future__ import annotations

import streamlit as st

from netral.core.dates import utcnow
from netral.core.enums import Role
from netral.identity import auth
from netral.identity.auth import CurrentUser
from netral.identity.web import COOKIE_NAME
from netral.people.scope import Scope, scope_of
from pages.ui import runtime, state
from pages.ui.service import read

LEARNERS = tuple(Role)
ADMINS = (Role.SUPER_ADMIN, Role.UNIT_ADMIN)
SUPER_ADMINS = (Role.SUPER_ADMIN,)


def current_user() -> CurrentUser | None:
    """Who is logged in: re-checked against the database on every run, restored from the cookie in a new tab."""
    known = state.user()
    if known is not None:
        fresh = read(auth.refresh_user, login_session_id=known.login_session_id, now=utcnow())
    elif state.must_forget_cookie():
        fresh = None
    else:
        token = st.context.cookies.get(COOKIE_NAME)
        token = token if isinstance(token, str) else ""
        fresh = read(auth.user_for_token, token=token, now=utcnow(), secret=runtime.settings().secret())
    state.set_user(fresh)
    return fresh


def require_role(roles: tuple[Role, ...], *, allow_initial_password: bool = False) -> CurrentUser:
    """Stop the page unless a user with one of `roles` is logged in; return that user."""
    user = current_user()
    if user is None:
        st.info("Silakan masuk terlebih dahulu untuk membuka halaman ini.")
        st.markdown("[Ke halaman masuk](./)")
        st.stop()
    if user.role not in roles:
        st.error("Halaman ini tidak tersedia untuk akun Anda.")
        st.stop()
    if user.must_change_password and not allow_initial_password:
        st.warning("Anda wajib mengganti kata sandi awal sebelum melanjutkan.")
        st.stop()
    if all(role.is_admin for role in roles):
        # HR pages use the whole screen (tables with many columns). app.py sets "centered" at the start of every
        # run, so the learning pages, which never call this with admin roles only, stay narrow.
        st.set_page_config(layout="wide")
    return user


def allow_public() -> CurrentUser | None:
    """Mark a page as open to everyone (login, verification); return the user if one is logged in."""
    return current_user()


def require_admin(*, whole_agency: bool = False) -> tuple[CurrentUser, Scope]:
    """Stop the page unless an HR admin is logged in (a super admin when `whole_agency`); return them and their scope."""
    user = require_role(SUPER_ADMINS if whole_agency else ADMINS)
    return user, read(scope_of, user)
