"""A demo server for the probes: a fresh SQLite database with the demo agency, `streamlit run app.py` on loopback."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench.server import ROOT, ServerProcess


@dataclass(frozen=True)
class Demo:
    """The running server and the database it uses (probes read figures from it)."""

    server: ServerProcess
    database_url: str

    @property
    def url(self) -> str:
        """Where the server listens."""
        return self.server.url


@contextmanager
def demo_server() -> Iterator[Demo]:
    """Start the demo on loopback in a temporary folder; stop it and delete the folder afterwards."""
    with tempfile.TemporaryDirectory(prefix="netral-probe-") as folder:
        data = Path(folder)
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{data / 'netral.db'}",
            "NETRAL_DATA_DIR": str(data / "data"),
            "NETRAL_COOKIE_SECRET": "rahasia-probe-" + "p" * 24,
        }
        subprocess.run([sys.executable, "-m", "netral", "demo"], cwd=ROOT, env=env, check=True, capture_output=True)
        server = ServerProcess(script=ROOT / "app.py", env=env, log_path=data / "server.log")
        server.env["NETRAL_BASE_URL"] = server.url
        server.start()
        try:
            yield Demo(server, env["DATABASE_URL"])
        finally:
            server.stop()
