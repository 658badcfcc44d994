"""A peserta on a 360×740 phone: thumb-sized targets, readable text, the question and Berikutnya on one screen,
a login form the phone can fill, links that survive logging in, and no Streamlit English anywhere."""

from __future__ import annotations

import random
import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select
from sqlalchemy.orm.attributes import flag_modified

from db import make_engine, queries, transaction
from db.models import Answer, Attempt, Employee, QuestionVersion, Quiz
from netral.core.dates import utcnow
from netral.core.settings import Settings
from netral.quizzes import attempts
from tests.conftest import FIXTURE_BANK
from tests.e2e.conftest import PASSWORD, log_in, main_text, settle, shown
from tests.factories import module_quiz_id

PHONE = {"width": 360, "height": 740}
QUIZ = "/kuis?q=kuis-dasar"
# Streamlit's own English, as it shows in its chrome: dialogs, menus, the uploader, the status corner.
ENGLISH = [
    "Page not found",
    "You have requested page",
    "Running the app",
    r"View \d+ more",
    r"\bView\b",
    r"\bmore\b",
    "Print",
    "Record a screencast",
    "Record screen",
    "Made with Streamlit",
    "Drag and drop",
    "Browse files",
    r"\bLimit\b",
    "per file",
    "Running",
    "Settings",
    "Rerun",
    "Clear cache",
    "Deploy",
    "About",
    "Stop",
    "Connecting",
    "Connection error",
    "Is Streamlit still running",
    "streamlit run",
    "not responding",
    "connected to the internet",
]
SIXTY_WORDS = (
    "Seorang kepala seksi di dinas kesehatan menerima pesan berantai di grup WhatsApp kantor yang berisi ajakan "
    "mendukung salah satu pasangan calon bupati. Ia tidak membalas, tetapi menekan tombol suka dan meneruskan pesan "
    "itu ke grup keluarga besarnya dengan komentar singkat bahwa calon tersebut orang baik. Menurut aturan netralitas "
    "ASN, bagaimana tindakan meneruskan pesan tersebut sebaiknya dinilai oleh atasannya di kantor?"
)
LONG_OPTIONS = [
    "Boleh, karena dilakukan di grup keluarga di luar jam kerja",
    "Tidak boleh, karena menyebarluaskan dukungan kepada pasangan calon",
    "Boleh, selama ia tidak menambahkan foto atau atribut kampanye",
    "Tidak masalah, karena ia hanya meneruskan dan tidak membuat pesan",
]


def open_quiz_with_a_long_question(db_url: str, nip: str, *, exam: bool = False) -> str:
    """Start the peserta's module quiz (or the timed certification exam) and make its current question a single
    choice of 60 words and 4 options; return the quiz page's address."""
    assert len(SIXTY_WORDS.split()) == 60
    engine = make_engine(db_url)
    with transaction(engine) as session:
        employee = session.scalars(select(Employee).where(Employee.nip == nip)).one()
        settings = Settings(database_url=db_url, questions_dir=FIXTURE_BANK)
        quiz = queries.exam_quiz(session) if exam else session.get_one(Quiz, module_quiz_id(session))
        assert quiz is not None
        address = f"/kuis?q={quiz.key}"
        attempt = attempts.start_attempt(
            session,
            employee_id=employee.id,
            quiz_id=quiz.id,
            now=utcnow(),
            settings=settings,
            rng=random.Random(3),
        )
        answers = session.scalars(select(Answer).where(Answer.attempt_id == attempt.id).order_by(Answer.position)).all()
        single = next(a for a in answers if session.get_one(QuestionVersion, a.question_version_id).kind == "single")
        version = session.get_one(QuestionVersion, single.question_version_id)
        options = [{"id": f"p{n}", "text": text, "correct": n == 1} for n, text in enumerate(LONG_OPTIONS)]
        version.content = {**version.content, "text": SIXTY_WORDS, "options": options}
        flag_modified(version, "content")
        single.option_order = [option["id"] for option in options]
        session.get_one(Attempt, attempt.id).current_position = single.position
    engine.dispose()
    return address


def phone_page(browser) -> Page:
    return browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True).new_page()


def box(page: Page, selector: str) -> dict:
    found = page.locator(selector).first.bounding_box()
    assert found is not None, f"{selector} is not on screen"
    return found


def font_px(page: Page, selector: str) -> list[float]:
    return page.locator(selector).evaluate_all("els => els.map(e => parseFloat(getComputedStyle(e).fontSize))")


def test_the_login_form_opens_the_number_keyboard_offers_the_saved_login_and_counts_the_tries_left(browser, site):
    page = phone_page(browser)
    page.goto(site.server.url + "/")
    settle(page)
    nip = page.get_by_role("textbox", name="NIP")
    expect(nip).to_have_attribute("inputmode", "numeric")
    expect(nip).to_have_attribute("autocomplete", "username")
    expect(page.get_by_role("textbox", name="Kata sandi")).to_have_attribute("autocomplete", "current-password")
    assert page.evaluate("document.documentElement.lang") == "id"
    for left in (4, 3):  # netral/identity/login.py: five wrong passwords lock the NIP for 15 minutes
        nip.fill(site.peserta)
        page.get_by_role("textbox", name="Kata sandi").fill("salah-sandi")
        page.get_by_role("button", name="Masuk").click()
        shown(page, f"Sisa {left} kali percobaan sebelum akun dikunci 15 menit.")
    page.context.close()


