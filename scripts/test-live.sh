#!/usr/bin/env bash
# Starts a real server (debug build) on a fresh database, then runs against it:
# the Playwright journeys in headless Chromium and schemathesis over every operation
# (scripts/fuzz-api.sh).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

port="${WORKLANE_TEST_PORT:-18080}"
base="http://127.0.0.1:$port"
db_name="worklane_live_test"
admin_url="$(sed -E 's#^(postgres(ql)?://[^/]*)/[^?]*#\1/postgres#' <<< "$DATABASE_URL")"
live_url="$(sed -E "s#^(postgres(ql)?://[^/]*)/[^?]*#\1/$db_name#" <<< "$DATABASE_URL")"
log="$root/target/live-server.log"

psql "$admin_url" -qc "DROP DATABASE IF EXISTS $db_name WITH (FORCE)" -c "CREATE DATABASE $db_name" > /dev/null
# The journeys sign many people up from one address: the rate limits are lifted here
# (the API suite checks them).
# Like `make run`: the schema, the taxonomy and the demo accounts (the journeys sign in as them).
DATABASE_URL="$live_url" WORKLANE_ENV=test "$root/target/debug/worklane" migrate > /dev/null
DATABASE_URL="$live_url" WORKLANE_ENV=test "$root/target/debug/worklane" seed --demo > /dev/null

WORKLANE_ENV=test \
WORKLANE_ADDR="127.0.0.1:$port" \
WORKLANE_PUBLIC_URL="$base" \
WORKLANE_STATIC_DIR="$root/frontend/dist" \
WORKLANE_DATA_DIR="$root/target/live-files" \
WORKLANE_ACCESS_TOKEN_TTL_MINUTES=120 \
WORKLANE_WORKER_POLL_MS=100 \
WORKLANE_RATE_LIMITS=off \
DATABASE_URL="$live_url" \
  "$root/target/debug/worklane" serve > "$log" 2>&1 &
server=$!
cleanup() {
  kill "$server" 2> /dev/null || true
  wait "$server" 2> /dev/null || true
  psql "$admin_url" -qc "DROP DATABASE IF EXISTS $db_name WITH (FORCE)" > /dev/null 2>&1 || true
}
trap cleanup EXIT

for _ in $(seq 1 100); do
  curl -fs "$base/health" > /dev/null 2>&1 && break
  kill -0 "$server" 2> /dev/null || { echo "server died:"; cat "$log"; exit 1; }
  sleep 0.2
done
curl -fs "$base/health" > /dev/null || { echo "server did not become healthy:"; tail -50 "$log"; exit 1; }
echo "==> live server on $base (log: target/live-server.log)"

echo "==> browser journeys (Playwright, headless Chromium)"
(cd frontend && E2E_BASE_URL="$base" npm run --silent e2e)

echo "==> OpenAPI fuzz run (schemathesis: client, freelancer and admin, stateful, object-level authorization)"
"$root/scripts/fuzz-api.sh" "$base"
echo "==> live suites passed"
