"""Debian's nginx on loopback, running deploy/nginx.conf.template exactly as an operator renders it (the replica
browser tests and the sosialisasi hall benchmark)."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from bench.server import ROOT, free_port

TEMPLATE = ROOT / "deploy" / "nginx.conf.template"
PLACEHOLDER = re.compile(r"\$\{(NETRAL_[A-Z_]+)\}")
# Debian installs it in /usr/sbin, which is not on an ordinary user's PATH.
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

# What Debian's /etc/nginx/nginx.conf would provide around the site file, with every path
# inside the test's directory (Debian's build defaults point at /var/lib/nginx and /run).
MAIN_CONF = """\
{user}worker_processes 2;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log info;
events {{ worker_connections {connections}; }}
http {{
    client_body_temp_path {prefix}/temp/body;
    proxy_temp_path {prefix}/temp/proxy;
    fastcgi_temp_path {prefix}/temp/fastcgi;
    uwsgi_temp_path {prefix}/temp/uwsgi;
    scgi_temp_path {prefix}/temp/scgi;
    include {site};
}}
"""


def placeholders(template: str) -> set[str]:
    """The ${NETRAL_...} names a template expects."""
    return set(PLACEHOLDER.findall(template))


def render(template: str, values: dict[str, str]) -> str:
    """Fill in the ${NETRAL_...} placeholders and nothing else, as `envsubst 'LIST'` does."""
    missing = placeholders(template) - values.keys()
    if missing:
        raise KeyError(f"no value for {sorted(missing)}")
    return PLACEHOLDER.sub(lambda match: values[match[1]], template)


@dataclass
class Nginx:
    """nginx in the foreground with its pid, logs and temp files under `prefix`."""

    prefix: Path
    nodes: tuple[str, str]
    # Debian's default is 768; a hall of phones holding long polls needs two per phone (client and upstream).
    connections: int = 256
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    _log: IO[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def access_log(self) -> Path:
        return self.prefix / "netral-access.log"

    def write_config(self) -> Path:
        for temp in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.prefix / "temp" / temp).mkdir(parents=True, exist_ok=True)
        site_extra = self.prefix / "site-extra.conf"
        site_extra.write_text("# TLS lines go here in production; plain HTTP on loopback in the test.\n")
        site = self.prefix / "netral.conf"
        site.write_text(
            render(
                TEMPLATE.read_text(),
                {
                    "NETRAL_LISTEN": f"127.0.0.1:{self.port}",
                    "NETRAL_SERVER_NAME": "127.0.0.1",
                    "NETRAL_NODE_A": self.nodes[0],
                    "NETRAL_NODE_B": self.nodes[1],
                    "NETRAL_LOG_DIR": str(self.prefix),
                    "NETRAL_SITE_INCLUDE": str(site_extra),
                },
            )
        )
        # As root the workers would drop to `nobody`, who cannot enter pytest's 0700 directories.
        user = "user root;\n" if os.geteuid() == 0 else ""
        main = self.prefix / "nginx.conf"
        main.write_text(MAIN_CONF.format(user=user, prefix=self.prefix, site=site, connections=self.connections))
        return main

    def command(self, conf: Path, *extra: str) -> list[str]:
        return [NGINX, "-p", str(self.prefix), "-c", str(conf), *extra]

    def start(self) -> Nginx:
        conf = self.write_config()
        checked = subprocess.run(self.command(conf, "-t"), capture_output=True, text=True)
        if checked.returncode != 0:
            raise RuntimeError(f"nginx rejected the rendered template:\n{checked.stderr}")
        self._log = (self.prefix / "nginx.out").open("ab")
        self.process = subprocess.Popen(
            self.command(conf, "-g", "daemon off;"), stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.stop()
                raise RuntimeError(f"nginx exited early:\n{(self.prefix / 'error.log').read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.read() == b"ok":
                        return self
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("nginx did not answer on its port")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # fast shutdown: closes the websockets too
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)  # its own group: the master and its workers
                self.process.wait(timeout=15)
        if self._log is not None:
            self._log.close()
            self._log = None
