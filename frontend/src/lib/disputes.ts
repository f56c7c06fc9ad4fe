// Dispute rules and wording (SPEC §9): who may open one, who answers it, what its status
// and outcome mean, and the admin's split checked in whole cents.
import type { Dispute } from "../api/disputes";
import type { Tone } from "./hiring";
import { formatMoney, fromCents, parseAmount, toCents } from "./money";

export type Party = "client" | "freelancer";

const FREELANCER_MILESTONE = new Set(["refund_requested", "submitted", "changes_requested"]);
const CLIENT_MILESTONE = new Set(["submitted"]);

/** The freelancer disputes a refund request or a submission; the client a submission. */
export function canDisputeMilestone(status: string, viewer: Party, contractStatus = "active"): boolean {
  if (contractStatus !== "active" && contractStatus !== "paused") return false;
  return viewer === "freelancer" ? FREELANCER_MILESTONE.has(status) : CLIENT_MILESTONE.has(status);
}

/** Only the client, on an invoice in review, before its review window closes. */
export function canDisputeInvoice(invoice: { status: string; review_until?: string | null }, viewer: Party, now: Date = new Date()): boolean {
  if (viewer !== "client" || invoice.status !== "in_review" || !invoice.review_until) return false;
  return now.getTime() < new Date(invoice.review_until).getTime();
}

/** The viewer's side in a dispute, or null (an admin, or nobody's). */
export function partyOf(dispute: Pick<Dispute, "client_id" | "freelancer_id">, userId: string | undefined): Party | null {
  if (!userId) return null;
  if (userId === dispute.client_id) return "client";
  if (userId === dispute.freelancer_id) return "freelancer";
  return null;
}

/** The other party answers while the dispute awaits a response. */
export function canRespond(dispute: Pick<Dispute, "client_id" | "freelancer_id" | "opener_role" | "status">, userId: string | undefined): boolean {
  const party = partyOf(dispute, userId);
  return dispute.status === "awaiting_response" && party !== null && party !== dispute.opener_role;
}

export const disputeStatusLabels: Record<string, string> = {
  open: "Open",
  awaiting_response: "Awaiting response",
  in_mediation: "In mediation",
  resolved: "Resolved",
};

export const disputeStatusTones: Record<string, Tone> = {
  open: "badge--warning",
  awaiting_response: "badge--warning",
  in_mediation: "badge--info",
  resolved: "badge--success",
};

export function statusTone(status: string): Tone {
  return disputeStatusTones[status] ?? "badge--neutral";
}

export function statusLabel(status: string): string {
  return disputeStatusLabels[status] ?? status;
}

type Named = Pick<Dispute, "client" | "freelancer">;

/** A party by name with their role, e.g. "Dora Client (client)". */
export function partyLabel(dispute: Named, role: string): string {
  if (role === "client") return `${dispute.client.full_name} (client)`;
  if (role === "freelancer") return `${dispute.freelancer.full_name} (freelancer)`;
  return role;
}

/** The opener's request in words: who asks how much back, from whom. */
export function requestText(dispute: Named & Pick<Dispute, "opener_role" | "requested_refund">): string {
  const refund = formatMoney(dispute.requested_refund);
  return dispute.opener_role === "freelancer"
    ? `${partyLabel(dispute, "freelancer")} offers ${refund} back to ${partyLabel(dispute, "client")}`
    : `${partyLabel(dispute, "client")} asks ${refund} back from ${partyLabel(dispute, "freelancer")}`;
}

/** How it ended, in words. */
export function outcomeText(dispute: Named & Pick<Dispute, "outcome" | "opener_role">): string | null {
  const other = partyLabel(dispute, dispute.opener_role === "client" ? "freelancer" : "client");
  switch (dispute.outcome) {
    case "accepted":
      return `${other} accepted the request.`;
    case "lapsed":
      return `${other} did not answer in time, so the request was granted.`;
    case "decided":
      return "An admin decided the split.";
    case null:
    case undefined:
      return null;
    default:
      return dispute.outcome;
  }
}

/** The requested refund typed by the opener: a problem, or null when it is fine. */
export function refundProblem(typed: string, amount: string): string | null {
  const parsed = parseAmount(typed);
  if (parsed === null) return "Enter an amount such as 100.00.";
  const cents = toCents(parsed);
  const max = toCents(amount);
  if (cents === null || max === null) return "Enter an amount such as 100.00.";
  if (cents > max) return `At most ${fromCents(max)}, the amount in escrow.`;
  return null;
}

export interface SplitCheck {
  release?: string;
  refund?: string;
  /** The live "must add up to" message, or null when they do. */
  total: string | null;
  /** The amounts in wire form when both parse. */
  releaseAmount: string | null;
  refundAmount: string | null;
}

/** The admin's split: both amounts valid and adding up, in cents, to the disputed amount. */
export function checkSplit(release: string, refund: string, amount: string): SplitCheck {
  const releaseAmount = parseAmount(release);
  const refundAmount = parseAmount(refund);
  const result: SplitCheck = { total: null, releaseAmount, refundAmount };
  if (releaseAmount === null) result.release = "Enter an amount such as 200.00.";
  if (refundAmount === null) result.refund = "Enter an amount such as 100.00.";
  const total = toCents(amount) ?? 0;
  const sum = (releaseAmount === null ? 0 : (toCents(releaseAmount) ?? 0)) + (refundAmount === null ? 0 : (toCents(refundAmount) ?? 0));
  if (sum !== total) result.total = `Release and refund must add up to ${fromCents(total)} (now ${fromCents(sum)}).`;
  return result;
}
