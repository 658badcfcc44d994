#!/usr/bin/env bash
# The one test command (`make test`, also CI): installs what the suite needs, starts a
# throwaway PostgreSQL on loopback, runs the whole suite against SQLite and PostgreSQL
# (and the browser tests in Debian's Chromium), then stops what it started.
# Extra arguments go to pytest, e.g. scripts/test.sh -k login
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/venv.sh dev

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
command -v zbarimg >/dev/null || missing+=(zbar-tools)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing Debian packages: ${missing[*]}" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
  else
    echo "missing Debian packages (${missing[*]}); the tests that need them fail in CI" >&2
  fi
fi

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
