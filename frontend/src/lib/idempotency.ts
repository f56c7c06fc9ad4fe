// Idempotency keys for money-moving requests (SPEC §7: a retry returns the first response
// and moves nothing twice).
//
// One key per submission. When an attempt ends without a clear answer (the network
// failed, the server had a 5xx, or it says the first attempt is still running), the
// outcome is unknown: the money may have moved. If the person then submits the same
// thing again, it is a retry and carries the same key, so the server answers with the
// first attempt's result instead of moving the money a second time. A success or a
// definite refusal (declined card, too small an amount) closes the submission: the next
// one is new and gets a new key, even with the same values.
import { ApiError, NetworkError } from "../api/problem";

export type AttemptOutcome = "succeeded" | "refused" | "unknown";

/** Whether a failed attempt might have gone through on the server. */
export function outcomeOf(error: unknown): AttemptOutcome {
  if (error instanceof NetworkError) return "unknown";
  if (error instanceof ApiError) {
    if (error.status >= 500) return "unknown";
    if (error.status === 409 && error.code === "idempotency_in_progress") return "unknown";
    return "refused";
  }
  // A bug on our side before or after the request: assume the worst.
  return "unknown";
}

/** A version 4 UUID; falls back to getRandomValues where randomUUID is missing (plain-HTTP hosts). */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === "function") return c.randomUUID();
  const bytes = c.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** JSON with sorted object keys, so {a, b} and {b, a} are the same submission. */
function fingerprint(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) return v;
    const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries);
  });
}

/** The keys of one form: which submission is open, and its key. */
export class IdempotencyKeys {
  private open: { fingerprint: string; key: string } | null = null;
  private readonly makeKey: () => string;

  constructor(makeKey: () => string = newIdempotencyKey) {
    this.makeKey = makeKey;
  }

  /** The key for submitting `payload`: the open submission's key when it is a retry of it. */
  keyFor(payload: unknown): string {
    const print = fingerprint(payload);
    if (this.open?.fingerprint === print) return this.open.key;
    const key = this.makeKey();
    this.open = { fingerprint: print, key };
    return key;
  }

  /** True when submitting `payload` now would retry an attempt whose outcome is unknown. */
  isRetry(payload: unknown): boolean {
    return this.open?.fingerprint === fingerprint(payload);
  }

  /** Record how the attempt ended: only an unknown outcome keeps the submission open. */
  settle(outcome: AttemptOutcome): void {
    if (outcome !== "unknown") this.open = null;
  }
}

/**
 * Send `payload` with its idempotency key and settle the key with the outcome. The error
 * of a failed attempt is rethrown unchanged.
 */
export async function submitIdempotently<T>(
  keys: IdempotencyKeys,
  payload: unknown,
  send: (key: string) => Promise<T>,
): Promise<T> {
  const key = keys.keyFor(payload);
  try {
    const result = await send(key);
    keys.settle("succeeded");
    return result;
  } catch (error) {
    keys.settle(outcomeOf(error));
    throw error;
  }
}
