"""Streamlit's own files sent small and in Indonesian: its bundles gzipped once per process, the page `lang="id"`.

Streamlit 1.67 serves /static/* uncompressed on purpose: Starlette's GZipMiddleware would compress every
request again (its comment in web/server/starlette/starlette_gzip_middleware.py). Here each bundle is
compressed once, at its first request, and kept: the bundles are content-hashed and immutable, so the
path is the key. On a phone over 3G this takes the first load from about 2.8 MB to about 1 MB
(`python -m netral bench firstload`). The HTML document (a few KB) is rewritten on every request: its
`<html lang>` says Indonesian, so screen readers and the browser's translate offer treat it as such.
"""

from __future__ import annotations

import asyncio
import gzip
from contextlib import nullcontext
from dataclasses import dataclass, field

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/manifest+json")
MIN_SIZE = 1024
LEVEL = 9  # once per bundle and process: the smallest file is worth the CPU


@dataclass
class _Stored:
    start: Message
    body: bytes


@dataclass
class CompressedAssets:
    """ASGI middleware in front of Streamlit: gzip for immutable bundles (cached) and for the HTML document."""

    app: ASGIApp
    stored: dict[str, _Stored] = field(default_factory=dict)
    locks: dict[str, asyncio.Lock] = field(default_factory=dict)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        request = Headers(scope=scope)
        wants_gzip = accepts_gzip(request.get("accept-encoding", ""))
        path = scope["path"]
        gzip_ok = wants_gzip and not ("range" in request or "if-none-match" in request or "if-modified-since" in request)
        bundle = gzip_ok and "/static/" in path
        if bundle and (kept := self.stored.get(path)) is not None:
            await _replay(kept, send)
            return
        # One compression per bundle: a crowd arriving after a restart waits for the first request's result.
        async with self.locks.setdefault(path, asyncio.Lock()) if bundle else nullcontext():
            if bundle and (kept := self.stored.get(path)) is not None:
                await _replay(kept, send)
                return
            await self.app(scope, receive, _Rewriter(send, path, gzip_ok, self.stored).send)


class _Rewriter:
    """Wraps `send`: passes every response through, except HTML documents and immutable compressible bundles,
    which it holds until complete, then rewrites (lang), compresses and, for bundles, keeps."""

    def __init__(self, send: Send, path: str, gzip_ok: bool, stored: dict[str, _Stored]) -> None:
        self.downstream, self.path, self.gzip_ok, self.stored = send, path, gzip_ok, stored
        self.start: Message | None = None
        self.chunks: list[bytes] = []
        self.kind = ""

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = Headers(raw=message["headers"])
            kind = _kind(message["status"], headers)
            if not kind:
                await self.downstream(message)
                return
            self.kind, self.start = kind, message
            return
        if self.start is None or message["type"] != "http.response.body":
            await self.downstream(message)
            return
        self.chunks.append(message.get("body", b""))
        if message.get("more_body", False):
            return
        body = b"".join(self.chunks)
        headers = MutableHeaders(raw=list(self.start["headers"]))
        if headers.get("content-encoding") == "gzip":  # Streamlit compressed it already (an HTML fallback route)
            body = gzip.decompress(body)
            del headers["content-encoding"]
        if self.kind == "document":
            body = body.replace(b'<html lang="en">', b'<html lang="id">', 1)
        vary = headers.get("vary", "")
        if "accept-encoding" not in vary.lower():
            headers["vary"] = f"{vary}, Accept-Encoding" if vary else "Accept-Encoding"
        if self.gzip_ok and len(body) >= MIN_SIZE:
            body = await run_in_threadpool(gzip.compress, body, LEVEL, mtime=0)
            headers["content-encoding"] = "gzip"
        headers["content-length"] = str(len(body))
        start = {**self.start, "headers": headers.raw}
        if self.kind == "bundle" and headers.get("content-encoding") == "gzip":
            self.stored[self.path] = _Stored(start, body)
        await self.downstream(start)
        await self.downstream({"type": "http.response.body", "body": body})


def accepts_gzip(accept_encoding: str) -> bool:
    """Whether an Accept-Encoding header allows gzip (and does not refuse it with q=0)."""
    for part in accept_encoding.lower().split(","):
        name, _, params = part.strip().partition(";")
        if name.strip() in ("gzip", "*"):
            return params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


def _kind(status: int, headers: Headers) -> str:
    content_type = headers.get("content-type", "")
    if status != 200:
        return ""
    if content_type.startswith("text/html"):
        return "document"
    immutable = "immutable" in headers.get("cache-control", "")
    if immutable and content_type.startswith(COMPRESSIBLE) and headers.get("content-encoding") in (None, "identity"):
        return "bundle"
    return ""


async def _replay(kept: _Stored, send: Send) -> None:
    await send(kept.start)
    await send({"type": "http.response.body", "body": kept.body})
