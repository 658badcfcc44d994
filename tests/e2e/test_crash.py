"""SIGKILL the real server while several peserta answer (the answer card's requests) and move on (the websocket):
nothing acknowledged is lost."""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.card import Card, tap
from bench.server import ROOT, ServerProcess
from bench.takers import prepare_takers
from bench.wire import Tab
from db import make_engine, queries, reading
from netral.core.settings import Settings
from netral.quizzes.view import view_attempt
from netral.startup import prepare_database

TAKERS = 6
QUESTION = re.compile(r"\*\*Soal (\d+) dari (\d+)\*\*")


def run(coroutine):
    """asyncio.run on a thread of its own: Playwright's sync API keeps a loop running on this one."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def position_on(tab: Tab) -> int:
    """The question on screen, counted from 0."""
    found = next(m for text in tab.screen.texts() if (m := QUESTION.search(text)))
    return int(found.group(1)) - 1


async def answer_until_the_server_dies(tab: Tab, quiz_key: str, acknowledged: dict[int, str], seed: int) -> None:
    """Answer every single-choice question, moving on after each; remember what the server confirmed."""
    rng = random.Random(seed)
    try:
        await tab.open("kuis", f"q={quiz_key}")
        while True:
            card = Card.on(tab.screen)
            if card is not None and not card.multiple:
                choice = card.options[rng.randrange(len(card.options))]
                confirmed = acknowledged.pop(card.position, None)  # while in flight, either answer may be the stored one
                await tap(tab, card, [choice])
                acknowledged[card.position] = choice  # the request that stored it answered 200: the server confirmed it
                del confirmed
            forward = tab.screen.widget("button", "Berikutnya")
            await tab.click("Sebelumnya" if forward.disabled else "Berikutnya")
            await asyncio.sleep(rng.uniform(0.02, 0.1))
    except Exception:  # noqa: BLE001 - the connection dies with the server; that is the point
        with contextlib.suppress(Exception):
            await tab.close()  # its websocket and its answer connection


async def crash_during_answers(server: ServerProcess, cookies: list[str], quiz_key: str) -> list[dict[int, str]]:
    acknowledged: list[dict[int, str]] = [{} for _ in cookies]
    tabs = [Tab(server.url, cookie=cookie) for cookie in cookies]
    takers = [asyncio.create_task(answer_until_the_server_dies(tab, quiz_key, acknowledged[n], n)) for n, tab in enumerate(tabs)]
    while sum(len(a) for a in acknowledged) < 4 * len(cookies):  # everyone is well into the quiz
        await asyncio.sleep(0.05)
    server.stop(kill=True)  # SIGKILL: no shutdown, no flush, mid-answer for some of them
    await asyncio.gather(*takers)
    return acknowledged


async def reopen(server: ServerProcess, cookie: str, quiz_key: str) -> tuple[int, Tab]:
    """Open the quiz in a new tab: the question it resumes at, and the tab after one step back."""
    tab = Tab(server.url, cookie=cookie)
    await tab.open("kuis", f"q={quiz_key}")
    resumed_at = position_on(tab)
    if resumed_at > 0:
        await tab.click("Sebelumnya")
    await tab.close()
    return resumed_at, tab


def shown_choice(card: Card) -> str | None:
    """The option the answer card is drawn with as chosen."""
    return card.selected[0] if card.selected else None


def test_answers_the_server_acknowledged_survive_a_sigkill_and_every_attempt_resumes(db_url: str, tmp_path: Path):
    settings = Settings(database_url=db_url, data_dir=tmp_path / "data", cookie_secret="kill-" + "k" * 32)
    engine = make_engine(db_url)
    prepare_database(engine, settings)
    takers = prepare_takers(engine, settings, TAKERS, seed=3)
    env = {**os.environ, "DATABASE_URL": db_url, "NETRAL_DATA_DIR": str(settings.data_dir)}
    env["NETRAL_COOKIE_SECRET"] = settings.cookie_secret
    server = ServerProcess(ROOT / "app.py", env, tmp_path / "server.log").start()
    try:
        acknowledged = run(crash_during_answers(server, takers.cookies, takers.quiz_key))
        assert server.process is not None and server.process.returncode == -9

        server = ServerProcess(ROOT / "app.py", env, tmp_path / "server.log").start()
        with reading(engine) as session:
            quiz = queries.quiz_by_key(session, takers.quiz_key)
            attempts = [queries.open_attempt(session, e, quiz.id) for e in _employees(session, takers.cookies, settings)]
            stored = [view_attempt(session, attempt_id=a.id, employee_id=a.employee_id) for a in attempts]
        for confirmed, view in zip(acknowledged, stored, strict=True):
            saved = {q.position: q.selected[0] for q in view.questions if q.selected}
            assert {p: saved.get(p) for p in confirmed} == confirmed  # last confirmed answer per question, all there
        shown = 0
        for cookie, view, confirmed in zip(takers.cookies, stored, acknowledged, strict=True):
            resumed_at, tab = run(reopen(server, cookie, takers.quiz_key))
            assert resumed_at == view.current_position  # the same attempt, where it was
            card = Card.on(tab.screen)
            if card is not None and not card.multiple and card.position in confirmed:
                assert shown_choice(card) == confirmed[card.position]  # and the page shows the stored answer
                shown += 1
        assert shown > 0  # the page check above ran for some of them
    finally:
        server.stop()
        engine.dispose()


def _employees(session, cookies: list[str], settings: Settings) -> list[int]:
    from netral.core.dates import utcnow
    from netral.identity import auth

    users = [
        auth.user_for_token(session, token=cookie.split("=", 1)[1], now=utcnow(), secret=settings.secret()) for cookie in cookies
    ]
    return [user.employee_id for user in users if user is not None]
