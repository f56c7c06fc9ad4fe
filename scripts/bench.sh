#!/usr/bin/env bash
# make bench: seeds realistic volumes once (kept in the `worklane_bench` database),
# starts the release server, drives it from outside the process with wrk at 32
# connections for BENCH_SECONDS per shape, runs each shape's SQL with pgbench at the
# same concurrency, and writes bench/results/<date>.json and the table in
# bench/README.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

jobs="${BENCH_JOBS:-1000000}"
freelancers="${BENCH_FREELANCERS:-200000}"
seconds="${BENCH_SECONDS:-30}"
connections=32
port="${BENCH_PORT:-18181}"
base="http://127.0.0.1:$port"
db="worklane_bench"
admin_url="$(sed -E 's#^(postgres(ql)?://[^/]*)/[^?]*#\1/postgres#' <<< "$DATABASE_URL")"
bench_url="$(sed -E "s#^(postgres(ql)?://[^/]*)/[^?]*#\1/$db#" <<< "$DATABASE_URL")"
work="$root/target/bench"
mkdir -p "$work" bench/results
bin="$root/target/release/worklane"

if ! psql "$admin_url" -Atqc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
  psql "$admin_url" -qc "CREATE DATABASE $db"
fi
DATABASE_URL="$bench_url" "$bin" migrate > /dev/null
have_jobs="$(psql "$bench_url" -Atqc "SELECT count(*) FROM jobs")"
seed_seconds=null
if [ "$have_jobs" -lt "$jobs" ]; then
  echo "==> seeding $jobs jobs and $freelancers freelancers (once; kept in database $db)"
  start=$(date +%s.%N)
  DATABASE_URL="$bench_url" "$bin" seed --jobs "$jobs" --freelancers "$freelancers" --seed 1
  seed_seconds=$(echo "$(date +%s.%N) - $start" | bc)
  echo "$seed_seconds" > "$work/seed-seconds"
elif [ -f "$work/seed-seconds" ]; then
  seed_seconds=$(cat "$work/seed-seconds")
fi
echo "==> data: $(psql "$bench_url" -Atqc "SELECT count(*) FROM jobs") jobs, $(psql "$bench_url" -Atqc "SELECT count(*) FROM freelancer_profiles") freelancer profiles"

# Sample ids for the detail shape, numbered for pgbench.
psql "$bench_url" -qc "DROP TABLE IF EXISTS bench_job_ids" \
  -c "CREATE TABLE bench_job_ids AS SELECT row_number() OVER () AS n, id FROM (SELECT id FROM jobs WHERE visibility = 'public' ORDER BY md5(id::text) LIMIT 10000) s" \
  -c "CREATE UNIQUE INDEX ON bench_job_ids (n)"
psql "$bench_url" -Atqc "SELECT '/api/v1/jobs/' || id FROM bench_job_ids" > "$work/job-paths.txt"

WORKLANE_ENV=production WORKLANE_JWT_SECRET="bench-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
WORKLANE_ADDR="127.0.0.1:$port" DATABASE_URL="$bench_url" RUST_LOG=warn WORKLANE_DB_POOL_SIZE=16 \
  "$bin" serve > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2> /dev/null || true; wait $server 2> /dev/null || true' EXIT
for _ in $(seq 1 100); do curl -fs "$base/health" > /dev/null 2>&1 && break; sleep 0.1; done

rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$server/status"; }

