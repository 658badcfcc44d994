"""The one module that owns st.session_state: typed accessors, no loose keys in pages."""

from __future__ import annotations

from typing import Any

import streamlit as st

from netral.identity.auth import CurrentUser
from netral.people.roster.importing import InitialPassword

_USER = "netral_user"
_TICKET = "netral_cookie_ticket"
_FORGET_COOKIE = "netral_forget_cookie"
_ABSENT = object()  # a widget key not in session state yet
_NOTICE = "netral_notice"
_CONFIRM = "netral_confirm_submit"
_DESTINATION = "netral_destination"
_INITIAL_PASSWORDS = "netral_initial_passwords"
_UPLOADS = "netral_upload_generations"
_PARSED = "netral_parsed_upload"
_WANTED = "netral_wanted_address"


def user() -> CurrentUser | None:
    """The user logged in to this browser tab, if any."""
    value = st.session_state.get(_USER)
    return value if isinstance(value, CurrentUser) else None


def set_user(value: CurrentUser | None) -> None:
    """Remember (or forget) the logged-in user for this tab."""
    if value is None:
        st.session_state.pop(_USER, None)
    else:
        st.session_state[_USER] = value


def pending_ticket() -> str | None:
    """The one-time ticket still to be exchanged for the login cookie."""
    value = st.session_state.get(_TICKET)
    return value if isinstance(value, str) else None


def set_pending_ticket(ticket: str | None) -> None:
    """Queue (or clear) the ticket the browser must exchange for the login cookie."""
    if ticket is None:
        st.session_state.pop(_TICKET, None)
    else:
        st.session_state[_TICKET] = ticket


def must_forget_cookie() -> bool:
    """Whether the browser still has to drop its login cookie after a logout."""
    return bool(st.session_state.get(_FORGET_COOKIE))


def set_forget_cookie(value: bool) -> None:
    """Ask the browser to drop its login cookie on the next run (or stop asking)."""
    st.session_state[_FORGET_COOKIE] = value


def push_notice(message: str, *, error: bool = False) -> None:
    """Keep a message to show once on the next run (after a callback, switch or rerun)."""
    st.session_state[_NOTICE] = (error, message)


def show_notice() -> None:
    """Show and forget the pending one-time message, if any."""
    value = st.session_state.pop(_NOTICE, None)
    if isinstance(value, tuple):
        error, message = value
        (st.error if error else st.success)(message)


def confirming_submit(attempt_id: int) -> bool:
    """Whether the peserta asked to submit this attempt and must now confirm."""
    return st.session_state.get(_CONFIRM) == attempt_id


def set_confirming_submit(attempt_id: int | None) -> None:
    """Ask for (or drop) the confirmation before submitting an attempt."""
    st.session_state[_CONFIRM] = attempt_id


def set_destination(page: str) -> None:
    """Ask app.py to open `page` on the next run, once the menu for the new role exists."""
    st.session_state[_DESTINATION] = page


def pop_destination() -> str | None:
    """Take the page app.py should open now, if any."""
    value = st.session_state.pop(_DESTINATION, None)
    return value if isinstance(value, str) else None


def set_wanted_address(address: str | None) -> None:
    """Remember (or forget) the address a logged-out visitor asked for, to stay there once logged in."""
    if address is None:
        st.session_state.pop(_WANTED, None)
    else:
        st.session_state[_WANTED] = address


def pop_wanted_address() -> str | None:
    """Take the address a visitor asked for before logging in, if any."""
    value = st.session_state.pop(_WANTED, None)
    return value if isinstance(value, str) else None


def show_stored(key: str, stored: object) -> None:
    """Make a widget show what the database holds (another tab or device may have changed it).

    Widget keys stay stable, so focus stays where the user is; only a differing value is replaced.
    """
    if st.session_state.get(key, _ABSENT) != stored:  # one read: this runs for every option on every tap
        st.session_state[key] = stored


def widget_value(key: str) -> object:
    """The current value of a keyed widget (None before it was drawn)."""
    return st.session_state.get(key)


def initial_passwords() -> list[InitialPassword] | None:
    """The initial passwords of the last roster import, until HR downloads them once (shown once)."""
    value = st.session_state.get(_INITIAL_PASSWORDS)
    return value if isinstance(value, list) else None


def set_initial_passwords(passwords: list[InitialPassword] | None) -> None:
    """Keep (or drop, after the one download) the initial passwords of an import."""
    if passwords is None:
        st.session_state.pop(_INITIAL_PASSWORDS, None)
    else:
        st.session_state[_INITIAL_PASSWORDS] = passwords


def parsed_upload(key: tuple[str, ...]) -> tuple[bool, Any]:
    """(True, value) when the upload with this key was parsed earlier in this session, else (False, None)."""
    kept = st.session_state.get(_PARSED)
    if isinstance(kept, tuple) and kept[0] == key:
        return True, kept[1]
    st.session_state.pop(_PARSED, None)  # one parsed file per session: the previous one goes first
    return False, None


def keep_parsed_upload(key: tuple[str, ...], value: Any) -> None:
    """Keep a parsed upload for its life in this session (reruns do not read the file again)."""
    st.session_state[_PARSED] = (key, value)


def sent_upload(key: str) -> Any:
    """The file the browser sent to the uploader with this key in the last run, read before the page draws it."""
    return st.session_state.get(key)


def upload_generation(name: str) -> int:
    """Which uploader of this name the page shows now (a new number is a new, empty uploader)."""
    value = st.session_state.get(_UPLOADS, {}).get(name, 0)
    return value if isinstance(value, int) else 0


def next_upload_generation(name: str) -> None:
    """Replace the uploader of this name by a fresh one; Streamlit then drops the old one's file."""
    generations = dict(st.session_state.get(_UPLOADS, {}))
    generations[name] = upload_generation(name) + 1
    st.session_state[_UPLOADS] = generations
