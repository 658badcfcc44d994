"""Two Netral processes behind nginx on one PostgreSQL database, as docs/deploy.md tells an operator to run them."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import threading
import time
import tomllib
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography import x509
from playwright.sync_api import BrowserContext, Page, expect
from sqlalchemy import inspect, text

from bench.nginx import NGINX, TEMPLATE, Nginx, placeholders
from db import make_engine, queries, reading
from db.engine import dispose_engines
from db.migrate import head_revision
from db.models import Base
from netral.certificates.signer import load_or_create_signer
from netral.certificates.signing import load_or_create_key, load_public_key
from netral.certificates.verification import check_pdf_offline
from tests.conftest import FIXTURE_BANK, IN_CI, PG_URL, ROOT, _pg_admin, _pg_url
from tests.e2e.conftest import Server, _prepare, log_in, settle, shown, sign_pakta_in_browser
from tests.e2e.quiz import qr_link, take_quiz_in_browser

GUIDE = ROOT / "docs" / "deploy.md"
NODES = ("a", "b")
ROUTE_COOKIE = "netral_node"


@dataclass
class Replicas:
    """Processes a and b, nginx in front of them, and the peserta loaded into their database."""

    servers: dict[str, Server]
    nginx: Nginx
    db_url: str
    peserta: str

    @property
    def url(self) -> str:
        return self.nginx.url


def other(node: str) -> str:
    return "b" if node == "a" else "a"


def start_together(servers: list[Server]) -> None:
    """Start every server at the same moment and wait until all are healthy."""
    barrier = threading.Barrier(len(servers))

    def start(server: Server) -> Server:
        barrier.wait()
        return server.start()

    with ThreadPoolExecutor(len(servers)) as pool:
        list(pool.map(start, servers))


def environment(db_url: str, base_url: str, node_dir: Path) -> dict[str, str]:
    """What docs/deploy.md puts in /etc/netral/netral.env, with this process's own data folder and key copy."""
    return {
        **os.environ,
        "DATABASE_URL": db_url,
        "NETRAL_QUESTIONS_DIR": str(FIXTURE_BANK),
        "NETRAL_DATA_DIR": str(node_dir / "data"),
        "NETRAL_SIGNING_KEY": str(node_dir / "signing-key.pem"),
        # The same on every process: a login made on one is good on all.
        "NETRAL_COOKIE_SECRET": "rahasia-replika-" + "r" * 24,
        "STREAMLIT_SERVER_COOKIE_SECRET": "rahasia-streamlit-" + "s" * 24,
        "NETRAL_BASE_URL": base_url,  # certificate QR codes point at nginx, not at one process
    }


@pytest.fixture(scope="module")
def empty_database() -> Iterator[str]:
    """A database with no tables at all in the throwaway PostgreSQL cluster."""
    if not PG_URL:  # with CI=true, tests/conftest.py has already stopped the run
        pytest.skip("NETRAL_TEST_PG_URL not set (make test starts one)")
    name = f"r_{uuid.uuid4().hex[:16]}"
    admin = _pg_admin()
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield _pg_url(name)
    finally:
        dispose_engines()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="module")
def replicas(empty_database: str, tmp_path_factory: pytest.TempPathFactory, bank) -> Iterator[Replicas]:
    """Two processes started together on an empty database, nginx in front, then the fixture people."""
    if not Path(NGINX).exists():
        if IN_CI:
            pytest.fail("CI=true but Debian's nginx is not installed (make test installs it)")
        pytest.skip("nginx not installed (apt-get install nginx)")
    root = tmp_path_factory.mktemp("replicas")
    load_or_create_key(root / "signing-key.pem")  # one agency key, copied to every process as to every host
    load_or_create_signer(root / "pdf-signer", agency="Pemerintah Kabupaten Contoh")  # and its PDF signer beside it
    servers = {node: Server(env={}, log_path=root / f"server-{node}.log") for node in NODES}
    (root / "nginx").mkdir()
    nginx = Nginx(prefix=root / "nginx", nodes=(f"127.0.0.1:{servers['a'].port}", f"127.0.0.1:{servers['b'].port}"))
    for node, server in servers.items():
        (root / node).mkdir()
        shutil.copy(root / "signing-key.pem", root / node / "signing-key.pem")
        shutil.copytree(root / "pdf-signer", root / node / "pdf-signer")
        server.env = environment(empty_database, nginx.url, root / node)
    try:
        start_together(list(servers.values()))
        nginx.start()
        peserta, _admin, _newcomer = _prepare(empty_database, bank, root, modules_passed=True)
        yield Replicas(servers, nginx, empty_database, peserta)
    finally:
        nginx.stop()
        for server in servers.values():
            server.stop()


