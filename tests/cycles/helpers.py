"""Builders for cycle tests: offices, a super admin, and a cycle with defaults."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from netral.core.cycle_enums import CycleKind, CyclePath
from netral.cycles.current import CycleView
from netral.cycles.managing import CycleDraft, create_cycle
from netral.identity.auth import CurrentUser
from netral.people.units import UnitTree
from tests.conftest import T0


def office(session: Session, name: str, unit: str = "") -> int:
    """The id of a perangkat daerah (or of a unit kerja under it when `unit`), created on demand."""
    return UnitTree.load(session, "Pemerintah Kabupaten Uji").unit_for(session, name, unit).id


def draft(name: str = "Pemilu 2029", **changes: object) -> CycleDraft:
    """A whole-agency national cycle open around T0, with the fields given changed."""
    fields: dict[str, object] = {
        "name": name,
        "kind": CycleKind.NATIONAL,
        "opens_on": date(2024, 9, 1),
        "deadline": date(2024, 12, 31),
        "voting_day": None,
        "path": CyclePath.FULL,
    }
    fields.update(changes)
    return CycleDraft(**fields)  # type: ignore[arg-type]


def new_cycle(session: Session, actor: CurrentUser | None, **changes: object) -> CycleView:
    """Create a cycle as `actor` (None: the command-line operator)."""
    return create_cycle(session, actor=actor, draft=draft(**changes), now=T0)  # type: ignore[arg-type]
