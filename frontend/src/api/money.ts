// Money and identity calls: wallet, deposits, transaction history and CSV, yearly
// reports, cards, withdrawal methods, withdrawals, identity documents, and the admin
// review queue and ledger check. Shapes come from the generated schema (types.ts).
import { api, call, session } from ".";
import { API_ORIGIN, createApi } from "./client";
import type { operations } from "./schema";
import type {
  AddCardRequest,
  AddWithdrawalMethodRequest,
  Deposit,
  DepositRequest,
  FeePreview,
  FeeSide,
  IdentityDocument,
  IdentityDocumentList,
  LedgerCheck,
  PaymentMethod,
  ReviewDocumentPage,
  WalletBalances,
  WalletLinePage,
  Withdrawal,
  WithdrawalMethod,
  WithdrawalPage,
  WithdrawalRequest,
  YearReport,
} from "./types";

// The schema gives these as plain strings; these are the values the server sends today.
// Screens treat anything else as "unknown, shown as sent".

export const TRANSACTION_TYPES = [
  "deposit",
  "escrow_funding",
  "escrow_release",
  "escrow_refund",
  "service_fee",
  "marketplace_fee",
  "withdrawal",
  "withdrawal_fee",
  "withdrawal_return",
  "security_period_end",
  "connects_purchase",
  "marketplace_fee_refund",
] as const;
export type TransactionType = (typeof TRANSACTION_TYPES)[number];
export type BalanceName = "available" | "pending" | "escrow";
export type WithdrawalStatus = "processing" | "paid" | "returned";

/** GET /wallet/transactions query. Dates are YYYY-MM-DD (UTC days), both inclusive. */
export type TransactionQuery = NonNullable<operations["transactions"]["parameters"]["query"]>;

// ---------- idempotent calls ----------

/** A money-moving answer, and whether it replays an earlier attempt with the same key. */
export interface Replayable<T> {
  result: T;
  /** The server answered with the first attempt's result (`Idempotent-Replayed: true`). */
  replayed: boolean;
}

/** Await an idempotent call and note whether the server replayed an earlier answer. */
export async function replayable<D>(pending: Promise<{ data?: D; error?: unknown; response: Response }>): Promise<Replayable<D>> {
  let replayed = false;
  const result = await call(
    pending.then((outcome) => {
      replayed = outcome.response.headers.get("Idempotent-Replayed")?.trim().toLowerCase() === "true";
      return outcome;
    }),
  );
  return { result, replayed };
}

// ---------- wallet ----------

export async function fetchWallet(signal?: AbortSignal): Promise<WalletBalances> {
  return call(api.GET("/api/v1/wallet", { signal }));
}

/** POST /wallet/deposits: charge a saved card and credit the available balance. */
export async function deposit(body: DepositRequest, idempotencyKey: string): Promise<Replayable<Deposit>> {
  return replayable(api.POST("/api/v1/wallet/deposits", { params: { header: { "Idempotency-Key": idempotencyKey } }, body }));
}

export async function fetchTransactions(query: TransactionQuery, signal?: AbortSignal): Promise<WalletLinePage> {
  // The same URL answers CSV too (with Accept: text/csv); asked for JSON, a page comes back.
  const page = await call(api.GET("/api/v1/wallet/transactions", { params: { query }, signal }));
  if (typeof page === "string") throw new Error("The transaction history came back as text, not JSON.");
  return page;
}

export const CSV_FALLBACK_NAME = "worklane-transactions.csv";

/** The file name a Content-Disposition header gives, if any (filename* first). */
export function fileNameFrom(contentDisposition: string | null, fallback: string): string {
  if (!contentDisposition) return fallback;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(contentDisposition);
  let name: string | null = null;
  if (extended?.[1]) {
    try {
      name = decodeURIComponent(extended[1].trim());
    } catch {
      name = null;
    }
  }
  name ??= /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/.exec(contentDisposition)?.slice(1).find(Boolean) ?? null;
  // Never a path: keep the last segment only.
  const base = name?.replace(/\\(.)/g, "$1").split(/[/\\]/).pop()?.trim();
  return base ? base : fallback;
}

/** Every matching line as a CSV file (Accept: text/csv on the same URL, no cursor). */
export async function downloadTransactionsCsv(
  query: Omit<TransactionQuery, "cursor" | "limit">,
): Promise<{ blob: Blob; fileName: string }> {
  let fileName = CSV_FALLBACK_NAME;
  const blob = await call(
    api
      .GET("/api/v1/wallet/transactions", { params: { query }, headers: { Accept: "text/csv" }, parseAs: "blob" })
      .then((outcome) => {
        fileName = fileNameFrom(outcome.response.headers.get("Content-Disposition"), CSV_FALLBACK_NAME);
        return outcome;
      }),
  );
  return { blob, fileName };
}

export async function fetchYearReport(year: number, signal?: AbortSignal): Promise<YearReport> {
  return call(api.GET("/api/v1/wallet/reports/{year}", { params: { path: { year } }, signal }));
}

