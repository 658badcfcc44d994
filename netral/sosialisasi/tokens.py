"""Signed, expiring check-in tokens: the QR on the projector, its 6-character twin, and a scan kept across a login.

The projector shows a new QR about every 30 seconds. A token names its event and its 30-second window and carries
an HMAC of both under a key derived from the agency's secret, so nobody can make one, and one photographed and
sent to a colleague at home stops working within a minute: a token is accepted in its own window and the next one
(30-60 s), so a scan made just before the QR changes still counts. The 6-character code is the same HMAC in
letters that are hard to confuse, for a phone that cannot scan.

A scan by someone not logged in becomes a `pending` token that keeps its moment for 15 minutes, time enough to
log in (the QR's own window would have passed), and names nobody: whoever logs in with it is checked in.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime

from netral.core.errors import Refusal

WINDOW_SECONDS = 30
PENDING_SECONDS = 15 * 60
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read off a projector at the back of a hall
CODE_LENGTH = 6


class TokenRefused(Refusal):
    """A check-in token that is forged, damaged or too old."""


EXPIRED = "Kode QR ini sudah kedaluwarsa. Pindai lagi kode yang sedang tampil di layar."
FORGED = "Kode QR ini tidak sah. Pindai kode yang tampil di layar sosialisasi."


def window_of(now: datetime) -> int:
    """The 30-second window `now` falls in."""
    return int(now.timestamp()) // WINDOW_SECONDS


def seconds_left(now: datetime) -> int:
    """Seconds until the QR on screen changes."""
    return WINDOW_SECONDS - int(now.timestamp()) % WINDOW_SECONDS


def qr_token(secret: str, event_id: int, now: datetime) -> str:
    """The token in the projector's QR link for this window."""
    window = window_of(now)
    return f"{event_id}.{window}.{_mac(secret, 'hadir', event_id, window)[:20]}"


def code(secret: str, event_id: int, now: datetime, *, window: int | None = None) -> str:
    """The 6-character code shown under the QR for this window."""
    digest = bytes.fromhex(_mac(secret, "kode", event_id, window_of(now) if window is None else window))
    return "".join(CODE_ALPHABET[b % len(CODE_ALPHABET)] for b in digest[:CODE_LENGTH])


def event_of_qr(secret: str, token: str, now: datetime) -> int:
    """The event a QR token checks into, or a refusal: forged, damaged, or older than its window and the next."""
    event_id, stamp = _open(secret, "hadir", token, length=20)
    if not 0 <= window_of(now) - stamp <= 1:
        raise TokenRefused(EXPIRED)
    return event_id


def code_matches(secret: str, event_id: int, typed: str, now: datetime) -> bool:
    """Tell whether a typed code is this event's code of this window or the one before."""
    cleaned = "".join(typed.split()).upper()
    current = window_of(now)
    return any(hmac.compare_digest(cleaned, code(secret, event_id, now, window=w)) for w in (current, current - 1))


def pending_token(secret: str, event_id: int, now: datetime) -> str:
    """A scan kept while its owner logs in."""
    stamp = int(now.timestamp())
    return f"{event_id}.{stamp}.{_mac(secret, 'tunda', event_id, stamp)[:24]}"


def event_of_pending(secret: str, token: str, now: datetime) -> int:
    """The event a kept scan checks into, or a refusal when it is forged or older than 15 minutes."""
    event_id, stamp = _open(secret, "tunda", token, length=24)
    if not 0 <= int(now.timestamp()) - stamp <= PENDING_SECONDS:
        raise TokenRefused("Waktu presensi dari pindaian tadi sudah habis. Pindai lagi kode yang tampil di layar.")
    return event_id


def _open(secret: str, purpose: str, token: str, *, length: int) -> tuple[int, int]:
    parts = token.split(".")
    if len(parts) != 3 or not all(p.isascii() and p.isalnum() for p in parts) or len(token) > 80:
        raise TokenRefused(FORGED)
    try:
        event_id, stamp = int(parts[0]), int(parts[1])
    except ValueError:
        raise TokenRefused(FORGED) from None
    if not hmac.compare_digest(parts[2], _mac(secret, purpose, event_id, stamp)[:length]):
        raise TokenRefused(FORGED)
    return event_id, stamp


def _mac(secret: str, purpose: str, event_id: int, stamp: int) -> str:
    key = hashlib.sha256(f"netral-sosialisasi:{secret}".encode()).digest()
    return hmac.new(key, f"{purpose}:{event_id}:{stamp}".encode(), hashlib.sha256).hexdigest()
