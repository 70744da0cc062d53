#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on loopback for the tests, in a temporary folder, and prints one line:
# the Npgsql connection string of its admin database. Installs PostgreSQL from Debian's packages when it is missing
# and we are root (CI). Stop it with: tests/postgres/stop-postgres.sh <that folder> (the folder is printed to stderr).
set -euo pipefail
port="${1:-55432}"

find_bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
bindir="$(find_bindir)"
if [ -z "$bindir" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing PostgreSQL from the Debian packages..." >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    bindir="$(find_bindir)"
  fi
fi
if [ -z "$bindir" ]; then
  echo "PostgreSQL is not installed: install it (apt-get install postgresql) or set SFHSSYNC_TEST_POSTGRES to a server's connection string." >&2
  exit 3
fi

dir="$(mktemp -d /tmp/sfhssync-pg.XXXXXX)"
as_owner=()
if [ "$(id -u)" = 0 ]; then
  # initdb refuses to run as root: the server runs as the postgres user, as Debian's own cluster does.
  chown postgres:postgres "$dir"
  as_owner=(runuser -u postgres --)
fi
"${as_owner[@]}" "$bindir/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 >"$dir/initdb.log" 2>&1
"${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200 -c fsync=off" start >/dev/null
echo "$dir" >&2
echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
