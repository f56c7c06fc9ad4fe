import { describe, expect, it, vi } from "vitest";
import type { TokenResponse } from "../api/types";
import { REFRESH_TOKEN_KEY, Session, SessionExpiredError, RefreshUnavailableError, type RefreshOutcome } from "./session";

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  };
}

function tokens(n: number): TokenResponse {
  return {
    access_token: `access-${n}`,
    refresh_token: `refresh-${n}`,
    token_type: "Bearer",
    expires_in: 900,
    user: {
      id: "00000000-0000-0000-0000-000000000001",
      email: "ada@example.com",
      full_name: "Ada Lovelace",
      country: "GB",
      timezone: "Europe/London",
      roles: ["freelancer"],
      email_verified: false, payment_verified: false, identity_verified: false,
      created_at: "2024-01-01T00:00:00Z",
    },
  };
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe("Session.refresh", () => {
  it("shares one refresh between concurrent callers (single flight)", async () => {
    const storage = memoryStorage({ [REFRESH_TOKEN_KEY]: "refresh-0" });
    const pending = deferred<RefreshOutcome>();
    const refreshRequest = vi.fn(() => pending.promise);
    const session = new Session({ refreshRequest, storage });

    const calls = [session.refresh(), session.refresh(), session.refresh()];
    pending.resolve({ ok: true, tokens: tokens(1) });
    const results = await Promise.all(calls);

    expect(refreshRequest).toHaveBeenCalledTimes(1);
    expect(refreshRequest).toHaveBeenCalledWith("refresh-0");
    expect(results).toEqual(["access-1", "access-1", "access-1"]);
    expect(session.getAccessToken()).toBe("access-1");
  });

  it("stores the rotated refresh token and uses it for the next refresh", async () => {
    const storage = memoryStorage({ [REFRESH_TOKEN_KEY]: "refresh-0" });
    let n = 0;
    const refreshRequest = vi.fn(() => Promise.resolve<RefreshOutcome>({ ok: true, tokens: tokens(++n) }));
    const session = new Session({ refreshRequest, storage });

    await session.refresh();
    expect(storage.getItem(REFRESH_TOKEN_KEY)).toBe("refresh-1");
    await session.refresh();
    expect(refreshRequest.mock.calls.map((c: unknown[]) => c[0])).toEqual(["refresh-0", "refresh-1"]);
    expect(storage.getItem(REFRESH_TOKEN_KEY)).toBe("refresh-2");
  });

  it("ends the session and tells listeners when the server refuses the token", async () => {
    const storage = memoryStorage();
    const session = new Session({
      refreshRequest: () => Promise.resolve({ ok: false, rejected: true }),
      storage,
    });
    session.signIn(tokens(1));
    const expired = vi.fn();
    session.onExpired(expired);

    const a = session.refresh();
    const b = session.refresh();
    await expect(a).rejects.toBeInstanceOf(SessionExpiredError);
    await expect(b).rejects.toBeInstanceOf(SessionExpiredError);

    expect(expired).toHaveBeenCalledTimes(1);
    // Marked as ended by the server, so pages send the user to sign in with a word about it.
    expect(session.getState()).toEqual({ status: "signed_out", expired: true });
    session.clear(true);
    expect(session.getState()).toEqual({ status: "signed_out", by_user: true });
    expect(session.getAccessToken()).toBeNull();
    expect(storage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
  });

  it("keeps the tokens when the server could not be reached", async () => {
    const storage = memoryStorage();
    const session = new Session({
      refreshRequest: () => Promise.resolve({ ok: false, rejected: false }),
      storage,
    });
    session.signIn(tokens(1));
    await expect(session.refresh()).rejects.toBeInstanceOf(RefreshUnavailableError);
    expect(storage.getItem(REFRESH_TOKEN_KEY)).toBe("refresh-1");
    expect(session.getState().status).toBe("signed_in");
  });

  it("starts a new refresh after the previous one settled", async () => {
    const storage = memoryStorage({ [REFRESH_TOKEN_KEY]: "refresh-0" });
    let n = 0;
    const refreshRequest = vi.fn(() => Promise.resolve<RefreshOutcome>({ ok: true, tokens: tokens(++n) }));
    const session = new Session({ refreshRequest, storage });
    await Promise.all([session.refresh(), session.refresh()]);
    await Promise.all([session.refresh(), session.refresh()]);
    expect(refreshRequest).toHaveBeenCalledTimes(2);
  });

  it("runs the refresh inside the cross-tab lock", async () => {
    const storage = memoryStorage({ [REFRESH_TOKEN_KEY]: "refresh-0" });
    const order: string[] = [];
    const session = new Session({
      refreshRequest: () => {
        order.push("request");
        return Promise.resolve({ ok: true, tokens: tokens(1) });
      },
      storage,
      withLock: async (fn) => {
        order.push("lock");
        const result = await fn();
        order.push("unlock");
        return result;
      },
    });
    await session.refresh();
    expect(order).toEqual(["lock", "request", "unlock"]);
  });
});

describe("Session.restore", () => {
  it("restores a stored session once, even when called repeatedly", async () => {
    const storage = memoryStorage({ [REFRESH_TOKEN_KEY]: "refresh-0" });
    const refreshRequest = vi.fn(() => Promise.resolve<RefreshOutcome>({ ok: true, tokens: tokens(1) }));
    const session = new Session({ refreshRequest, storage });
    expect(session.getState().status).toBe("restoring");

    await Promise.all([session.restore(), session.restore()]);
    await session.restore();

    expect(refreshRequest).toHaveBeenCalledTimes(1);
    expect(session.getState()).toMatchObject({ status: "signed_in", user: { email: "ada@example.com" } });
  });

  it("is signed out without a stored refresh token and does not call the server", async () => {
    const refreshRequest = vi.fn();
    const session = new Session({ refreshRequest, storage: memoryStorage() });
    await session.restore();
    expect(session.getState().status).toBe("signed_out");
    expect(refreshRequest).not.toHaveBeenCalled();
  });

  it("shows a signed-out visitor when the stored token is refused, without an expiry redirect", async () => {
    const storage = memoryStorage({ [REFRESH_TOKEN_KEY]: "stale" });
    const session = new Session({ refreshRequest: () => Promise.resolve({ ok: false, rejected: true }), storage });
    const expired = vi.fn();
    session.onExpired(expired);
    await session.restore();
    expect(session.getState().status).toBe("signed_out");
    expect(storage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
    expect(expired).not.toHaveBeenCalled();
  });
});
