import type { FlagStatus, Standing } from "../../api/trust";

/** Query keys of the admin console (trust and safety). */
export const trustKeys = {
  all: ["admin-trust"] as const,
  stats: ["admin-trust", "stats"] as const,
  users: (q: string, status: Standing | null) => ["admin-trust", "users", q, status] as const,
  user: (id: string) => ["admin-trust", "user", id] as const,
  flags: (status: FlagStatus) => ["admin-trust", "flags", status] as const,
  audit: (query: Record<string, string>) => ["admin-trust", "audit", query] as const,
};
