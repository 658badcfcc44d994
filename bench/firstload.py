"""The first visit on a phone over 3G: bytes and time until the login page and the first quiz page are usable.

Debian's Chromium through Playwright, each page in a fresh browser context (a cold cache), the network held to
150 ms latency, 1.6 Mb/s down and 750 kb/s up by the DevTools protocol (Network.emulateNetworkConditions, the
figures of Chrome's "Fast 3G"). Bytes are what came over the wire: every HTTP response as encoded (headers and
compressed body, Network.loadingFinished) plus the websocket's frames. "Usable" is when the page's control can
be used: the NIP box on the login page, the options and "Berikutnya" on the quiz, with Streamlit's run finished.
The floor is a static HTML login form served from the same machine in the same run.
"""

from __future__ import annotations

import base64
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from bench import Figure
from bench.load import netral_servers
from bench.server import ServerProcess

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
CHROMIUM_ARGS += ["--disable-component-update", "--disable-sync", "--disable-quic"]
FAST_3G = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}
TARGET_BYTES = 1.2e6
TARGET_SECONDS = 7.0
PHONE = {"width": 360, "height": 740}
STATIC_FORM = """<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Netral</title><style>body{font:16px sans-serif;margin:1rem}input,button{display:block;width:100%;
min-height:44px;margin:.5rem 0;font-size:16px}</style></head><body><h1>Netral</h1>
<p>Pembelajaran mandiri dan sertifikasi <b>Netralitas ASN</b> dalam Pemilu dan Pilkada.</p>
<form method="post"><label>NIP <input name="nip" inputmode="numeric" autocomplete="username"></label>
<label>Kata sandi <input name="sandi" type="password" autocomplete="current-password"></label>
<button>Masuk</button></form></body></html>
"""


def run(quick: bool) -> list[Figure]:
    """Login and first quiz page, cold, over emulated 3G, beside a static HTML form measured alike."""
    from playwright.sync_api import sync_playwright

    rounds = 1 if quick else 3
    with tempfile.TemporaryDirectory(prefix="netral-muat-") as name, netral_servers(Path(name), 1, 1) as (servers, takers):
        folder = Path(name)
        (folder / "static" / "index.html").parent.mkdir()
        (folder / "static" / "index.html").write_text(STATIC_FORM)
        with _static_site(folder / "static") as floor_url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            try:
                server = servers[0]
                quiz_url = f"{server.url}/kuis?q={takers.quiz_key}"
                # The process's first request compresses each bundle once; the visitors after it are measured.
                _visit(browser, server.url + "/", _login_ready, network=None)
                _visit(browser, quiz_url, _quiz_ready, cookie=(server, takers.cookies[0]), network=None)
                floor = _best(rounds, lambda: _visit(browser, floor_url, _static_ready))
                login = _best(rounds, lambda: _visit(browser, server.url + "/", _login_ready))
                quiz = _best(rounds, lambda: _visit(browser, quiz_url, _quiz_ready, cookie=(server, takers.cookies[0])))
            finally:
                browser.close()
    note = f"Chromium {'once' if quick else 'best of 3'}, cold cache, 150 ms / 1.6 Mb/s down / 750 kb/s up"
    return [
        _bytes_figure("first_load_login_bytes_mb", "First load of the login page, bytes transferred", login, floor, note),
        _time_figure("first_load_login_usable_s", "First load of the login page, time until usable", login, floor, note),
        _bytes_figure("first_load_quiz_bytes_mb", "First load of a quiz page (logged in), bytes transferred", quiz, floor, note),
        _time_figure("first_load_quiz_usable_s", "First load of a quiz page (logged in), time until usable", quiz, floor, note),
    ]


def _bytes_figure(key: str, title: str, visit: tuple[float, int], floor: tuple[float, int], note: str) -> Figure:
    value, baseline = visit[1] / 1e6, floor[1] / 1e6
    target = f"≤ {TARGET_BYTES / 1e6:g} MB"
    return Figure(key, title, value, "MB", baseline, "a static HTML login form", target, visit[1] <= TARGET_BYTES, note)


def _time_figure(key: str, title: str, visit: tuple[float, int], floor: tuple[float, int], note: str) -> Figure:
    target = f"≤ {TARGET_SECONDS:g} s"
    return Figure(key, title, visit[0], "s", floor[0], "a static HTML login form", target, visit[0] <= TARGET_SECONDS, note)


def _best(rounds: int, visit: Callable[[], tuple[float, int]]) -> tuple[float, int]:
    return min((visit() for _ in range(rounds)), key=lambda seen: seen[0])


def _visit(
    browser: Any,
    url: str,
    ready: Callable[[Any], None],
    *,
    cookie: tuple[ServerProcess, str] | None = None,
    network: dict[str, Any] | None = FAST_3G,
) -> tuple[float, int]:
    """Seconds until `ready` passes and bytes received, for one cold visit of `url` over emulated 3G."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    try:
        if cookie is not None:
            name, _, value = cookie[1].partition("=")
            context.add_cookies([{"name": name, "value": value, "url": cookie[0].url}])
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        received: dict[str, int] = {}
        frames = [0]
        cdp.on("Network.loadingFinished", lambda e: received.__setitem__(e["requestId"], int(e["encodedDataLength"])))
        cdp.on("Network.webSocketFrameReceived", lambda e: frames.__setitem__(0, frames[0] + _frame_size(e)))
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        if network is not None:
            cdp.send("Network.emulateNetworkConditions", network)
        started = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=120_000)
        ready(page)
        seconds = time.perf_counter() - started
        page.wait_for_timeout(500)  # late responses (fonts, icons) still count as bytes of this visit
        return seconds, sum(received.values()) + frames[0]
    finally:
        context.close()


def _frame_size(event: dict[str, Any]) -> int:
    response = event["response"]
    data = response.get("payloadData", "")
    return len(base64.b64decode(data)) if response.get("opcode") == 2 else len(data.encode())


def _static_ready(page: Any) -> None:
    page.get_by_role("textbox", name="NIP").wait_for(state="visible", timeout=120_000)


def _login_ready(page: Any) -> None:
    page.get_by_role("textbox", name="NIP").wait_for(state="visible", timeout=120_000)
    _run_finished(page)


def _quiz_ready(page: Any) -> None:
    main = page.locator("[data-testid='stMain']")
    main.get_by_text(re.compile(r"^Soal \d+ dari \d+")).wait_for(state="visible", timeout=120_000)
    main.locator(".netral-kartu .netral-opsi").first.wait_for(state="visible", timeout=120_000)  # the answer card's options
    page.get_by_role("button", name="Berikutnya").wait_for(state="visible", timeout=120_000)
    _run_finished(page)


def _run_finished(page: Any) -> None:
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", state="attached", timeout=120_000)


@contextmanager
def _static_site(folder: Path) -> Iterator[str]:
    handler = partial(_QuietHandler, directory=str(folder))
    site = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=site.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{site.server_address[1]}/"
    finally:
        site.shutdown()
        site.server_close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        return None
