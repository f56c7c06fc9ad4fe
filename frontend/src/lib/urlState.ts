// Reading and writing search filters in a URL query string. Readers are forgiving: a
// value that is missing, malformed or unknown reads as "not set", so a hand-edited or
// stale link still opens a working search. Writers drop whatever is not set.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const AMOUNT = /^\d{1,10}(\.\d{1,2})?$/;
const COUNTRY = /^[A-Za-z]{2}$/;
const CURSOR_MAX = 500;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** A decimal amount as the API takes it: digits with at most two decimals ("750", "12.5"). */
export function isAmount(value: string): boolean {
  return AMOUNT.test(value);
}

export function readText(params: URLSearchParams, key: string, max: number): string {
  // Code points, as the server counts them.
  // eslint-disable-next-line @typescript-eslint/no-misused-spread -- code points are what the server counts
  return [...(params.get(key) ?? "").trim()].slice(0, max).join("").trim();
}

export function readOne<T extends string>(params: URLSearchParams, key: string, allowed: readonly T[]): T | null {
  const value = params.get(key)?.trim();
  return allowed.find((a) => a === value) ?? null;
}

/**
 * A comma-separated list. With `allowed` the known values come back in their canonical
 * order (so two links that differ only in order are the same search); with a predicate,
 * the valid values in the order given, without repeats.
 */
export function readList<T extends string>(
  params: URLSearchParams,
  key: string,
  allowed: readonly T[] | ((value: string) => boolean),
): T[] {
  const raw = params.get(key);
  if (!raw) return [];
  const items = raw.split(",").map((item) => item.trim());
  if (typeof allowed === "function") {
    return [...new Set(items.filter((item) => item !== "" && allowed(item)))] as T[];
  }
  return allowed.filter((a) => items.includes(a));
}

export function readUuid(params: URLSearchParams, key: string): string | null {
  const value = params.get(key)?.trim().toLowerCase();
  return value && isUuid(value) ? value : null;
}

export function readAmount(params: URLSearchParams, key: string): string | null {
  const value = params.get(key)?.trim();
  return value && isAmount(value) ? value : null;
}

export function readInt(params: URLSearchParams, key: string, min: number, max: number): number | null {
  const value = params.get(key)?.trim();
  if (!value || !/^\d{1,6}$/.test(value)) return null;
  const n = Number(value);
  return n >= min && n <= max ? n : null;
}

/** A yes-only flag: `true` turns it on; anything else leaves it off. */
export function readFlag(params: URLSearchParams, key: string): boolean {
  return params.get(key)?.trim() === "true";
}

export function readCountry(params: URLSearchParams, key: string): string | null {
  const value = params.get(key)?.trim();
  return value && COUNTRY.test(value) ? value.toUpperCase() : null;
}

export function readCursor(params: URLSearchParams, key = "cursor"): string | null {
  const value = params.get(key);
  return value && value.length <= CURSOR_MAX ? value : null;
}

export type QueryValue = string | number | boolean | readonly string[] | null;

/**
 * A query string ("a=1&b=x,y", no leading "?") from entries in the order given, leaving
 * out empty strings, empty lists, null and false. List items are joined with literal
 * commas (readable in the address bar); everything else is percent-encoded.
 */
export function toQueryString(entries: readonly (readonly [string, QueryValue])[]): string {
  const parts: string[] = [];
  for (const [key, value] of entries) {
    if (value === null || value === false || value === "") continue;
    if (Array.isArray(value)) {
      const list = value as readonly string[];
      if (list.length > 0) parts.push(`${key}=${list.map(encodeURIComponent).join(",")}`);
      continue;
    }
    parts.push(`${key}=${encodeURIComponent(String(value))}`);
  }
  return parts.join("&");
}

/** The pages before this one, kept in the history entry so "Previous page" can go back. */
export interface PagerState {
  /** The cursors of the earlier pages, oldest first; null is the first page. */
  previous: (string | null)[];
}

export function readPagerState(state: unknown): PagerState | null {
  if (typeof state !== "object" || state === null || !("previous" in state)) return null;
  const previous: unknown = state.previous;
  if (!Array.isArray(previous)) return null;
  if (!previous.every((c): c is string | null => c === null || typeof c === "string")) return null;
  return { previous };
}
