"""The quiz's answer card in a real browser: a tap is stored by its own request, nothing overtakes it, and a tap that
was not stored says so and can be sent again. The network is slowed or broken with Playwright's routing, on the one
answer route only; the server and database are real."""

from __future__ import annotations

import json
import random
import re

from playwright.sync_api import Page, Route, expect
from sqlalchemy import select

from db import make_engine, reading, transaction
from db.models import Answer, Attempt, Employee
from netral.core.dates import utcnow
from netral.core.settings import Settings
from netral.quizzes import attempts
from netral.quizzes.web import ANSWER_PATH, BUSY
from netral.startup import wire
from tests.conftest import FIXTURE_BANK
from tests.e2e.conftest import log_in, settle, shown
from tests.e2e.quiz import RIGHT, current_question, option
from tests.factories import module_quiz_id

PHONE = {"width": 360, "height": 740}
QUIZ = "/kuis?q=kuis-dasar"


def stored(db_url: str, position: int) -> list[str] | None:
    """The option ids stored for a question of the peserta's one attempt (None: nothing stored)."""
    engine = make_engine(db_url)
    try:
        with reading(engine) as session:
            attempt = session.scalars(select(Attempt)).one()
            row = session.scalars(select(Answer).where(Answer.attempt_id == attempt.id, Answer.position == position)).one()
            return list(row.selected) if row.selected else None
    finally:
        engine.dispose()


def open_quiz(browser, site, db_url: str) -> Page:
    """The peserta's module quiz, started, on a phone."""
    engine = make_engine(db_url)
    with transaction(engine) as session:
        employee = session.scalars(select(Employee).where(Employee.nip == site.peserta)).one()
        settings = Settings(database_url=db_url, questions_dir=FIXTURE_BANK)
        attempts.start_attempt(
            session, employee_id=employee.id, quiz_id=module_quiz_id(session), now=utcnow(), settings=settings,
            rng=random.Random(5),
        )  # fmt: skip
    engine.dispose()
    page = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    log_in(page, site.server.url, site.peserta)
    page.goto(site.server.url + QUIZ)
    shown(page, "Soal 1 dari 5")
    return page


def card_status(page: Page):
    return page.locator(".netral-kartu [role='status']")


class Held:
    """The answer route held by the test: requests wait until the test lets them through (a weak connection), or
    pass at once when not holding. Playwright's sync handlers run on the test's thread, so they must not sleep."""

    def __init__(self, page: Page) -> None:
        self.holding, self.waiting, self.bodies = True, [], []
        page.route(re.compile(re.escape(ANSWER_PATH) + "$"), self.arrive)

    def arrive(self, route: Route) -> None:
        self.bodies.append(json.loads(route.request.post_data or "{}"))
        if self.holding:
            self.waiting.append(route)
        else:
            route.continue_()

    def release(self, *, broken: bool = False) -> None:
        self.holding = False
        for route in self.waiting:
            route.abort() if broken else route.continue_()
        self.waiting.clear()


def berikutnya_behind_a_held_answer(browser, site, db_url) -> tuple[Page, Held]:
    """Tap the key of the first question while the answer route holds its request, then tap Berikutnya: held too."""
    page = open_quiz(browser, site, db_url)
    held = Held(page)
    option(page, RIGHT[current_question(page)][0]).check(force=True)
    page.get_by_role("button", name="Berikutnya").click()
    expect(card_status(page)).to_have_text("Menunggu jawaban tersimpan…")
    return page, held


def test_berikutnya_tapped_while_the_answer_is_on_its_way_waits_for_it(browser, site, db_url):
    page, held = berikutnya_behind_a_held_answer(browser, site, db_url)
    page.wait_for_timeout(500)
    expect(page.locator(".netral-posisi")).to_contain_text("Soal 1 dari 5")  # the move waits for the answer
    held.release()
    shown(page, "Soal 2 dari 5 · 1 dari 5 soal terjawab")  # then goes through, once
    assert len(held.bodies) == 1 and held.bodies[0]["soal"] == 0
    assert stored(db_url, 0) == held.bodies[0]["pilihan"]
    page.context.close()


def test_quick_taps_store_the_last_choice_one_request_at_a_time(browser, site, db_url):
    page = open_quiz(browser, site, db_url)
    while page.get_by_text("Pilih semua jawaban yang benar.").count():  # a single-choice question, to change its mind
        page.get_by_role("button", name="Berikutnya").click()
        settle(page)
    position = int(re.search(r"Soal (\d+) dari", page.locator(".netral-posisi").inner_text()).group(1)) - 1
    held = Held(page)
    radios = page.locator(".netral-kartu input[type='radio']")
    values = [radios.nth(n).get_attribute("value") for n in (0, 1, 2)]
    for n in (0, 1, 2):  # three taps while the first is on its way
        radios.nth(n).check(force=True)
    page.wait_for_timeout(300)
    assert [body["pilihan"] for body in held.bodies] == [[values[0]]]  # one request at a time
    held.release()
    expect(card_status(page)).to_have_text("Jawaban tersimpan.", timeout=15_000)
    assert [body["pilihan"] for body in held.bodies] == [[values[0]], [values[2]]]  # then the newest choice only
    assert stored(db_url, position) == [values[2]]
    page.reload()
    settle(page)
    expect(page.locator(".netral-kartu input:checked")).to_have_attribute("value", values[2])  # as stored
    page.context.close()


