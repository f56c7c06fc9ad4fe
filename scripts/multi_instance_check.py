#!/usr/bin/env python3
"""The checks of scripts/multi-instance.sh (Python 3 standard library only).

Run by that script with the instances and nginx up; reads its settings from MULTI_*
variables. Prints one PASS/FAIL line per check with its figures, writes every figure
to target/multi-instance/results.json, and exits 1 when any check failed.
Client traffic is bound to addresses of the loopback range (127.0.x.y): nginx passes
each client's own address on in X-Forwarded-For, so per-address rate limits see
different clients.
"""
import base64
import concurrent.futures
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid

WORK = os.environ["MULTI_WORK"]
BIN = os.environ["MULTI_BIN"]
DB_URL = os.environ["MULTI_DB_URL"]
SECRET = os.environ["MULTI_SECRET"]
PROXY = int(os.environ["MULTI_PROXY_PORT"])
PORTS = [int(p) for p in os.environ["MULTI_INSTANCE_PORTS"].split(",")]
SINGLE_PROXY = int(os.environ["MULTI_SINGLE_PROXY_PORT"])
PASSWORD = "violet tugboat marmalade"
RUN = uuid.uuid4().hex[:8]

results = {"instances": len(PORTS), "binary": BIN, "checks": {}}
failed = []


def report(name, ok, detail, **figures):
    print(f"{'PASS' if ok else 'FAIL'} {name}: {detail}", flush=True)
    results["checks"][name] = {"ok": ok, "detail": detail, **figures}
    if not ok:
        failed.append(name)


def pct(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def sql(query):
    out = subprocess.run(["psql", DB_URL, "-Atqc", query], check=True, capture_output=True, text=True)
    return out.stdout.strip()


def instance_of(upstream):
    """'127.0.0.1:18312' (or 'a, b' after a retry: the last answered) -> 2."""
    if not upstream:
        return None
    last = upstream.split(",")[-1].strip()
    try:
        return PORTS.index(int(last.rsplit(":", 1)[1])) + 1
    except (ValueError, IndexError):
        return None


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def json(self):
        try:
            return json.loads(self.body or b"null")
        except ValueError:
            return None

    @property
    def instance(self):
        return instance_of(self.headers.get("x-worklane-upstream"))

    def __repr__(self):
        return f"{self.status} {self.body[:300].decode(errors='replace')}"


class Unexpected(Exception):
    pass


class Http:
    """One keep-alive connection to 127.0.0.1:port from a given source address."""

    trail = []  # (label, instance) of every request made through nginx, in order
    trail_lock = threading.Lock()

    def __init__(self, port, source="127.0.0.1", record=False, timeout=15):
        self.port, self.source, self.record, self.timeout = port, source, record, timeout
        self.conn = None

    def _connect(self):
        self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout,
                                               source_address=(self.source, 0))

    def request(self, method, path, body=None, token=None, headers=None, expect=None, raw=None,
                content_type=None, retry=True):
        hdrs = dict(headers or {})
        data = None
        if raw is not None:
            data = raw
            hdrs["Content-Type"] = content_type
        elif body is not None:
            data = json.dumps(body).encode()
            hdrs["Content-Type"] = "application/json"
        if token:
            hdrs["Authorization"] = f"Bearer {token}"
        if self.conn is None:
            self._connect()
        try:
            self.conn.request(method, path, body=data, headers=hdrs)
            r = self.conn.getresponse()
            response = Response(r.status, {k.lower(): v for k, v in r.getheaders()}, r.read())
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            # A keep-alive connection the other side closed between requests.
            self.conn.close()
            self.conn = None
            if not retry:
                raise
            return self.request(method, path, body, token, headers, expect, raw, content_type, False)
        if self.record:
            with Http.trail_lock:
                Http.trail.append((f"{method} {path.split('?')[0]}", response.instance))
        if expect is not None and response.status != expect:
            raise Unexpected(f"{method} {path} (port {self.port}): expected {expect}, got {response!r}")
        return response

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.request("POST", path, body=body, **kw)

    def close(self):
        if self.conn:
            self.conn.close()
            self.conn = None


def api(path):
    return "/api/v1" + path


def direct(n, source="127.0.0.1"):
    return Http(PORTS[n - 1], source)


def poll(fn, seconds, interval=0.05):
    """fn() until it returns something truthy or the time is up; (value, seconds taken)."""
    started = time.monotonic()
    while True:
        value = fn()
        if value:
            return value, time.monotonic() - started
        if time.monotonic() - started > seconds:
            return None, time.monotonic() - started
        time.sleep(interval)


def signup_body(email, name, roles):
    return {"email": email, "password": PASSWORD, "full_name": name, "country": "DE",
            "timezone": "Europe/Berlin", "roles": roles}


