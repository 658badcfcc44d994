#!/usr/bin/env bash
# Restart this host's Netral processes one at a time, each only once the one before answers its
# health check again, so nginx always has live processes to send browsers to. A browser whose
# process restarts is re-pinned by nginx to another one and stays logged in (docs/deploy.md).
# Usage: netral-recycle.sh PORT...      e.g. netral-recycle.sh 8501 8502 8503 8504
set -euo pipefail

healthy() { [ "$(curl -fsS --max-time 2 "http://127.0.0.1:$1/_stcore/health" 2>/dev/null)" = ok ]; }

for port in "$@"; do
  systemctl restart "netral@$port"
  for _ in $(seq 120); do
    healthy "$port" && break
    sleep 1
  done
  healthy "$port" || { echo "netral@$port is not healthy after its restart; stopping here" >&2; exit 1; }
  sleep 30  # let the browsers it dropped settle on the others before taking the next one away
done
