#!/usr/bin/env python3
"""make bench, shape i: the whole marketplace journey, many users at once.

CONCURRENCY threads each replay journeys back to back over one keep-alive
connection until SECONDS pass (a journey under way when time is up runs to its end).
A journey is two new people meeting on the marketplace, every step over HTTP:

  signup client, signup freelancer, verify both emails (the token read from the
  outbox, see below), sign both in, client profile, freelancer profile, client adds
  the 4242 test card, client posts a job (with a word only this job has), the
  freelancer searches for that word and must find the job, opens the job page,
  reads its Connects, sends a proposal; the client lists the job's proposals, finds
  the proposal's conversation, they exchange two messages (each reading the
  thread), the client makes a fixed-price offer funded by the card, the freelancer
  accepts (a contract), submits the milestone, the client approves it (money to the
  freelancer's pending balance), ends the contract, both leave feedback, and the
  freelancer looks at the wallet.

Every request's latency is recorded by step and status. Any status the journey did
not expect fails that journey (it stops there and is counted in `failed`, with the
first failures printed to stderr); nothing is skipped.

The verification token: the bench server runs WORKLANE_ENV=production, which has no
development mailbox endpoint, so the token is read where production keeps it before
the mail transport sends it: the `outbox` row written in the signup's transaction.
One psql process (-XAtq over a pipe) serves every lookup, serialised by a lock;
its time is reported apart (`mail_lookup_ms`) and is not an API request. Each lookup
only scans outbox ids above the highest id any earlier lookup found (sequence
values are handed out in order, so a signup begun after that lookup has a larger
id): a short range scan on the primary key, whatever the table's size.

Usage: mixed-load.py BASE_URL DATABASE_URL CONCURRENCY SECONDS
Prints one BENCH_JSON line.
"""
import http.client
import json
import os
import subprocess
import sys
import threading
import time
import urllib.parse

base, database_url, concurrency, seconds = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
url = urllib.parse.urlparse(base)
run_id = os.urandom(4).hex()
PASSWORD = "violet tugboat marmalade bench"
CARD = "4242 4242 4242 4242"


class Failure(Exception):
    pass


class Outbox:
    """Verification tokens from the outbox table, through one long-lived psql."""

    def __init__(self, database_url):
        self.proc = subprocess.Popen(
            ["psql", "-XAtq", "-v", "ON_ERROR_STOP=0", database_url],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=sys.stderr, text=True, bufsize=1)
        self.lock = threading.Lock()
        self.high = int(self.query("SELECT coalesce(max(id), 0) FROM outbox")[0] or 0)
        self.timings = []

    def query(self, sql):
        self.proc.stdin.write(sql + ";\n\\echo __END__\n")
        self.proc.stdin.flush()
        lines = []
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise Failure("psql ended")
            line = line.rstrip("\n")
            if line == "__END__":
                return lines
            lines.append(line)

    def floor(self):
        with self.lock:
            return self.high

    def token(self, email, floor):
        started = time.perf_counter()
        sql = ("SELECT id, substring(payload->>'text_body' from 'token=([A-Za-z0-9_-]+)') FROM outbox "
               f"WHERE id > {int(floor)} AND kind = 'email' AND payload->>'to' = '{email}' "
               "AND payload->>'text_body' LIKE '%verify-email?token=%' ORDER BY id DESC LIMIT 1")
        for attempt in range(50):
            with self.lock:
                rows = [r for r in self.query(sql) if r]
                if rows:
                    row_id, token = rows[0].split("|", 1)
                    self.high = max(self.high, int(row_id))
                    self.timings.append((time.perf_counter() - started) * 1000)
                    return token
            time.sleep(0.02 * (attempt + 1))
        raise Failure(f"no verification email for {email} in the outbox")

    def close(self):
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=5)
        except Exception:
            self.proc.kill()


def fetch_taxonomy():
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    conn.request("GET", "/api/v1/skills?q=copywriting")
    response = conn.getresponse()
    skills = json.loads(response.read())["data"]
    conn.close()
    if len(skills) < 2:
        sys.exit("mixed-load: the taxonomy has no copywriting skills (run `worklane seed`)")
    return skills[0]["category_id"], [s["id"] for s in skills[:2] if s["category_id"] == skills[0]["category_id"]]


category_id, skill_ids = fetch_taxonomy()
outbox = Outbox(database_url)
lock = threading.Lock()
requests = []          # (step, status, ms)
journey_ms = []
failures = []          # (step, status, body excerpt)
failed = 0
deadline = time.monotonic() + seconds


