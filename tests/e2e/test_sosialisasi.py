"""A small sosialisasi in real browsers: the presenter's projector on a desktop, three phones check in by the QR
read from the projector's screenshot, answer the same question before and after the talk, and the report shows
their scores and the gain. A photographed QR sent on after a minute is refused (both databases)."""

from __future__ import annotations

import asyncio
import json
import subprocess
from datetime import timedelta
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from bench.http import Phone
from db import make_engine, queries, reading, transaction
from db.queries import sosialisasi as live_queries
from netral.core.dates import utcnow
from netral.core.enums import LiveRound
from netral.identity import auth
from netral.sosialisasi import live, tokens
from netral.sosialisasi.attendance import check_in_manually, set_attendance_open
from netral.sosialisasi.events import EventDraft, create_event
from netral.sosialisasi.report import event_report
from tests.e2e.conftest import log_in, main_text, screenshot, settle
from tests.factories import PASSWORD, add_person, as_actor
from tests.loops import on_own_thread

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1366, "height": 768}
SECRET_ENV = "NETRAL_COOKIE_SECRET"


def hall(site, db_url: str) -> tuple[int, list[str]]:
    """The event (whole agency invited, one question) and three more peserta."""
    engine = make_engine(db_url)
    with transaction(engine) as session:
        boss = as_actor(queries.account_by_nip(session, site.admin))
        nips = [add_person(session, name=f"Peserta Aula {i}").employee.nip for i in range(3)]
        draft = EventDraft("Sosialisasi Netralitas ASN", utcnow(), "Pendopo", question_keys=("dasar-tunggal",))
        event_id = create_event(session, boss, draft, now=utcnow())
        set_attendance_open(session, boss, event_id=event_id, is_open=True)
    engine.dispose()
    return event_id, nips


def qr_on_projector(projector: Page, tmp_path: Path) -> str:
    projector.get_by_text("Pindai untuk mencatat kehadiran").wait_for(timeout=30_000)
    shot = tmp_path / "proyektor.png"
    projector.screenshot(path=str(shot), full_page=True)
    found = subprocess.run(["zbarimg", "-q", "--raw", str(shot)], check=True, capture_output=True, text=True)
    return found.stdout.strip()


def check_in_on_phone(browser: Browser, link: str, nip: str) -> Page:
    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    phone.goto(link)
    phone.get_by_label("NIP").fill(nip)
    phone.get_by_label("Kata sandi").fill(PASSWORD)
    phone.get_by_role("button", name="Masuk dan catat kehadiran").click()
    expect(phone.get_by_text("tercatat pukul")).to_be_visible(timeout=20_000)
    phone.get_by_role("link", name="Ikuti kuis langsung").click()
    expect(phone.get_by_text("Menunggu pembawa acara")).to_be_visible(timeout=20_000)
    return phone


def presenter_opens(projector: Page, round_label: str) -> None:
    projector.get_by_text(round_label, exact=True).click()
    settle(projector)
    projector.get_by_role("button", name="Buka soal").click()
    expect(projector.get_by_text("Menerima jawaban").first).to_be_visible(timeout=20_000)


def answer_on(phone: Page, option: str) -> None:
    phone.get_by_role("button", name=option).click(timeout=20_000)
    expect(phone.get_by_text("Jawaban Anda tersimpan.")).to_be_visible(timeout=20_000)


