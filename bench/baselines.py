"""Naive baselines of the HR figures: what a first version would do with pandas, to compare against."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pandas as pd
from sqlalchemy import text
from sqlalchemy.orm import Session

from netral.hr.completion import NO_OFFICE, Completion
from netral.people.units import UnitTree


def cells(rows: Any) -> list[tuple[int, str, int, int]]:
    """Tally rows (unit, category, answered, wrong) in one comparable order."""
    return sorted((int(unit), str(category), int(answered), int(wrong or 0)) for unit, category, answered, wrong in rows)


def completion_by_pandas(session: Session, agency_name: str, now: datetime) -> list[Completion]:
    """The naive dashboard: read the tables into pandas and group there (same rows as `completion_by_unit`)."""
    connection = session.connection()
    employees = pd.read_sql(text("SELECT id, unit_id, active FROM employees"), connection)
    attempts = pd.read_sql(text("SELECT employee_id FROM attempts"), connection)
    certificates = pd.read_sql(
        text("SELECT employee_id, revoked_at, superseded_by_id, valid_until FROM certificates"), connection
    )
    pledges = pd.read_sql(text("SELECT employee_id FROM pledges"), connection)
    employees = employees[employees["active"].astype(bool)].copy()
    until = pd.to_datetime(certificates["valid_until"], utc=True)
    live = certificates["revoked_at"].isna() & certificates["superseded_by_id"].isna()
    valid = certificates.loc[live & (until.isna() | (until >= pd.Timestamp(now))), "employee_id"]
    employees["completed"] = employees["id"].isin(valid)
    started = employees["id"].isin(attempts["employee_id"]) | employees["id"].isin(pledges["employee_id"])
    employees["started"] = started | employees["completed"]
    employees["unit_id"] = employees["unit_id"].astype("Int64")
    grouped = employees.groupby("unit_id", dropna=False).agg(
        total=("id", "size"), started=("started", "sum"), completed=("completed", "sum")
    )
    tree = UnitTree.load(session, agency_name)
    rows = []
    for unit_id, total, started_count, completed in grouped.itertuples():
        unit_key = None if pd.isna(unit_id) else int(unit_id)
        office, unit = tree.names_of(unit_key)
        rows.append(Completion(office or NO_OFFICE, unit, unit_key, int(total), int(started_count), int(completed)))
    return sorted(rows, key=lambda r: (r.office.casefold(), r.unit.casefold()))
