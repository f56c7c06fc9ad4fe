import { Session } from "../auth/session";
import { createApi, refreshRequestWith } from "./client";

const rawApi = createApi(null);

/** One refresh at a time across this browser's tabs, so a rotated token is never reused. */
function withBrowserLock<T>(fn: () => Promise<T>): Promise<T> {
  if (typeof navigator === "undefined" || !("locks" in navigator)) return fn();
  return new Promise<T>((resolve, reject) => {
    // The lock is held until the callback's promise settles.
    navigator.locks.request("worklane-refresh", () => fn().then(resolve, reject)).catch(reject);
  });
}

/** The one session of this browser tab. */
export const session = new Session({
  refreshRequest: refreshRequestWith(rawApi),
  storage: window.localStorage,
  withLock: withBrowserLock,
});

/** The API client every screen uses: Bearer header and silent refresh included. */
export const api = createApi(session);

export { call } from "./client";
