"""One cycle's figures (completion per perangkat daerah, pass rate, misconceptions per category, trend); two side by side."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from db.models import Cycle
from db.queries import cycle_reports
from netral.core.errors import NotFound
from netral.cycles.current import CycleView, cohort_unit_ids
from netral.hr.completion import NO_OFFICE, Completion, completion_by_office, completion_total
from netral.people.authority import Actor, acting_scope
from netral.people.units import UnitTree


@dataclass(frozen=True)
class CategoryRate:
    """Answers in one violation category and the share answered wrong."""

    category: str
    answered: int
    wrong: int

    @property
    def percent_wrong(self) -> float:
        """Share wrong, in percent."""
        return round(100 * self.wrong / self.answered, 1) if self.answered else 0.0


@dataclass(frozen=True)
class CycleFigures:
    """Everything the per-cycle dashboard and the PPK report show."""

    cycle: CycleView
    offices: list[Completion]
    total: Completion
    exam_takers: int
    exam_passed: int
    categories: list[CategoryRate]
    trend: list[tuple[date, int]]

    @property
    def pass_rate(self) -> float:
        """Share of exam takers who passed, in percent."""
        return round(100 * self.exam_passed / self.exam_takers, 1) if self.exam_takers else 0.0

    def most_misunderstood(self, count: int = 3) -> list[CategoryRate]:
        """The categories answered wrong most often (by share)."""
        return sorted((c for c in self.categories if c.answered), key=lambda c: (-c.percent_wrong, c.category))[:count]


def cycle_figures(session: Session, *, actor: Actor, cycle_id: int, agency_name: str, now: datetime) -> CycleFigures:
    """One cycle's figures within the admin's scope."""
    scope = acting_scope(session, actor)
    cycle = session.get(Cycle, cycle_id)
    if cycle is None:
        raise NotFound("Siklus tidak ditemukan.")
    tree = UnitTree.load(session, agency_name)
    unit_ids = cohort_unit_ids(session, cycle, scope.unit_ids)
    units = []
    for unit_id, total, started, completed in cycle_reports.cycle_completion_by_unit(
        session, cycle_id=cycle_id, now=now, unit_ids=unit_ids
    ):
        office, unit = tree.names_of(unit_id)
        units.append(Completion(office or NO_OFFICE, unit, unit_id, total, int(started or 0), int(completed or 0)))
    takers, passed = cycle_reports.cycle_exam_results(session, cycle_id=cycle_id, unit_ids=unit_ids)
    categories = [
        CategoryRate(category or "(tanpa kategori)", int(answered), int(wrong or 0))
        for category, answered, wrong in cycle_reports.cycle_categories(session, cycle_id=cycle_id, unit_ids=unit_ids)
    ]
    trend, running = [], 0
    for day, count in cycle_reports.cycle_completions_per_day(session, cycle_id=cycle_id, now=now, unit_ids=unit_ids):
        running += count
        trend.append((day, running))
    return CycleFigures(
        CycleView.of(cycle),
        completion_by_office(units),
        completion_total(units, scope.label),
        takers,
        passed,
        sorted(categories, key=lambda c: c.category),
        trend,
    )


def compare_cycles(
    session: Session, *, actor: Actor, first_id: int, second_id: int, agency_name: str, now: datetime
) -> tuple[CycleFigures, CycleFigures]:
    """Two cycles' figures, for completion, pass rate and misconception rates side by side."""
    return (
        cycle_figures(session, actor=actor, cycle_id=first_id, agency_name=agency_name, now=now),
        cycle_figures(session, actor=actor, cycle_id=second_id, agency_name=agency_name, now=now),
    )
