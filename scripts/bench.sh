#!/usr/bin/env bash
# make bench: seeds realistic volumes once (kept in the `worklane_bench` database),
# starts the release server, drives it from outside the process with wrk at 32
# connections for BENCH_SECONDS per shape, runs each shape's SQL with pgbench at the
# same concurrency, replays the whole marketplace journey for many users at once
# (shape i, swept over concurrency), and writes bench/results/<date>.json, plots
# next to it and the table in bench/README.md.
# BENCH_DB, BENCH_BIN, BENCH_WORK, BENCH_RESULTS and BENCH_README point a small trial
# run (e.g. a debug binary on a scratch database) away from the real ones.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

jobs="${BENCH_JOBS:-1000000}"
freelancers="${BENCH_FREELANCERS:-200000}"
seconds="${BENCH_SECONDS:-30}"
connections=32
port="${BENCH_PORT:-18181}"
base="http://127.0.0.1:$port"
db="${BENCH_DB:-worklane_bench}"
admin_url="$(sed -E 's#^(postgres(ql)?://[^/]*)/[^?]*#\1/postgres#' <<< "$DATABASE_URL")"
bench_url="$(sed -E "s#^(postgres(ql)?://[^/]*)/[^?]*#\1/$db#" <<< "$DATABASE_URL")"
work="${BENCH_WORK:-$root/target/bench}"
results_dir="${BENCH_RESULTS:-bench/results}"
readme="${BENCH_README:-bench/README.md}"
mkdir -p "$work" "$results_dir"
bin="${BENCH_BIN:-$root/target/release/worklane}"
# The concurrencies of the sweeps (shape i's journeys; wrk connections for d and a).
mixed_concurrency="${BENCH_MIXED_CONCURRENCY:-4 8 16 32 64}"
mixed_seconds="${BENCH_MIXED_SECONDS:-$seconds}"
sweep_connections="${BENCH_SWEEP_CONNECTIONS:-8 32 128}"
sweep_seconds="${BENCH_SWEEP_SECONDS:-10}"
plot_python="${BENCH_PLOT_PYTHON:-$root/.venv/bin/python}"

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

secret="bench-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
WORKLANE_ENV=production WORKLANE_JWT_SECRET="$secret" \
WORKLANE_ADDR="127.0.0.1:$port" DATABASE_URL="$bench_url" RUST_LOG=warn,worklane_app::search=info WORKLANE_DB_POOL_SIZE=16 \
WORKLANE_MESSAGES_PER_MINUTE=1000000 \
WORKLANE_RATE_LIMITS=off \
WORKLANE_DATA_DIR="$work/files" WORKLANE_SEARCH_DIR="$work/search-index" \
  "$bin" serve > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2> /dev/null || true; wait $server 2> /dev/null || true' EXIT
# The first start after seeding builds the search index from the database (minutes
# at a million jobs; kept on disk for the next run).
index_start=$(date +%s)
for _ in $(seq 1 3000); do curl -fs "$base/health" > /dev/null 2>&1 && break; sleep 0.2; done
echo "==> server up after $(( $(date +%s) - index_start )) s (search index opened or rebuilt; see $work/server.log)"

# BENCH_ONLY=search,proposals,delivery,messaging,mixed,sweep (any subset) runs only those parts.
want() { [ -z "${BENCH_ONLY:-}" ] || [[ ",$BENCH_ONLY," == *",$1,"* ]]; }

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

# Search shapes. Words: common ones match a large share of the jobs, rare ones a few
# thousand; filters rotate so no two consecutive requests are the same.
common=(developer design website app data marketing)
rare=(arduino calculus bookkeeping subtitles backups bracket)
types=(fixed hourly)
levels=(entry intermediate expert)
categories=($(psql "$bench_url" -Atqc "SELECT id FROM categories WHERE parent_id IS NULL ORDER BY position"))
: > "$work/search-common.txt"; : > "$work/search-rare.txt"; : > "$work/search-filters.txt"; : > "$work/talent.txt"
for w in "${common[@]}"; do for t in "${types[@]}"; do for l in "${levels[@]}"; do
  echo "/api/v1/jobs?q=$w&job_type=$t&experience_level=$l&sort=relevance" >> "$work/search-common.txt"
