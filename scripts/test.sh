#!/usr/bin/env bash
# The one test command (`make test`, also CI): installs what the suite needs, runs the linters
# (ruff, ruff format --check, mypy --strict), starts a throwaway PostgreSQL on loopback, runs the
# whole suite against SQLite and PostgreSQL (and the browser tests in Debian's Chromium), then
# stops what it started. Extra arguments go to pytest, e.g. scripts/test.sh -k login
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/venv.sh dev

# The conventions are checked before anything runs: a lint or type error fails the run in seconds.
echo "ruff, ruff format --check, mypy" >&2
.venv/bin/python -m ruff check --quiet .
.venv/bin/python -m ruff format --check --quiet .
.venv/bin/python -m mypy

# nginx by path: /usr/sbin is not on an ordinary user's PATH (tests/e2e/test_replicas.py runs it).
scripts/debian.sh chromium=chromium pdftotext=poppler-utils zbarimg=zbar-tools \
  "/usr/lib/postgresql/*/bin/initdb=postgresql" /usr/sbin/nginx=nginx node=nodejs npm=npm certutil=libnss3-tools

# The independent Open Badges verifier (tests/certificates/test_badges.py), pinned by its lock file.
npm ci --prefix tests/certificates/ob_verifier --no-audit --no-fund --silent

pgdir=""
cleanup() { [ -n "$pgdir" ] && scripts/pg-throwaway.sh stop "$pgdir"; }
trap cleanup EXIT
if started=$(scripts/pg-throwaway.sh start); then
  pgdir=${started%% *}
  export NETRAL_TEST_PG_URL=${started#* }
else
  echo "could not start PostgreSQL; its tests will fail in CI" >&2
fi

.venv/bin/python -m pytest "$@"
