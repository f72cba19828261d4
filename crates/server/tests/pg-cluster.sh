#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the server tests.
#
#   crates/server/tests/pg-cluster.sh start <dir> <port>   # prints the URL to use as TEST_DATABASE_URL
#   crates/server/tests/pg-cluster.sh stop  <dir>  [port]
#
# The cluster lives in <dir>/data, listens on 127.0.0.1:<port> only, trusts
# local connections (no password) and runs without fsync (tests only). When
# run as root it runs the server as the `postgres` user. Tests create one
# schema per test inside the `postgres` database, so one cluster serves them all.
set -euo pipefail

cmd=${1:-}
dir=${2:-}
port=${3:-55432}
if [[ -z "$cmd" || -z "$dir" ]]; then
    echo "usage: $0 start|stop <dir> [port]" >&2
    exit 2
fi

bindir=${PG_BINDIR:-}
if [[ -z "$bindir" ]]; then
    if command -v pg_ctl >/dev/null 2>&1; then
        bindir=$(dirname "$(command -v pg_ctl)")
    else
        bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    fi
fi
[[ -x "$bindir/pg_ctl" ]] || { echo "pg_ctl not found (set PG_BINDIR)" >&2; exit 1; }

as_pg() {
    if [[ $(id -u) -eq 0 ]]; then
        su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
    else
        "$@"
    fi
}

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
data="$dir/data"

case "$cmd" in
start)
    if [[ $(id -u) -eq 0 ]]; then chown postgres "$dir"; fi
    if [[ ! -f "$data/PG_VERSION" ]]; then
        as_pg "$bindir/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
            || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    if ! as_pg "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        as_pg "$bindir/pg_ctl" -D "$data" -l "$dir/postgres.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
            start >/dev/null || { cat "$dir/postgres.log" >&2; exit 1; }
    fi
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
stop)
    if [[ -f "$data/PG_VERSION" ]]; then
        as_pg "$bindir/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    ;;
*)
    echo "usage: $0 start|stop <dir> [port]" >&2
    exit 2
    ;;
esac
