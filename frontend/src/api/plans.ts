// Plans: Basic and Plus on each side of the marketplace, the upgrade (charged from the
// wallet or a saved card, with an Idempotency-Key), cancelling at the end of the paid
// month, and the competing bids a Plus freelancer sees on a job. Shapes come from the
// generated schema.
import { api, call } from ".";
import { replayable, type Replayable } from "./money";
import type { components } from "./schema";

type Schemas = components["schemas"];
export type Plan = Schemas["Plan"];
export type PlanSide = Schemas["PlanSide"];
export type PlanName = Schemas["PlanName"];
export type BidRange = Schemas["BidRange"];
export type UpgradeRequest = Schemas["UpgradeRequest"];

/** One plan per side the account has (freelancer first, then client, as the server lists them). */
export async function fetchMyPlans(signal?: AbortSignal): Promise<Plan[]> {
  const list = await call(api.GET("/api/v1/me/plans", { signal }));
  return list.data;
}

/**
 * POST /me/plans/{side}/upgrade: charges the first month now (from the wallet when no card
 * is given). A retry with the same key charges nothing again.
 */
export async function upgradePlan(side: PlanSide, body: UpgradeRequest | null, idempotencyKey: string): Promise<Replayable<Plan>> {
  return replayable(
    api.POST("/api/v1/me/plans/{side}/upgrade", {
      params: { path: { side }, header: { "Idempotency-Key": idempotencyKey } },
      ...(body ? { body } : {}),
    }),
  );
}

/** Plus until the paid month ends, then Basic. */
export async function cancelPlan(side: PlanSide): Promise<Plan> {
  return call(api.POST("/api/v1/me/plans/{side}/cancel", { params: { path: { side } } }));
}

/** Lowest, average and highest competing bid (freelancers on Plus; 403 `plus_required` otherwise). */
export async function fetchBidRange(jobId: string, signal?: AbortSignal): Promise<BidRange> {
  return call(api.GET("/api/v1/jobs/{id}/bid-range", { params: { path: { id: jobId } }, signal }));
}
