"""What `streamlit run app.py` starts besides the pages: migrations at start-up and Netral's routes."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send
from streamlit.runtime.pages_manager import PagesManager

from db import engine_for
from netral.certificates.web import did_routes, status_routes
from netral.core.settings import Settings
from netral.identity.web import session_routes
from netral.quizzes.web import answer_routes
from netral.sosialisasi.web import sosialisasi_routes
from netral.startup import prepare_database, sweep_once
from pages.ui.assets import CompressedAssets

LOGGER = logging.getLogger("netral")


class PrivateEndpoints:
    """ASGI middleware: Streamlit's /_stcore/metrics answers only requests from the machine itself (monitoring on
    the host, or nginx's own health checks); anyone else gets 404. nginx blocks it as well (deploy/)."""

    PRIVATE = ("/_stcore/metrics",)

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].rstrip("/").endswith(self.PRIVATE):
            client = scope.get("client") or ("", 0)
            headers = dict(scope.get("headers") or [])
            if client[0] not in ("127.0.0.1", "::1") or b"x-forwarded-for" in headers:
                await PlainTextResponse("Tidak ditemukan.", status_code=404)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def middleware() -> list[Middleware]:
    """Netral's middleware around Streamlit's server."""
    return [Middleware(PrivateEndpoints), Middleware(CompressedAssets)]


def routes() -> list[Route]:
    """Netral's HTTP routes: login cookie exchange, quiz answers, certificate revocation lists, the issuer's did:web
    document, the sosialisasi hall's phones."""
    settings = Settings.from_env()
    return [
        *session_routes(settings),
        *answer_routes(settings),
        *status_routes(settings),
        *did_routes(settings),
        *sosialisasi_routes(settings),
    ]


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
