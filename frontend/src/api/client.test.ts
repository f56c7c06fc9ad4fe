import { describe, expect, it, vi } from "vitest";
import { Session, REFRESH_TOKEN_KEY, type RefreshOutcome } from "../auth/session";
import type { TokenResponse } from "./types";
import { call, createApi } from "./client";
import { ApiError } from "./problem";

const user = {
  id: "00000000-0000-0000-0000-000000000001",
  email: "ada@example.com",
  full_name: "Ada Lovelace",
  country: "GB",
  timezone: "Europe/London",
  roles: ["client" as const],
  email_verified: true, payment_verified: false, identity_verified: false,
  created_at: "2024-01-01T00:00:00Z",
};

function tokenPair(n: number): TokenResponse {
  return { access_token: `access-${n}`, refresh_token: `refresh-${n}`, token_type: "Bearer", expires_in: 900, user };
}

function problem(status: number, code: string): Response {
  return new Response(JSON.stringify({ type: "about:blank", title: "Unauthorized", status, code, detail: code }), {
    status,
    headers: { "Content-Type": "application/problem+json" },
  });
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

/** A fake server whose valid access token is `valid`; the rest answer token_expired. */
function fakeServer(valid: () => string) {
  const seen: string[] = [];
  const fetchImpl = vi.fn((request: Request) => {
    const auth = request.headers.get("Authorization") ?? "";
    seen.push(`${request.method} ${new URL(request.url).pathname} ${auth}`);
    if (auth !== `Bearer ${valid()}`) return Promise.resolve(problem(401, "token_expired"));
    return Promise.resolve(json(user));
  });
  return { fetchImpl, seen };
}

function storageWith(refreshToken: string | null) {
  window.localStorage.clear();
  if (refreshToken) window.localStorage.setItem(REFRESH_TOKEN_KEY, refreshToken);
  return window.localStorage;
}

describe("auth middleware", () => {
  it("adds the Bearer header from the session", async () => {
    const session = new Session({ refreshRequest: vi.fn(), storage: storageWith(null) });
    session.signIn(tokenPair(1));
    const { fetchImpl, seen } = fakeServer(() => "access-1");
    const api = createApi(session, fetchImpl);
    await expect(call(api.GET("/api/v1/me"))).resolves.toEqual(user);
    expect(seen).toEqual(["GET /api/v1/me Bearer access-1"]);
  });

  it("refreshes once for concurrent token_expired answers and retries each request", async () => {
    let resolveRefresh!: (o: RefreshOutcome) => void;
    const refreshRequest = vi.fn(
      () =>
        new Promise<RefreshOutcome>((r) => {
          resolveRefresh = r;
        }),
    );
    const session = new Session({ refreshRequest, storage: storageWith(null) });
    session.signIn(tokenPair(1));
    let valid = "access-1-expired";
    const { fetchImpl, seen } = fakeServer(() => valid);
    const api = createApi(session, fetchImpl);

    const requests = [
      call(api.GET("/api/v1/me")),
      call(api.PATCH("/api/v1/me", { body: { full_name: "Ada King" } })),
      call(api.GET("/api/v1/me")),
    ];
    await vi.waitFor(() => expect(refreshRequest).toHaveBeenCalledTimes(1));
    valid = "access-2";
    resolveRefresh({ ok: true, tokens: tokenPair(2) });

    await expect(Promise.all(requests)).resolves.toHaveLength(3);
    expect(refreshRequest).toHaveBeenCalledTimes(1);
    expect(refreshRequest).toHaveBeenCalledWith("refresh-1");
    const retries = seen.filter((line) => line.endsWith("Bearer access-2"));
    expect(retries).toHaveLength(3);
    expect(retries).toContain("PATCH /api/v1/me Bearer access-2");
  });

  it("resends the request body on retry", async () => {
    const session = new Session({
      refreshRequest: () => Promise.resolve({ ok: true, tokens: tokenPair(2) }),
      storage: storageWith(null),
    });
    session.signIn(tokenPair(1));
    const bodies: string[] = [];
    const fetchImpl = vi.fn(async (request: Request) => {
      bodies.push(await request.text());
      return request.headers.get("Authorization") === "Bearer access-2" ? json(user) : problem(401, "token_expired");
    });
    const api = createApi(session, fetchImpl);
    await call(api.PATCH("/api/v1/me", { body: { full_name: "Ada King" } }));
    expect(bodies).toEqual(['{"full_name":"Ada King"}', '{"full_name":"Ada King"}']);
  });

  it("does not refresh for other 401 codes", async () => {
    const refreshRequest = vi.fn();
    const session = new Session({ refreshRequest, storage: storageWith(null) });
    session.signIn(tokenPair(1));
    const fetchImpl = vi.fn(() => Promise.resolve(problem(401, "invalid_token")));
    const api = createApi(session, fetchImpl);
    const error: unknown = await call(api.GET("/api/v1/me")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe("invalid_token");
    expect(refreshRequest).not.toHaveBeenCalled();
    expect(fetchImpl).toHaveBeenCalledTimes(1);
  });

  it("signs out locally and reports the 401 when the refresh is refused", async () => {
    const session = new Session({
      refreshRequest: () => Promise.resolve({ ok: false, rejected: true }),
      storage: storageWith(null),
    });
    session.signIn(tokenPair(1));
    const expired = vi.fn();
    session.onExpired(expired);
    const { fetchImpl } = fakeServer(() => "never");
    const api = createApi(session, fetchImpl);

    const error: unknown = await call(api.GET("/api/v1/me")).catch((e: unknown) => e);
    expect((error as ApiError).status).toBe(401);
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    expect(session.getState().status).toBe("signed_out");
    expect(window.localStorage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it("retries without refreshing when another request already renewed the token", async () => {
    const refreshRequest = vi.fn();
    const session = new Session({ refreshRequest, storage: storageWith(null) });
    session.signIn(tokenPair(1));
    const fetchImpl = vi.fn((request: Request) => {
      if (request.headers.get("Authorization") === "Bearer access-1") {
        // While this request was out, someone else refreshed.
        session.signIn(tokenPair(2));
        return Promise.resolve(problem(401, "token_expired"));
      }
      return Promise.resolve(json(user));
    });
    const api = createApi(session, fetchImpl);
    await call(api.GET("/api/v1/me"));
    expect(refreshRequest).not.toHaveBeenCalled();
    expect(fetchImpl).toHaveBeenCalledTimes(2);
  });
});