def test_a_small_event_checks_in_by_qr_and_shows_the_gain(browser: Browser, site, db_url: str, tmp_path: Path):
    event_id, nips = hall(site, db_url)
    projector = browser.new_context(viewport=DESKTOP).new_page()
    log_in(projector, site.server.url, site.admin)
    projector.goto(f"{site.server.url}/layar?acara={event_id}")
    link = qr_on_projector(projector, tmp_path)
    assert link.startswith(f"{site.server.url}/hadir/")
    phones = [check_in_on_phone(browser, link, nip) for nip in nips]
    expect(projector.get_by_text("Hadir").first).to_be_visible()

    presenter_opens(projector, "Sebelum materi")
    for phone, option in zip(phones, ["Jawaban benar", "Jawaban salah satu", "Jawaban salah dua"], strict=True):
        expect(phone.get_by_text("Soal pilihan tunggal?")).to_be_visible(timeout=20_000)
        answer_on(phone, option)
    expect(projector.get_by_text("3 dari 3")).to_be_visible(timeout=20_000)
    projector.get_by_role("button", name="Bahas").click()
    expect(phones[1].get_by_text("Penjelasan soal tunggal.")).to_be_visible(timeout=20_000)
    screenshot(phones[1], "sosialisasi-ponsel-dibahas")

    presenter_opens(projector, "Sesudah materi")
    for phone in phones:
        answer_on(phone, "Jawaban benar")
    projector.get_by_role("button", name="Bahas").click()
    expect(projector.get_by_text("Dasar hukum:")).to_be_visible(timeout=20_000)
    screenshot(projector, "sosialisasi-proyektor")

    engine = make_engine(db_url)
    with reading(engine) as session:
        boss = as_actor(queries.account_by_nip(session, site.admin))
        report = event_report(session, boss, event_id=event_id, agency_name="x", category_labels={})
    engine.dispose()
    assert (report.present, report.items[0].pre_right, report.items[0].post_right) == (3, 1, 3)
    projector.goto(f"{site.server.url}/sosialisasi?acara={event_id}")
    expect(projector.get_by_text("66,7 poin")).to_be_visible(timeout=30_000)
    settle(projector)
    text = main_text(projector)
    assert "Benar sebelum materi" in text and "33,3%" in text and "100%" in text and "66,7 poin" in text
    screenshot(projector, "sosialisasi-laporan")


def test_a_qr_sent_on_after_a_minute_is_refused(browser: Browser, site, db_url: str):
    event_id, _nips = hall(site, db_url)
    old = tokens.qr_token(site.server.env[SECRET_ENV], event_id, utcnow() - timedelta(seconds=90))
    phone = browser.new_context(viewport=PHONE, is_mobile=True).new_page()
    phone.goto(f"{site.server.url}/hadir/{old}")
    expect(phone.get_by_text("Kode QR ini sudah kedaluwarsa")).to_be_visible()
    assert phone.evaluate("document.documentElement.lang") == "id"


def test_a_server_killed_mid_event_keeps_every_acknowledged_answer_and_the_event_resumes(site, db_url: str):
    """Answers acknowledged over HTTP survive a SIGKILL of the process; after restart the open question still takes
    answers and the first answer of each person is the one that counts."""
    event_id, nips = hall(site, db_url)
    secret = site.server.env[SECRET_ENV]
    engine = make_engine(db_url)
    cookies = []
    with transaction(engine) as session:
        boss = as_actor(queries.account_by_nip(session, site.admin))
        for nip in nips:
            check_in_manually(session, boss, event_id=event_id, nip=nip, now=utcnow())
            _login, ticket = auth.open_login_session(session, queries.account_by_nip(session, nip), utcnow(), secret, 1)
            cookies.append(auth.redeem_ticket(session, ticket=ticket, now=utcnow(), secret=secret))
        live.open_item(session, boss, event_id=event_id, round_=LiveRound.PRE, position=1)
        item_id = live_queries.items(session, event_id)[0].id

    async def answer(cookie: str, choice: str) -> int:
        phone = Phone(site.server.url, {"netral_sesi": cookie})
        body = json.dumps({"soal": item_id, "babak": "pre", "pilihan": choice}).encode()
        response = await phone.request("POST", f"/api/langsung/{event_id}/jawab", body, content_type="application/json")
        await phone.close()
        return response.status

    assert on_own_thread(lambda: asyncio.run(answer(cookies[0], "a"))) == 200
    assert on_own_thread(lambda: asyncio.run(answer(cookies[1], "b"))) == 200
    site.server.stop(kill=True)
    site.server.start()
    assert on_own_thread(lambda: asyncio.run(answer(cookies[1], "a"))) == 200  # a retry after the crash: the first answer stands
    assert on_own_thread(lambda: asyncio.run(answer(cookies[2], "c"))) == 200  # the open question still takes answers
    with reading(engine) as session:
        stored = {a.employee_id: a.selected for a in live_queries.event_answers(session, event_id)}
        ids = [queries.employee_by_nip(session, nip).id for nip in nips]
    engine.dispose()
    assert stored == {ids[0]: ["a"], ids[1]: ["b"], ids[2]: ["c"]}
