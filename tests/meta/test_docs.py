"""The README stays true: demo logins and settings are documented."""

import dataclasses
import re

from netral.core.settings import Settings
from netral.demo import demo_logins
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text()


def test_every_demo_login_is_in_the_readme():
    for _role, nip, name, password in demo_logins():
        assert f"| {nip} | {password} | {name} |" in README


def test_every_environment_setting_is_in_the_readme():
    source = (ROOT / "netral" / "core" / "settings.py").read_text()
    names = {"DATABASE_URL"} | set(re.findall(r'"(NETRAL_[A-Z_]+)"', source))
    assert len(names) == len(dataclasses.fields(Settings))
    for name in names:
        assert f"`{name}`" in README, name


def test_the_readme_names_the_two_commands_and_ci_runs_the_test_one():
    assert "make run" in README and "make test" in README
    assert "make test" in (ROOT / ".ci" / "run").read_text()
