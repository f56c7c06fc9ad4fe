// Plans in the marketplace's words: what Basic and Plus give on each side, and the line
// that says where a plan stands (renews, ends, failed to renew). Server state for the plan
// screens shares one query key, so an upgrade shows wherever the plan is read.
import { useQuery } from "@tanstack/react-query";
import { fetchMyPlans, type Plan, type PlanSide } from "../api/plans";
import { formatDate } from "./format";
import { formatMoney } from "./money";

export const planKeys = {
  mine: ["plans"] as const,
  bidRange: (jobId: string) => ["bid-range", jobId] as const,
};

export function usePlans(enabled = true) {
  return useQuery({ queryKey: planKeys.mine, queryFn: ({ signal }) => fetchMyPlans(signal), enabled });
}

export const PLAN_PAGE = "/settings/plan";

export const sideLabels: Record<PlanSide, string> = { freelancer: "Freelancer", client: "Client" };

/** "Freelancer Plus", "Client Basic". */
export function planTitle(side: PlanSide, plan: Plan["plan"]): string {
  return `${sideLabels[side]} ${plan === "plus" ? "Plus" : "Basic"}`;
}

/** What Basic gives (the server lists only Plus's benefits). */
export const basicBenefits: Record<PlanSide, string[]> = {
  freelancer: ["10 Connects a month", "Competing bids stay hidden"],
  client: ["A 5% marketplace fee on what you fund"],
};

/** The Plus benefits as the server words them, or ours when it sends none. */
export function plusBenefits(plan: Plan): string[] {
  if (plan.plus_benefits.length > 0) return plan.plus_benefits;
  return plan.side === "freelancer"
    ? ["100 Connects a month instead of 10", "See the range of competing bids on every job"]
    : ["A 3% marketplace fee instead of 5%"];
}

/** "$19.99 a month". */
export function monthlyPrice(plan: Pick<Plan, "plus_price">): string {
  return `${formatMoney(plan.plus_price)} a month`;
}

export type PlanState = "basic" | "renewing" | "ending";

export function planState(plan: Pick<Plan, "plan" | "cancel_at_period_end">): PlanState {
  if (plan.plan !== "plus") return "basic";
  return plan.cancel_at_period_end ? "ending" : "renewing";
}

/**
 * Where the plan stands, in one sentence: "Renews on December 26, 2026 for $19.99,
 * charged to Visa ending in 4242." / "Ends on December 26, 2026: ..." / Basic.
 * `payer` names the card renewals are charged to (null: the wallet).
 */
export function planStatusText(plan: Plan, payer: string | null, timeZone?: string | null): string {
  const end = plan.current_period_end ? formatDate(plan.current_period_end, timeZone) : null;
  switch (planState(plan)) {
    case "basic":
      return plan.side === "freelancer"
        ? "You are on Basic: 10 free Connects a month."
        : "You are on Basic: a 5% marketplace fee on what you fund.";
    case "renewing":
      return end
        ? `Renews on ${end} for ${formatMoney(plan.plus_price)}, charged to ${payer ?? "your wallet"}. Cancel any time before then.`
        : `Renews monthly for ${formatMoney(plan.plus_price)}, charged to ${payer ?? "your wallet"}.`;
    case "ending":
      return end
        ? `Ends on ${end}. You keep Plus until then; after that you are on Basic and nothing more is charged.`
        : "Plus ends at the end of the paid month; nothing more is charged.";
  }
}