done; done; done
for w in "${rare[@]}"; do echo "/api/v1/jobs?q=$w&sort=relevance" >> "$work/search-rare.txt"; done
for c in "${categories[@]}"; do for t in "${types[@]}"; do
  echo "/api/v1/jobs?category_id=$c&job_type=$t&sort=newest" >> "$work/search-filters.txt"
done; done
for w in developer designer writer engineer marketing data; do for r in "10&max_rate=40" "30&max_rate=80" "50&max_rate=150"; do
  echo "/api/v1/freelancers?q=$w&min_rate=$r" >> "$work/talent.txt"
done; done
echo "==> sample match counts"
for f in search-common search-rare search-filters talent; do
  p="$(head -1 "$work/$f.txt")"
  echo "    $p -> $(curl -fs "$base$p" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"], "matches")')"
done

# The SQL each search request runs: the page of 20 results filled in from
# PostgreSQL (the ranking itself is done by the search index).
cat > "$work/job-cards.sql" <<'SQL'
\set n random(1, 9980)
SELECT j.id, j.client_id, j.title, j.description, j.category_id, c.name, j.job_type, j.budget, j.hourly_min, j.hourly_max, j.experience_level, j.project_length, j.hours_per_week, j.visibility, j.status, j.connects_cost, j.published_at, u.country, u.payment_verified_at IS NOT NULL FROM jobs j JOIN users u ON u.id = j.client_id JOIN categories c ON c.id = j.category_id WHERE j.id IN (SELECT id FROM bench_job_ids WHERE n BETWEEN :n AND :n + 19);
SELECT js.job_id, s.id, s.name FROM job_skills js JOIN skills s ON s.id = js.skill_id WHERE js.job_id IN (SELECT id FROM bench_job_ids WHERE n BETWEEN :n AND :n + 19) ORDER BY js.job_id, js.position;
SQL
psql "$bench_url" -qc "DROP TABLE IF EXISTS bench_freelancer_ids" \
  -c "CREATE TABLE bench_freelancer_ids AS SELECT row_number() OVER () AS n, user_id AS id FROM (SELECT user_id FROM freelancer_profiles ORDER BY md5(user_id::text) LIMIT 10000) s" \
  -c "CREATE UNIQUE INDEX ON bench_freelancer_ids (n)"
cat > "$work/freelancer-cards.sql" <<'SQL'
\set n random(1, 9980)
SELECT u.id, u.full_name, u.country, f.title, f.overview, f.hourly_rate, f.availability, f.languages, f.photo_id, u.is_freelancer FROM freelancer_profiles f JOIN users u ON u.id = f.user_id WHERE u.id IN (SELECT id FROM bench_freelancer_ids WHERE n BETWEEN :n AND :n + 19);
SELECT fs.user_id, s.id, s.name FROM freelancer_skills fs JOIN skills s ON s.id = fs.skill_id WHERE fs.user_id IN (SELECT id FROM bench_freelancer_ids WHERE n BETWEEN :n AND :n + 19) ORDER BY fs.user_id, fs.position;
SQL
if want search; then
run_shape "a_search_common_word_2_filters" "$work/search-common.txt" "$work/job-cards.sql"
run_shape "b_search_rare_word" "$work/search-rare.txt" "$work/job-cards.sql"
run_shape "c_search_filters_newest" "$work/search-filters.txt" "$work/job-cards.sql"

