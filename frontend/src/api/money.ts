// Money and identity calls: wallet, deposits, transaction history and CSV, yearly
// reports, removing cards, withdrawal methods, withdrawals, identity documents, and the
// admin review queue and ledger check.
//
// TODO: switch to schema.d.ts types once generated. openapi/openapi.json does not describe
// these endpoints yet (only GET/POST /payment-methods and GET /fees/preview, which go
// through `api` with generated types). Until it does, their shapes are written here by
// hand from the agreed contract, in the same `paths` layout openapi-typescript emits, as
// api/search.ts does. To switch: run `npm run gen:api`, delete `MoneyPaths` and
// `moneyApi` (use `api` from "."), and turn the interfaces below into aliases of
// `components["schemas"][...]` in types.ts. The callers keep working.
import { api, call, session } from ".";
import { API_ORIGIN, createApi } from "./client";
import type { AddCardRequest, FeePreview, FeeSide, PaymentMethod, Problem } from "./types";

// ---------- shapes ----------

export interface WalletBalances {
  available: string;
  pending: string;
  escrow: string;
  currency: string;
}

export interface DepositRequest {
  payment_method_id: string;
  amount: string;
}

export interface Deposit {
  transaction_id: string;
  amount: string;
  wallet: WalletBalances;
}

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
] as const;
export type TransactionType = (typeof TRANSACTION_TYPES)[number];
export type BalanceName = "available" | "pending" | "escrow";

/** One line of the signed-in user's wallet: how one balance changed. */
export interface WalletLine {
  id: string;
  transaction_id: string;
  /** A TransactionType; a newer server may send one this SPA does not know yet. */
  type: string;
  description: string;
  /** Signed: "-50.00" left the balance, "500.00" came in. */
  amount: string;
  balance: BalanceName;
  created_at: string;
}

export interface WalletLinePage {
  data: WalletLine[];
  next_cursor?: string | null;
}

/** GET /wallet/transactions query. Dates are YYYY-MM-DD, both inclusive. */
export interface TransactionQuery {
  type?: TransactionType;
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}

export interface YearReport {
  year: number;
  currency: string;
  deposits: string;
  escrow_funded: string;
  marketplace_fees: string;
  earnings_gross: string;
  service_fees: string;
  earnings_net: string;
  withdrawals: string;
  withdrawal_fees: string;
}

export interface AddWithdrawalMethodRequest {
  account_holder: string;
  /** 9 digits. */
  routing_number: string;
  /** 4–17 digits. */
  account_number: string;
}

export interface WithdrawalMethod {
  id: string;
  account_holder: string;
  bank_last4: string;
  /** RFC 3339: a new method can be used 3 days after it is added. */
  usable_from: string;
  /** The fee of each withdrawal to this method. */
  fee: string;
  /** The smallest withdrawal to this method. */
  minimum: string;
  created_at: string;
}

export interface WithdrawalRequest {
  withdrawal_method_id: string;
  amount: string;
}

export type WithdrawalStatus = "processing" | "paid" | "returned";

export interface Withdrawal {
  id: string;
  withdrawal_method_id: string;
  amount: string;
  fee: string;
  net_amount: string;
  status: WithdrawalStatus;
  created_at: string;
}

export interface WithdrawalPage {
  data: Withdrawal[];
  next_cursor?: string | null;
}

export type DocumentStatus = "pending" | "approved" | "rejected";

export interface IdentityDocument {
  id: string;
  status: DocumentStatus;
  reason?: string | null;
  created_at: string;
  reviewed_at?: string | null;
}

export interface IdentityDocumentList {
  data: IdentityDocument[];
  identity_verified: boolean;
}

export interface ReviewDocument {
  id: string;
  status: DocumentStatus;
  created_at: string;
  user: { id: string; full_name: string; email: string; country: string };
  /** An authenticated GET that returns the document's bytes. */
  file_url: string;
}

export interface ReviewDocumentPage {
  data: ReviewDocument[];
  next_cursor?: string | null;
}

export interface LedgerCheck {
  ok: boolean;
  transactions: number;
  breaches: string[];
}

// ---------- paths, as openapi-typescript would describe them ----------

