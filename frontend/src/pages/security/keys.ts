/** Query keys of the account security page. */
export const securityKeys = {
  twoFactor: ["security", "two-factor"] as const,
  sessions: ["security", "sessions"] as const,
  tokens: ["security", "tokens"] as const,
};
