#!/usr/bin/env python3
"""Money under faults (issue 9): a concurrent load of fundings, releases, refunds and
withdrawals while the server is SIGKILLed and restarted (--mode kill), or while
PostgreSQL is restarted under a server that keeps running (--mode db). Afterwards:

* `worklane ledger verify` is clean;
* no state change without its postings, and no postings without their state change
  (every milestone's status against its escrow postings, every withdrawal against its
  posting);
* everything the load was told succeeded is in the database;
* every idempotent request, sent again with its key, is answered with its first result
  (status and body), which is also what the database stored for the key.

In --mode db the server must say it is unhealthy (/health 503) while the database is
down, and recover without being restarted. Prints the figures and one FAULTS_JSON line;
exits non-zero on any breach.

Usage: faults.py --bin BIN --database-url URL --mode kill|db [--contracts N]
                 [--seconds S] [--port P] [--work DIR] [--db-script scripts/db.sh]
"""
import argparse
import http.client
import json
import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
import uuid

parser = argparse.ArgumentParser()
parser.add_argument("--bin", required=True)
parser.add_argument("--database-url", required=True, help="the cluster; a database of its own is made")
parser.add_argument("--mode", choices=["kill", "db"], required=True)
parser.add_argument("--contracts", type=int, default=400)
parser.add_argument("--seconds", type=float, default=25)
parser.add_argument("--workers", type=int, default=8)
parser.add_argument("--port", type=int, default=18470)
parser.add_argument("--work", default="target/faults")
parser.add_argument("--db-script", default="scripts/db.sh")
parser.add_argument("--seed", type=int, default=20261126)
args = parser.parse_args()
random.seed(args.seed)

SECRET = "faults-test-secret-0123456789abcdef0123456789"
MARK = f"faults-{args.mode}-{uuid.uuid4().hex[:8]}"
work = os.path.abspath(os.path.join(args.work, args.mode))
os.makedirs(work, exist_ok=True)
db_name = f"worklane_faults_{args.mode}"


def with_database(url, name):
    scheme, rest = url.split("://", 1)
    host, _, tail = rest.partition("/")
    _, q, params = tail.partition("?")
    return f"{scheme}://{host}/{name}{q}{params}"


admin_url = with_database(args.database_url, "postgres")
db_url = with_database(args.database_url, db_name)
failures = []


def fail(message):
    failures.append(message)
    print(f"    BREACH: {message}", flush=True)


def psql(url, sql):
    out = subprocess.run(["psql", url, "-Atqc", sql], check=True, capture_output=True, text=True)
    return out.stdout.strip()


def worklane(*argv, env_extra=None, **kw):
    env = dict(os.environ, DATABASE_URL=db_url, WORKLANE_ENV="test", WORKLANE_JWT_SECRET=SECRET,
               RUST_LOG="warn", WORKLANE_DATA_DIR=os.path.join(work, "files"))
    env.update(env_extra or {})
    return subprocess.run([args.bin, *argv], env=env, check=True, capture_output=True, text=True, **kw)


# --- the database and the prepared contracts -------------------------------------------
psql(admin_url, f"DROP DATABASE IF EXISTS {db_name} WITH (FORCE)")
psql(admin_url, f"CREATE DATABASE {db_name}")
worklane("migrate")
worklane("seed")
worklane("bench", "delivery-setup", "--contracts", str(args.contracts), "--out", work)
rows = [line.rstrip("\n").split("\t") for line in open(os.path.join(work, "delivery.tsv")) if line.strip()]
# Withdrawing needs a reviewed identity document; the admin review is another test's.
psql(db_url, "UPDATE users SET identity_verified_at = now()")