def verification_token(http, email, seconds=10):
    def find():
        page = http.get(api(f"/dev/mailbox?to={email}"), expect=200).json()
        for mail in page["data"]:
            m = re.search(r"token=([A-Za-z0-9_-]+)", mail["text_body"])
            if m:
                return m.group(1)
        return None
    token, _ = poll(find, seconds, 0.1)
    if not token:
        raise Unexpected(f"no verification mail for {email} within {seconds} s")
    return token


# ---------------------------------------------------------------- WebSocket client

class WebSocket:
    """A minimal RFC 6455 client: text frames in, pongs and close out."""

    def __init__(self, port, token, source="127.0.0.1"):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10, source_address=(source, 0))
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET /api/v1/ws?token={token} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                           f"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                           "Sec-WebSocket-Version: 13\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise Unexpected(f"WebSocket on port {port}: closed during the handshake")
            head += chunk
        head, self.buffer = head.split(b"\r\n\r\n", 1)
        status = head.split(b"\r\n", 1)[0].decode(errors="replace")
        if " 101 " not in status + " ":
            raise Unexpected(f"WebSocket on port {port}: {status}")
        self.upstream = instance_of(next((line.split(":", 1)[1].strip() for line in
                                          head.decode(errors="replace").split("\r\n")
                                          if line.lower().startswith("x-worklane-upstream:")), None))
        self.sock.settimeout(None)

    def _read(self, n):
        while len(self.buffer) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise EOFError
            self.buffer += chunk
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def _send(self, opcode, payload=b""):
        mask = os.urandom(4)
        header = bytes([0x80 | opcode])
        if len(payload) < 126:
            header += bytes([0x80 | len(payload)])
        else:
            header += bytes([0x80 | 126]) + len(payload).to_bytes(2, "big")
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(header + mask + masked)

    def messages(self):
        """Yields each text message until the socket closes."""
        parts = b""
        while True:
            try:
                b0, b1 = self._read(2)
                length = b1 & 0x7F
                if length == 126:
                    length = int.from_bytes(self._read(2), "big")
                elif length == 127:
                    length = int.from_bytes(self._read(8), "big")
                mask = self._read(4) if b1 & 0x80 else None
                payload = self._read(length)
            except (EOFError, OSError):
                return
            if mask:
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            opcode = b0 & 0x0F
            if opcode == 0x9:
                self._send(0xA, payload)
            elif opcode == 0x8:
                return
            elif opcode in (0x1, 0x0):
                parts += payload
                if b0 & 0x80:
                    yield parts.decode()
                    parts = b""

    def close(self):
        try:
            self._send(0x8, (1000).to_bytes(2, "big"))
        except OSError:
            pass
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()


# ---------------------------------------------------------------- the checks

def journey():
    """A client and a freelancer through nginx only, every request recorded."""
    client = Http(PROXY, "127.0.3.1", record=True)
    freelancer = Http(PROXY, "127.0.3.2", record=True)
    for _ in PORTS:
        client.get("/health", expect=200)
    categories = client.get(api("/categories"), expect=200).json()
    category = (categories[0].get("subcategories") or [categories[0]])[0]["id"]
    skills = client.get(api("/skills?q=react"), expect=200).json()["data"]
    people = {}
    for who, http, roles in (("client", client, ["client"]), ("freelancer", freelancer, ["freelancer"])):
        email = f"multi-{who}-{RUN}@example.com"
        user = http.post(api("/auth/signup"), signup_body(email, f"Multi {who.title()}", roles), expect=201).json()
        people[who] = {"email": email, "id": user["id"], "http": http}
    for who, p in people.items():
        token = verification_token(p["http"], p["email"])
        p["http"].post(api("/auth/verify-email"), {"token": token}, expect=200)
    for who, p in people.items():
        session = p["http"].post(api("/auth/login"), {"email": p["email"], "password": PASSWORD}, expect=200).json()
        p["token"], p["refresh"] = session["access_token"], session["refresh_token"]
        me = p["http"].get(api("/me"), token=p["token"], expect=200).json()
        if me["id"] != p["id"]:
            raise Unexpected(f"/me answered {me['id']} for {p['id']}")
    word = f"quillon{RUN}"
    job = client.post(api("/jobs"), {
        "title": f"Booking page for a dental clinic {RUN[:4]}",
        "description": f"We need an online booking page (project code {word}). Patients pick a time, "
                       "get a reminder the day before, and we see the bookings in a simple list.",
        "category_id": category, "skill_ids": [s["id"] for s in skills[:1]], "job_type": "fixed",
        "budget": "1200.00", "experience_level": "expert", "project_length": "1_to_3_months",
        "hours_per_week": "less_than_30", "visibility": "public", "screening_questions": [],
    }, token=people["client"]["token"], expect=201).json()
    job_id = job["id"]
    posted_at = time.monotonic()
    for http in (client, freelancer, client):
        got = http.get(api(f"/jobs/{job_id}"), expect=200).json()
        if got["id"] != job_id or got["title"] != job["title"]:
            raise Unexpected(f"GET /jobs/{job_id} answered another job: {got}")
    return people, job_id, word, posted_at, client, freelancer


