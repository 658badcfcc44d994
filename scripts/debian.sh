#!/usr/bin/env bash
# Install the Debian packages that are missing, given as CHECK=PACKAGE pairs, where CHECK is a
# command name or a file path (globs allowed). Installs only as root on Debian; otherwise says
# what is missing and carries on (what needs it then fails, never silently skips, in CI).
# Usage: scripts/debian.sh chromium=chromium /usr/share/fonts/truetype/noto/NotoSans-Regular.ttf=fonts-noto-core
set -euo pipefail

missing=()
for pair in "$@"; do
  check=${pair%%=*} package=${pair#*=}
  if [[ $check == /* ]]; then
    compgen -G "$check" >/dev/null || missing+=("$package")
  else
    command -v "$check" >/dev/null || missing+=("$package")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing Debian packages: ${missing[*]}" >&2
  # Packages with a service (nginx, postgresql) start it on install: a system nginx on port 80
  # and a system PostgreSQL cluster nobody asked for. The tests start their own on loopback, so
  # a policy-rc.d answering 101 ("action forbidden") keeps invoke-rc.d and deb-systemd-invoke
  # from starting anything during this install; it is removed again, and one already there is kept.
  policy=/usr/sbin/policy-rc.d
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\n# temporary, written by netral scripts/debian.sh\nexit 101\n' >"$policy"
    chmod 755 "$policy"
    trap 'rm -f "$policy"' EXIT
  fi
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
else
  echo "missing Debian packages: ${missing[*]}" >&2
fi
