#!/usr/bin/env python3
"""Helpers for scripts/fuzz-api.sh (standard library only).

  fuzz_api.py merge-links OPENAPI_JSON LINKS_JSON OUT_JSON
      Copy the document with openapi/links.json merged in the way the server does at
      build time: for each source operationId and response status, the named links go
      under paths.<path>.<method>.responses.<status>.links. Every link is checked first:
      the source operation and status exist, the target operation exists, every
      parameter is one of the target's, every `$response.body#/...` pointer exists in
      the source response's schema.

  fuzz_api.py accounts BASE_URL OUT_DIR
      Sign up and verify (through the dev mailbox) a client with a card and a
      freelancer with a profile, sign in as them and as the demo admin, give each a
      contract with a demo account (a public job, a proposal, an accepted fixed-price
      offer with a funded milestone, its conversation; the two share nothing, so any
      object of one the other can read is a leak), and write OUT_DIR/auth.json: a Web
      Fuzzing Commons auth document with the entries `client`, `freelancer`, `admin`.
"""

from __future__ import annotations

import json
import re
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

METHODS = ("get", "post", "put", "patch", "delete")
DEMO_ADMIN = "admin@demo.worklane.test"
DEMO_CLIENT = "client@demo.worklane.test"
DEMO_FREELANCER = "freelancer@demo.worklane.test"
DEMO_PASSWORD = "worklane-demo-pass"  # crates/api/src/seed/mod.rs
PASSWORD = "violet tugboat marmalade"


# ----------------------------------------------------------------------------- links


def _resolve(doc: dict, schema: dict | None, depth: int = 0) -> dict:
    while isinstance(schema, dict) and "$ref" in schema and depth < 50:
        ref = schema["$ref"]
        node = doc
        for part in ref.lstrip("#/").split("/"):
            node = node[part]
        schema = node
        depth += 1
    return schema or {}


def _pointer_exists(doc: dict, schema: dict, parts: list[str]) -> bool:
    """Whether the JSON pointer `parts` can point at something in an instance of `schema`."""
    schema = _resolve(doc, schema)
    if not parts:
        return True
    for key in ("allOf", "oneOf", "anyOf"):
        if key in schema and any(_pointer_exists(doc, sub, parts) for sub in schema[key]):
            return True
    head, rest = parts[0], parts[1:]
    if head.isdigit():
        items = schema.get("items")
        return isinstance(items, dict) and _pointer_exists(doc, items, rest)
    props = schema.get("properties", {})
    return head in props and _pointer_exists(doc, props[head], rest)