def route(context: BrowserContext) -> str:
    """The process nginx pinned this browser to."""
    return next(cookie["value"] for cookie in context.cookies() if cookie["name"] == ROUTE_COOKIE)


def pin(context: BrowserContext, url: str, node: str) -> None:
    """Point the browser's route cookie at `node`, as if nginx had sent it there."""
    context.clear_cookies(name=ROUTE_COOKIE)
    context.add_cookies([{"name": ROUTE_COOKIE, "value": node, "url": url}])


def open_page(page: Page, url: str) -> str:
    """Load `url`, wait for the run, and return which process served it."""
    response = page.goto(url)
    assert response is not None and response.ok, url
    settle(page)
    return response.headers["x-netral-node"]


def download(page: Page, button: str, target: Path) -> bytes:
    with page.expect_download() as started:
        page.get_by_role("button", name=button).click()
    started.value.save_as(target)
    return target.read_bytes()


def test_two_processes_started_together_on_an_empty_database_migrate_it_once(replicas):
    engine = make_engine(replicas.db_url)
    try:
        with engine.connect() as connection:
            versions = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
            tables = set(inspect(connection).get_table_names())
        with reading(engine) as session:
            exam = queries.exam_quiz(session)
    finally:
        engine.dispose()
    assert versions == [head_revision()]
    assert set(Base.metadata.tables) <= tables
    assert exam is not None  # the question bank was loaded too
    for server in replicas.servers.values():
        with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=5) as response:
            assert response.read() == b"ok"
        assert "Traceback" not in server.log_path.read_text()


def test_fresh_visitors_are_spread_over_both_processes_and_each_keeps_to_its_own(browser, replicas):
    landed: dict[str, BrowserContext] = {}
    for attempt in range(6):  # nginx deals fresh visitors round robin; a few tries absorb anyone else's request
        context = browser.new_context(user_agent=f"Mozilla/5.0 netral-uji-{attempt}")
        node = open_page(context.new_page(), replicas.url + "/")
        if node in landed:
            context.close()
            continue
        landed[node] = context
        if len(landed) == len(NODES):
            break
    assert set(landed) == set(NODES)

    agents = {}
    for node, context in landed.items():
        page = context.pages[0]
        served = set()
        page.on("response", lambda response, served=served: served.add(response.headers.get("x-netral-node")))
        page.reload()
        settle(page)
        assert route(context) == node
        assert served - {None} == {node}
        agents[node] = page.evaluate("navigator.userAgent")
        context.close()

    # nginx logs a websocket when it closes: each browser's /_stcore/stream went to its own process too.
    for node, agent in agents.items():
        deadline = time.monotonic() + 20
        streams: list[str] = []
        while time.monotonic() < deadline and not streams:
            lines = [line for line in replicas.nginx.access_log.read_text().splitlines() if agent in line]
            streams = [line for line in lines if "/_stcore/stream" in line]
            time.sleep(0.2)
        assert streams, agent
        assert all(f" node={node} " in line for line in lines), lines


def test_a_peserta_finishes_through_nginx_and_the_other_process_keeps_the_login_and_verifies_the_certificate(
    browser, replicas, tmp_path
):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    log_in(page, replicas.url, replicas.peserta)
    home = route(context)

    assert open_page(page, replicas.url + "/ujian") == home
    page.get_by_role("button", name="Mulai ujian").click()
    shown(page, "Soal 1 dari 7")
    take_quiz_in_browser(page, 7)
    open_page(page, replicas.url + "/pakta")
    sign_pakta_in_browser(page, "Sutrisno")
    page.get_by_role("link", name=re.compile("Unduh sertifikat")).click()
    shown(page, "Sertifikat Saya")
    pdf = download(page, "Unduh PDF", tmp_path / "sertifikat.pdf")  # st.download_button: a /media URL on `home`
    assert pdf.startswith(b"%PDF-")

    # The same browser sent to the other process: still logged in (same cookie secret, sessions in the database).
    pin(context, replicas.url, other(home))
    assert open_page(page, replicas.url + "/sertifikat") == other(home)
    expect(page.get_by_role("heading", name="Sertifikat Saya")).to_be_visible()
    assert download(page, "Unduh PDF", tmp_path / "lagi.pdf") == pdf  # the stored bytes, served by the other process
    context.close()

    # The QR code, opened through the process that did not issue the certificate, says it is valid,
    # and that process's public key verifies the PDF offline (the same signing key on both).
    link = qr_link(tmp_path / "sertifikat.pdf")
    assert link.startswith(replicas.url + "/verifikasi?n=NTR-")
    stranger = browser.new_context(accept_downloads=True)
    pin(stranger, replicas.url, other(home))
    check = stranger.new_page()
    assert open_page(check, link) == other(home)
    shown(check, "SAH — sertifikat ini diterbitkan dan masih berlaku.")
    public_key = load_public_key(download(check, "Unduh kunci publik instansi", tmp_path / "kunci-publik.pem"))
    ca = download(check, "Unduh sertifikat CA instansi (untuk pembaca PDF)", tmp_path / "ca.pem")
    assert check_pdf_offline(pdf, public_key, tuple(x509.load_pem_x509_certificates(ca))).genuine
    stranger.close()


