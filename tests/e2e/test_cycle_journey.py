"""Issue 18's journey: HR opens a refresher cycle in the browser, one reminder per person reaches a loopback SMTP
server while two server processes and cron race, a peserta certified in the previous cycle renews with the exam
alone and gets a certificate naming the new cycle, and the PPK report for the cycle downloads as a PDF."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from db import make_engine, reading, transaction
from db.models import OutboxMessage
from netral.content.loading import sync_bank
from netral.core.cycle_enums import OutboxStatus
from netral.core.dates import utcnow
from netral.core.enums import Role
from netral.core.settings import Settings
from netral.cycles.managing import close_cycle
from netral.people.accounts import add_employee
from netral.startup import wire
from tests.conftest import FIXTURE_BANK, ROOT, T0
from tests.cycles.helpers import new_cycle
from tests.cycles.smtp import loopback_smtp
from tests.e2e.conftest import Server, log_in, settle, shown, sign_pakta_in_browser
from tests.e2e.quiz import take_quiz_in_browser
from tests.factories import add_person, as_actor, exam_id, next_nip, pass_all_modules, take_quiz
from tests.learning.test_completion import sign

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")

COLLEAGUES = 119  # with the peserta 120 reminders: three batches of at most 50, one for each racer
NEW_CYCLE = "Pemilu Serentak 2029"


@dataclass
class Agency:
    hr: str
    peserta: str
    peserta_email: str
    emails: set[str]


def prepare(db_url: str, bank, settings: Settings) -> Agency:
    """HR, a peserta certified in the closed cycle "Pemilu 2024", and colleagues who all have an email."""
    engine = make_engine(db_url)
    wire(settings)
    try:
        with transaction(engine) as session:
            sync_bank(session, bank, now=utcnow())
            hr = add_person(session, name="Rina Wulandari", role=Role.SUPER_ADMIN)
            boss, hr_nip = as_actor(hr), hr.employee.nip
            peserta = add_person(session, name="Sutrisno")
            peserta.employee.email = "sutrisno@contoh.go.id"
            emails = {peserta.employee.email}
            for index in range(COLLEAGUES):  # employees without an account (no password to hash) are reminded too
                colleague = add_employee(session, nip=next_nip(), name=f"Rekan {index}", now=utcnow())
                colleague.email = f"rekan{index}@contoh.go.id"
                emails.add(colleague.email)
            previous = new_cycle(session, boss, name="Pemilu 2024", opens_on=date(2024, 8, 1), deadline=date(2024, 12, 31))
            peserta_id, nip = peserta.employee_id, peserta.employee.nip
        with transaction(engine) as session:
            pass_all_modules(session, employee_id=peserta_id, settings=settings, now=T0)
            take_quiz(session, employee_id=peserta_id, quiz_id=exam_id(session), settings=settings, now=T0)
        sign(engine, peserta_id, settings, typed="Sutrisno")
        with transaction(engine) as session:
            close_cycle(session, actor=boss, cycle_id=previous.id, now=utcnow())
    finally:
        engine.dispose()
    return Agency(hr_nip, nip, "sutrisno@contoh.go.id", emails)


def environment(db_url: str, data_dir: Path, smtp) -> dict[str, str]:
    """Both processes and cron: one database, one data folder, the loopback SMTP server, a sweep every second."""
    return {
        **os.environ,
        "DATABASE_URL": db_url,
        "NETRAL_QUESTIONS_DIR": str(FIXTURE_BANK),
        "NETRAL_DATA_DIR": str(data_dir),
        "NETRAL_COOKIE_SECRET": "rahasia-siklus-" + "c" * 24,
        "STREAMLIT_SERVER_COOKIE_SECRET": "rahasia-streamlit-" + "s" * 24,
        "NETRAL_SWEEP_SECONDS": "1",
        "NETRAL_SMTP_HOST": smtp.host,
        "NETRAL_SMTP_PORT": str(smtp.port),
        "NETRAL_SMTP_SECURITY": "none",
        "NETRAL_SMTP_FROM": smtp.sender,
    }


def start_all(servers: list[Server]) -> None:
    with ThreadPoolExecutor(len(servers)) as pool:
        list(pool.map(lambda server: server.start(), servers))


def create_refresher_cycle(page: Page, base: str, deadline: date) -> None:
    """Siklus Pemilu: a whole-agency refresher cycle opening today, voting day not yet set."""
    page.goto(base + "/siklus")
    settle(page)
    page.get_by_role("textbox", name="Nama siklus").fill(NEW_CYCLE)
    deadline_box = page.locator("[data-testid='stDateInput']", has_text="Tenggat penyelesaian").locator("input")
    deadline_box.fill(deadline.isoformat())  # a native date field takes the ISO date
    page.get_by_text("Penyegaran bagi yang lulus siklus sebelumnya").click()
    page.get_by_role("button", name="Buat siklus").click()
    shown(page, f"Siklus «{NEW_CYCLE}» dibuat dan tercatat di log audit.")


def remind_at_open(page: Page, base: str) -> None:
    """Pengingat Email: the new cycle (shown first) reminds everyone when it opens."""
    page.goto(base + "/pengingat")
    settle(page)
    expect(page.locator("input[aria-label='Siklus']")).to_have_value(NEW_CYCLE)
    page.get_by_text("Kirim saat siklus dibuka").click()
    page.get_by_role("button", name="Simpan aturan").click()
    shown(page, "Aturan pengingat tersimpan dan tercatat di log audit.")


def race(servers: list[Server], env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    """Restart both processes (as a deploy would: each plans on its first sweep, a second after it starts) while
    cron's `reminders send` plans and sends the same reminders."""
    for server in servers:
        server.stop()
    barrier = threading.Barrier(len(servers) + 1)

    def start(server: Server) -> None:
        barrier.wait()
        server.start()

    def cron() -> subprocess.CompletedProcess[bytes]:
        barrier.wait()
        command = [sys.executable, "-m", "netral", "reminders", "send"]
        return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, timeout=120, check=False)

    with ThreadPoolExecutor(len(servers) + 1) as pool:
        started = [pool.submit(start, server) for server in servers]
        ran = pool.submit(cron)
        for future in started:
            future.result()
        return ran.result()


