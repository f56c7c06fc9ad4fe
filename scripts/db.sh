#!/usr/bin/env bash
# The project-local PostgreSQL cluster: data under .data/pg, a unix socket in .data/run,
# nothing else on the machine touched. When run as root, the cluster runs as the
# `postgres` system user (initdb refuses root).
#   scripts/db.sh start   create if needed, start, print nothing
#   scripts/db.sh stop    stop the cluster if it runs
#   scripts/db.sh reset   stop and delete the cluster's data
#   scripts/db.sh url     print the DATABASE_URL for database "worklane"
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${WORKLANE_PG_PORT:-55432}"
db_user="worklane"

# The cluster lives in .data/ — unless the server's user cannot reach it there (a
# checkout under root's private home, when running as root) or the socket path would
# be too long for a unix socket; then it lives in a per-checkout folder in /var/tmp.
# WORKLANE_PG_STATE puts a second, separate cluster elsewhere (the fault tests
# restart one of their own).
state="${WORKLANE_PG_STATE:-$root/.data}"
if [ -z "${WORKLANE_PG_STATE:-}" ] && { { [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$root" 2> /dev/null; } \
   || [ "${#state}" -gt 80 ]; }; then
  state="/var/tmp/worklane-$(printf '%s' "$root" | sha1sum | cut -c1-12)"
fi
data="$state/pg"
run="$state/run"
log="$state/postgres.log"

find_bin() {
  local name="$1"
  if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return; fi
  local candidate
  for candidate in /usr/lib/postgresql/*/bin/"$name"; do
    [ -x "$candidate" ] && { echo "$candidate"; return; }
  done
  echo "error: PostgreSQL server binary '$name' not found; install PostgreSQL 15+ (Debian: apt-get install postgresql)" >&2
  exit 1
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then
    # From /, which the postgres user can always enter.
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

url() {
  echo "postgres://$db_user@/worklane?host=$run&port=$port"
}

running() {
  [ -f "$data/postmaster.pid" ] && as_owner "$(find_bin pg_ctl)" -D "$data" status >/dev/null 2>&1
}

start() {
  mkdir -p "$state"
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    echo "error: running as root needs the 'postgres' system user (apt-get install postgresql)" >&2
    exit 1
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    echo "==> creating the local PostgreSQL cluster in ${data#"$root"/}"
    rm -rf "$data"
    mkdir -p "$data" "$run"
    if [ "$(id -u)" = 0 ]; then chown postgres: "$data" "$run" && chmod 700 "$data"; fi
    as_owner "$(find_bin initdb)" -D "$data" -U "$db_user" --auth-local=trust --auth-host=reject \
      --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  mkdir -p "$run"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$run" "$state" && chown -R postgres: "$data"; fi
  if ! running; then
    touch "$log"; if [ "$(id -u)" = 0 ]; then chown postgres: "$log"; fi
    # Listen on the unix socket only; tuned a little for tests (it is a development
    # cluster: durability settings stay on).
    as_owner "$(find_bin pg_ctl)" -D "$data" -l "$log" -w -t 60 \
      -o "-c listen_addresses='' -k $run -p $port -c max_connections=200 -c shared_buffers=256MB" \
      start >/dev/null
  fi
  local psql; psql="$(find_bin psql)"
  if ! "$psql" "postgres://$db_user@/postgres?host=$run&port=$port" -Atqc \
      "SELECT 1 FROM pg_database WHERE datname = 'worklane'" | grep -q 1; then
    "$psql" "postgres://$db_user@/postgres?host=$run&port=$port" -qc "CREATE DATABASE worklane" >/dev/null
  fi
}

stop() {
  if running; then
    as_owner "$(find_bin pg_ctl)" -D "$data" -m fast -w stop >/dev/null
    echo "==> local PostgreSQL stopped"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  reset) stop; rm -rf "$data" "$run" "$log"; echo "==> local PostgreSQL data deleted" ;;
  url) url ;;
  *) echo "usage: $0 start|stop|reset|url" >&2; exit 2 ;;
esac