def search_everywhere(job_id, word, posted_at, window=3.0):
    """The new job is found by search on every instance (asked directly) within a few seconds."""
    https = {n: direct(n) for n in range(1, len(PORTS) + 1)}
    found_after = {n: None for n in https}
    while True:
        for n, http in https.items():
            if found_after[n] is None:
                page = http.get(api(f"/jobs?q={word}"), expect=200).json()
                if any(j["id"] == job_id for j in page["data"]):
                    found_after[n] = round(time.monotonic() - posted_at, 2)
        if all(t is not None for t in found_after.values()) or time.monotonic() - posted_at > window:
            break
        time.sleep(0.1)
    for http in https.values():
        http.close()
    missing = [n for n, t in found_after.items() if t is None]
    detail = ", ".join(f"instance {n}: " + (f"found {t} s after posting" if t is not None
                                            else f"NOT found within {window:.0f} s")
                       for n, t in found_after.items())
    report("search sees a new job on every instance", not missing, detail, found_after_s=found_after)


def edits_everywhere(job_id, owner_token, window=12.0):
    """The owner edits the job through nginx; every instance (asked directly, each having
    served the job page before) shows the new title at once."""
    https = {n: direct(n) for n in range(1, len(PORTS) + 1)}
    for http in https.values():
        http.get(api(f"/jobs/{job_id}"), token=owner_token, expect=200)
    title = f"Booking page and reminders for a dental clinic {RUN[:4]}"
    proxy = Http(PROXY, "127.0.3.3")
    edited = proxy.request("PATCH", api(f"/jobs/{job_id}"), body={"title": title}, token=owner_token, expect=200)
    edited_at = time.monotonic()
    edited_on = edited.instance
    new_after = {n: None for n in https}
    first_read_stale = {}
    while True:
        for n, http in https.items():
            if new_after[n] is None:
                fresh = http.get(api(f"/jobs/{job_id}"), token=owner_token, expect=200).json()["title"] == title
                first_read_stale.setdefault(n, not fresh)
                if fresh:
                    new_after[n] = round(time.monotonic() - edited_at, 2)
        if all(t is not None for t in new_after.values()) or time.monotonic() - edited_at > window:
            break
        time.sleep(0.1)
    for http in list(https.values()) + [proxy]:
        http.close()
    stale = [n for n, was in first_read_stale.items() if was]
    detail = f"title edited via instance {edited_on}; " + ", ".join(
        f"instance {n}: " + ("old title on the first read, " if first_read_stale[n] else "")
        + (f"new title after {t} s" if t is not None else f"old title still after {window:.0f} s")
        for n, t in new_after.items())
    if stale:
        detail += " (each instance caches job pages for 10 s and evicts only on its own changes)"
    report("an edit shows on every instance at once", not stale, detail, new_title_after_s=new_after)


def rest_of_journey(people, job_id, client, freelancer):
    c, f = people["client"], people["freelancer"]
    # A file uploaded through one instance is served by every instance (shared storage).
    content = f"portfolio {RUN} ".encode() * 40
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"portfolio.txt\"\r\n"
            f"Content-Type: text/plain\r\n\r\n").encode() + content + f"\r\n--{boundary}--\r\n".encode()
    attachment = freelancer.request("POST", api("/attachments"), raw=body, token=f["token"],
                                    content_type=f"multipart/form-data; boundary={boundary}", expect=201).json()
    served = {}
    for n in range(1, len(PORTS) + 1):
        r = direct(n).get(api(f"/attachments/{attachment['id']}"), token=f["token"])
        served[n] = r.status == 200 and r.body == content
    if not all(served.values()):
        raise Unexpected(f"the attachment is not served by every instance: {served}")
    proposal = freelancer.post(api(f"/jobs/{job_id}/proposals"), {
        "cover_letter": "I have built booking pages for two clinics and a salon; I can start on Monday "
                        "and show a first version within a week.",
        "bid_amount": "1100.00",
        "milestones": [{"title": "Booking page", "amount": "600.00"}, {"title": "Reminders", "amount": "500.00"}],
        "estimated_duration": "1_to_3_months", "answers": [], "attachment_ids": [attachment["id"]],
    }, token=f["token"], expect=201).json()
    listed = client.get(api(f"/jobs/{job_id}/proposals"), token=c["token"], expect=200).json()
    if proposal["id"] not in [p["id"] for p in listed["data"]]:
        raise Unexpected("the client does not see the proposal")
    client.get(api(f"/proposals/{proposal['id']}"), token=c["token"], expect=200)
    conversations = client.get(api(f"/conversations?subject_id={proposal['id']}"), token=c["token"], expect=200).json()
    conversation = conversations["data"][0]["id"]
    sent = freelancer.post(api(f"/conversations/{conversation}/messages"), {"body": "Hello, happy to talk."},
                           token=f["token"], expect=201).json()
    thread = client.get(api(f"/conversations/{conversation}/messages"), token=c["token"], expect=200).json()
    if sent["id"] not in [m["id"] for m in thread["data"]]:
        raise Unexpected("the client does not see the message just sent")
    client.post(api(f"/conversations/{conversation}/read"), {}, token=c["token"], expect=200)
    inbox = freelancer.get(api("/conversations"), token=f["token"], expect=200).json()
    if not inbox["data"]:
        raise Unexpected("the freelancer has no conversation")
    # Refresh-token rotation and sign-out, each step on another instance.
    pair = client.post(api("/auth/refresh"), {"refresh_token": c["refresh"]}, expect=200).json()
    client.get(api("/me"), token=pair["access_token"], expect=200)
    reuse = client.post(api("/auth/refresh"), {"refresh_token": c["refresh"]})
    if reuse.status != 401:
        raise Unexpected(f"a rotated refresh token was accepted again on another instance: {reuse!r}")
    c["token"] = client.post(api("/auth/login"), {"email": c["email"], "password": PASSWORD}, expect=200).json()["access_token"]
    return conversation