interface Json<T> {
  headers: Record<string, unknown>;
  content: { "application/json": T };
}
interface NoContent {
  headers: Record<string, unknown>;
  content?: never;
}
interface ProblemResponse {
  headers: Record<string, unknown>;
  content: { "application/problem+json": Problem };
}
interface ErrorResponses {
  400: ProblemResponse;
  401: ProblemResponse;
  402: ProblemResponse;
  403: ProblemResponse;
  404: ProblemResponse;
  409: ProblemResponse;
  422: ProblemResponse;
  429: ProblemResponse;
  500: ProblemResponse;
}
interface Params<Query, Path> {
  query?: Query;
  header?: never;
  cookie?: never;
  path: Path;
}
type ParamsOf<Query, Path> = [Path] extends [never] ? Omit<Params<Query, never>, "path"> & { path?: never } : Params<Query, Path>;
interface BodylessOperation<Query, Path, Success> {
  parameters: ParamsOf<Query, Path>;
  requestBody?: never;
  responses: Success & ErrorResponses;
}
interface JsonBodyOperation<Path, Body, Success> {
  parameters: ParamsOf<never, Path>;
  requestBody: { content: { "application/json": Body } };
  responses: Success & ErrorResponses;
}
/** A request body of raw bytes (an uploaded file). */
interface UploadOperation<Success> {
  parameters: { query?: never; header?: never; path?: never; cookie?: never };
  requestBody: { content: { "application/octet-stream": string } };
  responses: Success & ErrorResponses;
}
interface PathItem {
  parameters: { query?: never; header?: never; path?: never; cookie?: never };
  get?: unknown;
  put?: never;
  post?: unknown;
  delete?: unknown;
  options?: never;
  head?: never;
  patch?: never;
  trace?: never;
}
type Get<Success, Query = never, Path = never> = BodylessOperation<Query, Path, { 200: Json<Success> }>;
type Post<Body, Success, Path = never> = JsonBodyOperation<Path, Body, { 201: Json<Success> }>;
/** An action without a body that answers 200 (approve). */
type Act<Path> = BodylessOperation<never, Path, { 200: Json<unknown> }>;
type Delete<Path> = BodylessOperation<never, Path, { 204: NoContent }>;
type Id = { id: string };

interface MoneyPaths {
  "/api/v1/wallet": PathItem & { get: Get<WalletBalances> };
  "/api/v1/wallet/deposits": PathItem & { post: Post<DepositRequest, Deposit> };
  "/api/v1/wallet/transactions": PathItem & { get: Get<WalletLinePage, TransactionQuery> };
  "/api/v1/wallet/reports/{year}": PathItem & { get: Get<YearReport, never, { year: number }> };
  "/api/v1/payment-methods/{id}": PathItem & { delete: Delete<Id> };
  "/api/v1/withdrawal-methods": PathItem & {
    get: Get<{ data: WithdrawalMethod[] }>;
    post: Post<AddWithdrawalMethodRequest, WithdrawalMethod>;
  };
  "/api/v1/withdrawal-methods/{id}": PathItem & { delete: Delete<Id> };
  "/api/v1/withdrawals": PathItem & {
    get: Get<WithdrawalPage, { cursor?: string; limit?: number }>;
    post: Post<WithdrawalRequest, Withdrawal>;
  };
  "/api/v1/me/identity-documents": PathItem & {
    get: Get<IdentityDocumentList>;
    post: UploadOperation<{ 201: Json<IdentityDocument> }>;
  };
  "/api/v1/admin/identity-documents": PathItem & {
    get: Get<ReviewDocumentPage, { status?: DocumentStatus; cursor?: string; limit?: number }>;
  };
  "/api/v1/admin/identity-documents/{id}/approve": PathItem & { post: Act<Id> };
  "/api/v1/admin/identity-documents/{id}/reject": PathItem & {
    post: JsonBodyOperation<Id, { reason: string }, { 200: Json<unknown> }>;
  };
  "/api/v1/admin/ledger/verify": PathItem & { get: Get<LedgerCheck> };
}

/** The shared session's client (Bearer header, silent refresh), typed for these paths. */
const moneyApi = createApi<MoneyPaths>(session);

// ---------- idempotent calls ----------

/** A money-moving answer, and whether it replays an earlier attempt with the same key. */
export interface Replayable<T> {
  result: T;
  /** The server answered with the first attempt's result (`Idempotent-Replayed: true`). */
  replayed: boolean;
}

async function replayable<D>(pending: Promise<{ data?: D; error?: unknown; response: Response }>): Promise<Replayable<D>> {
  let replayed = false;
  const result = await call(
    pending.then((outcome) => {
      replayed = outcome.response.headers.get("Idempotent-Replayed")?.trim().toLowerCase() === "true";
      return outcome;
    }),
  );
  return { result, replayed };
}

const idempotencyHeader = (key: string) => ({ "Idempotency-Key": key });

// ---------- wallet ----------

export async function fetchWallet(signal?: AbortSignal): Promise<WalletBalances> {
  return call(moneyApi.GET("/api/v1/wallet", { signal }));
}

/** POST /wallet/deposits: charge a saved card and credit the available balance. */
export async function deposit(body: DepositRequest, idempotencyKey: string): Promise<Replayable<Deposit>> {
  return replayable(moneyApi.POST("/api/v1/wallet/deposits", { body, headers: idempotencyHeader(idempotencyKey) }));
}

