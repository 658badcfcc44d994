"""Import-lock probe (issue 17, finding 5): a 20,000-row roster import from the CLI on SQLite while another process
tries a one-row write every 100 ms; prints how long that writer waited at worst.

Run it alone: `python -m tests.probes.import_lock [ROWS]` (a temporary folder, deleted at the end; bounded by the
import itself). Before the chunked import the other writer waited 31.9 s, past busy_timeout (10 s): an answer given
then was lost.
"""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.server import ROOT
from bench.synthetic import synthetic_name, synthetic_nip


def roster_csv(rows: int) -> str:
    """New employees spread over 12 perangkat daerah and 40 units."""
    rng, lines, seen, index = random.Random(1), ["NIP;Nama;Jabatan;Unit Kerja;Perangkat Daerah;Email"], set(), 0
    while len(lines) <= rows:
        nip, index = synthetic_nip(rng, index), index + 1
        if nip not in seen:
            seen.add(nip)
            lines.append(f"{nip};{synthetic_name(rng)};Analis;Bidang {index % 40};Dinas {index % 12};")
    return "\r\n".join(lines)


def measure(rows: int) -> tuple[float, float, int]:
    """(import seconds, longest wait of the other writer, its writes)."""
    with tempfile.TemporaryDirectory(prefix="netral-lock-") as folder:
        data = Path(folder)
        (data / "pegawai.csv").write_text(roster_csv(rows), encoding="utf-8")
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{data / 'netral.db'}", "NETRAL_DATA_DIR": str(data)}
        subprocess.run([sys.executable, "-m", "netral", "db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True)
        waits: list[float] = []
        stop = threading.Event()

        def other_writer() -> None:
            connection = sqlite3.connect(data / "netral.db", timeout=120, isolation_level=None)
            connection.execute("create table if not exists probe (x)")
            while not stop.is_set():
                started = time.perf_counter()
                connection.execute("begin immediate")  # as Netral's writers do: the wait is for the write lock
                waits.append(time.perf_counter() - started)
                connection.execute("insert into probe values (1)")
                connection.execute("commit")
                time.sleep(0.1)
            connection.close()

        writer = threading.Thread(target=other_writer)
        writer.start()
        started = time.perf_counter()
        command = [sys.executable, "-m", "netral", "roster", "import", str(data / "pegawai.csv")]
        subprocess.run([*command, "--passwords", str(data / "sandi.xlsx")], cwd=ROOT, env=env, check=True, capture_output=True)
        seconds = time.perf_counter() - started
        stop.set()
        writer.join()
    return seconds, max(waits), len(waits)


def main() -> int:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    seconds, worst, writes = measure(rows)
    print(f"{rows} rows imported in {seconds:.1f} s; the other writer wrote {writes}x, longest wait {worst:.2f} s")
    return 0 if worst < 10 else 1  # 10 s: SQLite's busy_timeout, past which a write fails


if __name__ == "__main__":
    sys.exit(main())
