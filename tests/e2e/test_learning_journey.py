"""Issue 13, "Done means": on a 360×740 phone a new peserta follows Beranda's button through the sections and
checks of module 1, plays its scenario to an ending, passes the quiz and is offered module 2; a reload mid-section
restores the section on another device."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import log_in, main_text, screenshot, settle, shown
from tests.e2e.quiz import take_quiz_in_browser

PHONE = {"width": 360, "height": 740}


def tap(page: Page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).first.click()
    settle(page)


def progress(page: Page, text: str) -> None:
    expect(page.get_by_text(text, exact=True).first).to_be_visible(timeout=20_000)


def test_a_new_peserta_follows_the_beranda_button_through_module_1_and_is_offered_module_2(browser, site):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    log_in(page, site.server.url, site.peserta)
    start = page.get_by_role("button", name="Mulai Modul 1")
    expect(start).to_be_visible()
    assert start.bounding_box()["y"] < page.get_by_text("Langkah Anda").bounding_box()["y"]  # above the checklist
    start.click()
    progress(page, "Bagian 1 dari 4")
    shown(page, "Teks materi uji.")
    assert main_text(page).count("Dasar-dasar") == 1  # the title once
    expect(page.get_by_role("img", name="Alur uji. Dua kotak uji dari atas ke bawah.")).to_be_visible()
    expect(page.get_by_text("Intinya:")).to_be_visible()
    screenshot(page, "modul-bagian-ponsel")
    tap(page, "Berikutnya")
    progress(page, "Bagian 2 dari 4")

    # Another device, mid-module: the same section, read from the account.
    other = browser.new_context(viewport=PHONE)
    second = other.new_page()
    log_in(second, site.server.url, site.peserta)
    expect(second.get_by_role("button", name="Lanjutkan Modul 1 — Bagian 2")).to_be_visible()
    second.goto(site.server.url + "/modul?m=dasar")
    settle(second)
    progress(second, "Bagian 2 dari 4")
    second.reload()
    settle(second)
    progress(second, "Bagian 2 dari 4")
    other.close()

    page.get_by_text("Benar", exact=True).first.click()  # the knowledge check, answered on the spot
    shown(page, "Tepat sekali.")
    expect(page.get_by_text("Dasar hukum: Sumber Uji Pasal 1")).to_be_visible()
    tap(page, "Berikutnya")
    progress(page, "Bagian 3 dari 4")
    expect(page.get_by_role("button", name="Mulai kuis")).to_have_count(0)
    tap(page, "Berikutnya")
    progress(page, "Bagian 4 dari 4")
    shown(page, "Situasi pertama.")
    page.get_by_role("button", name="Pilihan keliru pertama", exact=True).dblclick()  # a double tap: one choice
    settle(page)
    shown(page, "Akibat keliru pertama.")
    page.reload()  # a lost connection: the run resumes at the same node
    settle(page)
    shown(page, "Situasi di lokasi.")
    tap(page, "Kembali satu langkah")
    shown(page, "Situasi pertama.")
    tap(page, "Pilihan netral pertama")
    shown(page, "Situasi unggahan.")
    tap(page, "Pilihan tidak mengunggah")
    shown(page, "Akhir skenario: Netral")
    screenshot(page, "skenario-ponsel")

    tap(page, "Mulai kuis")
    shown(page, "Soal 1 dari 5")
    take_quiz_in_browser(page, 5)
    next_module = page.get_by_role("button", name="Lanjut ke Modul 2")
    expect(next_module).to_be_visible()
    next_module.click()
    settle(page)
    shown(page, "Teks materi kedua.")
    context.close()