export async function fetchTransactions(query: TransactionQuery, signal?: AbortSignal): Promise<WalletLinePage> {
  return call(moneyApi.GET("/api/v1/wallet/transactions", { params: { query }, signal }));
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
    moneyApi
      .GET("/api/v1/wallet/transactions", { params: { query }, headers: { Accept: "text/csv" }, parseAs: "blob" })
      .then((outcome) => {
        fileName = fileNameFrom(outcome.response.headers.get("Content-Disposition"), CSV_FALLBACK_NAME);
        return outcome;
      }),
  );
  return { blob, fileName };
}

export async function fetchYearReport(year: number, signal?: AbortSignal): Promise<YearReport> {
  return call(moneyApi.GET("/api/v1/wallet/reports/{year}", { params: { path: { year } }, signal }));
}

// ---------- payment methods (GET and POST are in the generated schema) ----------

export async function fetchPaymentMethods(): Promise<PaymentMethod[]> {
  const list = await call(api.GET("/api/v1/payment-methods"));
  return list.data;
}

export async function removePaymentMethod(id: string): Promise<void> {
  await call(moneyApi.DELETE("/api/v1/payment-methods/{id}", { params: { path: { id } } }));
}

export async function addPaymentMethod(body: AddCardRequest): Promise<PaymentMethod> {
  return call(api.POST("/api/v1/payment-methods", { body }));
}

export async function fetchFeePreview(amount: string, side: FeeSide, signal?: AbortSignal): Promise<FeePreview> {
  return call(api.GET("/api/v1/fees/preview", { params: { query: { amount, side } }, signal }));
}

// ---------- withdrawals ----------

export async function fetchWithdrawalMethods(): Promise<WithdrawalMethod[]> {
  const list = await call(moneyApi.GET("/api/v1/withdrawal-methods"));
  return list.data;
}

export async function addWithdrawalMethod(body: AddWithdrawalMethodRequest): Promise<WithdrawalMethod> {
  return call(moneyApi.POST("/api/v1/withdrawal-methods", { body }));
}

export async function removeWithdrawalMethod(id: string): Promise<void> {
  await call(moneyApi.DELETE("/api/v1/withdrawal-methods/{id}", { params: { path: { id } } }));
}

/** POST /withdrawals: from the available balance to a bank account. */
export async function withdraw(body: WithdrawalRequest, idempotencyKey: string): Promise<Replayable<Withdrawal>> {
  return replayable(moneyApi.POST("/api/v1/withdrawals", { body, headers: idempotencyHeader(idempotencyKey) }));
}

export async function fetchWithdrawals(cursor: string | null): Promise<WithdrawalPage> {
  return call(moneyApi.GET("/api/v1/withdrawals", { params: { query: cursor ? { cursor } : {} } }));
}

// ---------- identity ----------

export const DOCUMENT_TYPES = ["image/png", "image/jpeg", "image/webp", "application/pdf"] as const;
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

export async function fetchIdentityDocuments(): Promise<IdentityDocumentList> {
  return call(moneyApi.GET("/api/v1/me/identity-documents"));
}

/** POST /me/identity-documents: the file's bytes are the body, with its own Content-Type. */
export async function uploadIdentityDocument(file: Blob): Promise<IdentityDocument> {
  return call(
    moneyApi.POST("/api/v1/me/identity-documents", {
      // Binary bodies are typed as strings: send the file itself through the serializer.
      body: "",
      bodySerializer: () => file,
      headers: { "Content-Type": file.type || "application/octet-stream" },
    }),
  );
}

// ---------- admin ----------

export async function fetchReviewQueue(cursor: string | null): Promise<ReviewDocumentPage> {
  return call(
    moneyApi.GET("/api/v1/admin/identity-documents", {
      params: { query: cursor ? { status: "pending", cursor } : { status: "pending" } },
    }),
  );
}

export async function approveDocument(id: string): Promise<void> {
  await call(moneyApi.POST("/api/v1/admin/identity-documents/{id}/approve", { params: { path: { id } } }));
}

export async function rejectDocument(id: string, reason: string): Promise<void> {
  await call(moneyApi.POST("/api/v1/admin/identity-documents/{id}/reject", { params: { path: { id } }, body: { reason } }));
}

export async function verifyLedger(): Promise<LedgerCheck> {
  return call(moneyApi.GET("/api/v1/admin/ledger/verify"));
}

/** Any API path under /api/v1 that answers with bytes (document files). */
interface FilePaths {
  [path: `/api/v1/${string}`]: PathItem & {
    get: BodylessOperation<never, never, { 200: { headers: Record<string, unknown>; content: { "application/octet-stream": string } } }>;
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