def spread():
    trail = Http.trail
    instances = [i for _, i in trail]
    same = [(trail[k - 1][0], trail[k][0], instances[k]) for k in range(1, len(trail))
            if instances[k] is not None and instances[k] == instances[k - 1]]
    counts = {n: instances.count(n) for n in range(1, len(PORTS) + 1)}
    unknown = instances.count(None)
    ok = not same and unknown == 0 and all(counts.values())
    detail = (f"{len(trail)} requests through nginx, per instance {counts}, "
              f"{len(same)} consecutive pairs on the same instance")
    if same:
        detail += f" (first: {same[0]})"
    if unknown:
        detail += f", {unknown} without an X-Worklane-Upstream header"
    return ok, detail, counts


def outbox_exactly_once(n=30):
    """N sign-ups through nginx at once, each from its own address: N emails, each once."""
    emails = [f"multi-outbox-{RUN}-{k}@example.com" for k in range(n)]

    def signup(k):
        http = Http(PROXY, f"127.0.2.{k + 1}")
        r = http.post(api("/auth/signup"), signup_body(emails[k], f"Outbox Person {k}", ["freelancer"]))
        http.close()
        return r.status, r.instance
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(signup, range(n)))
    statuses = [s for s, _ in answers]
    by_instance = {i: sum(1 for _, x in answers if x == i) for i in range(1, len(PORTS) + 1)}
    addresses = ",".join(f"'{e}'" for e in emails)

    def all_delivered():
        return sql(f"SELECT count(*) FROM outbox WHERE kind = 'email' AND delivered_at IS NOT NULL "
                   f"AND payload->>'to' IN ({addresses})") == str(n)
    _, waited = poll(all_delivered, 15, 0.1)
    waited = round(time.monotonic() - started, 2)
    outbox = sql(f"SELECT count(*), count(delivered_at), coalesce(max(attempts), 0), coalesce(min(attempts), 0) "
                 f"FROM outbox WHERE kind = 'email' AND payload->>'to' IN ({addresses})").split("|")
    mailbox = sql(f"SELECT count(*), count(DISTINCT outbox_id), count(DISTINCT to_address) FROM dev_mailbox "
                  f"WHERE to_address IN ({addresses})").split("|")
    total, delivered, max_attempts, min_attempts = map(int, outbox)
    mails, distinct_outbox, distinct_to = map(int, mailbox)
    ok = (statuses.count(201) == n and total == n and delivered == n and max_attempts == 1 and min_attempts == 1
          and mails == n and distinct_outbox == n and distinct_to == n)
    report("outbox emails delivered exactly once", ok,
           f"{statuses.count(201)}/{n} sign-ups 201 (per instance {by_instance}); outbox rows {total}, "
           f"delivered {delivered}, attempts min {min_attempts} max {max_attempts}; mailbox {mails} mails, "
           f"{distinct_outbox} outbox ids, {distinct_to} recipients; all delivered {waited} s after the first sign-up",
           signups=n, signups_per_instance=by_instance, seconds_to_deliver_all=waited)


