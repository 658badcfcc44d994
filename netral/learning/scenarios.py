"""Playing a module's branching scenario: the node a peserta stands at, each choice stored, back one step.

Every move names the step it was made from, so a double tap (or a tap resent after a lost connection)
records one choice; the run lives in the database, so a reload or another device resumes at the same node.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from db import queries
from db.models import Module, ScenarioChoice, ScenarioRun
from netral.core.errors import NotFound, Refusal
from netral.cycles.current import current_cycle


@dataclass(frozen=True)
class Played:
    """The last choice made: what it said, its consequence and its legal basis."""

    text: str
    consequence: str
    sound: bool
    citations: tuple[str, ...]


@dataclass(frozen=True)
class ScenarioView:
    """Where the peserta stands in a module's scenario."""

    module_key: str
    title: str
    intro: str
    step: int
    node: dict[str, Any] | None
    ending: dict[str, Any] | None
    last: Played | None
    can_go_back: bool
    started: bool
    path: tuple[Played, ...]


def scenario_view(session: Session, *, employee_id: int, module_key: str) -> ScenarioView | None:
    """The scenario of a module as this employee left it, or None if the module has none."""
    module = _module(session, module_key)
    scenario = module.scenario
    if not scenario:
        return None
    run = queries.open_run(session, employee_id, module.id, cycle_id=_cycle_id(session, employee_id, None))
    return _view(module_key, scenario, run, queries.live_choices(session, run.id) if run else [])


def choose(session: Session, *, employee_id: int, module_key: str, step: int, choice_id: str, now: datetime) -> ScenarioView:
    """Take a choice at the node reached by `step`; a repeated tap (an older step) changes nothing."""
    scenario, run = _run_for_update(session, employee_id, module_key, now)
    if run.step != step or run.ending is not None:
        return _view(module_key, scenario, run, queries.live_choices(session, run.id))
    node = scenario["nodes"][run.node]
    choice = next((c for c in node["choices"] if c["id"] == choice_id), None)
    if choice is None:
        raise Refusal("Pilihan tidak dikenal di situasi ini.")
    session.add(
        ScenarioChoice(
            run_id=run.id,
            step=run.step,
            node=run.node,
            choice=choice_id,
            category=choice["category"],
            sound=choice["sound"],
            undone=False,
            chosen_at=now,
        )
    )
    run.step += 1
    target = choice["next"]
    if target in scenario["endings"]:
        run.ending, run.score, run.finished_at = target, int(scenario["endings"][target]["score"]), now
    else:
        run.node = target
    session.flush()
    return _view(module_key, scenario, run, queries.live_choices(session, run.id))


def go_back(session: Session, *, employee_id: int, module_key: str, step: int, now: datetime) -> ScenarioView:
    """Take the last choice back, when the author allows it at this node (the choice stays on record, undone)."""
    scenario, run = _run_for_update(session, employee_id, module_key, now)
    choices = queries.live_choices(session, run.id)
    if run.step == step and run.ending is None and _can_go_back(scenario, run, choices):
        last = choices[-1]
        last.undone = True
        run.node, run.step = last.node, run.step + 1
        session.flush()
        choices = choices[:-1]
    return _view(module_key, scenario, run, choices)


def play_again(session: Session, *, employee_id: int, module_key: str, now: datetime) -> ScenarioView:
    """Start a new run after an ending (the finished run stays: the module's scenario counts as played)."""
    module = _module(session, module_key)
    cycle_id = _cycle_id(session, employee_id, now)
    run = queries.open_run(session, employee_id, module.id, cycle_id=cycle_id, for_update=True)
    if module.scenario and (run is None or run.ending is not None):
        run = _new_run(session, employee_id, module, now, cycle_id)
    return _view(module_key, module.scenario or {}, run, queries.live_choices(session, run.id) if run else [])


def _run_for_update(session: Session, employee_id: int, module_key: str, now: datetime) -> tuple[dict[str, Any], ScenarioRun]:
    module = _module(session, module_key)
    if not module.scenario:
        raise NotFound("Modul ini tidak memiliki skenario.")
    queries.lock_employee(session, employee_id)
    cycle_id = _cycle_id(session, employee_id, now)
    run = queries.open_run(session, employee_id, module.id, cycle_id=cycle_id, for_update=True)
    if run is None:
        run = _new_run(session, employee_id, module, now, cycle_id)
    if run.ending is None and run.node not in module.scenario["nodes"]:
        raise Refusal("Skenario ini sudah diubah; mulai lagi dari awal.")
    return module.scenario, run


def _cycle_id(session: Session, employee_id: int, now: datetime | None) -> int | None:
    """The open cycle a run belongs to: a scenario played in an earlier cycle is played again in the next."""
    cycle = current_cycle(session, employee_id=employee_id, now=now)
    return cycle.id if cycle else None


def _new_run(session: Session, employee_id: int, module: Module, now: datetime, cycle_id: int | None) -> ScenarioRun:
    scenario = module.scenario or {}
    run = ScenarioRun(
        employee_id=employee_id, module_id=module.id, cycle_id=cycle_id, node=scenario["start"], step=0, started_at=now
    )
    session.add(run)
    session.flush()
    return run


def _can_go_back(scenario: dict[str, Any], run: ScenarioRun, choices: list[ScenarioChoice]) -> bool:
    node = scenario["nodes"].get(run.node)
    return bool(scenario.get("allow_back") and choices and node is not None and node.get("back", True))


def _played(scenario: dict[str, Any], row: ScenarioChoice) -> Played:
    node = scenario["nodes"].get(row.node, {"choices": []})
    choice = next((c for c in node["choices"] if c["id"] == row.choice), None) or {"text": row.choice, "consequence": ""}
    citations = tuple(c["label"] for c in choice.get("legal_basis", ()))
    return Played(choice["text"], choice["consequence"], row.sound, citations)


def _view(module_key: str, scenario: dict[str, Any], run: ScenarioRun | None, choices: list[ScenarioChoice]) -> ScenarioView:
    ending = scenario["endings"].get(run.ending) if run is not None and run.ending else None
    node = None if ending is not None else scenario["nodes"].get(run.node if run else scenario.get("start", ""))
    path = tuple(_played(scenario, row) for row in choices)
    return ScenarioView(
        module_key=module_key,
        title=scenario.get("title", ""),
        intro=scenario.get("intro", ""),
        step=run.step if run else 0,
        node=node,
        ending=ending,
        last=path[-1] if path else None,
        can_go_back=run is not None and ending is None and _can_go_back(scenario, run, choices),
        started=run is not None,
        path=path,
    )


def _module(session: Session, module_key: str) -> Module:
    module = queries.module_by_key(session, module_key)
    if module is None or not module.active:
        raise NotFound("Modul tidak ditemukan.")
    return module
