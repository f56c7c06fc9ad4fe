import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { paths } from "./schema";
import { NetworkError, toApiError } from "./problem";
import type { RefreshOutcome, Session } from "../auth/session";

export type Api = Client<paths>;

/** The API is served by the same origin as the SPA (paths in the schema carry /api/v1). */
export const API_ORIGIN: string = typeof window === "undefined" ? "" : window.location.origin;

async function readProblemCode(response: Response): Promise<string | null> {
  try {
    const body: unknown = await response.clone().json();
    if (typeof body === "object" && body !== null && "code" in body && typeof body.code === "string") {
      return body.code;
    }
  } catch {
    // not JSON
  }
  return null;
}

/**
 * Adds the Bearer header, and when the server answers 401 `token_expired`, refreshes the
 * session once (shared with every other request waiting on it) and retries the request.
 */
export function authMiddleware(session: Session): Middleware {
  const sent = new Map<string, { retry: Request; token: string }>();
  return {
    onRequest({ request, id }) {
      const token = session.getAccessToken();
      if (!token || request.headers.has("Authorization")) return undefined;
      const retry = request.clone();
      sent.set(id, { retry, token });
      request.headers.set("Authorization", `Bearer ${token}`);
      return request;
    },
    async onResponse({ response, id, options }) {
      const entry = sent.get(id);
      sent.delete(id);
      if (!entry || response.status !== 401) return undefined;
      if ((await readProblemCode(response)) !== "token_expired") return undefined;
      let token = session.getAccessToken();
      // Someone else already renewed the token while this request was out: just retry.
      if (!token || token === entry.token) {
        try {
          token = await session.refresh();
        } catch {
          return undefined; // the caller sees the original 401; the session announces expiry
        }
      }
      entry.retry.headers.set("Authorization", `Bearer ${token}`);
      return options.fetch(entry.retry);
    },
    onError({ id }) {
      sent.delete(id);
      return undefined;
    },
  };
}

/**
 * A typed client for the API. `P` is the generated `paths` unless a caller describes
 * endpoints the generated schema does not have yet (see api/search.ts).
 */
export function createApi<P extends object = paths>(
  session: Session | null,
  fetchImpl?: (input: Request) => Promise<Response>,
): Client<P> {
  const client = createClient<P>({
    baseUrl: API_ORIGIN,
    // Resolve globalThis.fetch at call time so tests can stub it.
    fetch: fetchImpl ?? ((input: Request) => globalThis.fetch(input)),
  });
  if (session) client.use(authMiddleware(session));
  return client;
}

/** POST /auth/refresh through a client without the auth middleware (no recursion). */
export function refreshRequestWith(raw: Api) {
  return async (refreshToken: string): Promise<RefreshOutcome> => {
    try {
      const { data, response } = await raw.POST("/api/v1/auth/refresh", {
        body: { refresh_token: refreshToken },
      });
      if (data) return { ok: true, tokens: data };
      return { ok: false, rejected: response.status >= 400 && response.status < 500 && response.status !== 429 };
    } catch {
      return { ok: false, rejected: false };
    }
  };
}

interface Outcome<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

/** Await an openapi-fetch call and return its data, throwing ApiError / NetworkError. */
export async function call<D>(pending: Promise<Outcome<D>>): Promise<D> {
  let outcome: Outcome<D>;
  try {
    outcome = await pending;
  } catch (cause) {
    throw new NetworkError(cause);
  }
  if (!outcome.response.ok) throw toApiError(outcome.response, outcome.error);
  return outcome.data as D;
}

// ---------- endpoints the generated schema does not describe yet ----------

/** An operation openapi.json does not have yet: any JSON in, any JSON out. */
interface UntypedOperation {
  parameters: {
    query?: Record<string, string | number | boolean | null | undefined>;
    header?: Record<string, string>;
    path?: never;
    cookie?: never;
  };
  requestBody?: { content: { "application/json": unknown } };
  responses: {
    200: { headers: Record<string, unknown>; content: { "application/json": unknown } };
    201: { headers: Record<string, unknown>; content: { "application/json": unknown } };
    default: { headers: Record<string, unknown>; content: { "application/problem+json": unknown } };
  };
}

/** Any path under /api/v1, with GET and POST, for `request()` below. */
export interface UntypedPaths {
  [path: `/api/v1/${string}`]: {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get: UntypedOperation;
    post: UntypedOperation;
    put?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}

export interface RequestOptions {
  /** Query parameters; null and undefined ones are left out. */
  query?: Record<string, string | number | boolean | null | undefined>;
  /** A JSON body (POST). */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export type UntypedApi = Client<UntypedPaths>;

/**
 * For endpoints openapi.json does not describe yet: the same client (base URL, Bearer
 * header, silent refresh) and the same problem+json handling as every typed call, with
 * the answer's shape named by the caller. Path segments must already be encoded.
 *
 * `send` gives the raw outcome (for callers that read headers, like Idempotent-Replayed);
 * `request` gives the data or throws ApiError / NetworkError like `call`.
 */
export function requestWith(client: UntypedApi) {
  function send(method: "GET" | "POST", path: `/api/v1/${string}`, options: RequestOptions = {}): Promise<Outcome<unknown>> {
    const init = {
      params: { query: options.query ?? {}, header: options.headers ?? {} },
      ...(options.body !== undefined ? { body: options.body } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    };
    return method === "GET" ? client.GET(path, init) : client.POST(path, init);
  }
  async function request<T>(method: "GET" | "POST", path: `/api/v1/${string}`, options: RequestOptions = {}): Promise<T> {
    return (await call(send(method, path, options))) as T;
  }
  return { send, request };
}
