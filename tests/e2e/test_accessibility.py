"""Every peserta page on a 360×740 phone and in axe-core, with screenshots at phone and desktop size.

The rules, measured in the page (`PHONE_CHECK`), in the main area that Netral renders:
- no sideways scrolling: the document is no wider than the window, no box in the page scrolls sideways,
  and nothing sticks out of the screen unless a box clips it on purpose (a progress bar's fill);
- zoom stays allowed (no `user-scalable=no` or `maximum-scale` below 2 in the viewport meta, WCAG 1.4.4);
- every visible button, link, input, expander and radio or checkbox option is a tap target of at least
  44×44 CSS px (WCAG 2.5.5 Target Size, also Apple's and Android's guidance) and lies fully on screen.
  44 px rather than the 24 px minimum of 2.5.8: peserta are often 45-60 and answer on a phone with one
  thumb. A radio or checkbox option is measured as its whole label row, which is what a finger taps;
  a text input as its whole box. Links inside running text would be exempt (2.5.5 "inline"), if any;
- in a quiz (a question not yet answered), the answer options and Sebelumnya / Berikutnya are on screen
  horizontally, and the options and Berikutnya fit on one screen together (scroll once, then answer and
  move on with the same thumb); the question numbers in "Daftar soal" are measured opened as well.
axe-core (tests/e2e/axe.py) must find no serious or critical violation, at phone and desktop size (where
the sidebar is open); its allow-list for Streamlit's own chrome is in tests/e2e/axe.py.
Each state is saved as test-artifacts/screenshots/<page>-<ponsel|desktop>.png; the style that meets these
rules is pages/ui/style.py.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from db import make_engine, queries, reading, transaction
from netral.core.dates import utcnow
from netral.quizzes.view import quiz_context
from tests.e2e.axe import describe, load_axe, violations
from tests.e2e.conftest import ARTIFACTS, change_first_password, log_in, settle, shown, sign_pakta_in_browser
from tests.e2e.quiz import read_module_in_browser
from tests.factories import answer_all

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
SHOTS = ARTIFACTS / "screenshots"
TARGET = 44


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe.min.js of the pinned axe-core, fetched once per run (tests/e2e/axe.py)."""
    return load_axe()


PHONE_CHECK = """
(minimum) => {
  const problems = [];
  const width = window.innerWidth, main = document.querySelector("[data-testid=stMain]");
  const label = (el) => el.getAttribute("aria-label") || el.querySelector("[aria-label]")?.getAttribute("aria-label");
  const name = (el) => (label(el) || el.innerText || el.tagName).replace(/\\s+/g, " ").trim().slice(0, 50);
  const shown = (el) => {  // not in a closed expander, not hidden, not a stale copy Streamlit is about to remove
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true })
      && !el.closest("[aria-hidden=true]");
  };
  const clipped = (el) => {  // inside a box that hides what sticks out (a progress bar's fill)
    for (let up = el.parentElement; up && up !== main.parentElement; up = up.parentElement)
      if (getComputedStyle(up).overflowX !== "visible") return true;
    return false;
  };
  if (document.documentElement.scrollWidth > width)
    problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} px wide in a ${width} px window`);
  const zoom = document.querySelector("meta[name=viewport]")?.content || "";
  const maxScale = /maximum-scale\\s*=\\s*([\\d.]+)/.exec(zoom);
  if (/user-scalable\\s*=\\s*(no|0)/.test(zoom) || (maxScale && Number(maxScale[1]) < 2))
    problems.push(`zoom is blocked: <meta name=viewport content="${zoom}">`);
  for (const el of [main, ...main.querySelectorAll("*")]) {
    if (!shown(el)) continue;
    const style = getComputedStyle(el);
    if (["auto", "scroll"].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1)
      problems.push(`a box scrolls sideways (${el.scrollWidth} px in ${el.clientWidth} px): ${name(el)}`);
    const box = el.getBoundingClientRect();
    if ((box.right > width + 0.5 || box.left < -0.5) && !clipped(el))
      problems.push(`sticks out of the screen (${Math.round(box.left)}..${Math.round(box.right)} px): ${name(el)}`);
  }
  const targets = new Set();
  for (const el of main.querySelectorAll("button, a[href], input, textarea, select, summary, [role=button], [role=tab]")) {
    if (el.matches("input[type=radio], input[type=checkbox]")) targets.add(el.closest("label") || el);
    else if (el.matches("input, textarea")) targets.add(el.closest("[data-testid$=RootElement]") || el);
    else if (!(el.matches("a") && el.closest("[data-testid=stMarkdownContainer] :is(p, li)"))) targets.add(el);
  }
  for (const el of targets) {
    if (!shown(el)) continue;
    const box = el.getBoundingClientRect();
    if (box.width < minimum - 0.5 || box.height < minimum - 0.5)
      problems.push(`tap target ${Math.round(box.width)}×${Math.round(box.height)} px, under ${minimum}×${minimum}: ${name(el)}`);
    if (box.left < -0.5 || box.right > width + 0.5)
      problems.push(`tap target not fully on screen (${Math.round(box.left)}..${Math.round(box.right)} px): ${name(el)}`);
  }
  return problems;
}
"""