def _expressions(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _expressions(item)
    elif isinstance(value, list):
        for item in value:
            yield from _expressions(item)


def merge_links(openapi_path: str, links_path: str, out_path: str) -> None:
    doc = json.loads(Path(openapi_path).read_text())
    links = json.loads(Path(links_path).read_text())
    operations = {}
    for path, item in doc["paths"].items():
        for method in METHODS:
            op = item.get(method)
            if op and "operationId" in op:
                operations[op["operationId"]] = (path, method, op)
    errors = []
    count = 0
    for source, by_status in links.items():
        if source not in operations:
            errors.append(f"{source}: no such operation")
            continue
        _, _, op = operations[source]
        for status, named in by_status.items():
            response = op["responses"].get(status)
            if response is None:
                errors.append(f"{source}: no {status} response")
                continue
            response = _resolve(doc, response)
            schema = response.get("content", {}).get("application/json", {}).get("schema")
            for name, link in named.items():
                count += 1
                target = operations.get(link.get("operationId"))
                if target is None:
                    errors.append(f"{source} {status} {name}: no target {link.get('operationId')}")
                    continue
                names = {p.get("name") for p in target[2].get("parameters", [])}
                for parameter in link.get("parameters", {}):
                    if parameter.rsplit(".", 1)[-1] not in names:
                        errors.append(f"{source} {status} {name}: {link['operationId']} has no parameter {parameter}")
                for expression in _expressions([link.get("parameters", {}), link.get("requestBody")]):
                    match = re.fullmatch(r"\$response\.body#(/.*)?", expression)
                    if expression.startswith("$response.body"):
                        pointer = (match.group(1) or "") if match else None
                        parts = [p for p in (pointer or "").split("/") if p]
                        if pointer is None or schema is None or not _pointer_exists(doc, schema, parts):
                            errors.append(f"{source} {status} {name}: {expression} not in the response schema")
                    elif expression.startswith("$"):
                        if not re.fullmatch(r"\$request\.path\.[a-z_]+", expression):
                            errors.append(f"{source} {status} {name}: unsupported expression {expression}")
                        elif expression.split(".")[-1] not in {
                            p.get("name") for p in op.get("parameters", []) if p.get("in") == "path"
                        }:
                            errors.append(f"{source} {status} {name}: {source} has no path parameter for {expression}")
            response.setdefault("links", {}).update(named)
            # Write back when the response was inline (a $ref'd one is shared: copy it in).
            op["responses"][status] = response
    if errors:
        sys.exit("links.json:\n  " + "\n  ".join(errors))
    Path(out_path).write_text(json.dumps(doc, indent=2) + "\n")
    print(f"merged {count} links from {len(links)} operations into {out_path}")


# ----------------------------------------------------------------------------- accounts


class Api:
    def __init__(self, base: str, token: str | None = None):
        self.base = base.rstrip("/")
        self.token = token

    def call(self, method: str, path: str, body=None, expect=(200, 201, 202, 204)):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("content-type", "application/json")
        if self.token:
            request.add_header("authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, raw = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, raw = error.code, error.read()
        if status not in expect:
            sys.exit(f"setup: {method} {path} -> {status}: {raw[:500]!r}")
        return json.loads(raw) if raw else None


def _login(base: str, email: str, password: str) -> str:
    return Api(base).call("POST", "/api/v1/auth/login", {"email": email, "password": password})["access_token"]


def _signup(base: str, email: str, name: str, roles: list[str]) -> str:
    api = Api(base)
    api.call(
        "POST",
        "/api/v1/auth/signup",
        {"email": email, "password": PASSWORD, "full_name": name, "country": "US", "timezone": "UTC", "roles": roles},
    )
    token = None
    for _ in range(50):
        mail = api.call("GET", f"/api/v1/dev/mailbox?to={urllib.request.quote(email)}")["data"]
        found = [re.search(r"token=([A-Za-z0-9_-]+)", m.get("text_body", "")) for m in mail]
        found = [f for f in found if f]
        if found:
            token = found[0].group(1)
            break
        time.sleep(0.1)
    if token is None:
        sys.exit(f"setup: no verification mail for {email}")
    api.call("POST", "/api/v1/auth/verify-email", {"token": token})
    return _login(base, email, PASSWORD)


def _card(client: Api) -> dict:
    return client.call(
        "POST",
        "/api/v1/payment-methods",
        {"card_number": "4242 4242 4242 4242", "exp_month": 12, "exp_year": 2030, "cvc": "123"},
    )


def _deal(client: Api, freelancer: Api, card: dict, category_id: str, skill_ids: list[str], title: str) -> dict:
    """A public fixed-price job, a proposal on it, and an offer the freelancer accepts: the contract."""
    job = client.call(
        "POST",
        "/api/v1/jobs",
        {
            "title": title,
            "description": "A fixed-price job for the fuzz run: a proposal, an accepted offer, a contract, its chat.",
            "category_id": category_id,
            "skill_ids": skill_ids,
            "job_type": "fixed",
            "budget": "500.00",
            "experience_level": "intermediate",
            "project_length": "less_than_1_month",
            "hours_per_week": "less_than_30",
            "visibility": "public",
        },
    )
    if job["status"] == "draft":
        job = client.call("POST", f"/api/v1/jobs/{job['id']}/publish")
    # A fresh database grants few Connects (and the browser journeys spend the demo's).
    if freelancer.call("GET", "/api/v1/me/connects")["balance"] < job["connects_cost"]:
        freelancer.call("POST", "/api/v1/me/connects/purchase", {"bundle": 20, "payment_method_id": _card(freelancer)["id"]})
    proposal = freelancer.call(
        "POST",
        f"/api/v1/jobs/{job['id']}/proposals",
        {
            "cover_letter": "I have fuzzed many APIs like this one and would like to fuzz yours as well, thoroughly.",
            "bid_amount": "400.00",
            "estimated_duration": "less_than_1_month",
            "answers": ["Yes"] * len(job.get("screening_questions", [])),
        },
    )
    offer = client.call(
        "POST",
        "/api/v1/offers",
        {
            "proposal_id": proposal["id"],
            "contract_type": "fixed",
            "milestones": [{"title": "First delivery", "amount": "200.00"}, {"title": "Second delivery", "amount": "200.00"}],
            "payment_method_id": card["id"],
        },
    )
    return freelancer.call("POST", f"/api/v1/offers/{offer['id']}/accept")["contract"]


def accounts(base: str, out_dir: str) -> None:
    stamp = f"{int(time.time())}"
    client = Api(base, _signup(base, f"fuzz.client.{stamp}@example.com", "Fuzz Client", ["client"]))
    freelancer = Api(base, _signup(base, f"fuzz.freelancer.{stamp}@example.com", "Fuzz Freelancer", ["freelancer"]))
    admin_token = _login(base, DEMO_ADMIN, DEMO_PASSWORD)
    admin = Api(base, admin_token)
    # An earlier admin run may have suspended the demo accounts (it suspends whom it lists).
    for email in (DEMO_CLIENT, DEMO_FREELANCER):
        for user in admin.call("GET", f"/api/v1/admin/users?status=suspended&q={urllib.request.quote(email)}")["data"]:
            if user["email"] == email:
                admin.call("POST", f"/api/v1/admin/users/{user['id']}/reinstate")
    # The fuzzed client and freelancer must share nothing: whatever one of them reads of
    # the other's is a leak. Each deals with a demo account instead.
    demo_client = Api(base, _login(base, DEMO_CLIENT, DEMO_PASSWORD))
    demo_freelancer = Api(base, _login(base, DEMO_FREELANCER, DEMO_PASSWORD))

    card = _card(client)
    client.call("PUT", "/api/v1/me/client-profile", {"company_name": "Fuzz Works", "description": "Fuzzing the API."})
    category = client.call("GET", "/api/v1/categories")[0]
    category_id = category["subcategories"][0]["id"] if category.get("subcategories") else category["id"]
    skill_ids = [s["id"] for s in client.call("GET", "/api/v1/skills?limit=3")["data"]]
    freelancer.call(
        "PUT",
        "/api/v1/me/freelancer-profile",
        {
            "title": "Fuzzing engineer",
            "overview": "I send unexpected inputs to APIs and read what comes back, all day long.",
            "hourly_rate": "50.00",
            "skill_ids": skill_ids,
            "availability": "30_plus",
        },
    )
    mine = _deal(client, demo_freelancer, card, category_id, skill_ids, "Fuzz the marketplace API, client side")
    theirs = _deal(demo_client, freelancer, _card(demo_client), category_id, skill_ids, "Fuzz the marketplace API, freelancer side")

    auth = {
        "auth": [
            {"name": "client", "fixedHeaders": [{"name": "Authorization", "value": f"Bearer {client.token}"}]},
            {"name": "freelancer", "fixedHeaders": [{"name": "Authorization", "value": f"Bearer {freelancer.token}"}]},
            {"name": "admin", "fixedHeaders": [{"name": "Authorization", "value": f"Bearer {admin_token}"}]},
        ]
    }
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    (out / "auth.json").write_text(json.dumps(auth, indent=2) + "\n")
    print(f"accounts: client (contract {mine['id']}), freelancer (contract {theirs['id']}), admin")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "merge-links":
        merge_links(*sys.argv[2:])
    elif len(sys.argv) == 4 and sys.argv[1] == "accounts":
        accounts(*sys.argv[2:])
    else:
        sys.exit(__doc__)