SERVER_ENV = {
    "WORKLANE_ADDR": f"127.0.0.1:{args.port}",
    "WORKLANE_SEARCH_DIR": "memory",
    "WORKLANE_WORKER_POLL_MS": "100",
    "WORKLANE_RATE_LIMITS": "off",
    # Approved money becomes available at once and new bank accounts can be used at
    # once, so withdrawals follow releases within the run.
    "WORKLANE_SECURITY_PERIOD_DAYS": "0",
    "WORKLANE_WITHDRAWAL_METHOD_WAIT_DAYS": "0",
    "WORKLANE_WITHDRAWAL_MINIMUM": "1.00",
    "WORKLANE_DB_POOL_TIMEOUT_MS": "1000",
}
log_path = os.path.join(work, "server.log")


class Server:
    def __init__(self):
        self.proc = None
        self.starts = 0
        self.kills = 0

    def start(self):
        env = dict(os.environ, DATABASE_URL=db_url, WORKLANE_ENV="test", WORKLANE_JWT_SECRET=SECRET,
                   RUST_LOG="warn", WORKLANE_DATA_DIR=os.path.join(work, "files"), **SERVER_ENV)
        log = open(log_path, "a")
        self.proc = subprocess.Popen([args.bin, "serve"], env=env, stdout=log, stderr=log)
        self.starts += 1
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if health() == 200:
                return
            if self.proc.poll() is not None:
                raise SystemExit(f"server exited ({self.proc.returncode}); see {log_path}")
            time.sleep(0.05)
        raise SystemExit(f"server did not become healthy; see {log_path}")

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        self.kills += 1

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def health():
    try:
        conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=3)
        conn.request("GET", "/health")
        status = conn.getresponse().status
        conn.close()
        return status
    except OSError:
        return None


server = Server()
server.start()

# --- the client side --------------------------------------------------------------------
stats = {"requests": 0, "connection_errors": 0, "unavailable_503": 0, "server_errors_5xx": 0,
         "retried_operations": 0, "operations": 0, "confirmed": 0, "confirmed_after_retry": 0}
stats_lock = threading.Lock()
first_results = {}  # (token, key) -> (method, path, body, status, response)


def bump(name, n=1):
    with stats_lock:
        stats[name] += n


class Client:
    """One keep-alive connection; every request is retried until the server answers
    (connection refused or reset, 502/503 while it restarts, 500 counted)."""

    def __init__(self):
        self.conn = None

    def raw(self, method, path, token, body=None, key=None):
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=15)
        headers = {"Authorization": f"Bearer {token}"}
        data = None
        if body is not None:
            data = json.dumps(body)
            headers["Content-Type"] = "application/json"
        if key:
            headers["Idempotency-Key"] = key
        bump("requests")
        try:
            self.conn.request(method, "/api/v1" + path, body=data, headers=headers)
            response = self.conn.getresponse()
            payload = response.read()
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = None
            bump("connection_errors")
            return None, None
        try:
            parsed = json.loads(payload) if payload else None
        except ValueError:
            parsed = payload.decode(errors="replace")
        return response.status, parsed

    def call(self, method, path, token, body=None, key=None):
        """Returns (status, body, retried)."""
        retried = False
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            status, parsed = self.raw(method, path, token, body, key)
            if status is None or status in (502, 503) or status >= 500:
                if status == 503:
                    bump("unavailable_503")
                elif status is not None:
                    bump("server_errors_5xx")
                    print(f"    {status} on {method} {path}: {parsed}", flush=True)
                retried = True
                time.sleep(0.05 + random.random() * 0.2)
                continue
            return status, parsed, retried
        raise RuntimeError(f"{method} {path}: no answer in 120 s")


def milestone_status(client, token, contract_id, milestone_id):
    _, contract, _ = client.call("GET", f"/contracts/{contract_id}", token)
    for m in contract.get("milestones", []):
        if m["id"] == milestone_id:
            return m["status"]
    return None


