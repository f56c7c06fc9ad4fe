// Trust and safety calls: reports (flags) for everyone signed in, and the admin console's
// people, flag queue, job removal, platform figures and audit log. Shapes come from the
// generated schema.
import { api, call } from ".";
import type { components } from "./schema";

type Schemas = components["schemas"];
export type AdminUser = Schemas["AdminUserSummary"];
export type AdminUserDetail = Schemas["AdminUserDetail"];
export type AdminUserPage = Schemas["AdminUserPage"];
export type Standing = Schemas["Standing"];
export type Flag = Schemas["Flag"];
export type FlagTarget = Schemas["FlagTarget"];
export type FlagStatus = Schemas["FlagStatus"];
export type FlagOutcome = Schemas["FlagOutcome"];
export type QueuedFlag = Schemas["QueuedFlag"];
export type FlagPage = Schemas["FlagPage"];
export type PlatformStats = Schemas["PlatformStats"];
export type DayCount = Schemas["DayCount"];
export type AuditEntry = Schemas["AuditEntry"];
export type AuditPage = Schemas["AuditPage"];
export type ActorKind = Schemas["ActorKind"];

/** What a report answered: a new flag (201) or the reader's flag already waiting (200). */
export interface ReportOutcome {
  flag: Flag;
  created: boolean;
}

export async function reportContent(target_type: FlagTarget, target_id: string, reason: string): Promise<ReportOutcome> {
  const pending = api.POST("/api/v1/flags", { body: { target_type, target_id, reason } });
  const flag = await call(pending);
  const { response } = await pending;
  return { flag, created: response.status === 201 };
}

export interface UserQuery {
  q?: string;
  status?: Standing;
}

export async function fetchAdminUsers(filter: UserQuery, cursor: string | null, signal?: AbortSignal): Promise<AdminUserPage> {
  const query: { q?: string; status?: Standing; cursor?: string } = {};
  if (filter.q) query.q = filter.q;
  if (filter.status) query.status = filter.status;
  if (cursor) query.cursor = cursor;
  return call(api.GET("/api/v1/admin/users", { params: { query }, signal }));
}

export async function fetchAdminUser(id: string, signal?: AbortSignal): Promise<AdminUserDetail> {
  return call(api.GET("/api/v1/admin/users/{id}", { params: { path: { id } }, signal }));
}

export async function suspendUser(id: string, reason: string): Promise<AdminUserDetail> {
  return call(api.POST("/api/v1/admin/users/{id}/suspend", { params: { path: { id } }, body: { reason } }));
}

export async function reinstateUser(id: string): Promise<AdminUserDetail> {
  return call(api.POST("/api/v1/admin/users/{id}/reinstate", { params: { path: { id } } }));
}

export async function removeJob(id: string, reason: string): Promise<Schemas["Job"]> {
  return call(api.POST("/api/v1/admin/jobs/{id}/remove", { params: { path: { id } }, body: { reason } }));
}

export async function fetchFlags(status: FlagStatus, cursor: string | null, signal?: AbortSignal): Promise<FlagPage> {
  const query: { status: FlagStatus; cursor?: string } = { status };
  if (cursor) query.cursor = cursor;
  return call(api.GET("/api/v1/admin/flags", { params: { query }, signal }));
}

export async function resolveFlag(id: string, outcome: FlagOutcome, note: string): Promise<Flag[]> {
  const body = note ? { outcome, note } : { outcome };
  const resolved = await call(api.POST("/api/v1/admin/flags/{id}/resolve", { params: { path: { id } }, body }));
  return resolved.data;
}

export async function fetchStats(signal?: AbortSignal): Promise<PlatformStats> {
  return call(api.GET("/api/v1/admin/stats", { signal }));
}

export interface AuditQuery {
  action?: string;
  actor_id?: string;
  target_id?: string;
  request_id?: string;
  ip?: string;
  since?: string;
  until?: string;
}

export async function fetchAuditLog(filter: AuditQuery, cursor: string | null, signal?: AbortSignal): Promise<AuditPage> {
  const query: AuditQuery & { cursor?: string } = { ...filter };
  if (cursor) query.cursor = cursor;
  return call(api.GET("/api/v1/admin/audit-log", { params: { query }, signal }));
}
