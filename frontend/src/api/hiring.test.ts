import { afterEach, describe, expect, it, vi } from "vitest";
import {
  acceptInvitation,
  declineInvitation,
  fetchContracts,
  fetchJobProposals,
  fetchMyConnects,
  purchaseConnects,
  runProposalAction,
  createOffer,
  submitProposal,
} from "./hiring";
import { ApiError } from "./problem";

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
}

/** Stub fetch with one answer per call (the last one repeats), recording the requests. */
function server(...answers: (() => Response)[]) {
  const seen: Request[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn((request: Request) => {
      seen.push(request);
      const answer = answers[Math.min(seen.length - 1, answers.length - 1)];
      return Promise.resolve(answer ? answer() : json({}));
    }),
  );
  return seen;
}

afterEach(() => vi.unstubAllGlobals());

const proposalBody = {
  cover_letter: "x".repeat(60),
  bid_amount: "750.00",
  milestones: [
    { title: "Design", amount: "250.00" },
    { title: "Build", amount: "500.00" },
  ],
  estimated_duration: "1_to_3_months" as const,
  answers: ["Yes"],
};

describe("hiring calls", () => {
  it("GET a job's proposals with only the filters that are set", async () => {
    const seen = server(() => json({ data: [], next_cursor: null, counts: {} }));
    await fetchJobProposals("job 1", { status: "active", sort: "best_match", cursor: null, limit: 20 });
    const url = new URL(seen[0]?.url ?? "");
    expect(seen[0]?.method).toBe("GET");
    expect(url.pathname).toBe("/api/v1/jobs/job%201/proposals");
    expect(Object.fromEntries(url.searchParams)).toEqual({ status: "active", sort: "best_match", limit: "20" });
  });

  it("GET my Connects and contracts with paging and role", async () => {
    const seen = server(() => json({ data: [], next_cursor: null }));
    await fetchMyConnects({ limit: 1 });
    await fetchContracts({ role: "client", cursor: "abc" });
    expect(seen.map((r) => `${new URL(r.url).pathname}${new URL(r.url).search}`)).toEqual([
      "/api/v1/me/connects?limit=1",
      "/api/v1/contracts?role=client&cursor=abc",
    ]);
  });

  it("POST a proposal as JSON, and an invitation's answer to its own address", async () => {
    const seen = server(() => json({ id: "p1" }, 201));
    await submitProposal("j1", proposalBody);
    await acceptInvitation("i1", proposalBody);
    expect(seen.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      "POST /api/v1/jobs/j1/proposals",
      "POST /api/v1/invitations/i1/accept",
    ]);
    expect(seen[0]?.headers.get("Content-Type")).toContain("application/json");
    expect(await seen[0]?.json()).toEqual(proposalBody);
  });

  it("sends a reason only when one is given, and no body where none is asked for", async () => {
    const seen = server(() => json({ id: "p1" }));
    await runProposalAction("p1", "decline", "Budget too high");
    await runProposalAction("p1", "withdraw");
    await declineInvitation("i1", "");
    await runProposalAction("p1", "shortlist");
    expect(seen.map((r) => new URL(r.url).pathname)).toEqual([
      "/api/v1/proposals/p1/decline",
      "/api/v1/proposals/p1/withdraw",
      "/api/v1/invitations/i1/decline",
      "/api/v1/proposals/p1/shortlist",
    ]);
    expect(await seen[0]?.json()).toEqual({ reason: "Budget too high" });
    expect(await seen[1]?.json()).toEqual({});
    expect(await seen[2]?.json()).toEqual({});
    expect(await seen[3]?.text()).toBe("");
  });

  it("send the Idempotency-Key with offers and Connects purchases, and report a replay", async () => {
    const seen = server(
      () => json({ connects: 20, price: "3.00", balance: 30, transaction_id: "t1" }, 201),
      () => json({ connects: 20, price: "3.00", balance: 30, transaction_id: "t1" }, 201, { "Idempotent-Replayed": "true" }),
      () => json({ id: "o1" }, 201),
    );
    const first = await purchaseConnects({ bundle: 20 }, "key-1");
    const again = await purchaseConnects({ bundle: 20 }, "key-1");
    const offer = await createOffer({ proposal_id: "p1", contract_type: "fixed", milestones: [{ title: "All", amount: "750.00" }] }, "key-2");
    expect(first).toEqual({ result: { connects: 20, price: "3.00", balance: 30, transaction_id: "t1" }, replayed: false });
    expect(again.replayed).toBe(true);
    expect(offer.result).toEqual({ id: "o1" });
    expect(seen.map((r) => r.headers.get("Idempotency-Key"))).toEqual(["key-1", "key-1", "key-2"]);
    expect(new URL(seen[2]?.url ?? "").pathname).toBe("/api/v1/offers");
  });

  it("turn a problem into an ApiError with its code", async () => {
    server(
      () =>
        new Response(
          JSON.stringify({ type: "about:blank", title: "Payment Required", status: 402, code: "not_enough_connects", detail: "You need 6 Connects." }),
          { status: 402, headers: { "Content-Type": "application/problem+json" } },
        ),
    );
    const error: unknown = await submitProposal("j1", proposalBody).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(402);
    expect((error as ApiError).code).toBe("not_enough_connects");
  });
});
