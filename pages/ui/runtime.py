"""The process's settings and database engine, as the pages see them."""

from __future__ import annotations

import os

from sqlalchemy import Engine

from db import engine_for
from netral.content.bank import Bank, load_bank
from netral.core.settings import ENVIRONMENT, Settings
from netral.startup import wire

_cache: dict[tuple[str | None, ...], Settings] = {}
_registries: dict[str, Bank] = {}


def settings() -> Settings:
    """Settings from the environment, parsed once per distinct environment."""
    key = tuple(os.environ.get(name) for name in ENVIRONMENT)
    if key not in _cache:
        _cache[key] = Settings.from_env()
        wire(_cache[key])  # a page may submit an attempt: the learning context must be listening
    return _cache[key]


def engine() -> Engine:
    """The process-wide engine for the configured database."""
    return engine_for(settings().database_url)


def registry() -> Bank:
    """The validated question bank files (sources, categories, modules), read once per process."""
    folder = str(settings().questions_dir)
    if folder not in _registries:
        _registries[folder] = load_bank(settings().questions_dir)
    return _registries[folder]
