import type { AccessToken, TokenScope } from "../api/security";

/** What each access-token scope lets a program do, in plain words (in the API's order). */
export const tokenScopes: { scope: TokenScope; label: string; description: string }[] = [
  { scope: "read", label: "Read", description: "Read everything you can see in Worklane." },
  { scope: "jobs", label: "Jobs", description: "Post and manage your jobs." },
  { scope: "proposals", label: "Proposals", description: "Connects, proposals and invitations." },
  {
    scope: "contracts",
    label: "Contracts",
    description: "Offers, contracts, milestones, time, invoices and disputes.",
  },
  {
    scope: "wallet",
    label: "Wallet",
    description: "Your wallet, payment and withdrawal methods, withdrawals and Connects purchases.",
  },
];

export function scopeLabel(scope: TokenScope): string {
  return tokenScopes.find((s) => s.scope === scope)?.label ?? scope;
}

/** The expiry choices of a new token, in days ("" is no expiry). */
export const tokenExpiries: { value: string; label: string }[] = [
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "365", label: "1 year" },
  { value: "", label: "No expiry" },
];

export type TokenStatus = "active" | "expired" | "revoked";

export function tokenStatus(token: Pick<AccessToken, "revoked_at" | "expires_at">, now: Date = new Date()): TokenStatus {
  if (token.revoked_at) return "revoked";
  if (token.expires_at && new Date(token.expires_at).getTime() <= now.getTime()) return "expired";
  return "active";
}

/** A 6-digit code from the authenticator app (spaces, as some apps show them, allowed). */
export function isAppCode(value: string): boolean {
  return /^\d{6}$/.test(value.replace(/\s/g, ""));
}

/** The code as the server wants it: no spaces; recovery codes in lower case. */
export function normaliseCode(value: string): string {
  return value.replace(/\s/g, "").toLowerCase();
}

/** A recovery code as handed out ("k7mq2-x9fhr"); the dash may be left out. */
export function isRecoveryCode(value: string): boolean {
  return /^[a-z0-9]{5}-?[a-z0-9]{5}$/.test(normaliseCode(value));
}

const browsers: [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, "Edge"],
  [/\bOPR\/|\bOpera\b/, "Opera"],
  [/\bSamsungBrowser\//, "Samsung Internet"],
  [/\bFirefox\/|\bFxiOS\//, "Firefox"],
  [/\bCriOS\/|Chrom(e|ium)\//, "Chrome"],
  [/\bVersion\/[\d.]+.*\bSafari\//, "Safari"],
];

const systems: [RegExp, string][] = [
  [/\biPhone\b/, "iPhone"],
  [/\biPad\b/, "iPad"],
  [/\bAndroid\b/, "Android"],
  [/\bCrOS\b/, "ChromeOS"],
  [/\bWindows\b/, "Windows"],
  [/\bMac OS X\b|\bMacintosh\b/, "macOS"],
  [/\bLinux\b/, "Linux"],
];

const programs: [RegExp, string][] = [
  [/^curl\//i, "curl"],
  [/^Wget\//i, "Wget"],
  [/^python|Python-urllib|^python-requests/i, "A Python program"],
  [/^node|undici|axios/i, "A Node.js program"],
  [/^Go-http-client/i, "A Go program"],
  [/^PostmanRuntime/i, "Postman"],
];

/** "Chrome on macOS", "Safari on iPhone", "curl": a browser's User-Agent, summarised. */
export function describeUserAgent(userAgent: string | null | undefined): string {
  const ua = userAgent?.trim();
  if (!ua) return "Unknown device";
  for (const [pattern, name] of programs) if (pattern.test(ua)) return name;
  const browser = browsers.find(([pattern]) => pattern.test(ua))?.[1];
  const system = systems.find(([pattern]) => pattern.test(ua))?.[1];
  if (browser && system) return `${browser} on ${system}`;
  if (browser) return browser;
  if (system) return `A browser on ${system}`;
  return ua.length > 60 ? `${ua.slice(0, 57)}…` : ua;
}

/** The text file of recovery codes a user downloads to keep. */
export function recoveryCodesText(codes: readonly string[], email: string, createdAt: Date = new Date()): string {
  return [
    "Worklane recovery codes",
    `Account: ${email}`,
    `Created: ${createdAt.toISOString().slice(0, 10)}`,
    "",
    "Each code signs you in once when you cannot use your authenticator app.",
    "Making new codes makes these stop working.",
    "",
    ...codes,
    "",
  ].join("\n");
}

/** The base32 secret in groups of four, easier to type from the screen. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

/** An SVG document as a data: URL for an <img> (never put into the page as markup). */
export function svgDataUrl(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}
