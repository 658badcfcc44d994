"""The agency's completion rule: all three steps by default, at least modules or exam, super admins only."""

import pytest

from db import reading, transaction
from netral.core.enums import CompletionStep
from netral.core.errors import NotAllowed
from netral.learning.rule import RuleRefused, completion_rule, set_completion_rule
from tests.conftest import T0
from tests.factories import add_person, as_actor


def test_the_completion_rule_defaults_and_keeps_at_least_one_requirement(synced):
    with transaction(synced) as session:
        admin = as_actor(add_person(session, name="Admin", role="super_admin"))
        assert completion_rule(session).as_setting() == {"modules": True, "exam": True, "pakta": True, "scenarios": False}
        with pytest.raises(RuleRefused, match="Minimal salah satu"):
            set_completion_rule(session, actor=admin, rule={"modules": False, "exam": False, "pakta": True}, now=T0)
        set_completion_rule(session, actor=admin, rule={"modules": True, "exam": False, "pakta": True}, now=T0)
    with reading(synced) as session:
        assert not completion_rule(session).requires(CompletionStep.EXAM)


def test_only_a_super_admin_changes_the_completion_rule(synced):
    with transaction(synced) as session:
        unit_admin = as_actor(add_person(session, name="Admin Dinas", role="admin_pd"))
        peserta = as_actor(add_person(session, name="Peserta"))
        for actor in (unit_admin, peserta):
            with pytest.raises(NotAllowed):
                set_completion_rule(session, actor=actor, rule={"modules": True, "exam": False, "pakta": False}, now=T0)
        assert completion_rule(session).requires(CompletionStep.EXAM)
