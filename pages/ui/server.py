"""What `streamlit run app.py` starts besides the pages: migrations at start-up and Netral's routes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.routing import Route
from streamlit.runtime.pages_manager import PagesManager

from db import engine_for
from netral.settings import Settings
from netral.startup import prepare_database
from netral.web import session_routes


def routes() -> list[Route]:
    """Netral's HTTP routes (login cookie exchange)."""
    return session_routes(Settings.from_env())


@asynccontextmanager
async def lifespan(_app: Any) -> AsyncIterator[None]:
    """Once per process, before any session: migrate, load the bank, close the pages/ bypass."""
    # A top-level pages/ folder makes a fresh server run pages/*.py directly on a
    # deep link, skipping app.py's login (../shared/reference/streamlit-notes.md §1.1).
    # st.navigation clears this flag on its first call; clear it before any session exists.
    PagesManager.uses_pages_directory = False
    settings = Settings.from_env()
    await run_in_threadpool(prepare_database, engine_for(settings.database_url), settings)
    yield
