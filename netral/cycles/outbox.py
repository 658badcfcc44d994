"""Sending the outbox: each message claimed under a lock, sent once, its outcome recorded; failures retried with backoff.

A sender claims a batch in one short transaction (PostgreSQL: FOR UPDATE SKIP LOCKED, so two senders take
different rows; SQLite: BEGIN IMMEDIATE, one claimer at a time), marks it "dikirim" and commits; then it
talks to SMTP outside any transaction and records each message's outcome in its own transaction, right
after the server answered. A refused recipient waits with its reason and is retried later (5 min, 30 min,
2 h, 8 h, 24 h), then counts as "gagal"; a dropped connection puts the message that was in flight back
with its reason and releases the rest of the batch untouched. A claim older than 15 minutes belongs to a
process that died and is taken again. The window left is a crash between the server's "250 OK" and the
next commit: that message is sent again, with the same Message-ID, so the receiving server can tell.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine

from db import transaction
from db.queries import outbox as outbox_queries
from netral.core.cycle_enums import OutboxStatus
from netral.core.dates import utcnow
from netral.cycles.mail import Mailer, MailRefused, MailUnavailable, SmtpSettings

BACKOFF = (timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2), timedelta(hours=8), timedelta(hours=24))
STALE_CLAIM = timedelta(minutes=15)
NO_SERVER = "Server email belum diatur (NETRAL_SMTP_HOST kosong); pesan menunggu."


@dataclass
class SendReport:
    """What one sending run did."""

    sent: int = 0
    retrying: int = 0
    failed: int = 0
    waiting_reason: str = ""


@dataclass(frozen=True)
class _Claimed:
    id: int
    to: str
    cc: str | None
    subject: str
    body: str


def send_due(
    engine: Engine,
    smtp: SmtpSettings | None,
    *,
    clock: Callable[[], datetime] = utcnow,
    batch: int = 50,
    domain: str = "netral",
) -> SendReport:
    """Send every message due now, batch by batch, until none is left or the server cannot be reached."""
    report = SendReport()
    if smtp is None:
        report.waiting_reason = NO_SERVER
        return report
    while claimed := _claim(engine, clock(), batch):
        if not _send_batch(engine, smtp, claimed, report, clock, domain):
            break
    return report


def _claim(engine: Engine, now: datetime, batch: int) -> list[_Claimed]:
    with transaction(engine) as session:
        messages = outbox_queries.claim_due(session, now=now, stale_before=now - STALE_CLAIM, limit=batch)
        for message in messages:
            message.status, message.claimed_at = OutboxStatus.SENDING.value, now
        return [_Claimed(m.id, m.to_address, m.cc_address, m.subject, m.body) for m in messages]


def _send_batch(
    engine: Engine, smtp: SmtpSettings, claimed: list[_Claimed], report: SendReport, clock: Callable[[], datetime], domain: str
) -> bool:
    try:
        with Mailer(smtp) as mailer:
            for index, message in enumerate(claimed):
                try:
                    mailer.send(
                        to=message.to,
                        cc=message.cc,
                        subject=message.subject,
                        body=message.body,
                        message_id=f"<pengingat-{message.id}@{domain}>",
                    )
                except MailRefused as refused:
                    _retry(engine, message.id, refused.message, clock(), report)
                except MailUnavailable as dropped:
                    _retry(engine, message.id, dropped.message, clock(), report)
                    _release(engine, [m.id for m in claimed[index + 1 :]], dropped.message)
                    report.waiting_reason = dropped.message
                    return False
                else:
                    _sent(engine, message.id, clock(), report)
    except MailUnavailable as unreachable:
        _release(engine, [m.id for m in claimed], unreachable.message)
        report.waiting_reason = unreachable.message
        return False
    return True


def _sent(engine: Engine, message_id: int, now: datetime, report: SendReport) -> None:
    with transaction(engine) as session:
        message = outbox_queries.message_for_update(session, message_id)
        if message is not None:
            message.status, message.sent_at, message.last_error = OutboxStatus.SENT.value, now, None
            message.tries += 1
            report.sent += 1


def _retry(engine: Engine, message_id: int, reason: str, now: datetime, report: SendReport) -> None:
    with transaction(engine) as session:
        message = outbox_queries.message_for_update(session, message_id)
        if message is None:
            return
        message.tries += 1
        message.last_error, message.claimed_at = reason[:1000], None
        if message.tries > len(BACKOFF):
            message.status = OutboxStatus.FAILED.value
            report.failed += 1
        else:
            message.status, message.next_try_at = OutboxStatus.PENDING.value, now + BACKOFF[message.tries - 1]
            report.retrying += 1


def _release(engine: Engine, message_ids: list[int], reason: str) -> None:
    if message_ids:
        with transaction(engine) as session:
            outbox_queries.release(session, message_ids, reason=reason)
