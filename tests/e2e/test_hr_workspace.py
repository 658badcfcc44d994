"""Issue 19 in a browser at 1366×768: the Dasbor first with the whole menu, a row opens the person, exports read right."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from pathlib import Path

from openpyxl import load_workbook
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from db import make_engine, queries, reading, transaction
from db.models import Certificate
from netral.content.interop.export import export_questions
from netral.content.overview import exported_questions
from netral.core.dates import utcnow
from tests.e2e.conftest import Site, log_in, main_text, screenshot, settle, shown
from tests.e2e.test_certificate_checks import certify

DESKTOP = {"width": 1366, "height": 768}
GROUPS = ("Pantau", "Pegawai", "Konten", "Pengaturan", "Belajar")


def desktop(browser: Browser) -> Page:
    return browser.new_context(viewport=DESKTOP, accept_downloads=True).new_page()


def click_row(page: Page, row: int, table: int = 0) -> None:
    """Pick a row of an st.dataframe (a canvas grid) by clicking its row marker at the left edge."""
    grid = page.locator("[data-testid='stDataFrame']").nth(table)
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 14, box["y"] + 35 * (row + 1) + 17)


def test_an_admin_lands_on_the_dasbor_with_the_whole_menu_at_full_width(browser: Browser, site: Site) -> None:
    page = desktop(browser)
    log_in(page, site.server.url, site.admin)
    expect(page.get_by_role("heading", name="Dasbor Netralitas")).to_be_visible()
    nav = page.locator("[data-testid='stSidebarNav']")
    for group in GROUPS:
        expect(nav.get_by_text(group, exact=True)).to_be_visible()
    for entry in ("Dasbor", "Data Pegawai", "Impor Data Pegawai", "Bank Soal", "Pengaturan Kuis", "Log Audit", "Beranda"):
        expect(nav.get_by_role("link", name=entry, exact=True)).to_be_visible()
    assert "View" not in nav.inner_text() and "more" not in nav.inner_text()
    main = page.locator("[data-testid='stMainBlockContainer']").bounding_box()
    sidebar = page.locator("[data-testid='stSidebar']").bounding_box()
    assert main is not None and sidebar is not None
    assert main["width"] > 0.8 * (DESKTOP["width"] - sidebar["width"])  # wide, not the centred 736 px column
    screenshot(page, "hr-dasbor-menu")
    nav.get_by_role("link", name="Beranda", exact=True).click()
    shown(page, "Selamat datang")  # their own learning, one click away


def test_hr_opens_a_person_from_a_row_and_unlocks_them(browser: Browser, site: Site, db_url: str) -> None:
    engine = make_engine(db_url)
    with transaction(engine) as session:
        account = queries.account_by_nip(session, site.peserta)
        account.failed_logins, account.locked_until = 5, utcnow() + timedelta(minutes=15)
    page = desktop(browser)
    log_in(page, site.server.url, site.admin)
    page.goto(site.server.url + "/pegawai")
    settle(page)
    page.get_by_role("textbox", name="Cari nama atau NIP").fill("Sutrisno")
    page.keyboard.press("Enter")
    shown(page, "1 pegawai")
    click_row(page, 0)
    shown(page, "terkunci")
    assert site.peserta in main_text(page) and "Kemajuan per modul" in main_text(page)
    screenshot(page, "hr-profil-pegawai")
    page.get_by_role("button", name="Buka kunci akun").click()
    shown(page, "Kunci dibuka")
    with reading(engine) as session:
        assert queries.account_by_nip(session, site.peserta).locked_until is None
    engine.dispose()


def test_hr_exports_the_unfinished_list_and_excel_keeps_every_nip_whole(browser: Browser, site: Site, tmp_path) -> None:
    page = desktop(browser)
    log_in(page, site.server.url, site.admin)
    page.get_by_role("tab", name="Belum selesai").click()
    shown(page, "3 pegawai belum selesai")
    panel = page.get_by_role("tabpanel", name="Belum selesai")
    screenshot(page, "hr-belum-selesai")
    with page.expect_download() as csv_download:
        panel.get_by_role("button", name="Unduh CSV").click()
    with page.expect_download() as xlsx_download:
        panel.get_by_role("button", name="Unduh Excel").click()
    csv_path, xlsx_path = tmp_path / "belum.csv", tmp_path / "belum.xlsx"
    csv_download.value.save_as(csv_path)
    xlsx_download.value.save_as(xlsx_path)
    nips = {site.peserta, site.admin, site.newcomer}

    data = csv_path.read_bytes()
    for nip in nips:
        assert f'"=""{nip}"""'.encode() in data  # Excel shows ="<18 digits>" as the 18 digits, as text
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["NIP", "Nama", "Jabatan", "Perangkat Daerah", "Unit Kerja", "Status", "Modul lulus", "Progres modul (%)"]
    assert {row[6] for row in rows[1:]} == {"0 dari 2"}

    sheet = load_workbook(xlsx_path).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert {c.value for c in cells} == nips
    assert {(c.data_type, c.number_format) for c in cells} == {("s", "@")}
    assert all(len(c.value) == 18 for c in cells)


