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