THUMB_CHECK = """
() => {
  const problems = [], main = document.querySelector("[data-testid=stMain]");
  const visible = (el) => el.getBoundingClientRect().height > 0;
  const options = [...main.querySelectorAll(".netral-kartu .netral-opsi")].filter(visible);  // the answer card's rows
  const buttons = [...main.querySelectorAll("button")].filter(visible);
  const back = buttons.find((b) => /Sebelumnya/.test(b.innerText)), next = buttons.find((b) => /Berikutnya/.test(b.innerText));
  if (!options.length || !back || !next) return [`quiz controls not found (${options.length} options)`];
  for (const el of [...options, back, next]) {
    const box = el.getBoundingClientRect();
    if (box.left < 0 || box.right > window.innerWidth) problems.push(`off screen sideways: ${el.innerText}`);
  }
  const top = options[0].getBoundingClientRect().top, bottom = next.getBoundingClientRect().bottom;
  if (bottom - top > window.innerHeight)
    problems.push(`options to Berikutnya span ${Math.round(bottom - top)} px, more than one ${window.innerHeight} px screen`);
  return problems;
}
"""


def check_page(page: Page, name: str, axe: str, problems: list[str], *, quiz: bool = False) -> None:
    """Check the page on screen at phone size, run axe-core at phone and desktop size, and keep both screenshots."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(PHONE)
    settle(page)
    found: list[Any] = page.evaluate(PHONE_CHECK, TARGET)
    if quiz:
        found += page.evaluate(THUMB_CHECK)
    page.screenshot(path=str(SHOTS / f"{name}-ponsel.png"))
    severe = violations(page, axe)
    if quiz:  # the question numbers, in their expander
        navigator = page.locator("[data-testid=stMain] [data-testid=stExpander] summary").filter(has_text="Daftar soal")
        navigator.click()
        page.wait_for_timeout(400)
        found += page.evaluate(PHONE_CHECK, TARGET)
        severe += violations(page, axe)
        navigator.click()
        page.wait_for_timeout(400)
    problems += [f"{name} (phone): {problem}" for problem in dict.fromkeys(found)]
    if severe:
        problems.append(f"{name} (phone): axe-core\n{describe(severe)}")
    page.set_viewport_size(DESKTOP)
    page.wait_for_timeout(400)
    page.screenshot(path=str(SHOTS / f"{name}-desktop.png"))
    if severe := violations(page, axe):
        problems.append(f"{name} (desktop): axe-core\n{describe(severe)}")
    page.set_viewport_size(PHONE)


def visit(page: Page, url: str) -> None:
    page.goto(url)
    settle(page)
    expect(page.get_by_role("dialog").filter(has_text="Page not found")).to_have_count(0)


def submit(page: Page) -> None:
    page.get_by_role("button", name="Selesai, kirim jawaban").click()
    page.get_by_role("button", name="Ya, kirim sekarang").click()
    shown(page, "Hasil kuis")


def test_login_learning_and_module_quiz_pages_fit_a_phone_and_pass_axe(browser, site, axe_source):
    base, problems = site.server.url, []
    page = browser.new_context(viewport=PHONE).new_page()
    visit(page, base + "/")
    check_page(page, "masuk", axe_source, problems)
    visit(page, base + "/verifikasi")
    check_page(page, "verifikasi", axe_source, problems)

    log_in(page, base, site.newcomer, "Awal#2024")
    check_page(page, "ganti-sandi", axe_source, problems)
    change_first_password(page, "Awal#2024", "Sawah Hijau 2024")
    check_page(page, "beranda", axe_source, problems)
    visit(page, base + "/ujian")
    check_page(page, "ujian-terkunci", axe_source, problems)
    visit(page, base + "/pakta")
    check_page(page, "pakta-terkunci", axe_source, problems)
    visit(page, base + "/sertifikat")
    check_page(page, "sertifikat-kosong", axe_source, problems)

    visit(page, base + "/modul?m=dasar")
    check_page(page, "modul", axe_source, problems)
    read_module_in_browser(page)
    page.get_by_role("button", name="Mulai kuis").click()
    shown(page, "Soal 1 dari 5")
    check_page(page, "kuis", axe_source, problems, quiz=True)
    page.locator("[data-testid=stMain] .netral-kartu .netral-opsi").first.click()
    expect(page.locator(".netral-kartu [role=status]")).to_have_text("Jawaban tersimpan.")
    page.get_by_role("button", name="Periksa jawaban").click()
    shown(page, "Kunci:")
    check_page(page, "kuis-diperiksa", axe_source, problems)  # feedback now sits between the options and Berikutnya
    submit(page)
    check_page(page, "hasil", axe_source, problems)
    page.context.close()
    assert not problems, "\n".join(problems)


def test_exam_pakta_certificate_and_verify_pages_fit_a_phone_and_pass_axe(browser, exam_site, db_url, axe_source):
    site, problems = exam_site, []
    base = site.server.url
    page = browser.new_context(viewport=PHONE).new_page()
    log_in(page, base, site.peserta)
    visit(page, base + "/ujian")
    check_page(page, "ujian", axe_source, problems)
    page.get_by_role("button", name="Mulai ujian").click()
    shown(page, "Soal 1 dari 7")
    check_page(page, "kuis-ujian", axe_source, problems, quiz=True)
    answer_the_exam_right(db_url, site.peserta)
    visit(page, base + "/kuis?q=ujian-sertifikasi")
    shown(page, "7 dari 7 soal terjawab")
    submit(page)
    check_page(page, "hasil-ujian", axe_source, problems)

    visit(page, base + "/pakta")
    check_page(page, "pakta", axe_source, problems)
    sign_pakta_in_browser(page, "Sutrisno")
    visit(page, base + "/")  # Beranda is the default page: its address is /, and /beranda is "Page not found"
    check_page(page, "beranda-selesai", axe_source, problems)
    visit(page, base + "/sertifikat")
    check_page(page, "sertifikat", axe_source, problems)
    number = page.get_by_text("Nomor NTR-").inner_text().split()[1]
    engine = make_engine(db_url)
    with reading(engine) as session:  # the code printed on the certificate and held by its QR link
        code = queries.certificate_by_number(session, number).verification_code
    engine.dispose()
    visit(page, f"{base}/verifikasi?n={number}&k={code}")
    shown(page, "SAH")
    check_page(page, "verifikasi-sah", axe_source, problems)
    page.context.close()
    hr_screenshots(browser, site)
    assert not problems, "\n".join(problems)


def answer_the_exam_right(db_url: str, nip: str) -> None:
    """Answer every exam question with the key in the database (the quiz pages are checked above, not the answering)."""
    engine = make_engine(db_url)
    with reading(engine) as session:
        employee = queries.employee_by_nip(session, nip)
        assert employee is not None
        context = quiz_context(session, employee_id=employee.id, quiz_key="ujian-sertifikasi")
        assert context is not None and context.open_attempt_id is not None
    with transaction(engine) as session:
        answer_all(session, attempt_id=context.open_attempt_id, employee_id=employee.id, right=True, now=utcnow())
    engine.dispose()


def hr_screenshots(browser, site) -> None:
    """The main HR pages at phone and desktop size, for the README and the admin guide (not checked)."""
    page = browser.new_context(viewport=DESKTOP).new_page()
    log_in(page, site.server.url, site.admin)
    for name in ("dasbor", "pegawai", "impor-pegawai", "sertifikat-hr"):
        visit(page, f"{site.server.url}/{name}")
        for size, viewport in (("desktop", DESKTOP), ("ponsel", PHONE)):
            page.set_viewport_size(viewport)
            page.wait_for_timeout(400)
            page.screenshot(path=str(SHOTS / f"{name}-{size}.png"))
        page.set_viewport_size(DESKTOP)
    page.context.close()
