"""Running asyncio code from a test while the browser tests hold Playwright's sync API."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


def on_own_thread(work: Callable[[], T]) -> T:
    """Run `work` on a fresh thread and return its result.

    The browser tests keep Playwright's sync API open for the whole session, and with it an event loop on the main
    thread: asyncio.run() (and a second sync_playwright()) refuse to start there. A fresh thread has no loop."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(work).result()
