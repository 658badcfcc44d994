"""How a page calls the domain: one service per read or action, each in its own transaction.

`read` runs a service in a read-only session; `act` runs one in a write transaction that commits on
success. A domain refusal (netral.core.errors.Refusal, the one type services raise) becomes an
Indonesian message on the page, never a traceback; the page learns whether the action happened.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Concatenate, Generic, ParamSpec, TypeVar, cast

import streamlit as st
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from streamlit.delta_generator import DeltaGenerator

from db import reading
from db.engine import bare_write_with_retries, is_busy, runs_bare, write_with_retries
from netral.core.errors import NotSaved, Refusal
from pages.ui import runtime, state
from pages.ui.errors import error_message, log_unexpected

if TYPE_CHECKING:
    from sqlalchemy import Connection  # only named in a cast: pages never hold a connection themselves

LOGGER = logging.getLogger("netral.pages")
# Seconds to wait before each retry of a write that found the database busy. SQLite already waited busy_timeout
# (10 s) inside each try, so the person's action gets about 30 s before being told it was not saved.
BUSY_RETRY_DELAYS = (0.5, 2.0)
BUSY_MESSAGE = (
    "Server sedang sangat sibuk sehingga tindakan Anda BELUM TERSIMPAN. Pilihan Anda tetap seperti yang Anda pilih: "
    "tunggu sebentar lalu coba lagi."
)
T = TypeVar("T")
P = ParamSpec("P")


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What an action returned, or the refusal that stopped it."""

    value: T | None = None
    refusal: Refusal | None = None

    @property
    def ok(self) -> bool:
        """The action happened (its transaction committed)."""
        return self.refusal is None


def read(service: Callable[Concatenate[Session, P], T], *args: P.args, **kwargs: P.kwargs) -> T:
    """Run a read service on a consistent snapshot."""
    with reading(runtime.engine()) as session:
        return service(session, *args, **kwargs)


def read_or_show(service: Callable[Concatenate[Session, P], T], *args: P.args, **kwargs: P.kwargs) -> Outcome[T]:
    """`read` for services that may refuse (out of scope, not found): the refusal is shown where the page is."""
    try:
        return Outcome(value=read(service, *args, **kwargs))
    except Refusal as refusal:
        st.error(refusal.message)
        return Outcome(refusal=refusal)


def act(service: Callable[Concatenate[Session, P], T], *args: P.args, **kwargs: P.kwargs) -> Outcome[T]:
    """Run a write service in its own transaction; show a refusal where the page is."""
    outcome = _run(service, *args, **kwargs)
    if outcome.refusal is not None:
        st.error(outcome.refusal.message)
    return outcome


def act_in_steps(service: Callable[Concatenate[Engine, P], T], *args: P.args, **kwargs: P.kwargs) -> Outcome[T]:
    """`act` for a long writer that commits in short transactions of its own (a roster import), so others can write."""
    try:
        return Outcome(value=service(runtime.engine(), *args, **kwargs))
    except Refusal as refusal:
        st.error(refusal.message)
        return Outcome(refusal=refusal)


def act_in_callback(service: Callable[Concatenate[Session, P], T], *args: P.args, **kwargs: P.kwargs) -> Outcome[T]:
    """`act` for widget callbacks: a refusal is kept and shown once at the top of the next run.

    A callback runs before the page script, outside the page's own error boundary (app.py): an
    unexpected error is caught here, logged with a code and shown in Indonesian as well.
    """
    try:
        outcome = _run(service, *args, **kwargs)
    except Exception as error:  # noqa: BLE001 - nothing may reach Streamlit's English error page
        state.push_notice(error_message(log_unexpected(error)), error=True)
        return Outcome(refusal=Refusal(error_message("-")))
    if outcome.refusal is not None:
        state.push_notice(outcome.refusal.message, error=True)
    return outcome


def show_progress(bar: DeltaGenerator, done: int, total: int, what: str) -> None:
    """Move a progress bar on while a long service works: "120 dari 400 <what>"."""
    bar.progress(done / total if total else 1.0, text=f"{done} dari {total} {what}")


def _run(service: Callable[Concatenate[Session, P], T], *args: P.args, **kwargs: P.kwargs) -> Outcome[T]:
    # A write that finds the database busy is retried in a fresh transaction (db.engine.write_with_retries); if it is
    # still busy after the last try, the caller hears NotSaved, never a silent loss.
    try:
        engine = runtime.engine()
        if runs_bare(service):  # marked on_bare_connection: it takes a Connection as well (its own signature says so)
            on_connection = cast("Callable[Concatenate[Connection, P], T]", service)
            value = bare_write_with_retries(engine, lambda unit: on_connection(unit, *args, **kwargs), BUSY_RETRY_DELAYS)
        else:
            value = write_with_retries(engine, lambda session: service(session, *args, **kwargs), BUSY_RETRY_DELAYS)
        return Outcome(value=value)
    except Refusal as refusal:
        return Outcome(refusal=refusal)
    except Exception as error:
        if is_busy(error):
            LOGGER.warning("database still busy after retries: %s", error)
            return Outcome(refusal=NotSaved(BUSY_MESSAGE))
        raise
