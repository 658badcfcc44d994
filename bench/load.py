"""Quiz takers over Streamlit's websocket, no browser: CPU per answer, concurrent takers per process, memory."""

from __future__ import annotations

import asyncio
import os
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench import Figure
from bench.cpu import measure_cpu
from bench.server import ROOT, ServerProcess
from bench.takers import Takers, Tally, answer_current, prepare_takers, take_quiz
from bench.wire import Tab
from db import make_engine
from netral.core.settings import Settings
from netral.startup import prepare_database

THINK_SECONDS = (3.0, 7.0)  # reading a question before answering; then 0.5-1.5 s before "Berikutnya"
P95_TARGET_S = 1.0
TARGET_TAKERS = 200


@dataclass(frozen=True)
class Plan:
    """How much to measure: quick keeps the whole bench under five minutes."""

    interactions: int
    levels: dict[int, list[int]]  # processes -> numbers of takers to try, ascending
    ramp_s: float
    steady_s: float
    sessions: int


QUICK = Plan(300, {1: [100, 200, 300], 2: [200, 400], 4: [200]}, 8, 15, 300)
FULL = Plan(600, {1: [100, 150, 200, 250, 300, 400], 2: [200, 300, 400, 600], 4: [200, 400]}, 8, 30, 1000)


def run(quick: bool) -> list[Figure]:
    """CPU per answer vs a trivial page, takers per process and where p95 passes 1 s, RSS after many sessions."""
    plan = QUICK if quick else FULL
    most = max(max(levels) for levels in plan.levels.values())
    with tempfile.TemporaryDirectory(prefix="netral-load-") as name, netral_servers(Path(name), most, 4) as (servers, takers):
        figures = measure_cpu(servers[0], takers, Path(name), plan.interactions)
        figures += measure_takers(servers, takers, plan)
        figures.append(measure_memory(servers[0], takers, plan.sessions))
    return figures


@contextmanager
def netral_servers(folder: Path, takers: int, count: int) -> Iterator[tuple[list[ServerProcess], Takers]]:
    """A SQLite database with `takers` logged-in peserta, and `count` Netral processes started at once on it."""
    settings = Settings(database_url=f"sqlite:///{folder}/netral.db", data_dir=folder / "data", cookie_secret="beban-" + "x" * 32)
    engine = make_engine(settings.database_url)
    prepare_database(engine, settings)
    prepared = prepare_takers(engine, settings, takers, seed=7)
    engine.dispose()
    env = {
        **os.environ,
        "DATABASE_URL": settings.database_url,
        "NETRAL_DATA_DIR": str(settings.data_dir),
        "NETRAL_COOKIE_SECRET": settings.cookie_secret,
    }
    servers = [ServerProcess(ROOT / "app.py", env, folder / f"server-{n}.log").start(wait=False) for n in range(count)]
    try:
        for server in servers:
            server.wait_healthy()
        yield servers, prepared
    finally:
        for server in servers:
            server.stop()


def measure_takers(servers: list[ServerProcess], takers: Takers, plan: Plan) -> list[Figure]:
    """Raise the number of takers per process count until p95 passes 1 s; report 200 on one process and the knees."""
    alone = asyncio.run(_level(servers[:1], takers, 1, Plan(0, {}, 0, 10, 0)))
    capacity: dict[int, tuple[int, int | None]] = {}
    at_target: Tally | None = None
    for processes, levels in plan.levels.items():
        if processes > 1 and capacity[1][0] > levels[-1]:
            # More processes are tried at least up to what one held: a quick plan stopping below it would read as
            # fewer takers than one process, though none of its levels failed.
            levels = [*levels, capacity[1][0]]
        passed, knee = 0, None
        for count in levels:
            tally = asyncio.run(_level(servers[:processes], takers, count, plan))
            if processes == 1 and count == TARGET_TAKERS:
                at_target = tally
            if tally.errors or _p95(tally) > P95_TARGET_S:
                knee = count
                break
            passed = count
        capacity[processes] = (passed, knee)
    if at_target is None:  # one process failed before reaching the target: measure the target itself
        at_target = asyncio.run(_level(servers[:1], takers, TARGET_TAKERS, plan))
    return [_target_figure(at_target, alone, plan), *_knee_figures(capacity)]


