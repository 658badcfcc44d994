"""Opening one person on the HR person page at 100,000 employees and 1,000,000 attempts, beside reading their row alone."""

from __future__ import annotations

import random
import statistics
import time

from sqlalchemy import Engine

from bench import Figure
from db import queries, reading
from netral.core.dates import utcnow
from netral.hr.person import person_view

TARGET_MS = 300.0
PEOPLE = 25  # employees opened per run, the same ones for the figure and the baseline


def measure_person(engine: Engine, employee_ids: list[int], runs: int, *, where: str) -> Figure:
    """`person_view` (identity, unit, progress per module, attempts, certificates, exceptions, may HR act) per person."""
    backend = engine.dialect.name
    chosen = random.Random(19).sample(employee_ids, min(PEOPLE, len(employee_ids)))
    now = utcnow()
    times: dict[str, list[float]] = {"person": [], "row": []}
    attempts = 0
    for _ in range(runs):  # interleaved, so both see the same machine load and cache
        for employee_id in chosen:
            with reading(engine) as session:
                start = time.perf_counter()
                person = person_view(session, actor=None, employee_id=employee_id, now=now)
                times["person"].append(time.perf_counter() - start)
                attempts = max(attempts, len(person.attempts))
            with reading(engine) as session:
                start = time.perf_counter()
                queries.employee_by_id(session, employee_id)
                times["row"].append(time.perf_counter() - start)
    value, floor = (statistics.median(times[k]) * 1000 for k in ("person", "row"))
    worst = max(times["person"]) * 1000
    return Figure(
        key=f"hr_person_{backend}_ms",
        title=f"HR person page: open one employee ({backend}, median)",
        value=value,
        unit="ms",
        baseline=floor,
        baseline_label="read the employee row alone (employee_by_id)",
        target=f"≤ {TARGET_MS:g} ms",
        meets=value <= TARGET_MS and worst <= TARGET_MS,
        note=f"{where}; {len(chosen)} people × {runs} runs, slowest {worst:.1f} ms, up to {attempts} attempts per person",
    )