def withdrawals_exactly_once(per_freelancer=6):
    """Contracts from `worklane bench delivery-setup`; their milestones funded, submitted and
    approved through nginx; the security period (0 days here) matured by some instance's
    worker; then withdrawals to a bank account that returns payouts, several at once:
    each must be settled once, with its return posted to the ledger once."""
    out = os.path.join(WORK, "fixtures")
    env = dict(os.environ, DATABASE_URL=DB_URL, WORKLANE_JWT_SECRET=SECRET, WORKLANE_ENV="test",
               RUST_LOG="warn")
    subprocess.run([BIN, "bench", "delivery-setup", "--contracts", "3", "--out", out], env=env, check=True,
                   capture_output=True)
    rows = [line.rstrip("\n").split("\t") for line in open(os.path.join(out, "delivery.tsv")) if line.strip()]
    proxy = Http(PROXY, "127.0.7.1")
    freelancers = []
    for client_token, freelancer_token, milestone in rows:
        proxy.post(api(f"/milestones/{milestone}/fund"), {}, token=client_token,
                   headers={"Idempotency-Key": f"fund-{milestone}"}, expect=200)
        proxy.post(api(f"/milestones/{milestone}/submit"), {"message": "Delivered, see the notes."},
                   token=freelancer_token, expect=200)
        proxy.post(api(f"/milestones/{milestone}/approve"), {}, token=client_token, expect=200)
        freelancers.append(freelancer_token)

    def matured():
        return all(float(proxy.get(api("/wallet"), token=t, expect=200).json()["available"]) > 0 for t in freelancers)
    ok, waited = poll(matured, 15, 0.2)
    if not ok:
        raise Unexpected("released milestones did not become available within 15 s")
    # Identity verification stands in for an admin's review of an ID document (not
    # what this checks): set directly on the fixtures' freelancers.
    ids = [proxy.get(api("/me"), token=t, expect=200).json()["id"] for t in freelancers]
    sql("UPDATE users SET identity_verified_at = now() WHERE id IN (" + ",".join(f"'{i}'" for i in ids) + ")")
    methods = []
    for t in freelancers:
        m = proxy.post(api("/withdrawal-methods"), {"account_holder": "Multi Freelancer", "routing_number": "110000000",
                                                    "account_number": "000123450002"}, token=t, expect=201).json()
        methods.append(m["id"])
    # The same Idempotency-Key sent to two different instances: one withdrawal.
    key = f"withdraw-{RUN}"
    first = direct(1, "127.0.7.2").post(api("/withdrawals"), {"withdrawal_method_id": methods[0], "amount": "5.00"},
                                        token=freelancers[0], headers={"Idempotency-Key": key}, expect=201).json()
    again = direct(2, "127.0.7.2").post(api("/withdrawals"), {"withdrawal_method_id": methods[0], "amount": "5.00"},
                                        token=freelancers[0], headers={"Idempotency-Key": key})
    idempotent_ok = again.status == 201 and again.json()["id"] == first["id"]

    def withdraw(job):
        k, t, method = job
        http = Http(PROXY, "127.0.7.3")
        r = http.post(api("/withdrawals"), {"withdrawal_method_id": method, "amount": "5.00"}, token=t,
                      headers={"Idempotency-Key": f"w-{RUN}-{k}"})
        http.close()
        return r.status
    jobs = [(k, t, m) for k in range(per_freelancer) for t, m in zip(freelancers, methods)]
    with concurrent.futures.ThreadPoolExecutor(6) as pool:
        statuses = list(pool.map(withdraw, jobs))
    expected = len(jobs) + 1

    def settled():
        return sql("SELECT count(*) FROM withdrawals WHERE status <> 'processing'") == str(expected)
    ok, waited = poll(settled, 15, 0.1)
    summary = sql("SELECT count(*), count(*) FILTER (WHERE status = 'returned'), "
                  "count(*) FILTER (WHERE fee > 0) FROM withdrawals").split("|")
    total, returned, with_fee = map(int, summary)
    # A returned payout posts the net amount back, and the fee back when there is one:
    # one or two withdrawal_return transactions per withdrawal, never more.
    wrong = sql("SELECT count(*) FROM (SELECT w.id, w.fee, count(t.id) AS n FROM withdrawals w "
                "LEFT JOIN ledger_transactions t ON t.subject_id = w.id AND t.kind = 'withdrawal_return' "
                "GROUP BY w.id, w.fee) s WHERE n <> CASE WHEN fee > 0 THEN 2 ELSE 1 END")
    postings = sql("SELECT count(*) FROM ledger_transactions WHERE kind = 'withdrawal_return'")
    verify = subprocess.run([BIN, "ledger", "verify"], env=env, capture_output=True, text=True)
    passed = (statuses.count(201) == len(jobs) and total == expected and returned == expected and wrong == "0"
              and verify.returncode == 0 and idempotent_ok)
    report("withdrawals settled exactly once", passed,
           f"{statuses.count(201)}/{len(jobs)} withdrawals 201 at once through nginx (+1 sent twice with one "
           f"Idempotency-Key to instances 1 and 2: {'one withdrawal' if idempotent_ok else 'NOT one: ' + repr(again)}); "
           f"{returned}/{total} settled as returned within {round(waited, 2)} s; {postings} withdrawal_return "
           f"postings ({with_fee} with a fee), {wrong} withdrawals with a wrong count; ledger verify: "
           f"{'ok' if verify.returncode == 0 else (verify.stdout + verify.stderr).strip()[:300]}",
           withdrawals=total, returned=returned, postings=int(postings))