def _target_figure(tally: Tally, alone: Tally, plan: Plan) -> Figure:
    p95 = _p95(tally)
    rate = len(tally.seconds) / (plan.ramp_s + plan.steady_s)
    errors = f"; errors: {len(tally.errors)} (first: {tally.errors[0]})" if tally.errors else "; no errors"
    return Figure(
        "takers_200_one_process_p95_s",
        f"{TARGET_TAKERS} concurrent quiz takers on one process, p95 response",
        p95,
        "s",
        _p95(alone),
        "p95 of one taker alone",
        f"< {P95_TARGET_S:g} s, no errors",
        p95 < P95_TARGET_S and not tally.errors,
        f"{len(tally.seconds)} responses, {rate:.1f}/s, median {statistics.median(tally.seconds or [0]):.3f} s"
        f"{errors}; each taker reads {THINK_SECONDS[0]:g}-{THINK_SECONDS[1]:g} s, answers (one request), then moves on "
        f"(a rerun; the moves alone: p95 {_p95(Tally(seconds=tally.moves)):.3f} s)",
    )


def _knee_figures(capacity: dict[int, tuple[int, int | None]]) -> list[Figure]:
    single = capacity[1][0]
    figures = []
    for processes, (passed, knee) in capacity.items():
        where = f"p95 passed 1 s (or errors) at {knee} takers" if knee else "p95 stayed under 1 s at every level tried"
        figures.append(
            Figure(
                f"takers_within_1s_{processes}_process{'es' if processes > 1 else ''}",
                f"Takers served with p95 < 1 s, {processes} process{'es' if processes > 1 else ''}",
                passed,
                "takers",
                TARGET_TAKERS if processes == 1 else single,
                "the target" if processes == 1 else "one process",
                f"≥ {TARGET_TAKERS}" if processes == 1 else "≥ one process",
                passed >= (TARGET_TAKERS if processes == 1 else single),
                f"{where}; {os.cpu_count()} cores shared with the load generator",
            )
        )
    return figures


async def _level(servers: list[ServerProcess], takers: Takers, count: int, plan: Plan) -> Tally:
    tally = Tally()
    until = time.monotonic() + plan.ramp_s + plan.steady_s

    async def arrive(index: int) -> None:
        await asyncio.sleep(plan.ramp_s * index / count)
        tab = Tab(servers[index % len(servers)].url, cookie=takers.cookies[index])
        await take_quiz(tab, takers.quiz_key, until=until, think=THINK_SECONDS, tally=tally, seed=index)

    await asyncio.gather(*(arrive(index) for index in range(count)))
    return tally


def measure_memory(server: ServerProcess, takers: Takers, sessions: int) -> Figure:
    """RSS after `sessions` tabs came, answered one question and left, against RSS after the first 50."""
    baseline, after = asyncio.run(_sessions(server, takers, sessions))
    return Figure(
        "rss_after_sessions_mb",
        f"Server RSS after {sessions} sessions came and went",
        after,
        "MiB",
        baseline,
        "RSS after the first 50 sessions",
        "≤ 1.5× the baseline",
        after <= 1.5 * baseline,
        "each session opens the quiz with its cookie, answers once and closes; 50 at a time",
    )


async def _sessions(server: ServerProcess, takers: Takers, sessions: int) -> tuple[float, float]:
    async def visit(index: int) -> None:
        tab = Tab(server.url, cookie=takers.cookies[index % len(takers.cookies)])
        await tab.open("kuis", f"q={takers.quiz_key}")
        await answer_current(tab, index)
        await tab.close()

    baseline = 0.0
    for start in range(0, sessions, 50):
        await asyncio.gather(*(visit(index) for index in range(start, min(start + 50, sessions))))
        if start == 0:
            baseline = server.rss_mb()
    return baseline, server.rss_mb()


def _p95(tally: Tally) -> float:
    if len(tally.seconds) < 2:
        return tally.seconds[0] if tally.seconds else float("inf")
    return statistics.quantiles(tally.seconds, n=20)[-1]
