"""Peta kerawanan: the share of wrong first answers per violation category and unit, so HR knows where to teach again."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy.orm import Session

from db import queries
from db.queries import sosialisasi as live_queries
from netral.core.enums import MisconceptionSource
from netral.people.authority import Actor, acting_scope
from netral.people.scope import Scope
from netral.people.units import UnitTree

# Below this many answers a share says more about chance than about a unit.
MIN_ANSWERS = 20


@dataclass(frozen=True)
class Cell:
    """First-attempt answers of one group in one category."""

    answered: int
    wrong: int

    @property
    def share(self) -> float | None:
        """Wrong answers in percent, or None when there are too few answers to say."""
        return round(100 * self.wrong / self.answered, 1) if self.answered >= MIN_ANSWERS else None


@dataclass(frozen=True)
class MisconceptionMap:
    """Rows (perangkat daerah or unit kerja) × categories."""

    categories: tuple[str, ...]
    rows: tuple[tuple[str, dict[str, Cell]], ...]
    overall: dict[str, Cell]

    def worst(self, count: int = 3) -> list[tuple[str, float]]:
        """The categories most often answered wrongly across the scope."""
        shares = [(c, share) for c, cell in self.overall.items() if (share := cell.share) is not None]
        return sorted(shares, key=lambda item: -item[1])[:count]


def misconception_map(
    session: Session,
    scope: Scope,
    *,
    agency_name: str,
    labels: Mapping[str, str],
    by_unit: bool,
    source: MisconceptionSource = MisconceptionSource.QUIZ,
) -> MisconceptionMap:
    """The map for the scope, by perangkat daerah or by unit kerja, categories in the bank's order.

    `source` chooses what is counted: wrong first quiz answers (kept as tallies), first answers to the knowledge
    checks between sections, or unsound choices in the scenarios (both counted from their rows).
    """
    tree = UnitTree.load(session, agency_name)
    grouped: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    overall: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for unit_key, category, answered, wrong in _counts(session, scope, source):
        name = tree.label(unit_key or None) if by_unit else tree.names_of(unit_key or None)[0]
        for cell in (grouped[name or "(tanpa unit)"][category], overall[category]):
            cell[0] += answered
            cell[1] += wrong
    categories = tuple(c for c in labels if c in overall) + tuple(sorted(set(overall) - set(labels)))
    rows = tuple(
        (name, {c: Cell(*cells[c]) for c in categories if c in cells})
        for name, cells in sorted(grouped.items(), key=lambda i: i[0].casefold())
    )
    return MisconceptionMap(categories, rows, {c: Cell(*overall[c]) for c in categories})


def _counts(session: Session, scope: Scope, source: MisconceptionSource) -> list[tuple[int, str, int, int]]:
    if source is MisconceptionSource.CHECK:
        return queries.check_tallies(session, scope.unit_ids)
    if source is MisconceptionSource.SCENARIO:
        return queries.scenario_tallies(session, scope.unit_ids)
    if source is MisconceptionSource.LIVE:
        return live_queries.live_unit_tallies(session, scope.unit_ids)
    return [(int(u), str(c), int(a), int(w)) for u, c, a, w in queries.category_tallies(session, scope.unit_ids)]


def misconceptions_of(
    session: Session,
    *,
    actor: Actor,
    agency_name: str,
    labels: Mapping[str, str],
    by_unit: bool,
    source: MisconceptionSource = MisconceptionSource.QUIZ,
) -> MisconceptionMap:
    """`misconception_map` for the acting administrator's scope."""
    scope = acting_scope(session, actor)
    return misconception_map(session, scope, agency_name=agency_name, labels=labels, by_unit=by_unit, source=source)
