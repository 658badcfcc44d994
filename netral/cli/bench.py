"""`python -m netral bench`: measure, compare with baselines from the same run, print or write the figures."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import bench
from netral.core.settings import Settings

DOCS_TABLE = Path("docs") / "benchmarks.md"


def register(commands: Any) -> None:
    """Add the bench command."""
    parser = commands.add_parser("bench", help="ukur kinerja terhadap baseline yang diukur pada saat yang sama")
    parser.add_argument("names", nargs="*", choices=[[], *bench.registry()], metavar="NAMA", help="benchmark tertentu saja")
    parser.add_argument("--quick", action="store_true", help="sampel lebih sedikit (di bawah 5 menit)")
    parser.add_argument("--json", action="store_true", help="satu objek JSON ke stdout")
    parser.add_argument("--markdown", type=Path, help=f"tulis tabel Markdown (lari lengkap: {DOCS_TABLE})")
    parser.set_defaults(handler=_bench)


def _bench(args: argparse.Namespace, _settings: Settings) -> int:
    figures = bench.run(args.names, quick=args.quick, log=lambda line: print(line, file=sys.stderr))
    command = "python -m netral bench" + (" --quick" if args.quick else "") + "".join(f" {n}" for n in args.names)
    target = args.markdown or (DOCS_TABLE if not args.quick and not args.names else None)
    if target is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(bench.as_markdown(figures, quick=args.quick, command=command), encoding="utf-8")
    if args.json:
        print(bench.as_json(figures))
    else:
        for f in figures:
            mark = "OK " if f.meets else "TIDAK"
            print(
                f"[{mark}] {f.title}: {f.value:.3g} {f.unit} | baseline {f.baseline:.3g} {f.unit} ({f.baseline_label}) "
                f"| rasio {f.ratio:.3f} | target {f.target}\n        {f.note}"
            )
    return 0 if all(f.meets for f in figures) else 3