def test_hr_reads_a_question_in_bank_soal_from_analisis_soal(browser: Browser, exam_site: Site) -> None:
    page = desktop(browser)
    log_in(page, exam_site.server.url, exam_site.admin)
    page.locator("[data-testid='stSidebarNav']").get_by_role("link", name="Analisis Soal").click()
    shown(page, "Klik baris untuk membaca soalnya di Bank Soal")
    screenshot(page, "hr-analisis-soal")
    click_row(page, 0)
    shown(page, "Seperti yang dilihat peserta")
    text = main_text(page)
    assert "Kunci dan umpan balik" in text and "Dasar hukum" in text and "Kepastian" in text
    assert "Statistik butir" in text and "Belum ada percobaan pertama yang memuat soal ini" not in text
    assert "/soal?q=" in page.url
    screenshot(page, "hr-bank-soal-soal")


def test_hr_downloads_a_bank_soal_export_and_one_certificate_and_the_files_hold_what_the_database_holds(
    browser: Browser, site: Site, db_url: str, tmp_path
) -> None:
    certify(site, db_url, tmp_path)
    engine = make_engine(db_url)
    with reading(engine) as session:
        bank = exported_questions(session)
        (certificate,) = session.scalars(select(Certificate)).all()
        number, stored_pdf = certificate.number, certificate.pdf
    engine.dispose()
    page = desktop(browser)
    log_in(page, site.server.url, site.admin)

    page.goto(site.server.url + "/soal")
    settle(page)
    page.get_by_role("tab", name="Jumlah, impor, dan ekspor").click()
    page.get_by_text("GIFT (Moodle)", exact=True).click()
    page.get_by_role("button", name="Siapkan berkas").click()
    gift = save(page, "Unduh bank soal (GIFT (Moodle))", tmp_path / "bank.gift.txt")
    assert gift.read_bytes() == export_questions(bank, "gift", modules=[], categories=[])[0]
    page.get_by_text("Excel", exact=True).click()
    settle(page)
    assert not page.get_by_role("button", name="Unduh bank soal (GIFT (Moodle))").count()  # built again on request only
    page.get_by_role("button", name="Siapkan berkas").click()
    workbook = load_workbook(save(page, "Unduh bank soal (Excel)", tmp_path / "bank.xlsx"))
    rows = list(workbook["Soal"].iter_rows(values_only=True))
    assert len(rows) - 1 == len(bank) > 0
    assert {row[rows[0].index("pertanyaan")] for row in rows[1:]} == {q.spec.text for q in bank}
    template = load_workbook(save(page, "Unduh templat Excel kosong", tmp_path / "templat.xlsx"))
    assert template["Soal"].max_row == 1 and "Petunjuk" in template.sheetnames

    page.locator("[data-testid='stSidebarNav']").get_by_role("link", name="Sertifikat Pegawai").click()
    shown(page, "Satu sertifikat")
    pdf = save(page, "Unduh PDF seperti diterbitkan", tmp_path / "sertifikat.pdf")
    assert pdf.read_bytes() == stored_pdf
    badge = json.loads(save(page, "Unduh Open Badge (JSON)", tmp_path / "sertifikat.json").read_text(encoding="utf-8"))
    assert "OpenBadgeCredential" in badge["type"] and number in json.dumps(badge)
    page.get_by_role("textbox", name="Cari nama, NIP, atau nomor").fill("Sutrisno")  # a rerun replaces the page's run
    page.keyboard.press("Enter")
    settle(page)
    assert save(page, "Unduh PDF seperti diterbitkan", tmp_path / "lagi.pdf").read_bytes() == stored_pdf


def save(page: Page, button: str, target: Path) -> Path:
    """Press a download button and keep the file; a failed download ("file not found") fails here."""
    settle(page)
    with page.expect_download() as started:
        page.get_by_role("button", name=button).click()
    download = started.value
    assert download.failure() is None, download.failure()
    download.save_as(target)
    return target
