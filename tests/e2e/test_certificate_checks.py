"""A certificate checked as people check it: the downloaded PDF in pdfsig, its QR code on a phone, the number typed
alone on the public page, and a stranger guessing codes until the page refuses (both databases)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from playwright.sync_api import Page

from db import make_engine, transaction
from netral.certificates.throttle import BLOCK_AFTER
from netral.core.dates import utcnow
from netral.core.settings import Settings
from netral.learning.pledge import sign_pakta
from netral.startup import wire
from tests.conftest import FIXTURE_BANK
from tests.e2e.conftest import log_in, main_text, settle, shown
from tests.e2e.quiz import qr_link
from tests.factories import exam_id, pass_all_modules, take_quiz

PHONE = {"width": 360, "height": 740}
WRONG_CODE = "7QKM-2XRA-9PDF-HW4C"  # well formed, never issued


def certify(site, db_url: str, tmp_path: Path) -> None:
    """The peserta completes the path through the services, with the server's own data folder (its keys)."""
    settings = Settings(database_url=db_url, data_dir=tmp_path / "data", questions_dir=FIXTURE_BANK, base_url=site.server.url)
    wire(settings)
    engine = make_engine(db_url)
    with transaction(engine) as session:
        from db import queries

        employee = queries.employee_by_nip(session, site.peserta)
        pass_all_modules(session, employee_id=employee.id, settings=settings, now=utcnow())
        take_quiz(session, employee_id=employee.id, quiz_id=exam_id(session), settings=settings, now=utcnow())
        sign_pakta(
            session, employee_id=employee.id, typed_name="Sutrisno", agreed=True, text="Pakta", now=utcnow(), settings=settings
        )
    engine.dispose()


def download(page: Page, button: str, target: Path) -> Path:
    with page.expect_download() as started:
        page.get_by_role("button", name=button).first.click()
    started.value.save_as(target)
    return target


def pdfsig_trusting(ca: Path, pdf: Path, tmp_path: Path) -> str:
    nss = tmp_path / "nss"
    nss.mkdir()
    subprocess.run(["certutil", "-N", "-d", f"sql:{nss}", "--empty-password"], check=True)
    subprocess.run(["certutil", "-A", "-d", f"sql:{nss}", "-n", "CA Netral", "-t", "C,C,C", "-i", str(ca)], check=True)
    return subprocess.run(["pdfsig", "-nssdir", f"sql:{nss}", str(pdf)], capture_output=True, text=True, check=False).stdout


def check(page: Page, number: str, code: str) -> None:
    page.get_by_role("textbox", name="Nomor sertifikat").fill(number)
    page.get_by_role("textbox", name="Kode verifikasi").fill(code)
    page.get_by_role("button", name="Periksa").click()
    settle(page)


def test_a_downloaded_certificate_passes_pdfsig_its_qr_opens_on_a_phone_and_guessing_is_refused(browser, site, db_url, tmp_path):
    certify(site, db_url, tmp_path)
    holder = browser.new_context(accept_downloads=True).new_page()
    log_in(holder, site.server.url, site.peserta)
    holder.goto(site.server.url + "/sertifikat")
    settle(holder)
    pdf = download(holder, "Unduh PDF", tmp_path / "sertifikat.pdf")
    credential = download(holder, "Unduh Open Badge (dompet digital)", tmp_path / "sertifikat.json")
    assert b"OpenBadgeCredential" in credential.read_bytes()
    number = pdf.name and holder.get_by_text("Nomor NTR-").inner_text().split()[1]

    stranger = browser.new_context(accept_downloads=True).new_page()
    stranger.goto(site.server.url + "/verifikasi")
    settle(stranger)
    ca = download(stranger, "Unduh sertifikat CA instansi (untuk pembaca PDF)", tmp_path / "ca-netral.pem")
    report = pdfsig_trusting(ca, pdf, tmp_path)
    assert "Total document signed" in report and "Signature Validation: Signature is Valid." in report
    assert "Certificate Validation: Certificate is Trusted." in report

    link = qr_link(pdf)
    assert link.startswith(f"{site.server.url}/verifikasi?n={number}&k=")
    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    phone.goto(link)
    shown(phone, "SAH — sertifikat ini diterbitkan dan masih berlaku.")
    assert "Sutrisno" in main_text(phone) and site.peserta not in main_text(phone)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scrolling

    check(stranger, number, "")
    shown(stranger, "Masukkan juga kode verifikasi")
    assert "Sutrisno" not in main_text(stranger)
    check(stranger, number, WRONG_CODE)
    shown(stranger, "tidak cocok dengan sertifikat mana pun")
    for _ in range(BLOCK_AFTER):  # the first failures answer at once, the next ones slower, then the page refuses
        check(stranger, number, WRONG_CODE)
    shown(stranger, "Terlalu banyak pencarian sertifikat yang gagal")
    check(stranger, number, link.split("k=")[1])  # even the right code waits out the block
    shown(stranger, "Terlalu banyak pencarian sertifikat yang gagal")
    assert "Sutrisno" not in main_text(stranger)
    for page in (holder, stranger, phone):
        page.context.close()