def outbox_settled(db_url: str, expected: int, timeout: float = 60) -> list[OutboxMessage]:
    """Wait until every queued reminder is sent (the servers' sweeps may still be sending after cron exits)."""
    engine = make_engine(db_url)
    try:
        deadline = time.monotonic() + timeout
        while True:
            with reading(engine) as session:
                rows = list(session.scalars(select(OutboxMessage)))
            if len(rows) >= expected and all(row.status == OutboxStatus.SENT for row in rows):
                return rows
            if time.monotonic() > deadline:
                return rows
            time.sleep(0.5)
    finally:
        engine.dispose()


def pdf_words(pdf: Path) -> str:
    shown_text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return " ".join(shown_text.split())


def download(page: Page, button: str, target: Path) -> Path:
    with page.expect_download() as started:
        page.get_by_role("button", name=button).first.click()
    started.value.save_as(target)
    return target


def test_hr_opens_a_refresher_cycle_each_reminder_arrives_once_the_peserta_renews_and_the_ppk_report_downloads(
    browser: Browser, db_url: str, bank, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    settings = Settings(database_url=db_url, data_dir=data_dir, questions_dir=FIXTURE_BANK)
    agency = prepare(db_url, bank, settings)
    with loopback_smtp() as (mail, smtp):
        mail.hold_until_senders = 3  # the two servers and cron, each inside a batch it claimed, at the same time
        env = environment(db_url, data_dir, smtp)
        servers = [Server(env=env, log_path=tmp_path / f"server-{node}.log") for node in "ab"]
        try:
            start_all(servers)
            hr = browser.new_context(accept_downloads=True)
            page = hr.new_page()
            log_in(page, servers[0].url, agency.hr)
            create_refresher_cycle(page, servers[0].url, utcnow().date() + timedelta(days=60))
            remind_at_open(page, servers[0].url)
            hr.close()

            cron = race(servers, env)
            assert cron.returncode == 0, cron.stderr.decode()[-2000:]
            rows = outbox_settled(db_url, len(agency.emails))
            assert sorted(row.to_address for row in rows) == sorted(agency.emails)
            assert {row.status for row in rows} == {OutboxStatus.SENT}
            arrived = Counter(address for _id, recipients, _subject in mail.received for address in recipients)
            assert arrived == Counter(dict.fromkeys(agency.emails, 1))  # each person once, nobody twice
            assert set(mail.ids().values()) == {1} and len(mail.ids()) == len(agency.emails)
            # Cron and at least one server were sending at the same moment, each from a batch of its own (the hold
            # keeps the first sender inside its batch until the others arrive or 20 s pass).
            assert mail.senders_held >= 2, mail.senders_held
            print(f"senders sending together: {mail.senders_held}")

            # The peserta, on the other process: the refresher asks only the exam.
            learner = browser.new_context(accept_downloads=True)
            page = learner.new_page()
            log_in(page, servers[1].url, agency.peserta)
            shown(page, "Anda mengikuti jalur penyegaran")
            expect(page.get_by_text(NEW_CYCLE).first).to_be_visible()
            page.goto(servers[1].url + "/ujian")
            settle(page)
            page.get_by_role("button", name="Mulai ujian").click()
            shown(page, "Soal 1 dari 7")
            take_quiz_in_browser(page, 7)
            page.goto(servers[1].url + "/pakta")
            settle(page)
            if page.get_by_role("button", name="Tanda tangani pakta").count():  # where each cycle asks for it again
                sign_pakta_in_browser(page, "Sutrisno")
            page.goto(servers[1].url + "/sertifikat")
            settle(page)
            expect(page.get_by_text(f"· {NEW_CYCLE}").first).to_be_visible()
            expect(page.get_by_text("Pemilu 2024").first).to_be_visible()  # the old certificate stays as history
            certificate = download(page, "Unduh PDF", tmp_path / "sertifikat.pdf")  # newest first
            assert certificate.read_bytes().startswith(b"%PDF-")
            assert f"pada {NEW_CYCLE}" in pdf_words(certificate)
            learner.close()

            # HR's report for the PPK, from the first process.
            hr = browser.new_context(accept_downloads=True)
            page = hr.new_page()
            log_in(page, servers[0].url, agency.hr)
            page.goto(servers[0].url + "/dasbor-siklus")
            settle(page)
            page.get_by_role("button", name="Buat laporan siklus untuk PPK (PDF)").click()
            settle(page)
            report = download(page, "Unduh laporan", tmp_path / "laporan.pdf")
            assert report.read_bytes().startswith(b"%PDF-")
            words = pdf_words(report)
            assert NEW_CYCLE in words and "Tingkat kelulusan ujian sertifikasi: 100.0%" in words
            hr.close()
        finally:
            for server in servers:
                server.stop()
    for server in servers:
        assert "Traceback" not in server.log_path.read_text()