def transition(client, label, method, path, token, body, key, reached):
    """One operation. A 2xx confirms it. After a lost answer, a refusal because the
    state already moved (409/422) is confirmed by reading the state back."""
    bump("operations")
    while True:
        status, parsed, retried = client.call(method, path, token, body, key)
        if retried:
            bump("retried_operations")
        if 200 <= status < 300:
            if key:
                with stats_lock:
                    first_results.setdefault((token, key), (method, path, body, status, parsed))
            bump("confirmed")
            if retried:
                bump("confirmed_after_retry")
            return parsed
        if status in (409, 422) and reached is not None and reached():
            bump("confirmed")
            bump("confirmed_after_retry")
            return parsed
        raise RuntimeError(f"{label}: {status} {parsed}")


# Before the faults: each contract's ids, and a bank account for each freelancer.
prep = Client()
scenarios = []
for client_token, freelancer_token, m2 in rows:
    status, listing, _ = prep.call("GET", "/contracts", client_token)
    contract = listing["data"][0]
    _, detail, _ = prep.call("GET", f"/contracts/{contract['id']}", client_token)
    m1 = next(m["id"] for m in detail["milestones"] if m["id"] != m2)
    status, method, _ = prep.call("POST", "/withdrawal-methods", freelancer_token,
                                  {"account_holder": "Fault Tester", "routing_number": "110000000",
                                   "account_number": "000123456789"})
    assert status == 201, (status, method)
    scenarios.append({"client": client_token, "freelancer": freelancer_token, "contract": contract["id"],
                      "m1": m1, "m2": m2, "method": method["id"]})


def run_scenario(client, s):
    c, f, cid = s["client"], s["freelancer"], s["contract"]
    at = lambda m, *want: (lambda: milestone_status(client, c, cid, m) in want)  # noqa: E731
    transition(client, "fund", "POST", f"/milestones/{s['m2']}/fund", c, {}, f"fund-{MARK}-{s['m2']}", None)
    transition(client, "submit", "POST", f"/milestones/{s['m2']}/submit", f, {"message": "Delivered under fire."},
               None, at(s["m2"], "submitted", "approved"))
    transition(client, "approve", "POST", f"/milestones/{s['m2']}/approve", c, {}, f"approve-{MARK}-{s['m2']}", None)
    transition(client, "request refund", "POST", f"/milestones/{s['m1']}/request-refund", c, {}, None,
               at(s["m1"], "refund_requested", "refunded"))
    transition(client, "agree refund", "POST", f"/milestones/{s['m1']}/agree-refund", f, {}, None,
               at(s["m1"], "refunded"))
    # The release is available once the worker ends its (zero-day) security period.
    key = f"withdraw-{MARK}-{s['m2']}"
    body = {"withdrawal_method_id": s["method"], "amount": "20.00"}
    bump("operations")
    while True:
        status, parsed, retried = client.call("POST", "/withdrawals", f, body, key)
        if retried:
            bump("retried_operations")
        if 200 <= status < 300:
            with stats_lock:
                first_results.setdefault((f, key), ("POST", "/withdrawals", body, status, parsed))
            bump("confirmed")
            if retried:
                bump("confirmed_after_retry")
            s["withdrawal"] = parsed["id"]
            return
        if status == 409 and isinstance(parsed, dict) and parsed.get("code") == "insufficient_funds":
            time.sleep(0.1)
            continue
        raise RuntimeError(f"withdraw: {status} {parsed}")


todo = queue.Queue()
for s in scenarios:
    todo.put(s)
errors = []
done = []


def worker():
    client = Client()
    while True:
        try:
            s = todo.get_nowait()
        except queue.Empty:
            return
        try:
            run_scenario(client, s)
            done.append(s)
        except Exception as e:  # noqa: BLE001 - every failure is reported
            errors.append(f"contract {s['contract']}: {e}")


# --- the faults -------------------------------------------------------------------------
health_log = []  # (phase, status)
db_restarts = 0
pid_at_start = server.proc.pid


