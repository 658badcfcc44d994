"""The agency's tree (instansi → perangkat daerah → unit kerja) as a roster import sees and grows it."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from db import queries
from db.models import OrgUnit

AGENCY, OFFICE, UNIT = "instansi", "perangkat_daerah", "unit_kerja"


def unit_key(name: str) -> str:
    """The form two spellings of one unit name share."""
    # Two exports of one roster may spell "DINAS PENDIDIKAN" and "Dinas Pendidikan": one unit.
    return " ".join(name.split()).casefold()


def join_names(office: str, unit: str) -> str:
    """How a unit is written for people: "Perangkat daerah / Unit kerja"."""
    return f"{office} / {unit}" if office and unit else office or unit


@dataclass
class UnitTree:
    """Every unit by id, and the perangkat daerah and unit kerja by name, created on demand."""

    agency_name: str
    by_id: dict[int, OrgUnit]
    root: OrgUnit | None = None
    offices: dict[str, OrgUnit] = field(default_factory=dict)
    units: dict[tuple[int, str], OrgUnit] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session, agency_name: str = "") -> UnitTree:
        """Read the whole tree (an agency has hundreds of units, not millions); `agency_name` names a root made later."""
        units = queries.all_units(session)
        tree = cls(agency_name, {u.id: u for u in units})
        tree.root = next((u for u in units if u.parent_id is None and u.level == AGENCY), None)
        for unit in units:
            if unit.level == OFFICE:
                tree.offices.setdefault(unit_key(unit.name), unit)
            elif unit.level == UNIT and unit.parent_id is not None:
                tree.units.setdefault((unit.parent_id, unit_key(unit.name)), unit)
        return tree

    def names_of(self, unit_id: int | None) -> tuple[str, str]:
        """The perangkat daerah and unit kerja names of a unit ("" where there is none)."""
        unit = self.by_id.get(unit_id) if unit_id is not None else None
        if unit is None:
            return "", ""
        if unit.level == UNIT and unit.parent_id in self.by_id:
            return self.by_id[unit.parent_id].name, unit.name
        return (unit.name, "") if unit.level == OFFICE else ("", unit.name)

    def label(self, unit_id: int | None) -> str:
        """ "Perangkat daerah / Unit kerja", or the one name a unit has."""
        return join_names(*self.names_of(unit_id))

    def path_text(self, office: str, unit: str) -> str:
        """Where a new employee would sit, marking units the import would create."""
        known_office = self.offices.get(unit_key(office))
        parts = [office + ("" if known_office else " (baru)")]
        if unit:
            exists = known_office is not None and (known_office.id, unit_key(unit)) in self.units
            parts.append(unit + ("" if exists else " (baru)"))
        return " / ".join(parts)

    def unit_for(self, session: Session, office: str, unit: str) -> OrgUnit:
        """The unit an employee belongs to, creating the perangkat daerah or unit kerja when new."""
        parent = self.offices.get(unit_key(office))
        if parent is None:
            parent = self._add(session, OFFICE, office, self._root(session).id)
            self.offices[unit_key(office)] = parent
        if not unit:
            return parent
        found = self.units.get((parent.id, unit_key(unit)))
        if found is None:
            found = self._add(session, UNIT, unit, parent.id)
            self.units[(parent.id, unit_key(unit))] = found
        return found

    def _root(self, session: Session) -> OrgUnit:
        if self.root is None:
            self.root = self._add(session, AGENCY, self.agency_name, None)
        return self.root

    def _add(self, session: Session, level: str, name: str, parent_id: int | None) -> OrgUnit:
        unit = OrgUnit(level=level, name=name, parent_id=parent_id)
        session.add(unit)
        session.flush()
        self.by_id[unit.id] = unit
        return unit
