#!/usr/bin/env bash
# Create .venv and install the pinned requirements when they changed.
#   scripts/venv.sh          runtime requirements (make run)
#   scripts/venv.sh dev      runtime + test and tooling requirements (make test)
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || { echo "Netral needs Python 3.11 or newer ($python is $("$python" --version 2>&1))" >&2; exit 1; }
files=requirements.txt
[ "${1:-}" = dev ] && files="requirements.txt requirements-dev.txt"
stamp=".venv/.installed-$(cat $files | sha256sum | cut -c1-16)"
[ -f "$stamp" ] && exit 0
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
for file in $files; do
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$file"
done
rm -f .venv/.installed-*
touch "$stamp"
