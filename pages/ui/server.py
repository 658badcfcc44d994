"""What `streamlit run app.py` starts besides the pages: migrations at start-up and Netral's routes."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.routing import Route
from streamlit.runtime.pages_manager import PagesManager

from db import engine_for
from netral.certificates.web import status_routes
from netral.core.settings import Settings
from netral.identity.web import session_routes
from netral.startup import prepare_database, sweep_once

LOGGER = logging.getLogger("netral")


def routes() -> list[Route]:
    """Netral's HTTP routes (login cookie exchange, certificate revocation lists)."""
    settings = Settings.from_env()
    return [*session_routes(settings), *status_routes(settings)]


@asynccontextmanager
async def lifespan(_app: Any) -> AsyncIterator[None]:
    """Once per process, before any session: migrate, load the bank, close the pages/ bypass."""
    # A top-level pages/ folder makes a fresh server run pages/*.py directly on a
    # deep link, skipping app.py's login (../shared/reference/streamlit-notes.md §1.1).
    # st.navigation clears this flag on its first call; clear it before any session exists.
    PagesManager.uses_pages_directory = False
    settings = Settings.from_env()
    await run_in_threadpool(prepare_database, engine_for(settings.database_url), settings)
    sweeper = asyncio.create_task(_sweep_forever(settings))
    try:
        yield
    finally:
        sweeper.cancel()


async def _sweep_forever(settings: Settings) -> None:
    # Attempts whose browser is gone still close on time; every process sweeps, and
    # submission is idempotent under a row lock, so replicas never double-submit.
    while True:
        await asyncio.sleep(settings.sweep_seconds)
        try:
            await run_in_threadpool(sweep_once, settings)
        except Exception:  # noqa: BLE001 - a failed sweep is logged and retried next round
            LOGGER.exception("sweep of expired attempts failed")
