// Hiring in the SPA: status words and badge tones, what each side may do in each state,
// milestone arithmetic (in whole cents), and the list filters as they live in the
// address bar and go to the API.
import {
  CONNECTS_KINDS,
  CONTRACT_STATUSES,
  INVITATION_STATUSES,
  OFFER_STATUSES,
  PROPOSAL_SORTS,
  PROPOSAL_STATUSES,
  type ConnectsKind,
  type ContractStatus,
  type ContractsQuery,
  type HiringRole,
  type InvitationStatus,
  type JobProposalsQuery,
  type MyInvitationsQuery,
  type MyOffersQuery,
  type MyProposalsQuery,
  type OfferStatus,
  type Proposal,
  type ProposalCounts,
  type ProposalSort,
  type ProposalStatus,
  type ProposalStatusFilter,
} from "../api/hiring";
import type { Role } from "../api/types";
import { formatMoney, fromCents, parseAmount, toCents } from "./money";
import { readOne, toQueryString } from "./urlState";

// ---------- words and tones ----------

/** Badge modifiers (defined in jobs.css and global.css). */
export type Tone = "badge--success" | "badge--info" | "badge--brand" | "badge--danger" | "badge--neutral" | "badge--warning";

/** "escrow_refund" -> "Escrow refund": for a value this SPA does not know yet. */
export function humanize(value: string): string {
  const words = value.replaceAll("_", " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The label of a known value, or the value made readable when the server sends a new one. */
export function labelOf<K extends string>(labels: Record<K, string>, value: string): string {
  return (labels as Partial<Record<string, string>>)[value] ?? humanize(value);
}

export function toneOf<K extends string>(tones: Record<K, Tone>, value: string): Tone {
  return (tones as Partial<Record<string, Tone>>)[value] ?? "badge--neutral";
}

export const proposalStatusLabels: Record<ProposalStatus, string> = {
  submitted: "Submitted",
  shortlisted: "Shortlisted",
  archived: "Archived",
  declined: "Declined",
  withdrawn: "Withdrawn",
  hired: "Hired",
};

export const proposalStatusTones: Record<ProposalStatus, Tone> = {
  submitted: "badge--info",
  shortlisted: "badge--brand",
  archived: "badge--neutral",
  declined: "badge--danger",
  withdrawn: "badge--neutral",
  hired: "badge--success",
};

export const invitationStatusLabels: Record<InvitationStatus, string> = {
  pending: "Pending",
  accepted: "Accepted",
  declined: "Declined",
};

export const invitationStatusTones: Record<InvitationStatus, Tone> = {
  pending: "badge--info",
  accepted: "badge--success",
  declined: "badge--neutral",
};

export const offerStatusLabels: Record<OfferStatus, string> = {
  pending: "Pending",
  accepted: "Accepted",
  declined: "Declined",
  withdrawn: "Withdrawn",
  expired: "Expired",
};

export const offerStatusTones: Record<OfferStatus, Tone> = {
  pending: "badge--info",
  accepted: "badge--success",
  declined: "badge--danger",
  withdrawn: "badge--neutral",
  expired: "badge--neutral",
};

export const contractStatusLabels: Record<ContractStatus, string> = {
  active: "Active",
  paused: "Paused",
  ended: "Ended",
};

export const contractStatusTones: Record<ContractStatus, Tone> = {
  active: "badge--success",
  paused: "badge--warning",
  ended: "badge--neutral",
};

/**
 * Milestone states. The contract names "pending" and "funded"; the rest are the states
 * milestone actions (a later issue) will bring. Anything else is shown as sent.
 */
type KnownMilestoneStatus =
  | "pending"
  | "funded"
  | "submitted"
  | "changes_requested"
  | "approved"
  | "refund_requested"
  | "refunded"
  | "disputed";

export const milestoneStatusLabels: Record<KnownMilestoneStatus, string> = {
  pending: "Not funded yet",
  funded: "Funded",
  submitted: "Work submitted",
  changes_requested: "Changes requested",
  approved: "Approved",
  refund_requested: "Refund requested",
  refunded: "Refunded",
  disputed: "In dispute",
};

export const milestoneStatusTones: Record<KnownMilestoneStatus, Tone> = {
  pending: "badge--neutral",
  funded: "badge--brand",
  submitted: "badge--info",
  changes_requested: "badge--warning",
  approved: "badge--success",
  refund_requested: "badge--warning",
  refunded: "badge--neutral",
  disputed: "badge--danger",
};

export const connectsKindLabels: Record<ConnectsKind, string> = {
  grant: "Monthly grant",
  purchase: "Purchase",
  spend: "Proposal sent",
  refund: "Refund",
  expiry: "Expired",
};

export function connectsKindLabel(kind: string): string {
  const known = CONNECTS_KINDS.find((k) => k === kind);
  return known ? connectsKindLabels[known] : humanize(kind);
}

export const proposalSortLabels: Record<ProposalSort, string> = {
  newest: "Newest first",
  bid: "Lowest bid first",
  best_match: "Best match",
};

export const roleLabels: Record<HiringRole, string> = {
  freelancer: "As freelancer",
  client: "As client",
};

// ---------- what each side may do ----------

export interface ProposalActions {
  shortlist: boolean;
  archive: boolean;
  decline: boolean;
  sendOffer: boolean;
  withdraw: boolean;
}

const OPEN_PROPOSAL: readonly ProposalStatus[] = ["submitted", "shortlisted", "archived"];

/**
 * What the viewer may do with a proposal in this state: the job owner ("client")
 * shortlists, archives, declines and sends offers; its freelancer withdraws. Declined,
 * withdrawn and hired proposals are final.
 */
export function proposalActions(status: ProposalStatus, viewer: HiringRole | null): ProposalActions {
  const open = OPEN_PROPOSAL.includes(status);
  const client = viewer === "client" && open;
  return {
    shortlist: client && status !== "shortlisted",
    archive: client && status !== "archived",
    decline: client,
    sendOffer: client,
    withdraw: viewer === "freelancer" && open,
  };
}

/** Whose proposal page this is: its job's owner, its freelancer, or neither. */
export function proposalViewer(proposal: Pick<Proposal, "job" | "freelancer">, userId: string | null | undefined): HiringRole | null {
  if (!userId) return null;
  if (proposal.job.client_id === userId) return "client";
  if (proposal.freelancer.id === userId) return "freelancer";
  return null;
}

/** A pending offer past its expiry is treated as expired (the server will say so too). */
export function isOfferOpen(offer: { status: OfferStatus; expires_at: string }, now: Date = new Date()): boolean {
  if (offer.status !== "pending") return false;
  const expires = Date.parse(offer.expires_at);
  return Number.isNaN(expires) || expires > now.getTime();
}

/** The other side of a hire, seen from `userId`. */
export function otherParty<P extends { id: string }>(hire: { client: P; freelancer: P }, userId: string | null | undefined): P {
  return hire.client.id === userId ? hire.freelancer : hire.client;
}

// ---------- money ----------

/** "$750.00" for a fixed bid, "$45.00/hr" for an hourly one. */
export function formatBid(bid: { bid_type: string; bid_amount?: string | null; hourly_rate?: string | null }): string {
  if (bid.bid_type === "hourly") return bid.hourly_rate ? `${formatMoney(bid.hourly_rate)}/hr` : "Hourly";
  return bid.bid_amount ? formatMoney(bid.bid_amount) : "Fixed price";
}

/** The same with "/hr" when the figure is per hour (fees and nets of an hourly bid). */
export function perHour(amount: string, hourly: boolean): string {
  return hourly ? `${formatMoney(amount)}/hr` : formatMoney(amount);
}

export interface MilestoneSum {
  /** The sum of the amounts that could be read, as a wire amount. */
  sum: string;
  /** Indexes of rows whose amount is empty or not an amount. */
  unreadable: number[];
}

/** Add up typed amounts in whole cents ("1,250.50" and "12,5" read as people mean them). */
export function sumMilestones(amounts: readonly string[]): MilestoneSum {
  let cents = 0;
  const unreadable: number[] = [];
  amounts.forEach((text, index) => {
    const amount = parseAmount(text);
    const value = amount === null ? null : toCents(amount);
    if (value === null) unreadable.push(index);
    else cents += value;
  });
  return { sum: fromCents(cents), unreadable };
}

export type SumCheck =
  | { state: "no_total" }
  | { state: "incomplete"; sum: string }
  | { state: "matches"; sum: string }
  | { state: "mismatch"; sum: string; /** total − sum: positive when the milestones fall short. */ difference: string };

/** Whether milestones add up to the total typed (the bid): the rule of POST /jobs/{id}/proposals. */
export function checkMilestoneSum(amounts: readonly string[], totalText: string): SumCheck {
  const total = parseAmount(totalText);
  const { sum, unreadable } = sumMilestones(amounts);
  if (total === null) return { state: "no_total" };
  if (unreadable.length > 0) return { state: "incomplete", sum };
  const difference = (toCents(total) ?? 0) - (toCents(sum) ?? 0);
  return difference === 0 ? { state: "matches", sum } : { state: "mismatch", sum, difference: fromCents(difference) };
}

/** The sentence under a milestone builder: the running sum against the bid. */
export function sumCheckMessage(check: SumCheck, totalText: string): string | null {
  const total = parseAmount(totalText);
  switch (check.state) {
    case "no_total":
      return null;
    case "incomplete":
      return `The milestones so far add up to ${formatMoney(check.sum)}. Enter an amount for each.`;
    case "matches":
      return `The milestones add up to your bid of ${formatMoney(check.sum)}.`;
    case "mismatch": {
      const short = !check.difference.startsWith("-");
      const gap = formatMoney(short ? check.difference : check.difference.slice(1));
      return `The milestones add up to ${formatMoney(check.sum)}, ${gap} ${short ? "less" : "more"} than your bid of ${formatMoney(total ?? "0")}. They must add up to the bid exactly.`;
    }
  }
}

/** How much of `charge` the wallet cannot cover (0.00 when it can); null if either is unreadable. */
export function walletShortfall(charge: string, available: string): string | null {
  const c = toCents(charge);
  const a = toCents(available);
  if (c === null || a === null) return null;
  return fromCents(Math.max(0, c - Math.max(0, a)));
}

/** What escrow holds across milestones now (their `escrow` added up in cents). */
export function escrowHeld(milestones: readonly { escrow: string }[]): string {
  return fromCents(milestones.reduce((sum, m) => sum + (toCents(m.escrow) ?? 0), 0));
}

// ---------- text ----------

/** The start of a text, at most `max` characters (code points), cut at a word, with "…". */
export function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  // eslint-disable-next-line @typescript-eslint/no-misused-spread -- code points, not UTF-16 units
  const chars = [...flat];
  if (chars.length <= max) return flat;
  const cut = chars.slice(0, max).join("");
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export function countText(n: number, one: string, many: string): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

// ---------- roles ----------

/** The roles a hiring list can be seen in, for a user with these account roles. */
export function hiringRoles(roles: readonly Role[]): HiringRole[] {
  return (["freelancer", "client"] as const).filter((r) => roles.includes(r));
}

/** The role to show: the one asked for if the user has it, else freelancer first (as the server defaults). */
export function effectiveRole(roles: readonly Role[], asked: HiringRole | null): HiringRole | null {
  const mine = hiringRoles(roles);
  if (asked && mine.includes(asked)) return asked;
  return mine[0] ?? null;
}

// ---------- list filters in the address bar, and their API queries ----------

export const HIRING_PAGE_SIZE = 20;
const ROLES = ["freelancer", "client"] as const;
const PROPOSAL_FILTERS: readonly ProposalStatusFilter[] = ["active", ...PROPOSAL_STATUSES];

/** My proposals: `?status=`. */
export interface MyProposalsFilters {
  status: ProposalStatus | null;
}

export function parseMyProposalsFilters(params: URLSearchParams): MyProposalsFilters {
  return { status: readOne(params, "status", PROPOSAL_STATUSES) };
}

export function myProposalsFiltersToQueryString(f: MyProposalsFilters): string {
  return toQueryString([["status", f.status]]);
}

export function myProposalsQuery(f: MyProposalsFilters, cursor: string | null, limit = HIRING_PAGE_SIZE): MyProposalsQuery {
  return { limit, ...(f.status ? { status: f.status } : {}), ...(cursor ? { cursor } : {}) };
}

/** The job owner's review screen: which tab, which proposals, in which order, as a list or a table. */
export interface ReviewFilters {
  tab: "proposals" | "invitations";
  status: ProposalStatusFilter | null;
  sort: ProposalSort;
  view: "list" | "compare";
}

export const defaultReviewFilters: ReviewFilters = { tab: "proposals", status: null, sort: "newest", view: "list" };

export function parseReviewFilters(params: URLSearchParams): ReviewFilters {
  return {
    tab: readOne(params, "tab", ["invitations"] as const) ?? "proposals",
    status: readOne(params, "status", PROPOSAL_FILTERS),
    sort: readOne(params, "sort", PROPOSAL_SORTS) ?? "newest",
    view: readOne(params, "view", ["compare"] as const) ?? "list",
  };
}

/** Only what differs from the defaults, in a stable order. */
export function reviewFiltersToQueryString(f: ReviewFilters): string {
  return toQueryString([
    ["tab", f.tab === "proposals" ? null : f.tab],
    ["status", f.status],
    ["sort", f.sort === "newest" ? null : f.sort],
    ["view", f.view === "list" ? null : f.view],
  ]);
}

export function changeReviewFilters(current: ReviewFilters, change: Partial<ReviewFilters>): ReviewFilters {
  return { ...current, ...change };
}

export function jobProposalsQuery(f: ReviewFilters, cursor: string | null, limit = HIRING_PAGE_SIZE): JobProposalsQuery {
  return {
    limit,
    ...(f.status ? { status: f.status } : {}),
    ...(f.sort !== "newest" ? { sort: f.sort } : {}),
    ...(cursor ? { cursor } : {}),
  };
}

/** The count beside a status filter: "active" is submitted plus shortlisted. */
export function countFor(counts: ProposalCounts | undefined, status: ProposalStatusFilter | null): number | null {
  if (!counts) return null;
  if (status === null) return counts.all;
  if (status === "active") return counts.submitted + counts.shortlisted;
  return counts[status];
}

/** Offers, contracts and invitations: `?role=&status=`. */
export interface RoleFilters<S extends string> {
  role: HiringRole | null;
  status: S | null;
}

function parseRoleFilters<S extends string>(params: URLSearchParams, statuses: readonly S[]): RoleFilters<S> {
  return { role: readOne(params, "role", ROLES), status: readOne(params, "status", statuses) };
}

export function roleFiltersToQueryString<S extends string>(f: RoleFilters<S>): string {
  return toQueryString([
    ["role", f.role],
    ["status", f.status],
  ]);
}

export const parseOfferFilters = (params: URLSearchParams) => parseRoleFilters(params, OFFER_STATUSES);
export const parseContractFilters = (params: URLSearchParams) => parseRoleFilters(params, CONTRACT_STATUSES);
export const parseInvitationFilters = (params: URLSearchParams) => parseRoleFilters(params, INVITATION_STATUSES);

function roleQuery<S extends string>(f: RoleFilters<S>, cursor: string | null, limit: number) {
  return {
    limit,
    ...(f.role ? { role: f.role } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(cursor ? { cursor } : {}),
  };
}

export const offersQuery = (f: RoleFilters<OfferStatus>, cursor: string | null, limit = HIRING_PAGE_SIZE): MyOffersQuery =>
  roleQuery(f, cursor, limit);
export const contractsQuery = (f: RoleFilters<ContractStatus>, cursor: string | null, limit = HIRING_PAGE_SIZE): ContractsQuery =>
  roleQuery(f, cursor, limit);
export const invitationsQuery = (
  f: RoleFilters<InvitationStatus>,
  cursor: string | null,
  limit = HIRING_PAGE_SIZE,
): MyInvitationsQuery => roleQuery(f, cursor, limit);

/** The link to a list with one filter changed (the other kept); "." when nothing is set. */
export function hrefWith(queryString: string): string {
  return queryString ? `?${queryString}` : ".";
}
