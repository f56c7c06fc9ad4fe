#!/usr/bin/env bash
# Money under faults (issue 9), with the debug server:
#   1. the server SIGKILLed and restarted every 0.6-1.6 s during a concurrent load of
#      fundings, releases, refunds and withdrawals;
#   2. PostgreSQL restarted under a running server (a cluster of its own, so nothing
#      else on the project's cluster is disturbed).
# Each prints its figures and a FAULTS_JSON line (kept in target/faults/*.out).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bin="${WORKLANE_BIN:-$root/target/debug/worklane}"
mkdir -p target/faults

echo "==> faults: the server killed mid-load"
python3 scripts/faults.py --bin "$bin" --database-url "$DATABASE_URL" --mode kill \
  --seconds "${FAULTS_SECONDS:-25}" --port 18470 | tee target/faults/kill.out

echo "==> faults: the database restarted mid-load"
export WORKLANE_PG_STATE="$root/target/faults/cluster" WORKLANE_PG_PORT=55471
scripts/db.sh start
trap 'scripts/db.sh stop > /dev/null || true' EXIT
python3 scripts/faults.py --bin "$bin" --database-url "$(scripts/db.sh url)" --mode db \
  --seconds "${FAULTS_SECONDS:-25}" --port 18471 --db-script scripts/db.sh | tee target/faults/db.out