def websocket_latency(people, conversation, count=200):
    """Client's socket on instance 1, freelancer's on instance 2, the client's second
    socket through nginx; the freelancer posts each message via instance 3."""
    c, f = people["client"], people["freelancer"]
    sockets = {
        "client@instance1": WebSocket(PORTS[0], c["token"]),
        "freelancer@instance2": WebSocket(PORTS[1], f["token"]),
        "client@nginx": WebSocket(PROXY, c["token"], "127.0.4.9"),
    }
    arrived = {name: {} for name in sockets}
    prefix = f"ws-probe-{RUN}-"

    def listen(name, ws):
        for text in ws.messages():
            at = time.perf_counter()
            try:
                event = json.loads(text)
            except ValueError:
                continue
            body = (event.get("message") or {}).get("body", "") if event.get("type") == "message" else ""
            if body.startswith(prefix):
                arrived[name].setdefault(int(body[len(prefix):]), at)
    threads = [threading.Thread(target=listen, args=item, daemon=True) for item in sockets.items()]
    for t in threads:
        t.start()
    sender = direct(3, "127.0.4.1")
    sent_at = {}

    def send(k):
        sent_at[k] = time.perf_counter()
        sender.post(api(f"/conversations/{conversation}/messages"), {"body": f"{prefix}{k}"},
                    token=f["token"], expect=201)
    # A socket joins its instance's hub just after the upgrade is answered: warm-up
    # messages (numbered below zero) until every socket has had one.
    warm = 0
    while not all(any(k < 0 for k in a) for a in arrived.values()):
        warm -= 1
        if warm < -50:
            raise Unexpected(f"sockets still silent after 50 warm-up messages: "
                             f"{ {n: len(a) for n, a in arrived.items()} }")
        send(warm)
        poll(lambda: all(any(k < 0 for k in a) for a in arrived.values()), 0.5)
    for k in range(1, count + 1):
        send(k)
    poll(lambda: all(len([x for x in a if x > 0]) >= count for a in arrived.values()), 10)
    figures, lines, ok = {}, [], True
    for name, got in arrived.items():
        lat = [(got[k] - sent_at[k]) * 1000 for k in range(1, count + 1) if k in got]
        missing = count - len(lat)
        ok = ok and missing == 0
        figures[name] = {"received": len(lat), "p50_ms": round(pct(lat, 50), 1), "p99_ms": round(pct(lat, 99), 1),
                         "max_ms": round(max(lat or [0]), 1)}
        lines.append(f"{name} {len(lat)}/{count} p50 {figures[name]['p50_ms']} ms p99 {figures[name]['p99_ms']} ms "
                     f"max {figures[name]['max_ms']} ms")
    for ws in sockets.values():
        ws.close()
    sender.close()
    report("WebSocket messages cross instances", ok,
           f"{count} messages posted via instance 3, send-to-receive: " + "; ".join(lines), sockets=figures)


def rate_limits_across_instances():
    """signup_per_ip=5/1h on every instance: through nginx (round-robin) an address gets 5
    sign-ups in total, not 5 per instance; another address has its own 5; a client's own
    X-Forwarded-For/Forwarded header does not get it out of the limit."""
    seconds_into_hour = time.time() % 3600
    if seconds_into_hour > 3600 - 15:  # fixed windows: never straddle the hour's end
        time.sleep(3600 - seconds_into_hour + 1)

    def burst(source, count, headers=None):
        http = Http(PROXY, source)
        answers = []
        for k in range(count):
            r = http.post(api("/auth/signup"),
                          signup_body(f"multi-limit-{RUN}-{source}-{k}@example.com", "Limit Tester", ["client"]),
                          headers=headers)
            answers.append((r.status, r.instance, r.headers.get("retry-after")))
        http.close()
        return answers
    a = burst("127.0.6.1", 8)
    b = burst("127.0.6.2", 5)
    spoof = burst("127.0.6.2", 2, {"X-Forwarded-For": "198.51.100.7", "Forwarded": "for=198.51.100.8"})
    statuses_a = [s for s, _, _ in a]
    instances_a = [i for _, i, _ in a]
    ok = (statuses_a == [201] * 5 + [429] * 3 and len(set(instances_a)) == len(PORTS)
          and all(r for s, _, r in a if s == 429)
          and [s for s, _, _ in b] == [201] * 5 and [s for s, _, _ in spoof] == [429, 429])
    report("rate limits hold across instances", ok,
           f"limit 5/h per address; address A: statuses {statuses_a} on instances {instances_a}; "
           f"address B: {[s for s, _, _ in b]} (its own quota); B again with its own X-Forwarded-For "
           f"and Forwarded headers: {[s for s, _, _ in spoof]}",
           allowed_a=statuses_a.count(201), refused_a=statuses_a.count(429))


