#!/usr/bin/env bash
# Restarts a server started by start-postgres.sh (same folder, port and options), as an administrator's restart
# would: sessions are ended, connections refused until it is up again. Returns once it accepts connections.
set -euo pipefail
dir="$1"
bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
as_owner=()
[ "$(id -u)" = 0 ] && as_owner=(runuser -u postgres --)
"${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -m fast -w -t 60 restart >/dev/null
