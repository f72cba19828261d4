#!/usr/bin/env bash
# Starts the real server for the end-to-end suite: the built dist/, a fresh
# SQLite database in a temp dir, and two staff accounts the tests log in with.
set -euo pipefail
port=${1:-8090}
root="$(cd "$(dirname "$0")/../.." && pwd)"
bin="$root/target/debug/tongji-server"
data="$(mktemp -d /tmp/tongji-e2e.XXXXXX)"
echo "e2e data dir: $data"
echo "staff-pass-1" | "$bin" user add --username staff1 --name "王磊" --role staff --data "$data"
echo "staff-pass-2" | "$bin" user add --username staff2 --name "李娜" --role staff --data "$data"
echo "admin-pass-1" | "$bin" user add --username admin1 --name "管理员" --role admin --data "$data"
exec "$bin" serve --addr "127.0.0.1:$port" --data "$data" --dist "$root/dist"