def kill_one(job_id, conversation, freelancer_token, seconds=8.0, kill_at=2.0, restart_at=4.0):
    """Traffic through nginx (reads, and some message posts) while instance 2 is
    SIGKILLed at 2 s and started again at 4 s. Counts what the client saw."""
    victim = 2
    pidfile = os.path.join(WORK, f"instance-{victim}.pid")
    log = []  # (t, kind, status or error, instance)
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    begin = time.monotonic()

    def traffic(k):
        http = Http(PROXY, f"127.0.5.{k + 1}", timeout=10)
        n = 0
        while time.monotonic() < stop:
            n += 1
            write = n % 10 == 0
            body = f"kill-test {RUN} {k}-{n}"
            try:
                if write:
                    r = http.post(api(f"/conversations/{conversation}/messages"), {"body": body},
                                  token=freelancer_token, retry=False)
                else:
                    r = http.get(api(f"/jobs/{job_id}"), retry=False)
                entry = (time.monotonic() - begin, "POST" if write else "GET", r.status, r.instance, body)
            except Exception as error:  # noqa: BLE001 - the client's view: any failure counts
                http.close()
                entry = (time.monotonic() - begin, "POST" if write else "GET", type(error).__name__, None, body)
            with lock:
                log.append(entry)
        http.close()
    threads = [threading.Thread(target=traffic, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    time.sleep(kill_at)
    pid = int(open(pidfile).read().strip())
    os.kill(pid, signal.SIGKILL)
    killed_at = time.monotonic() - begin
    time.sleep(max(0.0, restart_at - (time.monotonic() - begin)))
    subprocess.run([os.path.join(WORK, "start-instance.sh"), str(victim)], check=True)
    restarted_at = time.monotonic() - begin
    health = direct(victim)

    def healthy():
        try:
            return health.get("/health").status == 200
        except OSError:
            health.close()
            return False
    _, up_after = poll(healthy, 30, 0.1)
    up_at = time.monotonic() - begin
    for t in threads:
        t.join()

    # Back in rotation: requests reach it again.
    probe = Http(PROXY, "127.0.5.99")
    back, back_after = poll(lambda: probe.get(api(f"/jobs/{job_id}")).instance == victim, 20, 0.05)
    probe.close()
    errors = [e for e in log if e[2] != 200 and e[2] != 201]
    gets = [e for e in log if e[1] == "GET"]
    posts = [e for e in log if e[1] == "POST"]
    get_errors = [e for e in errors if e[1] == "GET"]
    post_errors = [e for e in errors if e[1] == "POST"]
    kinds = {}
    for e in errors:
        kinds[f"{e[1]} {e[2]}"] = kinds.get(f"{e[1]} {e[2]}", 0) + 1
    # A failed POST is ambiguous to its client: was the message stored before the instance died?
    stored = 0
    if post_errors:
        bodies = ",".join("'" + e[4] + "'" for e in post_errors)
        stored = int(sql(f"SELECT count(*) FROM messages WHERE body IN ({bodies})"))
    ok = bool(back) and len(get_errors) == 0
    detail = (f"{len(log)} requests in {seconds:.0f} s ({len(gets)} GET, {len(posts)} POST); instance {victim} "
              f"SIGKILLed at {killed_at:.1f} s, started again at {restarted_at:.1f} s, healthy at {up_at:.1f} s; "
              f"client saw {len(get_errors)} GET errors and {len(post_errors)} POST errors {kinds or ''}"
              f"{f' ({stored} of those messages stored all the same)' if post_errors else ''}; "
              f"back in nginx's rotation {'after ' + str(round(back_after, 1)) + ' s more' if back else 'NOT within 20 s'}")
    report("an instance dying", ok, detail, requests=len(log), get_errors=len(get_errors),
           post_errors=len(post_errors), failed_posts_stored=stored, error_kinds=kinds, healthy_after_restart_s=round(up_at - restarted_at, 2))


def loadavg():
    try:
        return float(open("/proc/loadavg").read().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def throughput(word, seconds=3, rounds=2):
    """GET /api/v1/jobs?q=word: one instance directly, nginx over that instance alone
    (what the proxy hop costs), and nginx over all of them; interleaved rounds so a busy
    machine skews all alike; the best round of each is reported, with the machine's
    load average (the instances share its cores: more of them add no capacity here)."""
    path = api(f"/jobs?q={word}")
    targets = (("one instance directly", PORTS[0]), ("nginx over that one instance", SINGLE_PROXY),
               (f"nginx over {len(PORTS)} instances", PROXY))
    wrk = shutil.which("wrk")
    runs = {name: [] for name, _ in targets}
    load_before = loadavg()
    for _ in range(rounds):
        for name, port in targets:
            if wrk:
                out = subprocess.run([wrk, "-t2", "-c16", f"-d{seconds}s", "--latency",
                                      f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True).stdout
                rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
                non2xx = int((re.search(r"Non-2xx or 3xx responses: (\d+)", out) or [0, 0])[1])
                errors = re.search(r"Socket errors: (.*)", out)
                p50 = re.search(r"50%\s+([\d.]+\w+)", out)
                p99 = re.search(r"99%\s+([\d.]+\w+)", out)
                runs[name].append({"rps": rps, "non_2xx": non2xx, "p50": p50.group(1) if p50 else None,
                                   "p99": p99.group(1) if p99 else None,
                                   "socket_errors": errors.group(1) if errors else None, "tool": "wrk -t2 -c16"})
            else:
                done, bad = [], []
                end = time.monotonic() + seconds

                def loop(_):
                    http = Http(port)
                    while time.monotonic() < end:
                        t = time.perf_counter()
                        r = http.get(path)
                        (done if r.status == 200 else bad).append((time.perf_counter() - t) * 1000)
                    http.close()
                with concurrent.futures.ThreadPoolExecutor(8) as pool:
                    list(pool.map(loop, range(8)))
                runs[name].append({"rps": round(len(done) / seconds, 1), "non_2xx": len(bad),
                                   "p50": f"{pct(done, 50):.1f}ms", "p99": f"{pct(done, 99):.1f}ms",
                                   "socket_errors": None, "tool": "python, 8 threads"})
    load_after = loadavg()
    best = {name: max(r, key=lambda x: x["rps"]) for name, r in runs.items()}
    ok = all(x["non_2xx"] == 0 and not x.get("socket_errors") for r in runs.values() for x in r)
    report("throughput", ok, "; ".join(
        f"{n}: {f['rps']} req/s (p50 {f['p50']}, p99 {f['p99']}; rounds "
        f"{[x['rps'] for x in runs[n]]}{', socket errors ' + f['socket_errors'] if f.get('socket_errors') else ''})"
        for n, f in best.items()) + f" [{rounds}x{seconds} s each, GET /api/v1/jobs?q=..; load average "
        f"{load_before} -> {load_after} on {os.cpu_count()} cores]",
        runs=runs, best=best, load_average=[load_before, load_after], cores=os.cpu_count())


def instance_logs():
    counts = {}
    for n in range(1, len(PORTS) + 1):
        path = os.path.join(WORK, f"instance-{n}.log")
        with open(path, errors="replace") as f:
            text = re.sub(r"\x1b\[[0-9;]*m", "", f.read())
        counts[n] = {"requests_logged": len(re.findall(r"request status=", text)),
                     "panics": text.count("panicked")}
    return counts


def main():
    started = time.monotonic()
    print(f"==> checks: nginx :{PROXY} over instances {PORTS}", flush=True)
    people = job_id = word = conversation = None
    try:
        people, job_id, word, posted_at, client, freelancer = journey()
        search_everywhere(job_id, word, posted_at)
        edits_everywhere(job_id, people["client"]["token"])
        conversation = rest_of_journey(people, job_id, client, freelancer)
        ok, detail, counts = spread()
        report("a client sees no difference", ok,
               f"sign-up, verification by mail, sign-in, a job posted and read, a file uploaded and served by every "
               f"instance, a proposal, its conversation, refresh rotation; {detail}", requests_per_instance=counts)
    except Exception as error:  # noqa: BLE001
        ok, detail, counts = spread()
        report("a client sees no difference", False, f"{error}; {detail}")
    checks = [("outbox emails delivered exactly once", outbox_exactly_once),
              ("withdrawals settled exactly once", withdrawals_exactly_once),
              ("rate limits hold across instances", rate_limits_across_instances)]
    if conversation:
        checks.insert(2, ("WebSocket messages cross instances", lambda: websocket_latency(people, conversation)))
    for name, fn in checks:
        try:
            fn()
        except Exception as error:  # noqa: BLE001
            report(name, False, f"{type(error).__name__}: {error}")
    if conversation:
        try:
            kill_one(job_id, conversation, people["freelancer"]["token"])
        except Exception as error:  # noqa: BLE001
            report("an instance dying", False, f"{type(error).__name__}: {error}")
    else:
        report("WebSocket messages cross instances", False, "skipped: the journey did not get to a conversation")
        report("an instance dying", False, "skipped: the journey did not get to a conversation")
    try:
        throughput(word or "booking")
    except Exception as error:  # noqa: BLE001
        report("throughput", False, f"{type(error).__name__}: {error}")
    logs = instance_logs()
    results["instance_logs"] = logs
    panics = sum(v["panics"] for v in logs.values())
    report("no instance panicked", panics == 0,
           ", ".join(f"instance {n}: {v['requests_logged']} requests logged, {v['panics']} panics"
                     for n, v in logs.items()))
    results["seconds"] = round(time.monotonic() - started, 1)
    with open(os.path.join(WORK, "results.json"), "w") as f:
        json.dump(results, f, indent=2)
    passed = len(results["checks"]) - len(failed)
    print(f"multi-instance: {passed} passed, {len(failed)} failed", flush=True)
    print(f"({results['seconds']} s; figures in target/multi-instance/results.json)", flush=True)
    if failed:
        print("failed: " + "; ".join(failed), flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    random.seed()
    main()