def faults(stop):
    global db_restarts
    end = time.monotonic() + args.seconds
    while time.monotonic() < end and not stop.is_set():
        time.sleep(random.uniform(0.6, 1.6) if args.mode == "kill" else random.uniform(3, 6))
        if stop.is_set():
            return
        if args.mode == "kill":
            server.kill()
            server.start()
        else:
            subprocess.run([args.db_script, "stop"], check=True, capture_output=True)
            down_until = time.monotonic() + 2.5
            while time.monotonic() < down_until:
                health_log.append(("down", health()))
                time.sleep(0.1)
            subprocess.run([args.db_script, "start"], check=True, capture_output=True)
            db_restarts += 1
            recovered = None
            started = time.monotonic()
            while time.monotonic() - started < 30:
                if health() == 200:
                    recovered = time.monotonic() - started
                    break
                time.sleep(0.1)
            health_log.append(("recovered_s", recovered))


started = time.monotonic()
stop = threading.Event()
fault_thread = threading.Thread(target=faults, args=(stop,))
fault_thread.start()
threads = [threading.Thread(target=worker) for _ in range(args.workers)]
for t in threads:
    t.start()
for t in threads:
    t.join()
stop.set()
fault_thread.join()
load_seconds = time.monotonic() - started
print(f"==> load done in {load_seconds:.1f} s: {len(done)} of {len(scenarios)} scenarios, "
      f"{server.kills} kills, {db_restarts} database restarts", flush=True)
for e in errors:
    fail(e)
if stats["server_errors_5xx"]:
    fail(f"{stats['server_errors_5xx']} answers were 5xx other than 502/503 (a fault must read as unavailable)")

# --- afterwards: answers, postings and states -------------------------------------------
if args.mode == "db":
    if server.proc.pid != pid_at_start or server.proc.poll() is not None:
        fail("the server was restarted or died while the database restarted")
    down = [s for phase, s in health_log if phase == "down"]
    if not down or any(s == 200 for s in down):
        fail(f"/health answered {sorted(set(map(str, down)))} while the database was down (want 503)")
    recovered = [s for phase, s in health_log if phase == "recovered_s"]
    if any(r is None for r in recovered):
        fail("the server did not report healthy within 30 s of the database coming back")

# Every idempotent request again: the first result, byte for byte as JSON.
replay = Client()
replayed = mismatched = 0
for (token, key), (method, path, body, status, first) in first_results.items():
    got_status, got, _ = replay.call(method, path, token, body, key)
    replayed += 1
    if (got_status, got) != (status, first):
        mismatched += 1
        fail(f"{key}: first {status} {first}, replayed {got_status} {got}")
stored = int(psql(db_url, "SELECT count(*) FROM idempotency_keys WHERE status = 'done' "
                          f"AND key LIKE '%{MARK}%'") or 0)
if stored != len(first_results):
    fail(f"{stored} completed idempotency keys stored for {len(first_results)} confirmed requests")

server.stop()
verify = worklane("ledger", "verify").stdout.strip()
print(f"    {verify}")
if not verify.startswith("ledger ok"):
    fail(f"ledger verify: {verify}")