cat > "$work/job-detail.sql" <<'SQL'
\set n random(1, 10000)
SELECT j.*, coalesce((SELECT jsonb_agg(jsonb_build_array(s.id, s.name) ORDER BY js.position) FROM job_skills js JOIN skills s ON s.id = js.skill_id WHERE js.job_id = j.id), '[]'::jsonb) FROM jobs j WHERE j.id = (SELECT id FROM bench_job_ids WHERE n = :n);
SQL
run_shape "d_job_detail" "$work/job-paths.txt" "$work/job-detail.sql"
run_shape "e_talent_word_rate_range" "$work/talent.txt" "$work/freelancer-cards.sql"

fi

# Proposal submission: 32 connections, each request a different freelancer proposing
# to one popular job (the job row is share-locked, each Connects account row locked).
# Afterwards every Connects balance is checked against its lines.
if want proposals; then
  proposers="${BENCH_PROPOSERS:-40000}"
  echo "==> f_proposal_submit: $proposers signed-in freelancers and one popular job"
  rm -rf "$work/proposals"
  WORKLANE_ENV=production WORKLANE_JWT_SECRET="$secret" DATABASE_URL="$bench_url" RUST_LOG=warn \
    WORKLANE_DATA_DIR="$work/files" "$bin" bench proposals-setup --freelancers "$proposers" --out "$work/proposals"
  echo "==> f_proposal_submit: wrk -c $connections -d ${seconds}s"
  wrk -t 2 -c "$connections" -d "${seconds}s" -s bench/wrk-proposals.lua "$base" -- \
    "$work/proposals/tokens.txt" "$work/proposals/job.txt" 2 > "$work/f_proposal_submit.wrk" 2>&1
  api="$(grep '^BENCH_JSON' "$work/f_proposal_submit.wrk" | sed 's/^BENCH_JSON //')"
  echo "    api: $api"
  check="$(DATABASE_URL="$bench_url" RUST_LOG=warn "$bin" bench proposals-verify --job "$(cat "$work/proposals/job.txt")")"
  echo "    connects: $check"
  results+=("$(python3 - "$api" "$check" "$(rss_kb)" <<'PY'
import json, sys
api, check, rss = json.loads(sys.argv[1]), json.loads(sys.argv[2]), int(sys.argv[3])
api.update({"shape": "f_proposal_submit", "pgbench_tps": None, "ratio_to_pgbench": None,
            "server_rss_mb": round(rss / 1024, 1), "connects_check": check})
print(json.dumps(api))
PY
)")
fi

# The fixed-price money path end to end: fund, submit, approve on many contracts at
# once (32 threads, each its own contracts), then the whole ledger is verified.
if want delivery; then
  contracts="${BENCH_CONTRACTS:-4000}"
  echo "==> g_fund_submit_approve: $contracts contracts"
  rm -rf "$work/delivery"
  WORKLANE_ENV=production WORKLANE_JWT_SECRET="$secret" DATABASE_URL="$bench_url" RUST_LOG=warn \
    WORKLANE_DATA_DIR="$work/files" "$bin" bench delivery-setup --contracts "$contracts" --out "$work/delivery"
  echo "==> g_fund_submit_approve: 32 threads for ${seconds}s"
  python3 bench/delivery-load.py "$base" "$work/delivery/delivery.tsv" "$connections" "$seconds" > "$work/g_delivery.out"
  api="$(grep '^BENCH_JSON' "$work/g_delivery.out" | sed 's/^BENCH_JSON //')"
  echo "    api: $api"
  ledger="$(DATABASE_URL="$bench_url" RUST_LOG=warn "$bin" ledger verify)"
  echo "    $ledger"
  results+=("$(python3 - "$api" "$ledger" "$(rss_kb)" <<'PY'
import json, sys
api, ledger, rss = json.loads(sys.argv[1]), sys.argv[2], int(sys.argv[3])
api.update({"shape": "g_fund_submit_approve", "pgbench_tps": None, "ratio_to_pgbench": None,
            "server_rss_mb": round(rss / 1024, 1), "ledger_check": ledger})
print(json.dumps(api))
PY
)")
fi

