import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { useAuthState } from "../auth/useAuth";
import { Loading } from "./feedback";

/** Shows its children to signed-in users; sends everyone else to /login and back. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const state = useAuthState();
  const location = useLocation();
  if (state.status === "restoring") return <Loading label="Restoring your session…" />;
  // Just signed out here: the sign-out button is taking the user home, not to sign-in.
  if (state.status === "signed_out" && state.by_user) return null;
  if (state.status === "signed_out") {
    const next = `${location.pathname}${location.search}${location.hash}`;
    // Ended by the server (revoked, suspended): say so on the sign-in page.
    return <Navigate to={`/login?${state.expired ? "expired=1&" : ""}next=${encodeURIComponent(next)}`} replace />;
  }
  return <>{children}</>;
}