class Session:
    """One thread's keep-alive connection; every request recorded by step."""

    def __init__(self):
        self.conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
        self.log = []

    def call(self, step, method, path, token=None, body=None, expect=200):
        headers = {"Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body)
            headers["Content-Type"] = "application/json"
        if token:
            headers["Authorization"] = f"Bearer {token}"
        started = time.perf_counter()
        try:
            self.conn.request(method, "/api/v1" + path, body=data, headers=headers)
            response = self.conn.getresponse()
            payload = response.read()
            status = response.status
        except Exception as error:  # a dropped connection: reconnect, count it
            self.conn.close()
            self.conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
            status, payload = 0, str(error).encode()
        ms = (time.perf_counter() - started) * 1000
        self.log.append((step, status, ms))
        if status != expect:
            raise Failure((step, status, payload[:300].decode(errors="replace")))
        return json.loads(payload) if payload else None


def journey(s, n):
    tag = f"{run_id}{n}"
    client_email = f"bench.client.{tag}@example.com"
    freelancer_email = f"bench.freelancer.{tag}@example.com"
    person = {"password": PASSWORD, "country": "US", "timezone": "America/New_York"}

    floor = outbox.floor()
    client = s.call("signup", "POST", "/auth/signup", body={
        **person, "email": client_email, "full_name": f"Client {tag}", "roles": ["client"]}, expect=201)
    freelancer = s.call("signup", "POST", "/auth/signup", body={
        **person, "email": freelancer_email, "full_name": f"Freelancer {tag}", "roles": ["freelancer"]}, expect=201)
    for email in (client_email, freelancer_email):
        s.call("verify_email", "POST", "/auth/verify-email", body={"token": outbox.token(email, floor)})
    ct = s.call("login", "POST", "/auth/login", body={"email": client_email, "password": PASSWORD})["access_token"]
    ft = s.call("login", "POST", "/auth/login", body={"email": freelancer_email, "password": PASSWORD})["access_token"]

    s.call("client_profile", "PUT", "/me/client-profile", ct, {
        "company_name": f"Bench Bikes {tag}", "description": "A bike repair shop with two workshops.",
        "company_size": None, "website": None})
    s.call("freelancer_profile", "PUT", "/me/freelancer-profile", ft, {
        "title": "Copywriter for small shops", "overview": "Clear, friendly copy for local businesses.",
        "hourly_rate": "45.00", "skill_ids": skill_ids, "availability": "less_than_30",
        "languages": [{"language": "English", "level": "fluent"}]})
    card = s.call("add_card", "POST", "/payment-methods", ct, {
        "card_number": CARD, "exp_month": 12, "exp_year": 2030, "cvc": "123"}, expect=201)["id"]

    word = f"benchword{tag}"
    job = s.call("post_job", "POST", "/jobs", ct, {
        "title": f"Landing page copy for a bike repair shop {word}",
        "description": "We are opening a second workshop and need clear, friendly copy for a one-page site: services, prices and booking.",
        "category_id": category_id, "skill_ids": skill_ids, "job_type": "fixed", "budget": "300.00",
        "experience_level": "intermediate", "project_length": "less_than_1_month",
        "hours_per_week": "less_than_30", "visibility": "public",
        "screening_questions": ["Which local businesses have you written for?"]}, expect=201)
    job_id = job["id"]
    found = s.call("search", "GET", f"/jobs?q={word}&sort=relevance", ft)
    if job_id not in [j["id"] for j in found.get("data", [])]:
        raise Failure(("search", 200, f"the new job {job_id} is not in the results for {word}"))
    s.call("job_page", "GET", f"/jobs/{job_id}", ft)
    s.call("connects", "GET", "/me/connects", ft)
    proposal = s.call("propose", "POST", f"/jobs/{job_id}/proposals", ft, {
        "cover_letter": "I have written copy for three bike shops and a cafe in town; I can start on Monday.",
        "bid_amount": "300.00", "milestones": [{"title": "All of it", "amount": "300.00"}],
        "estimated_duration": "less_than_1_month", "answers": ["Two bike shops and the Corner Cafe."]}, expect=201)
    proposal_id = proposal["id"]
    s.call("list_proposals", "GET", f"/jobs/{job_id}/proposals", ct)

    conversations = s.call("conversation", "GET", f"/conversations?subject_id={proposal_id}", ct)["data"]
    if not conversations:
        raise Failure(("conversation", 200, f"no conversation for proposal {proposal_id}"))
    conversation = conversations[0]["id"]
    s.call("message", "POST", f"/conversations/{conversation}/messages", ct,
           {"body": "Thanks! Could you start with the services section?"}, expect=201)
    s.call("read_messages", "GET", f"/conversations/{conversation}/messages", ft)
    s.call("message", "POST", f"/conversations/{conversation}/messages", ft,
           {"body": "Yes, I will send a draft of it first."}, expect=201)
    s.call("read_messages", "GET", f"/conversations/{conversation}/messages", ct)

    offer = s.call("offer", "POST", "/offers", ct, {
        "proposal_id": proposal_id, "contract_type": "fixed", "message": "Happy to work with you.",
        "milestones": [{"title": "All of it", "amount": "300.00"}], "payment_method_id": card}, expect=201)
    contract = s.call("accept_offer", "POST", f"/offers/{offer['id']}/accept", ft, {})["contract"]
    milestone = contract["milestones"][0]["id"]
    s.call("submit", "POST", f"/milestones/{milestone}/submit", ft, {"message": "Delivered, see the notes."})
    s.call("approve", "POST", f"/milestones/{milestone}/approve", ct, {})
    s.call("end_contract", "POST", f"/contracts/{contract['id']}/end", ct, {})
    s.call("feedback", "POST", f"/contracts/{contract['id']}/feedback", ct,
           {"rating": 5, "comment": "Clear copy, delivered on time.", "private_score": 9}, expect=201)
    s.call("feedback", "POST", f"/contracts/{contract['id']}/feedback", ft,
           {"rating": 5, "comment": "Clear brief, quick answers and paid on time.", "private_score": 9}, expect=201)
    s.call("wallet", "GET", "/wallet", ft)


counter = iter(range(10 ** 9))
counter_lock = threading.Lock()


def worker():
    global failed
    s = Session()
    while time.monotonic() < deadline:
        with counter_lock:
            n = next(counter)
        s.log = []
        started = time.perf_counter()
        ok = True
        try:
            journey(s, n)
        except Failure as error:
            ok = False
            detail = error.args[0]
            with lock:
                failures.append(detail if isinstance(detail, tuple) else ("?", 0, str(detail)))
        except Exception as error:  # a malformed answer is a failure too
            ok = False
            with lock:
                failures.append(("?", 0, repr(error)[:300]))
        with lock:
            requests.extend(s.log)
            if ok:
                journey_ms.append((time.perf_counter() - started) * 1000)
            else:
                failed += 1
    s.conn.close()


begin = time.monotonic()
threads = [threading.Thread(target=worker) for _ in range(concurrency)]
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = time.monotonic() - begin
outbox.close()


def pct(values, p):
    if not values:
        return 0.0
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))], 2)


