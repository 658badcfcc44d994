"""Streamlit servers for benchmarks: `streamlit run` on loopback with Netral's config, measured through /proc."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parents[1]
_TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    """A TCP port nobody listens on, on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class ServerProcess:
    """One `streamlit run SCRIPT` process, started from the repository so `.streamlit/config.toml` applies."""

    script: Path
    env: dict[str, str]
    log_path: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    _log: IO[bytes] | None = None

    @property
    def url(self) -> str:
        """Where the server listens."""
        return f"http://127.0.0.1:{self.port}"

    def start(self, *, wait: bool = True) -> ServerProcess:
        """Start the server; with `wait`, return once /_stcore/health says ok."""
        command = [sys.executable, "-m", "streamlit", "run", str(self.script), "--server.address", "127.0.0.1"]
        command += ["--server.port", str(self.port), "--server.headless", "true", "--browser.gatherUsageStats", "false"]
        self._log = self.log_path.open("ab")
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=self._log, stderr=subprocess.STDOUT)
        if wait:
            self.wait_healthy()
        return self

    def wait_healthy(self, timeout: float = 90) -> None:
        """Block until the server answers its health check; raise with the log's tail if it never does."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.read() == b"ok":
                        return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"server on port {self.port} did not start:\n{self.log_path.read_text()[-2000:]}")

    def stop(self, *, kill: bool = False) -> None:
        """Stop the server (SIGKILL when `kill`, as a crash would) and wait for it."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)
        if self._log is not None:
            self._log.close()
            self._log = None

    def cpu_seconds(self) -> float:
        """User plus system CPU time the server process has used so far."""
        fields = self._stat().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _TICKS

    def rss_mb(self) -> float:
        """Resident memory of the server process, in MiB."""
        for line in Path(f"/proc/{self._pid()}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("VmRSS missing")

    def _stat(self) -> str:
        return Path(f"/proc/{self._pid()}/stat").read_text()

    def _pid(self) -> int:
        if self.process is None:
            raise RuntimeError("server not started")
        return self.process.pid