def test_a_tap_the_server_could_not_store_says_so_keeps_the_choice_and_is_sent_again(browser, site, db_url):
    page = open_quiz(browser, site, db_url)
    busy = {"on": True}

    def flaky(route: Route) -> None:
        if busy["on"]:
            route.fulfill(status=503, content_type="application/json", body=json.dumps({"pesan": BUSY}))
        else:
            route.continue_()

    page.route(re.compile(re.escape(ANSWER_PATH) + "$"), flaky)
    label = RIGHT[current_question(page)][0]
    option(page, label).check(force=True)
    expect(card_status(page)).to_have_text(BUSY)
    retry = page.get_by_role("button", name="Simpan ulang jawaban")
    expect(retry).to_be_visible()
    assert stored(db_url, 0) is None
    expect(option(page, label)).to_be_checked()  # the choice stays on screen

    busy["on"] = False
    retry.click()
    expect(card_status(page)).to_have_text("Jawaban tersimpan.")
    expect(retry).to_be_hidden()
    expect(page.locator(".netral-posisi")).to_have_text("Soal 1 dari 5 · 1 dari 5 soal terjawab")
    assert stored(db_url, 0)
    page.context.close()


def test_a_move_held_for_a_tap_that_failed_is_dropped_with_a_word(browser, site, db_url):
    page, held = berikutnya_behind_a_held_answer(browser, site, db_url)
    held.release(broken=True)  # the connection dropped
    expect(card_status(page)).to_contain_text("BELUM TERSIMPAN. Ketuk Simpan ulang, atau ketuk lagi untuk tetap lanjut.")
    page.wait_for_timeout(500)
    expect(page.locator(".netral-posisi")).to_contain_text("Soal 1 dari 5")  # still on the question, not moved
    assert stored(db_url, 0) is None
    page.get_by_role("button", name="Berikutnya").click()  # a second tap goes on, knowingly
    shown(page, "Soal 2 dari 5 · 0 dari 5 soal terjawab")
    page.get_by_role("button", name="Sebelumnya").click()  # back in the same tab: the choice not stored is still there
    shown(page, "Soal 1 dari 5 · 0 dari 5 soal terjawab")
    expect(page.locator(".netral-kartu input:checked")).to_have_count(1)
    expect(card_status(page)).to_have_text("Jawaban soal ini BELUM TERSIMPAN.")
    page.get_by_role("button", name="Simpan ulang jawaban").click()  # the connection is back
    expect(card_status(page)).to_have_text("Jawaban tersimpan.")
    assert stored(db_url, 0) == [page.locator(".netral-kartu input:checked").get_attribute("value")]
    page.context.close()


def test_a_tap_on_an_attempt_submitted_on_another_device_is_refused_and_the_page_shows_why(browser, site, db_url, tmp_path):
    page = open_quiz(browser, site, db_url)
    wire(Settings(database_url=db_url, data_dir=tmp_path / "data", questions_dir=FIXTURE_BANK))  # as the app process does
    engine = make_engine(db_url)
    with transaction(engine) as session:  # the same peserta submits on their other phone
        attempt = session.scalars(select(Attempt)).one()
        attempts.submit_attempt(session, attempt_id=attempt.id, employee_id=attempt.employee_id, now=utcnow())
    engine.dispose()
    option(page, RIGHT[current_question(page)][0]).check(force=True)
    shown(page, "Kuis ini sudah dikirim; jawaban tidak dapat diubah lagi.")  # the page drew again, with the reason
    expect(page.locator(".netral-kartu")).to_have_count(0)  # and no longer offers the question
    expect(page.locator("[data-testid='stAlert']").filter(has_text="Kuis ini sudah dikirim")).to_be_visible()
    assert stored(db_url, 0) is None
    page.context.close()


def test_while_the_submit_question_is_open_a_tap_is_counted_in_the_overview(browser, site, db_url):
    page = open_quiz(browser, site, db_url)
    page.get_by_role("button", name="Selesai, kirim jawaban").click()
    shown(page, "0 dari 5 soal sudah dijawab.")
    option(page, RIGHT[current_question(page)][0]).check(force=True)
    shown(page, "1 dari 5 soal sudah dijawab.")
    expect(page.get_by_text("Belum dijawab: soal 2, 3, 4, 5.", exact=False)).to_be_visible()
    page.context.close()
