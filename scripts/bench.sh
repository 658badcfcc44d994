#!/usr/bin/env bash
# `make bench`: installs what the benchmarks need, then runs `python -m netral bench` with any
# arguments given (e.g. scripts/bench.sh --quick --json). The upstream Noto Sans files from
# fonts-noto-core are the naive certificate baseline (what a first fpdf2 version would embed).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/venv.sh
scripts/debian.sh /usr/share/fonts/truetype/noto/NotoSans-Bold.ttf=fonts-noto-core
.venv/bin/python -m netral bench "$@"
