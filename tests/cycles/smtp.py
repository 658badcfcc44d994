"""A real SMTP server on loopback (aiosmtpd), started by a test: records every message, refuses or drops on demand."""

from __future__ import annotations

import asyncio
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes
from typing import Any

from aiosmtpd.controller import Controller

from netral.cycles.mail import SmtpSettings


@dataclass
class Recorder:
    """What the server received, and how it misbehaves."""

    received: list[tuple[str, list[str], str]] = field(default_factory=list)  # (Message-ID, recipients, subject)
    refuse: set[str] = field(default_factory=set)
    drop_at_rcpt: set[int] = field(default_factory=set)  # drop the connection at the n-th RCPT seen (1-based)
    rcpts_seen: int = 0
    # Hold each connection's first message until this many connections wait at once (or `hold_seconds` pass): a
    # sender that claimed a batch stays inside it, so the other racers must claim batches of their own meanwhile.
    hold_until_senders: int = 0
    hold_seconds: float = 20.0
    senders_held: int = 0  # how many connections were waiting together when the hold ended
    _waiting: set[int] = field(default_factory=set)
    _hold_ends: float | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_MAIL(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if self.hold_until_senders and self.senders_held == 0:
            with self.lock:
                self._waiting.add(id(session))
                self._hold_ends = self._hold_ends or time.monotonic() + self.hold_seconds
            while len(self._waiting) < self.hold_until_senders and time.monotonic() < self._hold_ends and not self.senders_held:
                await asyncio.sleep(0.05)
            with self.lock:
                self.senders_held = self.senders_held or len(self._waiting)
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 OK"

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        with self.lock:
            self.rcpts_seen += 1
            drop = self.rcpts_seen in self.drop_at_rcpt
        if drop:
            server.transport.close()
            return "421 4.3.0 koneksi diputus"
        if address in self.refuse:
            return "550 5.1.1 Kotak surat tidak ada"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = message_from_bytes(envelope.content)
        with self.lock:
            self.received.append((str(message["Message-ID"]), list(envelope.rcpt_tos), str(message["Subject"])))
        return "250 Diterima"

    def ids(self) -> Counter[str]:
        """How many times each Message-ID arrived."""
        with self.lock:
            return Counter(message_id for message_id, _to, _subject in self.received)


@contextmanager
def loopback_smtp(port: int = 0) -> Iterator[tuple[Recorder, SmtpSettings]]:
    """Start the server on 127.0.0.1 and yield it with the settings that reach it (plain SMTP: loopback only)."""
    recorder = Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=port or _free_port())
    controller.start()
    try:
        yield recorder, SmtpSettings(host="127.0.0.1", port=controller.port, security="none", sender="hr@netral.test", timeout=10)
    finally:
        controller.stop()


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