# States against postings, for every milestone and withdrawal in the database.
INVARIANTS = {
    "a funded (or later) milestone has exactly one escrow funding, an unfunded one none":
        """SELECT count(*) FROM milestones m WHERE m.contract_id IS NOT NULL AND
             (SELECT count(*) FROM ledger_transactions t WHERE t.kind = 'escrow_funding' AND t.subject_id = m.id)
             <> CASE WHEN m.status = 'pending' THEN 0 ELSE 1 END""",
    "an approved milestone has exactly one release, any other none":
        """SELECT count(*) FROM milestones m WHERE
             (SELECT count(*) FROM ledger_transactions t WHERE t.kind = 'escrow_release' AND t.subject_id = m.id)
             <> CASE WHEN m.status = 'approved' THEN 1 ELSE 0 END""",
    "a refunded milestone has exactly one refund, any other none":
        """SELECT count(*) FROM milestones m WHERE
             (SELECT count(*) FROM ledger_transactions t WHERE t.kind = 'escrow_refund' AND t.subject_id = m.id)
             <> CASE WHEN m.status = 'refunded' THEN 1 ELSE 0 END""",
    "every escrow posting belongs to a milestone":
        """SELECT count(*) FROM ledger_transactions t WHERE t.kind IN ('escrow_funding', 'escrow_release', 'escrow_refund')
             AND NOT EXISTS (SELECT 1 FROM milestones m WHERE m.id = t.subject_id)""",
    "every withdrawal has exactly one posting":
        """SELECT count(*) FROM withdrawals w WHERE
             (SELECT count(*) FROM ledger_transactions t WHERE t.kind = 'withdrawal' AND t.subject_id = w.id) <> 1""",
    "every withdrawal posting belongs to a withdrawal":
        """SELECT count(*) FROM ledger_transactions t WHERE t.kind = 'withdrawal'
             AND NOT EXISTS (SELECT 1 FROM withdrawals w WHERE w.id = t.subject_id)""",
    "each freelancer withdrew once (the retries did not withdraw again)":
        "SELECT count(*) FROM (SELECT user_id FROM withdrawals GROUP BY user_id HAVING count(*) > 1) x",
    "every balance equals the sum of its entries":
        """SELECT count(*) FROM ledger_balances b WHERE b.balance <>
             (SELECT coalesce(sum(e.amount), 0) FROM ledger_entries e WHERE e.account_id = b.account_id)""",
}
for rule, sql in INVARIANTS.items():
    breaches = int(psql(db_url, sql))
    print(f"    {'ok' if breaches == 0 else 'BREACH'}: {rule}" + (f" ({breaches})" if breaches else ""))
    if breaches:
        fail(rule)

# What the load was told succeeded is what the database holds.
done_m2 = [s["m2"] for s in done]
done_m1 = [s["m1"] for s in done]
ids = lambda xs: ",".join(f"'{x}'" for x in xs) or "NULL"  # noqa: E731
approved = int(psql(db_url, f"SELECT count(*) FROM milestones WHERE status = 'approved' AND id IN ({ids(done_m2)})"))
refunded = int(psql(db_url, f"SELECT count(*) FROM milestones WHERE status = 'refunded' AND id IN ({ids(done_m1)})"))
withdrawn = int(psql(db_url, "SELECT count(*) FROM withdrawals WHERE id IN "
                             f"({ids([s['withdrawal'] for s in done])})"))
for name, have in (("approved", approved), ("refunded", refunded), ("withdrawals", withdrawn)):
    ok = have == len(done)
    print(f"    {'ok' if ok else 'BREACH'}: {have} of {len(done)} confirmed {name} are in the database")
    if not ok:
        fail(f"confirmed {name} missing")

print(f"==> {stats['operations']} operations attempted, {stats['confirmed']} confirmed "
      f"({stats['confirmed_after_retry']} after a retry); {stats['requests']} HTTP requests, "
      f"{stats['connection_errors']} connection errors, {stats['unavailable_503']} answered 503, "
      f"{stats['server_errors_5xx']} other 5xx; {replayed} idempotent requests replayed, {mismatched} differed; "
      f"{len(INVARIANTS) + 3} invariants checked", flush=True)
report = dict(stats, mode=args.mode, scenarios=len(scenarios), completed=len(done), kills=server.kills,
              server_starts=server.starts, database_restarts=db_restarts, load_seconds=round(load_seconds, 1),
              replayed=replayed, replay_mismatches=mismatched, invariants=len(INVARIANTS) + 3,
              ledger=verify, breaches=len(failures))
if args.mode == "db":
    down = [s for phase, s in health_log if phase == "down"]
    report["health_while_down"] = {str(k): down.count(k) for k in set(down)}
    report["recovered_seconds"] = [r for phase, r in health_log if phase == "recovered_s"]
print("FAULTS_JSON " + json.dumps(report))
psql(admin_url, f"DROP DATABASE IF EXISTS {db_name} WITH (FORCE)")
sys.exit(1 if failures else 0)
