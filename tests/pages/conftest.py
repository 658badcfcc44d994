"""Fixtures of the page tests (AppTest, no browser): a database with a peserta, an admin and a newcomer."""

from __future__ import annotations

import pytest
from streamlit.runtime.pages_manager import PagesManager

from db import make_engine, transaction
from netral.content.loading import sync_bank
from netral.core.dates import utcnow
from netral.core.enums import Role
from tests.conftest import FIXTURE_BANK
from tests.factories import add_person
from tests.pages.apptest import SECRET, People


@pytest.fixture(autouse=True)
def _routing_as_our_server_does(monkeypatch):
    """AppTest resets the legacy pages/ flag before every run; Netral's server clears it at start-up (pages/ui/server.py)."""
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


@pytest.fixture
def people(db_url, tmp_path, monkeypatch, bank):
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("NETRAL_QUESTIONS_DIR", str(FIXTURE_BANK))
    monkeypatch.setenv("NETRAL_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("NETRAL_COOKIE_SECRET", SECRET)
    engine = make_engine(db_url)
    with transaction(engine) as session:
        sync_bank(session, bank, now=utcnow())
        found = People(
            peserta=add_person(session, name="Budi <b>Santoso</b> [klik](http://x)").employee.nip,
            admin=add_person(session, name="Rina Admin", role=Role.SUPER_ADMIN).employee.nip,
            newcomer=add_person(session, name="Pegawai Baru", password="Awal#2024", must_change=True).employee.nip,
            engine=engine,
        )
    yield found
    engine.dispose()
