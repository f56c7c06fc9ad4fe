#!/usr/bin/env python3
"""make bench, shape g: the fixed-price money path end to end over HTTP.

Each scenario is one contract's second milestone: the client funds it (escrow from
the wallet), the freelancer submits work, the client approves (released to pending).
CONCURRENCY threads run scenarios on their own keep-alive connection until SECONDS
pass or the prepared contracts run out. Prints one BENCH_JSON line.
Usage: delivery-load.py BASE_URL TSV CONCURRENCY SECONDS
"""
import http.client
import json
import queue
import sys
import threading
import time
import urllib.parse

base, tsv, concurrency, seconds = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
url = urllib.parse.urlparse(base)
work = queue.Queue()
for line in open(tsv):
    parts = line.rstrip("\n").split("\t")
    if len(parts) == 3:
        work.put(parts)

lock = threading.Lock()
request_ms, scenario_ms, failures = [], [], []
deadline = time.monotonic() + seconds


def post(conn, path, token, body):
    data = json.dumps(body)
    started = time.perf_counter()
    conn.request("POST", path, body=data, headers={
        "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    response = conn.getresponse()
    payload = response.read()
    return response.status, (time.perf_counter() - started) * 1000, payload


def worker():
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    while time.monotonic() < deadline:
        try:
            client, freelancer, milestone = work.get_nowait()
        except queue.Empty:
            return
        steps = [
            (f"/api/v1/milestones/{milestone}/fund", client, {}),
            (f"/api/v1/milestones/{milestone}/submit", freelancer, {"message": "Delivered, see the notes."}),
            (f"/api/v1/milestones/{milestone}/approve", client, {}),
        ]
        started = time.perf_counter()
        times, ok = [], True
        for path, token, body in steps:
            try:
                status, ms, payload = post(conn, path, token, body)
            except Exception as error:  # a dropped connection: reconnect, count it
                conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
                status, ms, payload = 0, 0.0, str(error).encode()
            times.append(ms)
            if status != 200:
                ok = False
                with lock:
                    failures.append((path.rsplit("/", 1)[-1], status, payload[:200].decode(errors="replace")))
                break
        with lock:
            request_ms.extend(times)
            if ok:
                scenario_ms.append((time.perf_counter() - started) * 1000)


begin = time.monotonic()
threads = [threading.Thread(target=worker) for _ in range(concurrency)]
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = time.monotonic() - begin


def pct(values, p):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


report = {
    "scenarios": len(scenario_ms), "seconds": round(elapsed, 2),
    "scenarios_per_s": round(len(scenario_ms) / elapsed, 1),
    "requests": len(request_ms), "rps": round(len(request_ms) / elapsed, 1),
    "p50_ms": round(pct(request_ms, 50), 2), "p95_ms": round(pct(request_ms, 95), 2),
    "p99_ms": round(pct(request_ms, 99), 2), "max_ms": round(max(request_ms or [0]), 2),
    "scenario_p99_ms": round(pct(scenario_ms, 99), 2),
    "errors": 0, "non_2xx": len(failures),
}
if failures:
    print("first failures:", failures[:3], file=sys.stderr)
print("BENCH_JSON " + json.dumps(report))
