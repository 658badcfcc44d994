"""Synthetic quiz takers: logged-in peserta with an open attempt, and how one of them behaves over the websocket."""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass, field

from sqlalchemy import Engine

from bench.card import Card, shown_choice, tap
from bench.synthetic import generate_agency
from bench.wire import Screen, Tab
from db import queries, transaction
from db.models import Employee
from netral.core.dates import utcnow
from netral.core.enums import Role
from netral.core.settings import Settings
from netral.identity import auth, login, passwords
from netral.identity.web import COOKIE_NAME
from netral.learning.starting import start_quiz
from netral.people import accounts

PASSWORD = "Beban#Uji2024"
ANSWER_LABEL = "Pilih satu jawaban:"


@dataclass(frozen=True)
class Takers:
    """Cookies of logged-in peserta who each have an attempt open at the same module quiz."""

    cookies: list[str]
    quiz_key: str


def prepare_takers(engine: Engine, settings: Settings, count: int, *, seed: int) -> Takers:
    """Add `count` peserta to a migrated database, log each in and open their attempt at the first module quiz."""
    now = utcnow()
    with transaction(engine) as session:
        agency = generate_agency(session, seed=seed, employees=count, units_per_office=1, now=now)
        password_hash = passwords.hash_initial_password(PASSWORD)
        nips = []
        for employee_id in agency.employee_ids:
            employee = session.get(Employee, employee_id)
            assert employee is not None
            account = accounts.open_account_hashed(
                session, employee=employee, role=Role.PESERTA, password_hash=password_hash, now=now
            )
            account.must_change_password = False  # a synthetic peserta who already chose a password
            nips.append(employee.nip)
        quiz = queries.module_quizzes(session)[0][0]
        quiz_id, quiz_key = quiz.id, quiz.key
    cookies = []
    for employee_id, nip in zip(agency.employee_ids, nips, strict=True):
        with transaction(engine) as session:
            outcome = login.log_in(
                session,
                nip=nip,
                password=PASSWORD,
                now=now,
                secret=settings.secret(),
                session_hours=24,
                client=f"198.51.100.{nip[-2:]}",
            )
            assert outcome.ticket is not None, outcome.refusal
            token = auth.redeem_ticket(session, ticket=outcome.ticket, now=now, secret=settings.secret())
            start_quiz(session, employee_id=employee_id, quiz_id=quiz_id, now=now, settings=settings)
        cookies.append(f"{COOKIE_NAME}={token}")
    return Takers(cookies, quiz_key)


@dataclass
class Tally:
    """Response times of every interaction, and what went wrong."""

    seconds: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    moves: list[float] = field(default_factory=list)  # the reruns among `seconds` (answers are the card's requests)

    def record(self, screen: Screen, *, move: bool = False) -> None:
        """Count one finished run; a page showing an exception is an error, not a response."""
        if any(element.WhichOneof("type") == "exception" for element in screen.elements):
            self.errors.append("the page showed an exception")
        else:
            self.seconds.append(screen.seconds)
            if move:
                self.moves.append(screen.seconds)


async def answer_current(tab: Tab, choice: int) -> Screen:
    """Answer the question on screen: pick option `choice`, or toggle a box of a "pilih semua" question. On the
    quiz that is a tap on its answer card (an HTTP request); on a plain page (the baselines), a radio's rerun."""
    card = Card.on(tab.screen)
    if card is not None:
        option = card.options[choice % len(card.options)]
        if not card.multiple:
            return await tap(tab, card, [option])
        shown = shown_choice(tab, card)
        return await tap(tab, card, [o for o in card.options if (o in shown) != (o == option)])
    if tab.screen.has_widget("radio", ANSWER_LABEL):
        radio = tab.screen.widget("radio", ANSWER_LABEL)
        return await tab.choose(ANSWER_LABEL, choice % len(radio.options))
    box = next(e.checkbox for e in tab.screen.elements if e.WhichOneof("type") == "checkbox")
    return await tab.tick(box.label, not tab.ticked(box.id))


async def move_on(tab: Tab) -> Screen:
    """Go to the next question, or back one from the last."""
    forward = tab.screen.widget("button", "Berikutnya")
    return await tab.click("Sebelumnya" if forward.disabled else "Berikutnya")


async def pause(seconds: float, *, until: float) -> bool:
    """Wait like a reader; False (and no longer than `until`) when the run ends first."""
    left = until - time.monotonic()
    await asyncio.sleep(max(0.0, min(seconds, left)))
    return seconds < left


async def take_quiz(tab: Tab, quiz_key: str, *, until: float, think: tuple[float, float], tally: Tally, seed: int) -> None:
    """Act like a person at the quiz until `until` (monotonic): read, answer, move on, again."""
    rng = random.Random(seed)
    try:
        opened = await tab.open("kuis", f"q={quiz_key}")
        if not opened.shows("Soal "):
            raise RuntimeError(f"the quiz did not open: {list(opened.texts())[:3]}")
        while await pause(rng.uniform(*think), until=until):
            tally.record(await answer_current(tab, rng.randrange(4)))
            if not await pause(rng.uniform(0.5, 1.5), until=until):
                break
            tally.record(await move_on(tab), move=True)
    except Exception as exc:  # noqa: BLE001 - every failure a taker meets is counted, none ends the run
        tally.errors.append(f"{type(exc).__name__}: {exc}"[:200])
    finally:
        await tab.close()
