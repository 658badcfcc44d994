"""One copy of an event's live state per server process, and phones that wait for it to change.

A hall of a thousand phones must not become a thousand queries a second. Each phone asks "anything newer than
version N?" and waits (long polling, up to `WAIT_SECONDS`); the process keeps the latest snapshot per event and
one poller per watched event reads the database every `POLL_SECONDS`, waking every waiting phone at once when
the presenter's action bumped the version. Every process polls on its own, so replicas behind nginx need no
shared memory: a presenter's action reaches every phone within about `POLL_SECONDS`.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from starlette.concurrency import run_in_threadpool

from netral.sosialisasi.live import Snapshot

POLL_SECONDS = 0.5
WAIT_SECONDS = 20.0
IDLE_STOP_SECONDS = 60.0


@dataclass
class _Watched:
    snapshot: Snapshot
    loaded_at: float
    changed: asyncio.Event = field(default_factory=asyncio.Event)
    poller: asyncio.Task[None] | None = None
    last_wanted: float = 0.0


class Watcher:
    """The per-process cache of live snapshots; `load(event_id)` reads one from the database (blocking)."""

    def __init__(self, load: Callable[[int], Snapshot]) -> None:
        self._load = load
        self._events: dict[int, _Watched] = {}
        self._lock = asyncio.Lock()

    async def current(self, event_id: int) -> Snapshot:
        """The event's snapshot, at most `POLL_SECONDS` old."""
        watched = self._events.get(event_id)
        if watched is not None and time.monotonic() - watched.loaded_at < POLL_SECONDS:
            return watched.snapshot
        async with self._lock:
            watched = self._events.get(event_id)
            if watched is None or time.monotonic() - watched.loaded_at >= POLL_SECONDS:
                snapshot = await run_in_threadpool(self._load, event_id)
                watched = self._store(event_id, snapshot)
            return watched.snapshot

    async def wait(self, event_id: int, seen_version: int, timeout: float = WAIT_SECONDS) -> Snapshot:
        """The snapshot once its version differs from `seen_version`, or the same one after `timeout`."""
        snapshot = await self.current(event_id)
        if snapshot.version != seen_version:
            return snapshot
        watched = self._events[event_id]
        watched.last_wanted = time.monotonic()
        if watched.poller is None or watched.poller.done():
            watched.poller = asyncio.create_task(self._poll(event_id))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(watched.changed.wait(), timeout)
        return self._events[event_id].snapshot

    def _store(self, event_id: int, snapshot: Snapshot) -> _Watched:
        watched = self._events.get(event_id)
        if watched is None:
            watched = self._events[event_id] = _Watched(snapshot, time.monotonic())
            return watched
        changed = snapshot.version != watched.snapshot.version
        watched.snapshot, watched.loaded_at = snapshot, time.monotonic()
        if changed:
            # Wake everyone waiting on the old version, and give later waiters a fresh event to wait on.
            watched.changed.set()
            watched.changed = asyncio.Event()
        return watched

    async def _poll(self, event_id: int) -> None:
        while time.monotonic() - self._events[event_id].last_wanted < IDLE_STOP_SECONDS:
            await asyncio.sleep(POLL_SECONDS)
            try:
                snapshot = await run_in_threadpool(self._load, event_id)
            except Exception:  # noqa: BLE001 - a database hiccup: phones keep the last state, the next poll retries
                continue
            async with self._lock:
                self._store(event_id, snapshot)
