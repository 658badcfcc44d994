"""Real servers (`streamlit run app.py` on loopback) and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright

from bench.server import ServerProcess
from db import make_engine, transaction
from netral.content.loading import sync_bank
from netral.core.dates import utcnow
from netral.core.settings import Settings
from netral.startup import wire
from tests.conftest import FIXTURE_BANK, IN_CI, ROOT
from tests.factories import add_person, pass_all_modules

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# ../shared/reference/streamlit-notes.md §2.3: without the background-networking flags
# Chromium keeps dialling Google from a closed network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]
ARTIFACTS = ROOT / "test-artifacts"
PASSWORD = "Rahasia#Uji2024"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One Chromium for the whole run."""
    if not Path(CHROMIUM).exists():
        if IN_CI:
            pytest.fail("CI=true but Debian's chromium is not installed (make test installs it)")
        pytest.skip("chromium not installed (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Server(ServerProcess):
    """A `streamlit run app.py` process on loopback that the test can stop, kill and restart."""

    script: Path = field(default=ROOT / "app.py", kw_only=True)


@dataclass
class Site:
    """A prepared database with people, and the server in front of it."""

    server: Server
    peserta: str
    admin: str
    newcomer: str


def _prepare(db_url: str, bank, tmp_path: Path, *, modules_passed: bool) -> tuple[str, str, str]:
    engine = make_engine(db_url)
    with transaction(engine) as session:
        sync_bank(session, bank, now=utcnow())
        account = add_person(session, name="Sutrisno")
        peserta = account.employee.nip
        admin = add_person(session, name="Rina Wulandari", role="super_admin").employee.nip
        newcomer = add_person(session, name="Pegawai Baru", password="Awal#2024", must_change=True).employee.nip
        if modules_passed:
            settings = Settings(database_url=db_url, data_dir=tmp_path / "data", questions_dir=FIXTURE_BANK)
            wire(settings)
            pass_all_modules(session, employee_id=account.employee_id, settings=settings, now=utcnow())
    engine.dispose()
    return peserta, admin, newcomer


def _serve(db_url: str, tmp_path: Path, people: tuple[str, str, str]) -> Site:
    env = {
        **os.environ,
        "DATABASE_URL": db_url,
        "NETRAL_QUESTIONS_DIR": str(FIXTURE_BANK),
        "NETRAL_DATA_DIR": str(tmp_path / "data"),
        "NETRAL_COOKIE_SECRET": "rahasia-e2e-" + "q" * 24,
    }
    server = Server(env=env, log_path=tmp_path / "server.log")
    server.env["NETRAL_BASE_URL"] = server.url  # certificate QR codes point at this server
    return Site(server.start(), *people)


@pytest.fixture
def site(db_url: str, tmp_path: Path, bank) -> Iterator[Site]:
    """A database with the fixture bank and three people, and a server not yet touched by any browser."""
    served = _serve(db_url, tmp_path, _prepare(db_url, bank, tmp_path, modules_passed=False))
    yield served
    served.server.stop()


@pytest.fixture
def exam_site(db_url: str, tmp_path: Path, bank) -> Iterator[Site]:
    """Like `site`, but the peserta has passed every module, so the exam is open."""
    served = _serve(db_url, tmp_path, _prepare(db_url, bank, tmp_path, modules_passed=True))
    yield served
    served.server.stop()


def settle(page: Page) -> None:
    """Wait until Streamlit has finished the current run."""
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", state="attached", timeout=30_000)
    page.wait_for_timeout(250)


def main_text(page: Page) -> str:
    return page.inner_text("[data-testid='stMain']")


def log_in(page: Page, base: str, nip: str, password: str = PASSWORD) -> None:
    page.goto(base + "/")
    settle(page)
    page.get_by_role("textbox", name="NIP").fill(nip)
    page.get_by_role("textbox", name="Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    # .first: Streamlit can briefly show a stale copy of an element beside the new one
    landed = (
        page.get_by_text("Selamat datang")
        .or_(page.get_by_text("Ini login pertama Anda"))
        .or_(
            page.get_by_text("Anda telah menyelesaikan pembelajaran")  # a certified peserta's Beranda congratulates
        )
    )
    landed.or_(page.get_by_text("Dasbor Netralitas")).first.wait_for(timeout=30_000)  # admins land on the Dasbor
    settle(page)
    # The browser exchanges the login ticket for the session cookie with a fetch of its own after the page shows;
    # a test that opens another address at once (page.goto, a full load) must wait for it, as a person would.
    deadline = time.monotonic() + 30
    while not any(c["name"] == "netral_sesi" for c in page.context.cookies()):
        assert time.monotonic() < deadline, "the session cookie never arrived after login"
        page.wait_for_timeout(100)


def live(page: Page) -> Locator:
    """What the current run shows: while a run is under way Streamlit keeps the previous run's copy of an element
    on screen, marked data-stale, beside the new one (two "Kata sandi saat ini" boxes under load)."""
    return page.locator("[data-testid='stElementContainer']:not([data-stale='true'])")


def change_first_password(page: Page, old: str, new: str) -> None:
    """On the first-login page: replace the initial password and wait for the confirmation."""
    live(page).get_by_role("textbox", name="Kata sandi saat ini").fill(old)
    live(page).get_by_role("textbox", name="Kata sandi baru", exact=True).fill(new)
    live(page).get_by_role("textbox", name="Ulangi kata sandi baru").fill(new)
    live(page).get_by_role("button", name="Simpan kata sandi baru").click()
    shown(page, "Kata sandi berhasil diganti.")


def screenshot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def shown(page: Page, text: str) -> None:
    """Wait for `text`, then for the run that painted it to finish (elements are painted one by one)."""
    expect(page.get_by_text(text).first).to_be_visible(timeout=20_000)
    settle(page)


def sign_pakta_in_browser(page: Page, typed_name: str) -> None:
    """On the pakta page: type the name, agree, sign, and wait for the confirmation."""
    page.get_by_role("textbox", name="Ketik nama lengkap Anda sesuai data kepegawaian").fill(typed_name)
    page.get_by_text("Saya telah membaca dan menyetujui").click()
    page.get_by_role("button", name="Tanda tangani pakta").click()
    shown(page, "Pakta integritas tersimpan")