all_ms = [ms for _, _, ms in requests]
by_step = {}
for step, status, ms in requests:
    by_step.setdefault(step, []).append(ms)
steps = {step: {"n": len(v), "p50_ms": pct(v, 50), "p95_ms": pct(v, 95), "p99_ms": pct(v, 99)}
         for step, v in by_step.items()}
non_2xx = sum(1 for _, status, _ in requests if status and not 200 <= status < 300)
statuses = {}
for _, status, _ in requests:
    statuses[str(status)] = statuses.get(str(status), 0) + 1
report = {
    "concurrency": concurrency, "seconds": round(elapsed, 2),
    "journeys": len(journey_ms), "failed": failed,
    "journeys_per_s": round(len(journey_ms) / elapsed, 2),
    "journey_p50_ms": pct(journey_ms, 50), "journey_p99_ms": pct(journey_ms, 99),
    "requests": len(requests), "rps": round(len(requests) / elapsed, 1),
    "p50_ms": pct(all_ms, 50), "p95_ms": pct(all_ms, 95), "p99_ms": pct(all_ms, 99),
    "max_ms": round(max(all_ms or [0]), 2),
    # Every failure stops its journey: non_2xx counts the refused requests, errors the
    # rest (dropped connections, an unexpected 2xx or body, a missing email).
    "non_2xx": non_2xx, "errors": len(failures) - non_2xx,
    "statuses": statuses,
    "slowest_steps": sorted(steps, key=lambda k: -steps[k]["p95_ms"])[:5],
    "steps": steps,
    "mail_lookup_ms": {"p50": pct(outbox.timings, 50), "p99": pct(outbox.timings, 99)},
}
if failures:
    print("first failures:", failures[:5], file=sys.stderr)
print("BENCH_JSON " + json.dumps(report))
