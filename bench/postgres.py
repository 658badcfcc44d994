"""A PostgreSQL database for a benchmark: in the operator's cluster, or in a throwaway one started and stopped here."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PG_SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "pg-throwaway.sh"


@contextmanager
def postgresql_database() -> Iterator[tuple[str, str]]:
    """A fresh database in NETRAL_BENCH_PG_URL's cluster, or in a throwaway cluster started (and stopped) here."""
    server, folder, origin = os.environ.get("NETRAL_BENCH_PG_URL", ""), "", "cluster of NETRAL_BENCH_PG_URL"
    if not server:
        origin = "throwaway cluster (scripts/pg-throwaway.sh)"
        started = subprocess.run([str(PG_SCRIPT), "start"], capture_output=True, text=True, timeout=900, check=False)
        if started.returncode != 0 or not started.stdout.strip():
            raise RuntimeError(f"pg-throwaway.sh start failed: {started.stderr.strip()[-300:]}")
        folder, server = started.stdout.strip().splitlines()[-1].split()
    try:
        name = f"netral_bench_hr_{os.getpid()}"
        admin = create_engine(server, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield make_url(server).set(database=name).render_as_string(hide_password=False), origin
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
    finally:
        if folder:
            subprocess.run([str(PG_SCRIPT), "stop", folder], capture_output=True, timeout=120, check=False)