results=()
run_shape() { # name, paths file, pgbench script
  local name="$1" paths="$2" sql="$3"
  echo "==> $name: wrk -c $connections -d ${seconds}s"
  wrk -t 2 -c "$connections" -d "${seconds}s" -s bench/wrk-report.lua "$base" -- "$paths" > "$work/$name.wrk" 2>&1
  local api; api="$(grep '^BENCH_JSON' "$work/$name.wrk" | sed 's/^BENCH_JSON //')"
  local rss; rss="$(rss_kb)"
  echo "    api: $api"
  echo "==> $name: pgbench -c $connections -T $seconds"
  pgbench -n -c "$connections" -j 2 -T "$seconds" -f "$sql" "$bench_url" > "$work/$name.pgbench" 2>&1
  local tps; tps="$(awk '/^tps = / {print $3; exit}' "$work/$name.pgbench")"
  echo "    pgbench: $tps tps"
  results+=("$(python3 - "$name" "$api" "$tps" "$rss" <<'PY'
import json, sys
name, api, tps, rss = sys.argv[1], json.loads(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
api.update({"shape": name, "pgbench_tps": tps, "ratio_to_pgbench": round(api["rps"] / tps, 3), "server_rss_mb": round(rss / 1024, 1)})
print(json.dumps(api))
PY
)")
}

cat > "$work/job-detail.sql" <<'SQL'
\set n random(1, 10000)
SELECT j.* FROM jobs j WHERE j.id = (SELECT id FROM bench_job_ids WHERE n = :n);
SELECT js.job_id, s.id, s.name FROM job_skills js JOIN skills s ON s.id = js.skill_id WHERE js.job_id = (SELECT id FROM bench_job_ids WHERE n = :n) ORDER BY js.job_id, js.position;
SQL
run_shape "d_job_detail" "$work/job-paths.txt" "$work/job-detail.sql"

idle_rss="$(rss_kb)"
stamp="$(date -u +%Y-%m-%d)"
python3 - "$stamp" "$seed_seconds" "$jobs" "$freelancers" "$seconds" "$idle_rss" "${results[@]}" <<'PY'
import json, os, platform, sys
stamp, seed_seconds, jobs, freelancers, seconds, rss = sys.argv[1:7]
shapes = [json.loads(s) for s in sys.argv[7:]]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown")
mem_gb = round(int(next(l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal"))) / 1024 / 1024, 1)
report = {
    "date": stamp,
    "machine": {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": mem_gb, "kernel": platform.release(),
                "note": "server, PostgreSQL and the load generator share these cores"},
    "dataset": {"jobs": int(jobs), "freelancers": int(freelancers), "seed_seconds": None if seed_seconds == "null" else round(float(seed_seconds), 1)},
    "method": {"load_generator": "wrk 4.1, 2 threads", "connections": 32, "seconds_per_shape": int(seconds), "pgbench": "same SQL, -c 32 -j 2"},
    "server_rss_mb_after": round(int(rss) / 1024, 1),
    "shapes": shapes,
}
path = f"bench/results/{stamp}.json"
json.dump(report, open(path, "w"), indent=2)
open(path, "a").write("\n")
rows = "\n".join(
    f"| {s['shape']} | {s['p50_ms']:.1f} | {s['p95_ms']:.1f} | {s['p99_ms']:.1f} | {s['rps']:.0f} | {s['pgbench_tps']:.0f} | {s['ratio_to_pgbench']:.2f} | {s['server_rss_mb']} | {s['errors'] + s['non_2xx']} |"
    for s in shapes)
table = ("| shape | p50 ms | p95 ms | p99 ms | req/s | pgbench tps | ratio | server RSS MB | errors |\n"
         "|---|---|---|---|---|---|---|---|---|\n" + rows)
readme = open("bench/README.md").read()
start, end = "<!-- results:start -->", "<!-- results:end -->"
head, rest = readme.split(start, 1)
_, tail = rest.split(end, 1)
machine = report["machine"]
summary = (f"Latest run: {stamp} on {machine['cores']} cores ({machine['cpu']}), {machine['memory_gb']} GB; "
           f"{int(jobs):,} jobs and {int(freelancers):,} freelancers"
           + (f", seeded in {report['dataset']['seed_seconds']} s" if report['dataset']['seed_seconds'] else "") + ".")
open("bench/README.md", "w").write(f"{head}{start}\n{summary}\n\n{table}\n{end}{tail}")
print(f"==> wrote {path} and bench/README.md")
print(table)
PY