# Messaging: a WebSocket open for each of 200 people (100 conversations), while 32
# loops post messages through the API; every socket times the other party's messages
# from the moment the POST began. (The per-person flood limit is lifted for the bench
# server: 32 loops over 200 people would otherwise hit it within seconds.)
if want messaging; then
  pairs="${BENCH_CONVERSATIONS:-100}"
  echo "==> h_messages_200_sockets: $pairs conversations, $((pairs * 2)) sockets"
  rm -rf "$work/messaging"
  WORKLANE_ENV=production WORKLANE_JWT_SECRET="$secret" DATABASE_URL="$bench_url" RUST_LOG=warn \
    WORKLANE_DATA_DIR="$work/files" "$bin" bench messaging-setup --pairs "$pairs" --out "$work/messaging"
  RUST_LOG=warn "$bin" bench messaging-load --base "$base" --tsv "$work/messaging/messaging.tsv" \
    --senders "$connections" --seconds "$seconds" > "$work/h_messaging.out"
  api="$(grep '^BENCH_JSON' "$work/h_messaging.out" | sed 's/^BENCH_JSON //')"
  echo "    api: $api"
  results+=("$(python3 - "$api" "$(rss_kb)" <<'PY'
import json, sys
api, rss = json.loads(sys.argv[1]), int(sys.argv[2])
lat = api["latency_ms"]
api.update({"shape": "h_messages_200_sockets", "pgbench_tps": None, "ratio_to_pgbench": None, "non_2xx": 0,
            "p50_ms": lat["p50"], "p95_ms": lat["p95"], "p99_ms": lat["p99"],
            "server_rss_mb": round(rss / 1024, 1)})
print(json.dumps(api))
PY
)")
fi

# Shape i: the whole marketplace journey (two sign-ups, email verification, profiles,
# a card, a job, search, job page, proposal, messages, an offer funded by the card,
# contract, submit, approve, end, feedback both ways), CONCURRENCY users at once, one
# keep-alive connection each; swept over BENCH_MIXED_CONCURRENCY. The point at 32 (or
# the nearest) is the table's row. Afterwards the whole ledger must verify.
: > "$work/sweeps.jsonl"
if want mixed; then
  points=()
  for c in $mixed_concurrency; do
    echo "==> i_mixed_journey: $c users for ${mixed_seconds}s"
    python3 bench/mixed-load.py "$base" "$bench_url" "$c" "$mixed_seconds" > "$work/i_mixed_$c.out" 2> "$work/i_mixed_$c.err" \
      || { echo "mixed-load.py failed:"; cat "$work/i_mixed_$c.err"; exit 1; }
    api="$(grep '^BENCH_JSON' "$work/i_mixed_$c.out" | sed 's/^BENCH_JSON //')"
    python3 - "$api" <<'PY'
import json, sys
a = json.loads(sys.argv[1])
print(f"    {a['journeys']} journeys ({a['journeys_per_s']}/s, {a['failed']} failed), {a['rps']} req/s, "
      f"p50/p95/p99 {a['p50_ms']}/{a['p95_ms']}/{a['p99_ms']} ms; slowest steps {', '.join(a['slowest_steps'][:3])}")
PY
    if [ -s "$work/i_mixed_$c.err" ]; then cut -c1-600 "$work/i_mixed_$c.err" | sed 's/^/    /'; fi
    points+=("$api")
  done
  ledger="$(DATABASE_URL="$bench_url" RUST_LOG=warn "$bin" ledger verify)"
  echo "    $ledger"
  out="$(python3 - "$ledger" "$(rss_kb)" "${points[@]}" <<'PY'
