#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster on a loopback port in a temporary directory.
#   scripts/pg-throwaway.sh start   -> prints "PGDIR URL" (the directory to pass to stop)
#   scripts/pg-throwaway.sh stop DIR
# Installs Debian's postgresql when missing (as root). Exits non-zero when it cannot.
set -euo pipefail

find_bindir() {
  local candidate
  for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$candidate/initdb" ] && { echo "$candidate"; return 0; }
  done
  return 1
}

as_owner() {  # PostgreSQL refuses to run as root: use the postgres system user then.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    if ! bindir=$(find_bindir); then
      if [ "$(id -u)" != 0 ]; then echo "PostgreSQL is not installed and this user cannot apt-get install it" >&2; exit 1; fi
      echo "installing Debian postgresql ..." >&2
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2
      bindir=$(find_bindir) || { echo "postgresql installation failed" >&2; exit 1; }
    fi
    dir=$(mktemp -d /tmp/netral-pg.XXXXXX)
    chmod 755 "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    # Throwaway: durability off for speed (the crash-safety tests start their own cluster).
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "$dir postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    dir=${2:?usage: $0 stop DIR}
    bindir=$(find_bindir) || exit 0
    [ -d "$dir/data" ] && as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
