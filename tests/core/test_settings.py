"""The settings the pages cache are keyed on the environment variables Settings reads: no more, no fewer."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import pytest

from netral.core.settings import ENVIRONMENT, Settings
from pages.ui import runtime


class _Recording(Mapping[str, str]):
    """An environment that remembers every name asked for."""

    def __init__(self, values: dict[str, str]) -> None:
        self.given, self.asked = values, set[str]()

    def __getitem__(self, name: str) -> str:
        self.asked.add(name)
        return self.given[name]

    def get(self, name: str, default: object = None) -> object:  # type: ignore[override]
        self.asked.add(name)
        return self.given.get(name, default)

    def __iter__(self) -> Iterator[str]:
        raise AssertionError("Settings.from_env must ask for names, not walk the environment")

    def __len__(self) -> int:
        return len(self.given)


def test_every_variable_settings_reads_is_listed() -> None:
    environment = _Recording({"NETRAL_SIGNING_KEY": "/tmp/kunci.pem"})
    Settings.from_env(environment)
    assert environment.asked == set(ENVIRONMENT)


def test_a_changed_variable_gives_new_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    monkeypatch.setenv("NETRAL_AGENCY_NAME", "Kabupaten Satu")
    first = runtime.settings()
    assert runtime.settings() is first  # cached while nothing changes
    monkeypatch.setenv("NETRAL_AGENCY_NAME", "Kabupaten Dua")
    assert runtime.settings().agency_name == "Kabupaten Dua"
    monkeypatch.setenv("NETRAL_BUKAN_PENGATURAN", "x")  # not a setting: the cached settings stay
    assert runtime.settings().agency_name == "Kabupaten Dua"
