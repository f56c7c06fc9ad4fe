// The wallet's transaction history as it lives in the address bar (parameters named as
// GET /wallet/transactions names them), so a filtered view survives a reload and can
// be shared or bookmarked.
import { TRANSACTION_TYPES, type TransactionQuery, type TransactionType } from "../api/money";
import { readCursor, readOne, toQueryString } from "./urlState";

export const HISTORY_PAGE_SIZE = 25;

export interface HistoryFilters {
  type: TransactionType | null;
  /** YYYY-MM-DD, inclusive. */
  from: string | null;
  /** YYYY-MM-DD, inclusive. */
  to: string | null;
  cursor: string | null;
}

export const emptyHistoryFilters: HistoryFilters = { type: null, from: null, to: null, cursor: null };

export const transactionTypeLabels: Record<TransactionType, string> = {
  deposit: "Deposit",
  escrow_funding: "Escrow funding",
  escrow_release: "Payment released",
  escrow_refund: "Escrow refund",
  service_fee: "Service fee",
  marketplace_fee: "Marketplace fee",
  withdrawal: "Withdrawal",
  withdrawal_fee: "Withdrawal fee",
  withdrawal_return: "Returned withdrawal",
  security_period_end: "Security period ended",
  connects_purchase: "Connects purchase",
  marketplace_fee_refund: "Marketplace fee refunded",
};

/** The label of a line's type; a type this SPA does not know yet is shown readably. */
export function transactionTypeLabel(type: string): string {
  const known = TRANSACTION_TYPES.find((t) => t === type);
  if (known) return transactionTypeLabels[known];
  const words = type.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A real calendar date written YYYY-MM-DD (no 2026-02-30). */
export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function readDate(params: URLSearchParams, key: string): string | null {
  const value = params.get(key)?.trim();
  return value && isIsoDate(value) ? value : null;
}

/** Forgiving: unknown types and malformed dates read as "not set"; a reversed range is turned round. */
export function parseHistoryFilters(params: URLSearchParams): HistoryFilters {
  let from = readDate(params, "from");
  let to = readDate(params, "to");
  if (from && to && from > to) [from, to] = [to, from];
  return { type: readOne(params, "type", TRANSACTION_TYPES), from, to, cursor: readCursor(params) };
}

export function historyFiltersToQueryString(f: HistoryFilters): string {
  return toQueryString([
    ["type", f.type],
    ["from", f.from],
    ["to", f.to],
    ["cursor", f.cursor],
  ]);
}

/** The filters after a change: anything but a page turn starts again from the first page. */
export function changeHistoryFilters(current: HistoryFilters, change: Partial<HistoryFilters>): HistoryFilters {
  return { ...current, ...change, cursor: change.cursor ?? null };
}

export function countHistoryFilters(f: HistoryFilters): number {
  return [f.type !== null, f.from !== null || f.to !== null].filter(Boolean).length;
}

/** The GET /wallet/transactions query for these filters (without paging for the CSV). */
export function historyQuery(f: HistoryFilters, paging: { limit: number } | null = { limit: HISTORY_PAGE_SIZE }): TransactionQuery {
  const query: TransactionQuery = {};
  if (f.type) query.type = f.type;
  if (f.from) query.from = f.from;
  if (f.to) query.to = f.to;
  if (paging) {
    query.limit = paging.limit;
    if (f.cursor) query.cursor = f.cursor;
  }
  return query;
}