import json, sys
ledger, rss, points = sys.argv[1], int(sys.argv[2]), [json.loads(p) for p in sys.argv[3:]]
row = dict(min(points, key=lambda p: (abs(p["concurrency"] - 32), -p["concurrency"])))
row.update({"shape": "i_mixed_journey", "pgbench_tps": None, "ratio_to_pgbench": None,
            "server_rss_mb": round(rss / 1024, 1), "ledger_check": ledger})
print(json.dumps(row))
print(json.dumps({"shape": "i_mixed_journey", "unit": "users", "ledger_check": ledger, "points": [
    {k: p[k] for k in ("concurrency", "seconds", "journeys", "failed", "journeys_per_s", "journey_p50_ms",
                       "journey_p99_ms", "requests", "rps", "p50_ms", "p95_ms", "p99_ms", "max_ms",
                       "errors", "non_2xx", "slowest_steps")} for p in points]}))
PY
)"
  results+=("$(sed -n 1p <<< "$out")")
  sed -n 2p <<< "$out" >> "$work/sweeps.jsonl"
fi

# Latency over concurrency for two cheap reads: wrk at BENCH_SWEEP_CONNECTIONS
# connections, BENCH_SWEEP_SECONDS each.
if want sweep; then
  for spec in d_job_detail:job-paths.txt a_search_common_word_2_filters:search-common.txt; do
    name="${spec%%:*}"; paths="$work/${spec#*:}"
    points=()
    for c in $sweep_connections; do
      echo "==> sweep $name: wrk -c $c -d ${sweep_seconds}s"
      wrk -t "$(( c < 2 ? 1 : 2 ))" -c "$c" -d "${sweep_seconds}s" -s bench/wrk-report.lua "$base" -- "$paths" > "$work/sweep-$name-$c.wrk" 2>&1
      api="$(grep '^BENCH_JSON' "$work/sweep-$name-$c.wrk" | sed 's/^BENCH_JSON //')"
      echo "    $api"
      points+=("$(python3 -c 'import json,sys; a=json.loads(sys.argv[1]); a["concurrency"]=int(sys.argv[2]); print(json.dumps(a))' "$api" "$c")")
    done
    python3 - "$name" "${points[@]}" >> "$work/sweeps.jsonl" <<'PY'
import json, sys
print(json.dumps({"shape": sys.argv[1], "unit": "connections", "points": [json.loads(p) for p in sys.argv[2:]]}))
PY
  done
fi

idle_rss="$(rss_kb)"
stamp="$(date -u +%Y-%m-%d)"
python3 - "$stamp" "$seed_seconds" "$jobs" "$freelancers" "$seconds" "$idle_rss" "$results_dir" "$readme" \
  "$work/sweeps.jsonl" "$plot_python" "$mixed_seconds" "$sweep_seconds" "${results[@]}" <<'PY'
