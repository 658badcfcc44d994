#!/usr/bin/env bash
# `make bench`: installs what the benchmarks need, then runs `python -m netral bench` with any
# arguments given (e.g. scripts/bench.sh --quick --json). The upstream Noto Sans files from
# fonts-noto-core are the naive certificate baseline (what a first fpdf2 version would embed).
# The HR benchmark measures PostgreSQL too: in the cluster of NETRAL_BENCH_PG_URL (in a database of
# its own, dropped afterwards) or else in a throwaway cluster from scripts/pg-throwaway.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/venv.sh dev  # Playwright: the first-load figure drives Debian's Chromium
scripts/debian.sh /usr/share/fonts/truetype/noto/NotoSans-Bold.ttf=fonts-noto-core \
  '/usr/lib/postgresql/*/bin/initdb=postgresql' chromium=chromium
.venv/bin/python -m netral bench "$@"
