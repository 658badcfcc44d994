"""Reading a module in sections: where a peserta is, moving between sections, and knowledge checks.

The position is written the moment it changes, so another device opens the same section.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from db import queries
from db.models import CheckAnswer, Module, ModuleProgress
from netral.core.errors import NotFound, Refusal
from netral.learning.progress import ModuleOverview, module_overview
from netral.learning.scenarios import ScenarioView, scenario_view


@dataclass(frozen=True)
class Section:
    """One section as the page shows it."""

    heading: str
    summary: str
    text: str
    diagram: str
    checks: tuple[dict[str, Any], ...]
    scenario: bool = False
    figure: dict[str, Any] | None = None


@dataclass(frozen=True)
class CheckResult:
    """A knowledge check answered: right or not, the chosen option's feedback, the explanation and the rule."""

    check_key: str
    selected: str
    correct: bool
    feedback: str
    explanation: str
    citations: tuple[str, ...]


@dataclass(frozen=True)
class ModulePage:
    """A module page: the overview, its sections, the current section and what was answered."""

    overview: ModuleOverview
    sections: tuple[Section, ...]
    current: int
    furthest: int
    checks: dict[str, CheckResult]
    scenario: ScenarioView | None = None

    @property
    def section(self) -> Section:
        """The section being read."""
        return self.sections[self.current]

    @property
    def read_through(self) -> bool:
        """Every section has been opened once: the quiz may be started from any section."""
        return self.furthest >= len(self.sections) - 1


def sections_of(module: Module) -> tuple[Section, ...]:
    """The module's stored sections; a module stored without them is one section of its whole material."""
    stored = module.sections or [{"heading": "Materi", "summary": "", "text": module.material, "diagram": "", "checks": []}]
    sections = tuple(
        Section(
            s["heading"],
            s.get("summary", ""),
            s["text"],
            s.get("diagram", ""),
            tuple(s.get("checks", ())),
            figure=s.get("figure"),
        )
        for s in stored
    )
    if module.scenario:  # played after the material, before the quiz
        scenario = module.scenario
        sections += (Section(f"Skenario: {scenario['title']}", "", scenario.get("intro", ""), "", (), scenario=True),)
    return sections


def module_page(session: Session, *, employee_id: int, module_key: str) -> ModulePage | None:
    """Load a module for reading, at the section the employee last opened (on any device)."""
    overview = module_overview(session, employee_id=employee_id, module_key=module_key)
    module = queries.module_by_key(session, module_key)
    if overview is None or module is None:
        return None
    sections = sections_of(module)
    progress = queries.module_progress(session, employee_id, module.id)
    last = len(sections) - 1
    answers = queries.check_answers_of(session, employee_id, module.id)
    checks = {c["key"]: c for s in sections for c in s.checks}
    return ModulePage(
        overview=overview,
        sections=sections,
        current=min(progress.section, last) if progress else 0,
        furthest=min(progress.furthest, last) if progress else 0,
        checks={key: _result(checks[key], row.selected) for key, row in answers.items() if key in checks},
        scenario=scenario_view(session, employee_id=employee_id, module_key=module_key),
    )


def open_section(session: Session, *, employee_id: int, module_key: str, section: int, now: datetime) -> int:
    """Record that the employee now reads `section` (clamped to the module); return the section stored."""
    module = _module(session, module_key)
    index = max(0, min(section, len(sections_of(module)) - 1))
    progress = queries.module_progress(session, employee_id, module.id, for_update=True)
    if progress is None:
        progress = ModuleProgress(employee_id=employee_id, module_id=module.id, section=index, furthest=index, updated_at=now)
        session.add(progress)
    progress.section, progress.furthest, progress.updated_at = index, max(progress.furthest, index), now
    session.flush()
    return index


def answer_check(
    session: Session, *, employee_id: int, module_key: str, check_key: str, selected: str, now: datetime
) -> CheckResult:
    """Store the first answer to a knowledge check (a second tap changes nothing) and return its feedback."""
    module = _module(session, module_key)
    check = next((c for s in sections_of(module) for c in s.checks if c["key"] == check_key), None)
    if check is None:
        raise NotFound("Soal cek pemahaman tidak ditemukan.")
    if selected not in {o["id"] for o in check["options"]}:
        raise Refusal("Pilihan jawaban tidak dikenal.")
    stored = queries.check_answers_of(session, employee_id, module.id).get(check_key)
    if stored is not None:
        return _result(check, stored.selected)
    result = _result(check, selected)
    session.add(
        CheckAnswer(
            employee_id=employee_id,
            module_id=module.id,
            check_key=check_key,
            selected=selected,
            correct=result.correct,
            category=check["category"],
            answered_at=now,
        )
    )
    session.flush()
    return result


def _result(check: dict[str, Any], selected: str) -> CheckResult:
    chosen: dict[str, Any] = next((o for o in check["options"] if o["id"] == selected), {"weight": 0, "feedback": ""})
    return CheckResult(
        check_key=check["key"],
        selected=selected,
        correct=float(chosen["weight"]) >= 100,
        feedback=str(chosen.get("feedback", "")),
        explanation=str(check.get("explanation", "")),
        citations=tuple(str(c["label"]) for c in check.get("legal_basis", ())),
    )


def _module(session: Session, module_key: str) -> Module:
    module = queries.module_by_key(session, module_key)
    if module is None or not module.active:
        raise NotFound("Modul tidak ditemukan.")
    return module
