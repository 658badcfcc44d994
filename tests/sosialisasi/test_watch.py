"""A hall of waiting phones costs the database one read per poll, and all of them see the presenter's change."""

from __future__ import annotations

import asyncio

from netral.core.enums import LiveState
from netral.sosialisasi.live import Snapshot
from netral.sosialisasi.watch import Watcher
from tests.loops import on_own_thread


def test_a_thousand_waiting_phones_are_woken_by_one_change_and_cost_a_few_reads():
    reads = []
    version = {"now": 1}

    def load(event_id: int) -> Snapshot:
        reads.append(event_id)
        return Snapshot(event_id, "Acara", version["now"], None, None, 0, LiveState.IDLE)

    async def hall() -> list[int]:
        watcher = Watcher(load)
        first = await watcher.current(7)
        phones = [asyncio.create_task(watcher.wait(7, first.version, timeout=5)) for _ in range(1000)]
        await asyncio.sleep(0.2)
        version["now"] = 2  # the presenter opens a question
        seen = await asyncio.gather(*phones)
        return [s.version for s in seen]

    seen = on_own_thread(lambda: asyncio.run(hall()))
    assert seen == [2] * 1000
    assert len(reads) <= 6  # the first read, then one per poll until the change was seen


def test_a_phone_that_missed_a_change_gets_the_new_state_at_once():
    def load(event_id: int) -> Snapshot:
        return Snapshot(event_id, "Acara", 5, None, None, 0, LiveState.IDLE)

    async def ask() -> int:
        return (await Watcher(load).wait(7, 3, timeout=5)).version

    assert on_own_thread(lambda: asyncio.run(ask())) == 5
