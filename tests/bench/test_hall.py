"""The hall benchmark's machinery on a tiny hall: real nginx and two processes, every answer and check-in stored."""

from __future__ import annotations

import asyncio

from bench.hall import answer_round, checkin_round
from bench.hall_site import hall_site
from tests.loops import on_own_thread


def test_a_tiny_hall_answers_and_checks_in_through_nginx_with_nothing_lost(tmp_path):
    with hall_site(tmp_path, logged_in=6, to_log_in=3) as site:
        answered = on_own_thread(lambda: asyncio.run(answer_round(site, 4, 0.5)))
        checked = on_own_thread(lambda: asyncio.run(checkin_round(site, 3, 0.5)))
        scanned = on_own_thread(lambda: asyncio.run(checkin_round(site, 2, 0.5, log_in=False)))
    assert answered.errors == [] and answered.stored == len(answered.latencies) == 4
    assert len(answered.reach) == 4 and max(answered.reach) < 5
    assert checked.errors == [] and checked.stored == len(checked.latencies) == 3
    assert scanned.errors == [] and scanned.stored == len(scanned.latencies) == 2