import json, os, platform, subprocess, sys
stamp, seed_seconds, jobs, freelancers, seconds, rss, results_dir, readme_path, sweeps_file, plot_python, mixed_seconds, sweep_seconds = sys.argv[1:13]
shapes = [json.loads(s) for s in sys.argv[13:]]
sweeps = {s["shape"]: s for s in map(json.loads, filter(str.strip, open(sweeps_file)))}
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown")
mem_gb = round(int(next(l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal"))) / 1024 / 1024, 1)
report = {
    "date": stamp,
    "machine": {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": mem_gb, "kernel": platform.release(),
                "note": "server, PostgreSQL and the load generator share these cores",
                # Other work on the machine skews every figure: say how busy it was.
                "load_average_1_5_15_at_end": open("/proc/loadavg").read().split()[:3]},
    "dataset": {"jobs": int(jobs), "freelancers": int(freelancers), "seed_seconds": None if seed_seconds == "null" else round(float(seed_seconds), 1)},
    "method": {"load_generator": "wrk 4.1, 2 threads", "connections": 32, "seconds_per_shape": int(seconds), "pgbench": "same SQL, -c 32 -j 2",
               "mixed": f"bench/mixed-load.py: Python threads, one keep-alive connection per user, {mixed_seconds} s per concurrency",
               "sweeps": f"wrk, {sweep_seconds} s per connection count"},
    "server_rss_mb_after": round(int(rss) / 1024, 1),
    "shapes": shapes,
    "sweeps": sweeps,
}
path = os.path.join(results_dir, f"{stamp}.json")
# A partial run (BENCH_ONLY) keeps the day's other shapes and sweeps.
if os.path.exists(path):
    old = json.load(open(path))
    earlier = {s["shape"]: s for s in old.get("shapes", [])}
    earlier.update({s["shape"]: s for s in shapes})
    shapes = report["shapes"] = sorted(earlier.values(), key=lambda s: s["shape"])
    merged = dict(old.get("sweeps", {}))
    merged.update(sweeps)
    sweeps = report["sweeps"] = dict(sorted(merged.items()))
json.dump(report, open(path, "w"), indent=2)
open(path, "a").write("\n")
rows = "\n".join(
    f"| {s['shape']} | {s['p50_ms']:.1f} | {s['p95_ms']:.1f} | {s['p99_ms']:.1f} | {s['rps']:.0f} | "
    + (f"{s['pgbench_tps']:.0f} | {s['ratio_to_pgbench']:.2f}" if s['pgbench_tps'] is not None else "– | –")
    + f" | {s['server_rss_mb']} | {s['errors'] + s['non_2xx']} |"
    for s in shapes)
table = ("| shape | p50 ms | p95 ms | p99 ms | req/s | pgbench tps | ratio | server RSS MB | errors |\n"
         "|---|---|---|---|---|---|---|---|---|\n" + rows)
if sweeps:
    sweep_rows = []
    for name, sweep in sweeps.items():
        for p in sweep["points"]:
            journeys = f"{p['journeys_per_s']:.1f} ({p['failed']} failed)" if "journeys_per_s" in p else "–"
            sweep_rows.append(f"| {name} | {p['concurrency']} {sweep['unit']} | {p['p50_ms']:.1f} | {p['p95_ms']:.1f} | "
                              f"{p['p99_ms']:.1f} | {p['rps']:.0f} | {journeys} | {p['errors'] + p['non_2xx']} |")
    table += ("\n\nOver concurrency:\n\n| shape | concurrency | p50 ms | p95 ms | p99 ms | req/s | journeys/s | errors |\n"
              "|---|---|---|---|---|---|---|---|\n" + "\n".join(sweep_rows))
# Plots next to the JSON (matplotlib, from the venv the Makefile prepares).
plots = subprocess.run([plot_python, "bench/plot.py", path], capture_output=True, text=True)
if plots.returncode != 0:
    print(f"==> no plots ({plot_python} bench/plot.py failed):\n{plots.stderr[-2000:]}", file=sys.stderr)
images = [line.split(" ", 1)[1] for line in plots.stdout.splitlines() if line.startswith("PLOT ")]
if images:
    base = os.path.dirname(os.path.abspath(readme_path))
    table += "\n\n" + "\n".join(
        f"![{os.path.basename(i)}]({os.path.relpath(os.path.abspath(i), base)})" for i in images)
readme = open(readme_path).read()
start, end = "<!-- results:start -->", "<!-- results:end -->"
head, rest = readme.split(start, 1)
_, tail = rest.split(end, 1)
machine = report["machine"]
summary = (f"Latest run: {stamp} on {machine['cores']} cores ({machine['cpu']}), {machine['memory_gb']} GB; "
           f"{int(jobs):,} jobs and {int(freelancers):,} freelancers"
           + (f", seeded in {report['dataset']['seed_seconds']} s" if report['dataset']['seed_seconds'] else "") + ".")
open(readme_path, "w").write(f"{head}{start}\n{summary}\n\n{table}\n{end}{tail}")
print(f"==> wrote {path}, {len(images)} plots and {readme_path}")
print(table)
PY
