"""Failed public lookups per client: free at first, then slowed, then refused for a while; in the database, so every
process counts the same failures.

A client is a keyed hash of its address (the page computes it), never the address itself. An office
behind one NAT shares a budget, so the free failures are generous for people who mistype a code and
tight for anyone walking through numbers.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from db import queries
from db.models import LookupFailure
from netral.core.errors import Refusal

FREE_FAILURES = 5
BLOCK_AFTER = 10
BLOCK_FOR = timedelta(minutes=15)
WINDOW = timedelta(hours=1)
FORGET_AFTER = timedelta(days=1)


class LookupsLimited(Refusal):
    """Too many failed lookups from this client; the message says until when."""


def refuse_if_blocked(session: Session, *, client: str, now: datetime, zone: ZoneInfo) -> None:
    """Refuse any lookup while this client is blocked."""
    row = queries.lookup_failure(session, client)
    if row is not None and row.blocked_until is not None and row.blocked_until > now:
        until = row.blocked_until.astimezone(zone)
        raise LookupsLimited(
            "Terlalu banyak pencarian sertifikat yang gagal dari jaringan Anda. "
            f"Demi melindungi data pegawai, pencarian ditutup sementara; coba lagi setelah pukul {until:%H.%M}."
        )


def record_failure(session: Session, *, client: str, now: datetime) -> float:
    """Count a failed lookup; return how many seconds to wait before answering it (0 while failures are few)."""
    row = queries.lookup_failure(session, client)
    if row is None:
        queries.prune_lookup_failures(session, before=now - FORGET_AFTER)
        row = LookupFailure(client=client, failures=0, first_failed_at=now, last_failed_at=now)
        session.add(row)
    elif row.first_failed_at < now - WINDOW and (row.blocked_until is None or row.blocked_until <= now):
        row.failures, row.first_failed_at, row.blocked_until = 0, now, None
    row.failures += 1
    row.last_failed_at = now
    if row.failures >= BLOCK_AFTER:
        row.blocked_until = now + BLOCK_FOR
    return float(max(0, row.failures - FREE_FAILURES))
