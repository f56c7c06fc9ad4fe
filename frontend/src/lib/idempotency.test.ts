import { describe, expect, it, vi } from "vitest";
import { ApiError, NetworkError } from "../api/problem";
import { IdempotencyKeys, newIdempotencyKey, outcomeOf, submitIdempotently } from "./idempotency";

function counter() {
  let n = 0;
  return () => `key-${++n}`;
}

const problem = (status: number, code: string) =>
  new ApiError(status, { type: "about:blank", title: code, status, detail: code, code });

const deposit = { payment_method_id: "pm-1", amount: "500.00" };

describe("outcomeOf", () => {
  it("treats no answer, a 5xx and a still-running first attempt as unknown", () => {
    expect(outcomeOf(new NetworkError())).toBe("unknown");
    expect(outcomeOf(problem(500, "internal"))).toBe("unknown");
    expect(outcomeOf(problem(503, "unavailable"))).toBe("unknown");
    expect(outcomeOf(problem(409, "idempotency_in_progress"))).toBe("unknown");
    expect(outcomeOf(new Error("bug"))).toBe("unknown");
  });

  it("treats a clear refusal as final", () => {
    expect(outcomeOf(problem(402, "card_declined"))).toBe("refused");
    expect(outcomeOf(problem(409, "insufficient_funds"))).toBe("refused");
    expect(outcomeOf(problem(422, "validation_failed"))).toBe("refused");
    expect(outcomeOf(problem(403, "identity_not_verified"))).toBe("refused");
  });
});

describe("IdempotencyKeys", () => {
  it("reuses the key when the same submission is retried after a network error", async () => {
    const keys = new IdempotencyKeys(counter());
    const send = vi.fn<(key: string) => Promise<string>>()
      .mockRejectedValueOnce(new NetworkError())
      .mockResolvedValueOnce("done");
    await expect(submitIdempotently(keys, deposit, send)).rejects.toBeInstanceOf(NetworkError);
    expect(keys.isRetry({ ...deposit })).toBe(true);
    // The same values again (in another key order, as a new object): the same key.
    await expect(submitIdempotently(keys, { amount: "500.00", payment_method_id: "pm-1" }, send)).resolves.toBe("done");
    expect(send.mock.calls.map(([key]) => key)).toEqual(["key-1", "key-1"]);
  });

  it("keeps the key through several unknown outcomes (5xx, still in progress)", async () => {
    const keys = new IdempotencyKeys(counter());
    const send = vi.fn<(key: string) => Promise<string>>()
      .mockRejectedValueOnce(problem(502, "bad_gateway"))
      .mockRejectedValueOnce(problem(409, "idempotency_in_progress"))
      .mockResolvedValueOnce("done");
    await expect(submitIdempotently(keys, deposit, send)).rejects.toBeInstanceOf(ApiError);
    await expect(submitIdempotently(keys, deposit, send)).rejects.toBeInstanceOf(ApiError);
    await submitIdempotently(keys, deposit, send);
    expect(send.mock.calls.map(([key]) => key)).toEqual(["key-1", "key-1", "key-1"]);
  });

  it("gives a new submission a new key, even with the same values after a success", async () => {
    const keys = new IdempotencyKeys(counter());
    const send = vi.fn((key: string) => Promise.resolve(key));
    await submitIdempotently(keys, deposit, send);
    expect(keys.isRetry(deposit)).toBe(false);
    await submitIdempotently(keys, deposit, send);
    expect(send.mock.calls.map(([key]) => key)).toEqual(["key-1", "key-2"]);
  });

  it("gives a new key after a definite refusal (the card was declined)", async () => {
    const keys = new IdempotencyKeys(counter());
    const send = vi.fn<(key: string) => Promise<string>>()
      .mockRejectedValueOnce(problem(402, "card_declined"))
      .mockResolvedValueOnce("done");
    await expect(submitIdempotently(keys, deposit, send)).rejects.toBeInstanceOf(ApiError);
    await submitIdempotently(keys, deposit, send);
    expect(send.mock.calls.map(([key]) => key)).toEqual(["key-1", "key-2"]);
  });

  it("gives a new key when the values change after a network error", async () => {
    const keys = new IdempotencyKeys(counter());
    const send = vi.fn<(key: string) => Promise<string>>()
      .mockRejectedValueOnce(new NetworkError())
      .mockResolvedValue("done");
    await expect(submitIdempotently(keys, deposit, send)).rejects.toBeInstanceOf(NetworkError);
    await submitIdempotently(keys, { ...deposit, amount: "400.00" }, send);
    expect(send.mock.calls.map(([key]) => key)).toEqual(["key-1", "key-2"]);
  });
});

describe("newIdempotencyKey", () => {
  const v4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it("is a fresh v4 UUID each time", () => {
    const a = newIdempotencyKey();
    expect(a).toMatch(v4);
    expect(newIdempotencyKey()).not.toBe(a);
  });

  it("still works where crypto.randomUUID is missing (a page served over plain HTTP)", () => {
    const original = Object.getOwnPropertyDescriptor(globalThis.crypto, "randomUUID");
    Object.defineProperty(globalThis.crypto, "randomUUID", { value: undefined, configurable: true });
    try {
      expect(newIdempotencyKey()).toMatch(v4);
    } finally {
      if (original) Object.defineProperty(globalThis.crypto, "randomUUID", original);
      else Reflect.deleteProperty(globalThis.crypto, "randomUUID");
    }
  });
});
