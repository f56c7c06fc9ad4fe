// Account security calls: two-factor sign-in, the sessions signed in to this account and
// personal access tokens. Shapes come from the generated schema.
import { api, call } from ".";
import type { components } from "./schema";

type Schemas = components["schemas"];
export type TwoFactorStatus = Schemas["TwoFactorStatus"];
export type TwoFactorSetup = Schemas["TwoFactorSetup"];
export type RecoveryCodes = Schemas["RecoveryCodes"];
export type SessionInfo = Schemas["SessionInfo"];
export type AccessToken = Schemas["AccessToken"];
export type CreatedToken = Schemas["CreatedToken"];
export type NewToken = Schemas["NewToken"];
export type TokenScope = Schemas["TokenScope"];

export async function fetchTwoFactor(signal?: AbortSignal): Promise<TwoFactorStatus> {
  return call(api.GET("/api/v1/me/two-factor", { signal }));
}

/** A new secret to scan; the app's first code then turns two-factor on. */
export async function startTwoFactor(): Promise<TwoFactorSetup> {
  return call(api.POST("/api/v1/me/two-factor/setup"));
}

export async function enableTwoFactor(code: string): Promise<RecoveryCodes> {
  return call(api.POST("/api/v1/me/two-factor/enable", { body: { code } }));
}

export async function disableTwoFactor(code: string): Promise<void> {
  await call(api.POST("/api/v1/me/two-factor/disable", { body: { code } }));
}

export async function newRecoveryCodes(code: string): Promise<RecoveryCodes> {
  return call(api.POST("/api/v1/me/two-factor/recovery-codes", { body: { code } }));
}

export async function fetchSessions(signal?: AbortSignal): Promise<SessionInfo[]> {
  return (await call(api.GET("/api/v1/me/sessions", { signal }))).data;
}

export async function revokeSession(id: string): Promise<void> {
  await call(api.DELETE("/api/v1/me/sessions/{id}", { params: { path: { id } } }));
}

/** Ends every session of the account, this one included; returns how many ended. */
export async function signOutEverywhere(): Promise<number> {
  return (await call(api.DELETE("/api/v1/me/sessions"))).sessions_revoked;
}

export async function fetchTokens(signal?: AbortSignal): Promise<AccessToken[]> {
  return (await call(api.GET("/api/v1/me/tokens", { signal }))).data;
}

export async function createToken(body: NewToken): Promise<CreatedToken> {
  return call(api.POST("/api/v1/me/tokens", { body }));
}

export async function revokeToken(id: string): Promise<void> {
  await call(api.DELETE("/api/v1/me/tokens/{id}", { params: { path: { id } } }));
}
