"""A migration killed half-way leaves the database as it was, and the next start finishes it."""

from __future__ import annotations

import signal
import subprocess
import sys

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from db.migrate import current_revision, head_revision, upgrade
from db.models import Base
from tests.conftest import ROOT

# Runs the upgrade in a child process that SIGKILLs itself on the first statement of migration 0005,
# after 0004 has already run inside the same transaction: a crash in the middle, not between migrations.
KILL_MID_MIGRATION = """
import os, signal, sys
from sqlalchemy import event
from db import make_engine
from db.migrate import upgrade

engine = make_engine(sys.argv[1])

@event.listens_for(engine, "before_cursor_execute")
def crash(conn, cursor, statement, parameters, context, executemany):
    if "CREATE TABLE category_tallies" in statement:
        os.kill(os.getpid(), signal.SIGKILL)

upgrade(engine)
"""


def test_a_migration_killed_midway_changes_nothing_and_the_next_start_finishes_it(blank_engine):
    upgrade(blank_engine, "0003")
    url = blank_engine.url.render_as_string(hide_password=False)
    child = subprocess.run([sys.executable, "-c", KILL_MID_MIGRATION, url], cwd=ROOT, capture_output=True, timeout=120)
    assert child.returncode == -signal.SIGKILL, child.stderr.decode()[-2000:]
    blank_engine.dispose()  # the child's connection died with it; start fresh as a restarted server would
    assert current_revision(blank_engine) == "0003"
    columns = {c["name"] for c in inspect(blank_engine).get_columns("certificates")}
    assert "payload_signature" not in columns  # 0004 ran in the killed transaction and was rolled back
    upgrade(blank_engine)
    assert current_revision(blank_engine) == head_revision()
    with blank_engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
