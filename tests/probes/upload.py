# ruff: noqa: E501 - the XML of a minimal workbook reads best one part per line
"""Upload probe (issue 17, finding 4): while an admin uploads hostile files, another visitor keeps opening a page;
how much longer does that visitor wait than before the uploads?

Run it alone: `python -m tests.probes.upload` (a fresh demo server on loopback and Debian's Chromium, both stopped
at the end; every file is built in memory and each upload waits at most UPLOAD_SECONDS). tests/probes/test_probes.py
runs the same probe in the suite. Before the fix the 391 KiB GIFT question froze every user for 55 s.
"""

from __future__ import annotations

import asyncio
import io
import statistics
import sys
import threading
import time
import zipfile
from dataclasses import dataclass, field

from playwright.sync_api import Page, sync_playwright

from bench.wire import Tab
from netral.core.enums import Role
from netral.demo import PEOPLE
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, log_in
from tests.probes.server import demo_server

UPLOAD_SECONDS = 150.0
BASELINE_OPENS = 8


def junk_csv(size: int = 9_900_000) -> bytes:
    """Rows of junk that match no roster column (the 9.9 MB file that once took 90 s and 8.5 GiB)."""
    line = b"x;" * 5 + b"y\r\n"
    return b"NIP;Nama;Jabatan;Unit Kerja;Perangkat Daerah\r\n" + line * (size // len(line))


def inflating_xlsx(rows: int = 1_000_000) -> bytes:
    """A small .xlsx whose one sheet holds a million rows once inflated (about 140 KiB on disk)."""
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        "<sheetData>"
        + '<row><c t="inlineStr"><is><t>x</t></is></c></row>' * rows  # identical rows: the zip shrinks them 1000-fold
        + "</sheetData></worksheet>"
    )
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        "</Types>",
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>",
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Pegawai" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        "</Relationships>",
        "xl/worksheets/sheet1.xml": sheet,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def html_gift(size: int = 400_000) -> bytes:
    """One GIFT question with a 391 KiB [html] text full of unclosed tags (froze the old tag stripper 55 s)."""
    return ("::Besar::[html]" + "<b" * (size // 2) + "{T}\n").encode()


@dataclass
class Timings:
    """How long each page open took, and when."""

    seconds: list[float] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)

    def watch(self, base_url: str) -> None:
        """Open the login page again and again (a visitor's full page load over the websocket) until stopped."""

        async def loop() -> None:
            while not self.stop.is_set():
                tab = Tab(base_url)
                started = time.perf_counter()
                await tab.open()
                self.seconds.append(time.perf_counter() - started)
                await tab.close()
                await asyncio.sleep(0.2)

        asyncio.run(loop())


@dataclass(frozen=True)
class Upload:
    """One hostile upload: what the admin saw, how long the server took, and the visitor's worst wait meanwhile."""

    name: str
    size: int
    answered_in: float
    message: str
    visitor_opens: int
    visitor_worst: float


def upload(page: Page, base_url: str, path: str, name: str, data: bytes, timings: Timings) -> Upload:
    """Open the upload page, hand it the file, and wait until the page has read it."""
    page.goto(base_url + path)
    page.locator("[data-testid=stFileUploaderDropzone] input[type=file]").wait_for(state="attached", timeout=60_000)
    before = len(timings.seconds)
    started = time.perf_counter()
    page.locator("[data-testid=stFileUploaderDropzone] input[type=file]").set_input_files(
        files=[{"name": name, "mimeType": "application/octet-stream", "buffer": data}]
    )
    # The verdict: the run that read the file has finished (an error for a refused file, a preview otherwise).
    page.wait_for_timeout(500)
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']", state="attached", timeout=UPLOAD_SECONDS * 1000
    )
    alerts = page.locator("[data-testid=stAlertContainer]")
    message = alerts.last.inner_text() if alerts.count() else "(pratinjau tanpa pesan)"
    answered = time.perf_counter() - started
    time.sleep(0.5)  # one more visitor open after the verdict
    during = timings.seconds[before:] or [0.0]
    return Upload(name, len(data), answered, message[:160], len(during), max(during))


def probe(base_url: str) -> tuple[float, list[Upload]]:
    """The visitor's median open before any upload, and each hostile upload with the visitor's worst wait."""
    admin = next(p for p in PEOPLE if p.role == Role.SUPER_ADMIN)
    assert admin.password is not None
    timings = Timings()
    watcher = threading.Thread(target=timings.watch, args=(base_url,), daemon=True)
    watcher.start()
    results = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            page = browser.new_page()
            log_in(page, base_url, admin.nip, admin.password)
            while len(timings.seconds) < BASELINE_OPENS:
                time.sleep(0.2)
            baseline = statistics.median(timings.seconds[:BASELINE_OPENS])
            files = [
                ("/impor-pegawai", "sampah.csv", junk_csv()),
                ("/impor-pegawai", "sejuta-baris.xlsx", inflating_xlsx()),
                ("/soal", "soal-besar.gift", html_gift()),
            ]
            for path, name, data in files:
                results.append(upload(page, base_url, path, name, data, timings))
            browser.close()
    finally:
        timings.stop.set()
        watcher.join(timeout=30)
    return baseline, results


def main() -> int:
    with demo_server() as demo:
        baseline, results = probe(demo.url)
    print(f"visitor's page open before the uploads: median {baseline:.2f} s")
    worst_extra = 0.0
    for result in results:
        extra = result.visitor_worst - baseline
        worst_extra = max(worst_extra, extra)
        print(
            f"{result.name} ({result.size / 1024:.0f} KiB): read in {result.answered_in:.1f} s; visitor opened the page "
            f"{result.visitor_opens}x meanwhile, worst {result.visitor_worst:.2f} s (+{extra:.2f} s); admin saw: "
            f"{result.message.splitlines()[0]}"
        )
    print(f"worst extra wait of the other visitor: {worst_extra:.2f} s")
    return 0 if worst_extra < 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
