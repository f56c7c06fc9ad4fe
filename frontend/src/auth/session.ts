import type { TokenResponse, User } from "../api/types";

export type AuthState =
  | { status: "restoring" }
  /**
   * `by_user`: the user just signed out here (pages should not ask them to sign in).
   * `expired`: the server ended the session (refresh refused: revoked, suspended, expired).
   */
  | { status: "signed_out"; by_user?: boolean; expired?: boolean }
  | { status: "signed_in"; user: User };

/** Why a session ended without the user asking. */
export type ExpiryReason = "refresh_failed";

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The outcome of one call to POST /auth/refresh. */
export type RefreshOutcome =
  | { ok: true; tokens: TokenResponse }
  /** The server refused the token (revoked, reused, expired): the session is over. */
  | { ok: false; rejected: true }
  /** No answer, or a server error: the token may still be good. */
  | { ok: false; rejected: false };

export interface SessionDeps {
  refreshRequest: (refreshToken: string) => Promise<RefreshOutcome>;
  storage: KeyValueStorage;
  /** Serialises refreshes across browser tabs (Web Locks API); runs fn directly when absent. */
  withLock?: <T>(fn: () => Promise<T>) => Promise<T>;
}

export class SessionExpiredError extends Error {
  constructor() {
    super("Your session has ended. Please sign in again.");
    this.name = "SessionExpiredError";
  }
}

export class RefreshUnavailableError extends Error {
  constructor() {
    super("Could not renew your session right now.");
    this.name = "RefreshUnavailableError";
  }
}

export const REFRESH_TOKEN_KEY = "worklane.refresh_token";

/**
 * Holds the signed-in session: the access token lives only in memory, the refresh
 * token in storage. Refreshes are single-flight: every caller that needs a new access
 * token while one refresh is running shares that refresh, so a rotated refresh token
 * is never sent twice (which the server would treat as theft and revoke the session).
 */
export class Session {
  private accessToken: string | null = null;
  private state: AuthState;
  private inflight: Promise<string> | null = null;
  private restoring: Promise<void> | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly expiryListeners = new Set<(reason: ExpiryReason) => void>();

  constructor(private readonly deps: SessionDeps) {
    this.state = deps.storage.getItem(REFRESH_TOKEN_KEY) ? { status: "restoring" } : { status: "signed_out" };
  }

  getState = (): AuthState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Called when a session ends because a refresh was refused (not on sign-out). */
  onExpired(listener: (reason: ExpiryReason) => void): () => void {
    this.expiryListeners.add(listener);
    return () => this.expiryListeners.delete(listener);
  }

  getAccessToken(): string | null {
    return this.accessToken;
  }

  getRefreshToken(): string | null {
    return this.deps.storage.getItem(REFRESH_TOKEN_KEY);
  }

  /** Store a fresh token pair (after sign-in or refresh). */
  signIn(tokens: TokenResponse): void {
    this.accessToken = tokens.access_token;
    this.deps.storage.setItem(REFRESH_TOKEN_KEY, tokens.refresh_token);
    this.setState({ status: "signed_in", user: tokens.user });
  }

  /** Replace the user shown for the current session (after /me or a profile edit). */
  setUser(user: User): void {
    if (this.state.status === "signed_in") this.setState({ status: "signed_in", user });
  }

  /** Forget every token held by this browser (`byUser`: the user asked to sign out). */
  clear(byUser = false): void {
    this.accessToken = null;
    this.deps.storage.removeItem(REFRESH_TOKEN_KEY);
    this.setState(byUser ? { status: "signed_out", by_user: true } : { status: "signed_out" });
  }

  /**
   * Get a new access token with the stored refresh token. Concurrent callers share one
   * request. Rejects with SessionExpiredError when the server refuses the token (the
   * session is then cleared) and RefreshUnavailableError when it could not be asked.
   */
  refresh(): Promise<string> {
    if (this.inflight) return this.inflight;
    const run = async (): Promise<string> => {
      const lock = this.deps.withLock ?? ((fn) => fn());
      return lock(async () => {
        // Read inside the lock: another tab may have rotated the token meanwhile.
        const refreshToken = this.getRefreshToken();
        if (!refreshToken) {
          this.endSession();
          throw new SessionExpiredError();
        }
        const outcome = await this.deps.refreshRequest(refreshToken);
        if (outcome.ok) {
          this.signIn(outcome.tokens);
          return outcome.tokens.access_token;
        }
        if (outcome.rejected) {
          this.endSession();
          throw new SessionExpiredError();
        }
        throw new RefreshUnavailableError();
      });
    };
    this.inflight = run().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  /** On app start: turn a stored refresh token back into a session (once). */
  restore(): Promise<void> {
    this.restoring ??= (async () => {
      if (this.state.status !== "restoring") return;
      try {
        await this.refresh();
      } catch {
        // Refused: refresh() already cleared the session. Unreachable server: keep the
        // refresh token for the next visit but show the visitor as signed out.
        if (this.getState().status === "restoring") this.setState({ status: "signed_out" });
      }
    })();
    return this.restoring;
  }

  private endSession(): void {
    const wasSignedIn = this.state.status === "signed_in";
    this.accessToken = null;
    this.deps.storage.removeItem(REFRESH_TOKEN_KEY);
    this.setState(wasSignedIn ? { status: "signed_out", expired: true } : { status: "signed_out" });
    if (wasSignedIn) for (const l of this.expiryListeners) l("refresh_failed");
  }

  private setState(next: AuthState): void {
    this.state = next;
    for (const l of this.listeners) l();
  }
}
