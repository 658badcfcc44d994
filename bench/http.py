"""A small HTTP/1.1 client on asyncio streams: thousands of keep-alive phones from one process, no dependency.

Enough HTTP for Netral's own routes behind nginx: requests with a body and cookies, responses with a
Content-Length or chunked body; the connection is opened again when the server closed it.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass
class Response:
    """Status, headers (lower-case names) and body."""

    status: int
    headers: dict[str, str]
    body: bytes


@dataclass
class Phone:
    """One phone's connection to the site, with its cookies."""

    base: str
    cookies: dict[str, str] = field(default_factory=dict)
    _reader: asyncio.StreamReader | None = None
    _writer: asyncio.StreamWriter | None = None

    async def request(
        self, method: str, path: str, body: bytes = b"", *, content_type: str = "", timeout: float = 60
    ) -> Response:
        """Send one request and read the whole response (retrying once on a connection the server had closed)."""
        for attempt in (1, 2):
            try:
                return await asyncio.wait_for(self._exchange(method, path, body, content_type), timeout)
            except (ConnectionError, asyncio.IncompleteReadError):
                await self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    async def close(self) -> None:
        """Close the connection."""
        if self._writer is not None:
            self._writer.close()
            with contextlib.suppress(ConnectionError, OSError):
                await self._writer.wait_closed()
        self._reader = self._writer = None

    async def _exchange(self, method: str, path: str, body: bytes, content_type: str) -> Response:
        if self._writer is None:
            parts = urlsplit(self.base)
            self._reader, self._writer = await asyncio.open_connection(parts.hostname, parts.port or 80)
        assert self._reader is not None
        host = urlsplit(self.base).netloc
        lines = [f"{method} {path} HTTP/1.1", f"Host: {host}", f"Origin: {self.base}", "Connection: keep-alive"]
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if body or method == "POST":
            lines += [f"Content-Length: {len(body)}", f"Content-Type: {content_type or 'application/octet-stream'}"]
        self._writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        await self._writer.drain()
        status_line = await self._reader.readuntil(b"\r\n")
        status = int(status_line.split()[1])
        headers: dict[str, str] = {}
        while (line := await self._reader.readuntil(b"\r\n")) != b"\r\n":
            name, _sep, value = line.decode("latin-1").partition(":")
            key, text = name.strip().lower(), value.strip()
            if key == "set-cookie":
                cookie = text.split(";", 1)[0]
                cookie_name, _eq, cookie_value = cookie.partition("=")
                self.cookies[cookie_name] = cookie_value
            headers[key] = text
        data = await self._body(headers)
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return Response(status, headers, data)

    async def _body(self, headers: dict[str, str]) -> bytes:
        assert self._reader is not None
        if headers.get("transfer-encoding", "").lower() == "chunked":
            chunks = []
            while (size := int((await self._reader.readuntil(b"\r\n")).strip() or b"0", 16)) > 0:
                chunks.append(await self._reader.readexactly(size))
                await self._reader.readexactly(2)
            await self._reader.readuntil(b"\r\n")
            return b"".join(chunks)
        return await self._reader.readexactly(int(headers.get("content-length", "0")))
