#!/usr/bin/env bash
# Starts a real server (debug build) on a fresh database, then runs against it:
# the Playwright journeys in headless Chromium and schemathesis over every operation.
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

echo "==> OpenAPI fuzz run (schemathesis)"
# A client-and-freelancer account's token for the operations that need one.
email="fuzz.$(date +%s)@example.com"
password="violet tugboat marmalade"
curl -fs -X POST "$base/api/v1/auth/signup" -H 'content-type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"$password\",\"full_name\":\"Fuzz Tester\",\"country\":\"US\",\"timezone\":\"UTC\",\"roles\":[\"client\",\"freelancer\"]}" > /dev/null
# Verify it through the mailbox, so the operations that need a verified client run.
sleep 0.5
verify_token="$(curl -fs "$base/api/v1/dev/mailbox?to=$email" | python3 -c 'import json,sys,re; print(re.search(r"token=([A-Za-z0-9_-]+)", json.load(sys.stdin)["data"][0]["text_body"]).group(1))')"
curl -fs -X POST "$base/api/v1/auth/verify-email" -H 'content-type: application/json' -d "{\"token\":\"$verify_token\"}" > /dev/null
token="$(curl -fs -X POST "$base/api/v1/auth/login" -H 'content-type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"$password\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')"

# It must not sign its own session out (everywhere, or by id from GET /me/sessions):
# every later operation would only see 401.
"$root/.venv/bin/schemathesis" run "$base/api/v1/openapi.json" \
  --url "$base" \
  --header "Authorization: Bearer $token" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,negative_data_rejection \
  --max-examples "${SCHEMATHESIS_MAX_EXAMPLES:-60}" \
  --seed 20261126 \
  --exclude-path-regex '/dev/clock' \
  --exclude-operation-id sign_out_everywhere \
  --exclude-operation-id revoke_session \
  --no-color
echo "==> live suites passed"
