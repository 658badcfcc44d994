"""The agency's completion rule: which steps (modules, exam, pakta) a certificate requires."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from netral.core.agency_store import read_setting, save_setting
from netral.core.enums import AuditAction, CompletionStep
from netral.core.errors import Refusal
from netral.people.authority import Actor, acting_scope, actor_account_id

SETTING_KEY = "completion"
# Required unless the agency says otherwise; scenarios are optional until an agency requires them.
DEFAULT_STEPS = frozenset({CompletionStep.MODULES, CompletionStep.EXAM, CompletionStep.PAKTA})


class RuleRefused(Refusal):
    """A completion rule that cannot be saved; the message says why."""


@dataclass(frozen=True)
class CompletionRule:
    """Which steps are required; by default modules, exam and pakta."""

    steps: frozenset[CompletionStep] = DEFAULT_STEPS

    def requires(self, step: CompletionStep) -> bool:
        """Whether `step` must be done before a certificate is issued."""
        return step in self.steps

    def as_setting(self) -> dict[str, bool]:
        """The stored form: {"modules": true, "exam": true, "pakta": false}."""
        return {step.value: step in self.steps for step in CompletionStep}


def completion_rule(session: Session) -> CompletionRule:
    """The agency's rule for a certificate."""
    stored = read_setting(session, SETTING_KEY, CompletionRule().as_setting())
    return CompletionRule(frozenset(step for step in CompletionStep if stored.get(step.value, step in DEFAULT_STEPS)))


def set_completion_rule(session: Session, *, actor: Actor, rule: Mapping[str, bool], now: datetime) -> CompletionRule:
    """Change the completion rule (super admins, audited); at least the modules or the exam must stay required."""
    acting_scope(session, actor, whole_agency=True)
    chosen = CompletionRule(frozenset(step for step in CompletionStep if bool(rule.get(step.value, step in DEFAULT_STEPS))))
    if not (chosen.requires(CompletionStep.MODULES) or chosen.requires(CompletionStep.EXAM)):
        raise RuleRefused("Minimal salah satu wajib: lulus semua modul, atau lulus ujian sertifikasi.")
    save_setting(
        session,
        key=SETTING_KEY,
        value=chosen.as_setting(),
        action=AuditAction.COMPLETION_RULE,
        actor_account_id=actor_account_id(actor),
        now=now,
    )
    return chosen
