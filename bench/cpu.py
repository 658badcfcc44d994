"""Server CPU per answer: a tap on the quiz page against the same tap on a trivial page, on the same server."""

from __future__ import annotations

import asyncio
import statistics
import textwrap
from pathlib import Path

from bench import Figure
from bench.card import Card
from bench.server import ROOT, ServerProcess
from bench.takers import Takers, answer_current, move_on
from bench.wire import Tab

# The baseline of the CPU figure: the smallest page with the same kind of interaction, served alike: by the same
# server as Netral (`st.App` with Netral's routes, middleware and start-up), so the figure is what the quiz page costs.
_BODY = """st.title("Halaman uji")
st.radio("Pilih satu jawaban:", ["A", "B", "C", "D"], key="jawab")
st.button("Berikutnya")
"""
TRIVIAL_PAGE = f"""import streamlit as st

if __name__ != "__main__":
    from pages.ui.server import lifespan, middleware, routes

    app = st.App(__file__, routes=routes(), lifespan=lifespan, middleware=middleware())
else:
{textwrap.indent(_BODY, "    ")}"""
# The same page as a plain script, which `streamlit run` serves with its default server (Tornado): reported beside
# the baseline, since the first figures were taken against it.
PLAIN_PAGE = f"import streamlit as st\n\n{_BODY}"
QUESTIONS_LOOKED_AT = 20  # per taker, while looking for a question of the kind measured


def measure_cpu(server: ServerProcess, takers: Takers, folder: Path, interactions: int) -> list[Figure]:
    """Server CPU per answer on the quiz page, against the same interaction on a trivial page, interleaved: once on
    a single-choice question and once on a "pilih semua" one (four boxes). On the quiz an answer is a tap on the
    answer card, which the browser stores by one HTTP request (bench/card.py); on the trivial page, a radio's rerun."""
    for name, text in {"trivial": TRIVIAL_PAGE, "plain": PLAIN_PAGE}.items():
        (folder / f"halaman_{name}.py").write_text(text)
    env = {**server.env, "PYTHONPATH": str(ROOT)}  # the trivial app imports Netral's server pieces
    trivial = ServerProcess(folder / "halaman_trivial.py", env, folder / "trivial.log").start()
    plain = ServerProcess(folder / "halaman_plain.py", env, folder / "plain.log").start()
    try:
        rounds = asyncio.run(_cpu_rounds(server, {"trivial": trivial, "plain": plain}, takers, interactions))
    finally:
        trivial.stop()
        plain.stop()
    spent = {name: statistics.fmean(per_round) for name, per_round in rounds.items()}  # rounds are equally long
    how = f"{interactions} answers each, one tab each, interleaved in 5 rounds; CPU of the server process from /proc"

    def figure(kind: str, key: str, title: str, what: str) -> Figure:
        # The ratio of each round alone: the machine's speed drifts, and a figure near its target is read with this.
        ratios = [page / base for page, base in zip(rounds[kind], rounds["trivial"], strict=True) if base > 0]
        spread = f"each round alone {min(ratios):.2f}–{max(ratios):.2f}×; " if ratios else ""
        return Figure(
            key,
            f"Server CPU per answer on the quiz page ({title})",
            spent[kind],
            "ms",
            spent["trivial"],
            "the same answer on a trivial page (title, radio, button), same server (st.App, Netral's routes and middleware)",
            "≤ 1.5× the trivial page",
            spent[kind] <= 1.5 * spent["trivial"],
            f"{how}; {spread}{what}; the trivial page on Streamlit's default server (Tornado): {spent['plain']:.2f} ms "
            f"({spent[kind] / spent['plain']:.2f}×)",
        )

    return [
        figure("single", "quiz_cpu_per_answer_ms", "single choice", "a tap on a single-choice question's answer card"),
        figure(
            "multiple",
            "quiz_cpu_per_answer_multiple_ms",
            '"pilih semua", four boxes',
            "a tick on a question with four boxes (the card sends all four)",
        ),
    ]


async def _cpu_rounds(
    netral: ServerProcess, baselines: dict[str, ServerProcess], takers: Takers, interactions: int
) -> dict[str, list[float]]:
    """Milliseconds of server CPU per answer for each tab, in each measured round."""
    multiple = await _quiz_tab(netral, takers.cookies, takers.quiz_key, single=False)
    others = [cookie for cookie in takers.cookies if cookie != multiple.cookie]  # never two tabs on one attempt
    tabs = {"single": await _quiz_tab(netral, others, takers.quiz_key, single=True), "multiple": multiple}
    servers = {"single": netral, "multiple": netral, **baselines}
    for name, process in baselines.items():
        tabs[name] = Tab(process.url)
        await tabs[name].open()
    rounds: dict[str, list[float]] = {name: [] for name in servers}
    per_round = interactions // 5
    for round_ in range(6):  # round 0 warms up
        for name, tab in tabs.items():
            before = servers[name].cpu_seconds()
            for n in range(per_round):
                await answer_current(tab, n % 2)
            if round_:
                rounds[name].append((servers[name].cpu_seconds() - before) * 1000 / per_round)
    for tab in tabs.values():
        await tab.close()
    return rounds


async def _quiz_tab(server: ServerProcess, cookies: list[str], quiz_key: str, *, single: bool) -> Tab:
    """A tab on the quiz of one of these takers (each has their own attempt) showing a single-choice or a "pilih
    semua" question."""
    for cookie in cookies:
        tab = Tab(server.url, cookie=cookie)
        await tab.open("kuis", f"q={quiz_key}")
        for _ in range(QUESTIONS_LOOKED_AT):
            card = Card.on(tab.screen)
            if card is not None and card.multiple != single:
                return tab
            await move_on(tab)
        await tab.close()
    raise RuntimeError(f"no taker's quiz has a {'single-choice' if single else 'pilih semua'} question")