// ---------- cards ----------

export async function fetchPaymentMethods(): Promise<PaymentMethod[]> {
  const list = await call(api.GET("/api/v1/payment-methods"));
  return list.data;
}

export async function addPaymentMethod(body: AddCardRequest): Promise<PaymentMethod> {
  return call(api.POST("/api/v1/payment-methods", { body }));
}

export async function removePaymentMethod(id: string): Promise<void> {
  await call(api.DELETE("/api/v1/payment-methods/{id}", { params: { path: { id } } }));
}

export async function fetchFeePreview(amount: string, side: FeeSide, signal?: AbortSignal): Promise<FeePreview> {
  return call(api.GET("/api/v1/fees/preview", { params: { query: { amount, side } }, signal }));
}

// ---------- withdrawals ----------

export async function fetchWithdrawalMethods(): Promise<WithdrawalMethod[]> {
  const list = await call(api.GET("/api/v1/withdrawal-methods"));
  return list.data;
}

export async function addWithdrawalMethod(body: AddWithdrawalMethodRequest): Promise<WithdrawalMethod> {
  return call(api.POST("/api/v1/withdrawal-methods", { body }));
}

export async function removeWithdrawalMethod(id: string): Promise<void> {
  await call(api.DELETE("/api/v1/withdrawal-methods/{id}", { params: { path: { id } } }));
}

/** POST /withdrawals: from the available balance to a bank account. */
export async function withdraw(body: WithdrawalRequest, idempotencyKey: string): Promise<Replayable<Withdrawal>> {
  return replayable(api.POST("/api/v1/withdrawals", { params: { header: { "Idempotency-Key": idempotencyKey } }, body }));
}

export async function fetchWithdrawals(cursor: string | null): Promise<WithdrawalPage> {
  return call(api.GET("/api/v1/withdrawals", { params: { query: cursor ? { cursor } : {} } }));
}

// ---------- identity ----------

export const DOCUMENT_TYPES = ["image/png", "image/jpeg", "image/webp", "application/pdf"] as const;
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

export async function fetchIdentityDocuments(): Promise<IdentityDocumentList> {
  return call(api.GET("/api/v1/me/identity-documents"));
}

/** POST /me/identity-documents: the file's bytes are the body, with its own Content-Type. */
export async function uploadIdentityDocument(file: Blob): Promise<IdentityDocument> {
  return call(
    api.POST("/api/v1/me/identity-documents", {
      // The schema types the binary body as a list of bytes: send the file itself through the serializer.
      body: [],
      bodySerializer: () => file,
      headers: { "Content-Type": file.type || "application/octet-stream" },
    }),
  );
}

// ---------- admin ----------

export async function fetchReviewQueue(cursor: string | null): Promise<ReviewDocumentPage> {
  return call(
    api.GET("/api/v1/admin/identity-documents", {
      params: { query: cursor ? { status: "pending", cursor } : { status: "pending" } },
    }),
  );
}

export async function approveDocument(id: string): Promise<IdentityDocument> {
  return call(api.POST("/api/v1/admin/identity-documents/{id}/approve", { params: { path: { id } } }));
}

export async function rejectDocument(id: string, reason: string): Promise<IdentityDocument> {
  return call(api.POST("/api/v1/admin/identity-documents/{id}/reject", { params: { path: { id } }, body: { reason } }));
}

export async function verifyLedger(): Promise<LedgerCheck> {
  return call(api.GET("/api/v1/admin/ledger/verify"));
}

/**
 * A document's `file_url` is an address the server hands out (today
 * /admin/identity-documents/{id}/file), so it is fetched as given rather than rebuilt
 * from the id: any API path under /api/v1 that answers with bytes.
 */
interface FilePaths {
  [path: `/api/v1/${string}`]: {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get: {
      parameters: { query?: never; header?: never; path?: never; cookie?: never };
      requestBody?: never;
      responses: { 200: { headers: Record<string, unknown>; content: { "application/octet-stream": string } } };
    };
  };
}
const fileApi = createApi<FilePaths>(session);

/** The same-origin API path of a URL the server gave, or null when it points elsewhere. */
export function apiPathOf(url: string): `/api/v1/${string}` | null {
  let parsed: URL;
  try {
    parsed = new URL(url, API_ORIGIN || "http://localhost");
  } catch {
    return null;
  }
  if (API_ORIGIN && parsed.origin !== new URL(API_ORIGIN).origin) return null;
  const path = `${parsed.pathname}${parsed.search}`;
  return path.startsWith("/api/v1/") ? (path as `/api/v1/${string}`) : null;
}

/** GET an authenticated file (Bearer header, silent refresh) as a Blob. */
export async function fetchFile(url: string, signal?: AbortSignal): Promise<Blob> {
  const path = apiPathOf(url);
  if (!path) throw new Error(`Not a Worklane API address: ${url}`);
  return call(fileApi.GET(path, { parseAs: "blob", signal }));
}
