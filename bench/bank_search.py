"""Bank Soal search over the whole bank (every active question, newest version), beside fetching the rows alone."""

from __future__ import annotations

import statistics
import time

from sqlalchemy import Engine, select

from bench import Figure
from db import reading
from db.models import QuestionVersion
from netral.hr.question_bank import bank_questions, search_bank

TARGET_MS = 200.0
SEARCHES = ("kampanye", "media sosial", "UU 20/2023", "tidak ada kata seperti ini", "")


def measure_bank_search(engine: Engine, runs: int, *, where: str) -> Figure:
    """Load the bank as the page does and run a search with filters, each search a fresh read."""
    backend = engine.dialect.name
    times: dict[str, list[float]] = {"search": [], "rows": []}
    found = total = 0
    for _ in range(runs):
        for needle in SEARCHES:
            with reading(engine) as session:
                start = time.perf_counter()
                questions = bank_questions(session, actor=None)
                hits = search_bank(questions, search=needle, difficulty=None)
                times["search"].append(time.perf_counter() - start)
                found, total = max(found, len(hits)), len(questions)
            with reading(engine) as session:
                start = time.perf_counter()
                session.execute(select(QuestionVersion.content)).all()
                times["rows"].append(time.perf_counter() - start)
    value, floor = (statistics.median(times[k]) * 1000 for k in ("search", "rows"))
    worst = max(times["search"]) * 1000
    return Figure(
        key=f"hr_bank_search_{backend}_ms",
        title=f"Bank Soal: search the whole bank ({backend}, median)",
        value=value,
        unit="ms",
        baseline=floor,
        baseline_label="fetch every question version's content alone",
        target=f"≤ {TARGET_MS:g} ms",
        meets=value <= TARGET_MS,
        note=f"{where}; {total} active questions, {len(SEARCHES)} searches × {runs} runs, slowest {worst:.1f} ms",
    )