def test_a_link_opened_while_logged_out_asks_for_the_login_then_opens_the_linked_page(browser, site, db_url):
    open_quiz_with_a_long_question(db_url, site.peserta)
    page = phone_page(browser)
    page.goto(site.server.url + QUIZ)
    settle(page)
    page.get_by_role("textbox", name="NIP").fill(site.peserta)
    page.get_by_role("textbox", name="Kata sandi").fill(PASSWORD)
    assert "Page not found" not in page.inner_text("body")
    page.get_by_role("button", name="Masuk").click()
    shown(page, SIXTY_WORDS[:40])
    assert page.url.endswith(QUIZ)
    assert not re.search("|".join(ENGLISH), page.inner_text("body"))
    page.context.close()


@pytest.mark.parametrize("exam", [False, True], ids=["kuis modul", "ujian sertifikasi"])
def test_a_sixty_word_question_its_four_options_and_berikutnya_fit_one_phone_screen(browser, site, db_url, exam):
    address = open_quiz_with_a_long_question(db_url, site.peserta, exam=exam)
    page = phone_page(browser)
    log_in(page, site.server.url, site.peserta)
    page.goto(site.server.url + address)
    shown(page, SIXTY_WORDS[:40])
    if exam:  # the timed exam adds its clock above the question
        expect(page.get_by_role("timer")).to_be_visible()
    assert page.evaluate("window.scrollY") == 0
    next_button = box(page, "button:has-text('Berikutnya')")
    assert next_button["y"] + next_button["height"] <= PHONE["height"], next_button
    for text in LONG_OPTIONS:
        expect(page.locator(".netral-kartu .netral-opsi").filter(has_text=text)).to_be_in_viewport(ratio=1)
    options = page.locator(".netral-kartu .netral-opsi")  # a whole option row is what a finger taps
    for n in range(options.count()):
        option = options.nth(n).bounding_box()
        assert option is not None and option["height"] >= 44, option
    for button in page.locator("[data-testid='stMain'] button[data-testid^='stBaseButton-']").all():
        found = button.bounding_box()  # None: not drawn (a hidden part of a widget)
        assert found is None or found["height"] >= 44, (button.inner_text(), found)
    assert options.count() == 4 and min(font_px(page, ".netral-kartu .netral-opsi span")) >= 16
    assert min(font_px(page, "[data-testid='stMain'] button[data-testid^='stBaseButton-']")) >= 16
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scroll
    page.locator(".netral-kartu .netral-opsi").nth(1).click()  # a tap: "Jawaban tersimpan." appears in its reserved line
    expect(page.locator(".netral-kartu [role='status']")).to_have_text("Jawaban tersimpan.")
    after = box(page, "button:has-text('Berikutnya')")
    assert after["y"] == next_button["y"] and page.evaluate("window.scrollY") == 0, after  # Berikutnya did not move
    opener = box(page, "[data-testid='stExpandSidebarButton']")  # the top bar's »
    assert opener["width"] >= 44 and opener["height"] >= 44, opener
    assert page.locator("[data-testid='stMainMenu']").count() == 0  # no ⋮ menu (Print, Record a screencast, ...)
    page.context.close()


def test_on_a_phone_the_menu_closes_after_a_tap(browser, site):
    page = phone_page(browser)
    log_in(page, site.server.url, site.peserta)
    page.locator("[data-testid='stExpandSidebarButton']").click()
    sidebar = page.locator("[data-testid='stSidebar']")
    expect(sidebar).to_have_attribute("data-collapsed", "false")
    closer = box(page, "[data-testid='stSidebarCollapseButton'] button")
    assert closer["width"] >= 44 and closer["height"] >= 44, closer
    sidebar.get_by_role("link", name="Ujian Sertifikasi").click()
    shown(page, "Ketentuan:")
    expect(sidebar).to_have_attribute("data-collapsed", "true")
    assert "Ujian Sertifikasi" in main_text(page)
    page.context.close()


def test_no_peserta_page_shows_streamlit_english(browser, site, db_url):
    open_quiz_with_a_long_question(db_url, site.peserta)
    page = phone_page(browser)
    pattern = re.compile("|".join(ENGLISH))
    page.goto(site.server.url + "/verifikasi")  # a stranger: the verify page with its PDF uploader
    settle(page)
    seen = {"verifikasi (tamu)": page.inner_text("body")}
    log_in(page, site.server.url, site.peserta)
    for address in ("/", "/modul?m=dasar", QUIZ, "/ujian", "/pakta", "/sertifikat", "/ganti-sandi", "/verifikasi", "/dasbor"):
        page.goto(site.server.url + address)
        settle(page)
        seen[address] = page.inner_text("body")
    found = {address: sorted(set(pattern.findall(text))) for address, text in seen.items() if pattern.search(text)}
    assert not found, found
    assert re.search(r"Batas \d+ ?MB per berkas", seen["verifikasi (tamu)"])  # the uploader, in Indonesian
    assert "Halaman tidak tersedia" in seen["/dasbor"]  # an HR address: Indonesian, not Streamlit's dialog
    page.context.close()


def test_when_the_connection_drops_the_dialog_speaks_indonesian(browser, site, db_url):
    address = open_quiz_with_a_long_question(db_url, site.peserta)
    page = phone_page(browser)
    log_in(page, site.server.url, site.peserta)
    page.goto(site.server.url + address)
    shown(page, SIXTY_WORDS[:40])
    site.server.stop()  # the server goes away under the phone, as on a dropped network or a restart
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Koneksi terputus", timeout=60_000)
    text = dialog.inner_text()
    assert "tersambung lagi" in text, text
    assert not re.search("|".join(ENGLISH), text), text
    assert dialog.get_by_role("button", name="Close").count() == 0
    page.context.close()
