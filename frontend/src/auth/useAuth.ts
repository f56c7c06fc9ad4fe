import { useSyncExternalStore } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { api, call, session } from "../api";
import type { LoginRequest, TokenResponse, User } from "../api/types";
import type { AuthState } from "./session";

export function useAuthState(): AuthState {
  return useSyncExternalStore(session.subscribe, session.getState);
}

/** The signed-in user, or null. */
export function useCurrentUser(): User | null {
  const state = useAuthState();
  return state.status === "signed_in" ? state.user : null;
}

export async function signIn(credentials: LoginRequest): Promise<TokenResponse> {
  const tokens = await call(api.POST("/api/v1/auth/login", { body: credentials }));
  session.signIn(tokens);
  return tokens;
}

/** Revokes the session on the server, then forgets every token and cached answer. */
export function useSignOut(): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    const refreshToken = session.getRefreshToken();
    if (refreshToken) {
      try {
        await call(api.POST("/api/v1/auth/logout", { body: { refresh_token: refreshToken } }));
      } catch {
        // Already revoked or unreachable: forgetting the tokens locally is what matters.
      }
    }
    session.clear(true);
    queryClient.clear();
  };
}