def test_when_a_process_stops_its_browsers_move_to_the_other_and_stay_logged_in(browser, replicas):
    context = browser.new_context()
    pin(context, replicas.url, "b")
    page = context.new_page()
    log_in(page, replicas.url, replicas.peserta)
    assert route(context) == "b"
    replicas.servers["b"].stop()  # a crash, or a restart to give memory back
    try:
        assert open_page(page, replicas.url + "/beranda") == "a"
        # Beranda greets, or congratulates once an earlier test here has certified this peserta
        greeting = page.get_by_text(re.compile("Selamat datang|Anda telah menyelesaikan pembelajaran")).first
        expect(greeting).to_be_visible(timeout=20_000)
        assert route(context) == "a"  # nginx re-pinned the browser to the process that answered
    finally:
        context.close()
        replicas.servers["b"].start()


def _status(url: str, *, method: str = "GET", headers: dict[str, str] | None = None) -> int:
    request = urllib.request.Request(url, method=method, headers=headers or {}, data=b"" if method == "POST" else None)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_metrics_are_closed_to_the_public_and_open_to_the_host(replicas):
    direct = f"http://127.0.0.1:{replicas.servers['a'].port}/_stcore/metrics"
    assert _status(replicas.url + "/_stcore/metrics") == 404  # through nginx: the public
    assert _status(direct, headers={"X-Forwarded-For": "203.0.113.9"}) == 404  # a proxy relaying a visitor
    assert _status(direct) == 200  # the host's own monitoring


def test_through_nginx_the_page_is_indonesian_and_the_bundles_arrive_gzipped_with_vary(replicas):
    with urllib.request.urlopen(urllib.request.Request(replicas.url + "/", headers={"Accept-Encoding": "gzip"})) as response:
        page = gzip.decompress(response.read()) if response.headers["Content-Encoding"] == "gzip" else response.read()
    assert b'<html lang="id">' in page
    bundle = re.search(rb'src="\./(static/js/index\.[^"]+\.js)"', page)[1].decode()
    request = urllib.request.Request(f"{replicas.url}/{bundle}", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read()
        assert response.headers["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response.headers["Vary"] and "immutable" in response.headers["Cache-Control"]
    assert len(body) < len(gzip.decompress(body)) / 2


def test_nginx_slows_one_address_hammering_the_login_route(replicas):
    # 60 requests at once from one address: the first 21 (rate + burst) reach Netral, which refuses a
    # ticketless exchange itself; the rest are stopped by nginx with 429 before touching any process.
    statuses = [_status(replicas.url + "/api/sesi/masuk", method="POST") for _ in range(60)]
    assert statuses.count(429) >= 30, statuses
    assert 429 not in statuses[:15], statuses
    assert _status(replicas.url + "/_stcore/health") == 200  # everything else is served as before
    time.sleep(11)  # the bucket refills (2 a second, 21 deep) before the browser tests of this module log in


def test_nginx_accepts_every_upload_streamlit_accepts():
    streamlit_mb = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["server"]["maxUploadSize"]
    nginx_mb = int(re.search(r"client_max_body_size (\d+)m;", TEMPLATE.read_text())[1])
    assert nginx_mb == streamlit_mb + 1  # room for the multipart envelope around the largest file


def test_the_deploy_guide_renders_the_tested_template_and_names_only_real_settings():
    guide = GUIDE.read_text()
    assert "deploy/nginx.conf.template" in guide
    rendering = re.search(r"envsubst '([^']+)'", guide)
    assert rendering is not None
    assert set(re.findall(r"\$\{(NETRAL_[A-Z_]+)\}", rendering[1])) == placeholders(TEMPLATE.read_text())
    source = (ROOT / "netral" / "core" / "settings.py").read_text()
    settings = set(re.findall(r'"(NETRAL_[A-Z_]+)"', source))
    named = set(re.findall(r"\bNETRAL_[A-Z_]+\b", guide))
    assert named - settings - placeholders(TEMPLATE.read_text()) == set()
