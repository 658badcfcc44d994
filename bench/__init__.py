"""Benchmarks: each figure measured beside a baseline in the same run and reported as a ratio to it."""

from __future__ import annotations

import json
import platform
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any


@dataclass(frozen=True)
class Figure:
    """One measured figure: its value, the baseline measured in the same run, and whether it meets its target."""

    key: str
    title: str
    value: float
    unit: str
    baseline: float
    baseline_label: str
    target: str
    meets: bool
    note: str = ""

    @property
    def ratio(self) -> float:
        """value / baseline: below 1 means cheaper than the baseline."""
        return self.value / self.baseline if self.baseline else float("inf")

    def as_json(self) -> dict[str, Any]:
        """The figure as its JSON object."""
        data = asdict(self)
        del data["key"]
        ratio = round(self.ratio, 4) if self.baseline else None  # strict JSON has no Infinity
        return {**data, "value": round(self.value, 3), "baseline": round(self.baseline, 3), "ratio": ratio}


Benchmark = Callable[[bool], list[Figure]]

# Narrower runs of figures another benchmark already measures: run when named, left out of a run of them all.
NARROWER = {"cycles-dashboard"}


def registry() -> dict[str, Benchmark]:
    """Every benchmark by name, in the order they run."""
    from bench import answers, certificates, cycles, firstload, hall, hr, load, person

    return {
        "certificates": certificates.run,
        "hr": hr.run,
        "person": person.run,
        "answers": answers.run,
        "load": load.run,
        "firstload": firstload.run,
        "cycles": cycles.run,
        "cycles-dashboard": cycles.run_dashboard,
        "hall": hall.run,
    }


def run(names: Sequence[str], *, quick: bool, log: Callable[[str], None]) -> list[Figure]:
    """Run the named benchmarks (all when empty) and return their figures."""
    chosen = registry()
    figures: list[Figure] = []
    for name in names or [n for n in chosen if n not in NARROWER]:
        log(f"benchmark {name} ({'cepat' if quick else 'lengkap'})...")
        figures += chosen[name](quick)
    return figures


def as_json(figures: Sequence[Figure]) -> str:
    """One JSON object: a key per figure."""
    return json.dumps({f.key: f.as_json() for f in figures}, indent=2, ensure_ascii=False)


def as_markdown(figures: Sequence[Figure], *, quick: bool, command: str) -> str:
    """A Markdown table of the figures with the machine and the command that produced them."""
    lines = [
        "# Benchmarks",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.machine()}, Python {platform.python_version()}, "
        f"{'quick' if quick else 'full'} run: `{command}`. Each baseline was measured in the same run.",
        "",
        "| Figure | Value | Baseline | Ratio | Target | Met | Note |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for f in figures:
        lines.append(
            f"| {f.title} | {f.value:.3g} {f.unit} | {f.baseline:.3g} {f.unit} ({f.baseline_label}) | {f.ratio:.3f} "
            f"| {f.target} | {'yes' if f.meets else '**no**'} | {f.note} |"
        )
    return "\n".join(lines) + "\n"
