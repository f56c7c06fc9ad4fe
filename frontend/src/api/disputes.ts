// Dispute calls (SPEC §9): open, list mine, read with the thread, write, respond, and the
// admin queue and resolution. Shapes come from the generated schema.
import { api, call } from ".";
import type { components } from "./schema";

type Schemas = components["schemas"];
export type Dispute = Schemas["Dispute"];
export type DisputeMessage = Schemas["DisputeMessage"];
export type DisputePage = Schemas["DisputePage"];
export type DisputeStatus = Schemas["DisputeStatus"];
export type DisputeOutcome = Schemas["DisputeOutcome"];
export type DisputeStatusFilter = Schemas["DisputeStatusFilter"];
export type OpenDisputeRequest = Schemas["OpenDispute"];
export type ResolveRequest = Schemas["ResolveRequest"];

export async function openDispute(body: OpenDisputeRequest): Promise<Dispute> {
  return call(api.POST("/api/v1/disputes", { body }));
}

export async function fetchMyDisputes(status: DisputeStatusFilter | null, cursor: string | null, signal?: AbortSignal): Promise<DisputePage> {
  const query: { status?: DisputeStatusFilter; cursor?: string } = {};
  if (status) query.status = status;
  if (cursor) query.cursor = cursor;
  return call(api.GET("/api/v1/disputes", { params: { query }, signal }));
}

export async function fetchDispute(id: string, signal?: AbortSignal): Promise<Dispute> {
  return call(api.GET("/api/v1/disputes/{id}", { params: { path: { id } }, signal }));
}

export async function postDisputeMessage(id: string, body: string): Promise<unknown> {
  return call(api.POST("/api/v1/disputes/{id}/messages", { params: { path: { id } }, body: { body } }));
}

export async function respondToDispute(id: string, accept: boolean, message: string): Promise<Dispute> {
  return call(api.POST("/api/v1/disputes/{id}/respond", { params: { path: { id } }, body: { accept, message } }));
}

export async function fetchAdminDisputes(status: DisputeStatusFilter, cursor: string | null, signal?: AbortSignal): Promise<DisputePage> {
  const query: { status: DisputeStatusFilter; cursor?: string } = { status };
  if (cursor) query.cursor = cursor;
  return call(api.GET("/api/v1/admin/disputes", { params: { query }, signal }));
}

export async function resolveDispute(id: string, body: ResolveRequest): Promise<Dispute> {
  return call(api.POST("/api/v1/admin/disputes/{id}/resolve", { params: { path: { id } }, body }));
}
