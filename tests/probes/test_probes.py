"""The spray and upload probes, run against a real demo server on loopback (bounded; each stops what it started).

The figures for the closing note come from running them alone (`python -m tests.probes.spray`, `... .upload`); here
they must hold with a margin a loaded CI machine keeps.
"""

from __future__ import annotations

import asyncio
from typing import TypeVar

import pytest

from netral.identity import login
from tests.loops import on_own_thread
from tests.probes import spray, upload
from tests.probes.server import demo_server

pytestmark = pytest.mark.e2e
T = TypeVar("T")


def test_a_spray_from_one_client_and_from_many_leaves_every_owner_able_to_log_in():
    with demo_server() as demo:
        found = on_own_thread(lambda: asyncio.run(spray.probe(demo.url, demo.database_url, extra_nips=5, rounds=1)))
    one_client, many = found.sprays
    # One client: a handful of passwords tried, then only waits; no account locked.
    assert one_client.checked <= login.CLIENT_FREE_FAILURES + 2 and one_client.held_off > 0
    assert found.locked[0] <= 1
    assert many.checked > one_client.checked  # the botnet round really tried (and locks accounts)...
    assert all(found.owners.values()), found.owners  # ...yet every owner, the typo included, gets in


def test_hostile_uploads_are_refused_while_another_visitor_is_still_served():
    with demo_server() as demo:
        baseline, results = on_own_thread(lambda: upload.probe(demo.url))
    by_name = {result.name: result for result in results}
    for refused in ("sampah.csv", "sejuta-baris.xlsx"):  # one problem (too many rows), listed below the alert
        assert "Berkas memuat 1 kesalahan" in by_name[refused].message, by_name[refused]
    for result in results:
        assert result.visitor_opens >= 2, result  # the visitor was served during every upload...
        assert result.visitor_worst < baseline + 5.0, result  # ...and never frozen (alone: < +0.2 s, see docs/security.md)
