"""What a peserta does while learning: where they are in a module, knowledge checks and scenario choices."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base


class ModuleProgress(Base):
    """The section a peserta is reading in one module and the furthest section reached."""

    __tablename__ = "module_progress"

    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"), primary_key=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("modules.id"), primary_key=True)
    section: Mapped[int] = mapped_column(Integer, default=0)
    furthest: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime]


class CheckAnswer(Base):
    """A peserta's first answer to a knowledge check (ungraded; what they understood before the quiz)."""

    __tablename__ = "check_answers"
    __table_args__ = (UniqueConstraint("employee_id", "check_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"), index=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("modules.id"))
    check_key: Mapped[str] = mapped_column(String(80))
    selected: Mapped[str] = mapped_column(String(20))
    correct: Mapped[bool] = mapped_column(Boolean)
    category: Mapped[str] = mapped_column(String(40), index=True)
    answered_at: Mapped[datetime]


class ScenarioRun(Base):
    """One play of a module's branching scenario: the node it stands at and, once over, its ending."""

    __tablename__ = "scenario_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"), index=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("modules.id"))
    # The election cycle the run was played in (None: before cycles, or with none open): a new cycle asks again.
    cycle_id: Mapped[int | None] = mapped_column(ForeignKey("cycles.id"), index=True)
    node: Mapped[str] = mapped_column(String(40))
    # Counts every move (a choice or a step back), so a repeated tap on the same screen is recognised.
    step: Mapped[int] = mapped_column(Integer, default=0)
    ending: Mapped[str | None] = mapped_column(String(40))
    score: Mapped[int | None]
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]


class ScenarioChoice(Base):
    """A choice made in a scenario, with the violation category it shows and whether it was sound."""

    __tablename__ = "scenario_choices"
    __table_args__ = (UniqueConstraint("run_id", "step"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("scenario_runs.id"), index=True)
    step: Mapped[int] = mapped_column(Integer)
    node: Mapped[str] = mapped_column(String(40))
    choice: Mapped[str] = mapped_column(String(40))
    category: Mapped[str] = mapped_column(String(40))
    sound: Mapped[bool] = mapped_column(Boolean)
    undone: Mapped[bool] = mapped_column(Boolean, default=False)
    chosen_at: Mapped[datetime]
