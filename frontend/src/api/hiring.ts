// Hiring calls: proposals, invitations, offers, contracts and Connects.
//
// TODO: these types are to be replaced by the generated schema once openapi.json includes
// hiring. Until then they are written by hand from the agreed hiring API contract (issue 5),
// field for field, and the calls go through `request` / `send` (api/index.ts): the same
// session, base URL and problem+json handling as the typed client, without the typed
// paths. To switch: run `npm run gen:api`, turn the interfaces below into aliases of
// `components["schemas"][...]` in types.ts, and call `api.GET` / `api.POST` in the
// functions below. Their signatures stay, so the screens keep working.
import { request, send } from ".";
import { replayable, type Replayable } from "./money";
import type { JobStatusName, JobTypeName, ProjectLengthName, Visibility } from "./types";

const enc = encodeURIComponent;

/** A cursor page of any list. */
export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

/** Paging of any list: `limit` 1–100, default 20. */
export interface Paging {
  cursor?: string | null;
  limit?: number;
}

/** Which side of a hire the signed-in user is looking from. */
export type HiringRole = "client" | "freelancer";
export const HIRING_ROLES: readonly HiringRole[] = ["freelancer", "client"];

// ---------- shared small shapes ----------

/** A user as the other side sees them. */
export interface Party {
  id: string;
  full_name: string;
  country: string;
  photo_url: string | null;
}

export interface JobBrief {
  id: string;
  title: string;
  job_type: JobTypeName;
  status: JobStatusName;
  visibility: Visibility;
  connects_cost: number;
  screening_questions: string[];
  client_id: string;
}

export interface MilestoneInput {
  /** 1–200 characters. */
  title: string;
  amount: string;
  /** YYYY-MM-DD. */
  due_date?: string;
}

// ---------- Connects ----------

export const CONNECTS_KINDS = ["grant", "purchase", "spend", "refund", "expiry"] as const;
export type ConnectsKind = (typeof CONNECTS_KINDS)[number];

export interface ConnectsLine {
  id: string;
  kind: ConnectsKind;
  /** Signed: spends and expiries are negative. */
  amount: number;
  balance_after: number;
  memo: string;
  job_id: string | null;
  proposal_id: string | null;
  expires_at: string | null;
  created_at: string;
}

export interface ConnectsBundle {
  connects: number;
  price: string;
}

/** GET /me/connects: the balance and its make-up, the bundles for sale, and a page of history. */
export interface ConnectsSummary extends Page<ConnectsLine> {
  balance: number;
  granted: number;
  purchased: number;
  monthly_grant: number;
  rollover_cap: number;
  next_grant_at: string;
  price_per_connect: string;
  bundles: ConnectsBundle[];
}

export interface ConnectsPurchaseRequest {
  /** 10, 20, 40, 60 or 80. */
  bundle: number;
  /** Charge this card; without it the price comes from the available earnings. */
  payment_method_id?: string;
}

export interface ConnectsPurchase {
  connects: number;
  price: string;
  balance: number;
  transaction_id: string;
}

// ---------- proposals ----------

export const PROPOSAL_STATUSES = ["submitted", "shortlisted", "archived", "declined", "withdrawn", "hired"] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
/** The job owner's list also takes "active" (submitted and shortlisted). */
export type ProposalStatusFilter = ProposalStatus | "active";

export const PROPOSAL_SORTS = ["newest", "bid", "best_match"] as const;
export type ProposalSort = (typeof PROPOSAL_SORTS)[number];

/** The same values as a job's project length. */
export type EstimatedDuration = ProjectLengthName;
export const ESTIMATED_DURATIONS: readonly EstimatedDuration[] = [
  "less_than_1_month",
  "1_to_3_months",
  "3_to_6_months",
  "more_than_6_months",
];

export interface ProposalMilestone {
  title: string;
  amount: string;
}

/** POST /jobs/{id}/proposals and POST /invitations/{id}/accept. */
export interface ProposalRequest {
  /** 50–5000 characters. */
  cover_letter: string;
  /** Fixed-price jobs. */
  bid_amount?: string;
  /** Hourly jobs. */
  hourly_rate?: string;
  /** Fixed-price jobs only; must add up to bid_amount. */
  milestones?: ProposalMilestone[];
  estimated_duration: EstimatedDuration;
  /** One per screening question, in the same order, each 1–5000 characters. */
  answers: string[];
  attachment_ids?: string[];
}

export interface ProposalFreelancer extends Party {
  title: string | null;
  hourly_rate: string | null;
}

export interface Proposal {
  id: string;
  job: JobBrief;
  freelancer: ProposalFreelancer;
  status: ProposalStatus;
  cover_letter: string;
  bid_type: JobTypeName;
  bid_amount: string | null;
  hourly_rate: string | null;
  milestones: ProposalMilestone[];
  estimated_duration: EstimatedDuration;
  answers: string[];
  attachment_ids: string[];
  /** The freelancer's service fee on the bid (per hour for hourly bids). */
  fee: string;
  /** What the freelancer would receive for the bid (per hour for hourly bids). */
  net: string;
  connects_spent: number;
  invitation_id: string | null;
  decline_reason: string | null;
  /** 0–100: how well the freelancer fits the job (the client's "best match"). */
  match_score: number;
  /** The latest offer made from this proposal. */
  offer_id: string | null;
  created_at: string;
  updated_at: string;
}

export type ProposalCounts = Record<"all" | ProposalStatus, number>;

export interface JobProposalsPage extends Page<Proposal> {
  counts: ProposalCounts;
}

export interface JobProposalsQuery extends Paging {
  status?: ProposalStatusFilter | null;
  sort?: ProposalSort | null;
}

export interface MyProposalsQuery extends Paging {
  status?: ProposalStatus | null;
}

// ---------- invitations ----------

export const INVITATION_STATUSES = ["pending", "accepted", "declined"] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export interface Invitation {
  id: string;
  job: JobBrief;
  client: Party;
  freelancer: Party;
  message: string;
  status: InvitationStatus;
  decline_reason: string | null;
  proposal_id: string | null;
  created_at: string;
  answered_at: string | null;
}

export interface InvitationRequest {
  freelancer_id: string;
  /** 1–2000 characters. */
  message: string;
}

export interface MyInvitationsQuery extends Paging {
  /** Received (freelancer) or sent (client); the server defaults to freelancer for freelancers. */
  role?: HiringRole | null;
  status?: InvitationStatus | null;
}

// ---------- offers and contracts ----------

export const OFFER_STATUSES = ["pending", "accepted", "declined", "withdrawn", "expired"] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

export const CONTRACT_STATUSES = ["active", "paused", "ended"] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

/** "pending" and "funded" today; more states come with milestone actions, shown as sent. */
export type MilestoneStatus = string;

export interface Milestone {
  id: string;
  position: number;
  title: string;
  amount: string;
  due_date: string | null;
  status: MilestoneStatus;
  /** The amount held in escrow for it now. */
  escrow: string;
  funded_at: string | null;
}

/** POST /offers. */
export interface OfferRequest {
  proposal_id: string;
  contract_type: JobTypeName;
  /** Defaults to the job's title. */
  title?: string;
  message?: string;
  /** Fixed: 1–20, each at least 5.00. The first is funded into escrow at once. */
  milestones?: MilestoneInput[];
  /** Hourly: at least 3.00. */
  hourly_rate?: string;
  /** Hourly: 1–80. */
  weekly_limit_hours?: number;
  /** Hourly; default false. */
  manual_time_allowed?: boolean;
  /** Charged for what the wallet cannot cover. */
  payment_method_id?: string;
}

export interface Offer {
  id: string;
  proposal_id: string;
  job: JobBrief;
  client: Party;
  freelancer: Party;
  contract_type: JobTypeName;
  status: OfferStatus;
  title: string;
  message: string;
  /** Fixed: the sum of the milestones. */
  total: string | null;
  milestones: Milestone[];
  hourly_rate: string | null;
  weekly_limit_hours: number | null;
  manual_time_allowed: boolean;
  expires_at: string;
  decline_reason: string | null;
  contract_id: string | null;
  created_at: string;
  answered_at: string | null;
}

export interface MyOffersQuery extends Paging {
  /** The server defaults to freelancer for freelancers. */
  role?: HiringRole | null;
  status?: OfferStatus | null;
}

export interface Contract {
  id: string;
  title: string;
  job_id: string;
  proposal_id: string;
  offer_id: string;
  contract_type: JobTypeName;
  status: ContractStatus;
  client: Party;
  freelancer: Party;
  hourly_rate: string | null;
  weekly_limit_hours: number | null;
  manual_time_allowed: boolean;
  /** Fixed: the sum of the milestones. */
  total: string | null;
  /** Held in escrow now, across the milestones. */
  escrow: string;
  milestones: Milestone[];
  started_at: string;
  ended_at: string | null;
}

export interface ContractsQuery extends Paging {
  /** Both roles when left out. */
  role?: HiringRole | null;
  status?: ContractStatus | null;
}

// ---------- calls: Connects ----------

export async function fetchMyConnects(paging: Paging = {}, signal?: AbortSignal): Promise<ConnectsSummary> {
  return request("GET", "/api/v1/me/connects", { query: { ...paging }, signal });
}

/** POST /me/connects/purchase, with an Idempotency-Key: a retry never charges twice. */
export async function purchaseConnects(
  body: ConnectsPurchaseRequest,
  idempotencyKey: string,
): Promise<Replayable<ConnectsPurchase>> {
  return replayable(
    send("POST", "/api/v1/me/connects/purchase", { body, headers: { "Idempotency-Key": idempotencyKey } }),
  ) as Promise<Replayable<ConnectsPurchase>>;
}

// ---------- calls: proposals ----------

/** Spends the job's Connects cost. */
export async function submitProposal(jobId: string, body: ProposalRequest): Promise<Proposal> {
  return request("POST", `/api/v1/jobs/${enc(jobId)}/proposals`, { body });
}

/** The job owner's view of a job's proposals, with a count per status. */
export async function fetchJobProposals(jobId: string, query: JobProposalsQuery = {}, signal?: AbortSignal): Promise<JobProposalsPage> {
  return request("GET", `/api/v1/jobs/${enc(jobId)}/proposals`, { query: { ...query }, signal });
}

/** The signed-in freelancer's proposals, newest first. */
export async function fetchMyProposals(query: MyProposalsQuery = {}, signal?: AbortSignal): Promise<Page<Proposal>> {
  return request("GET", "/api/v1/me/proposals", { query: { ...query }, signal });
}

export async function fetchProposal(id: string, signal?: AbortSignal): Promise<Proposal> {
  return request("GET", `/api/v1/proposals/${enc(id)}`, { signal });
}

export type ProposalAction = "shortlist" | "archive" | "decline" | "withdraw";

/**
 * Move a proposal on: the job owner shortlists, archives or declines (with an optional
 * reason); its freelancer withdraws (with an optional reason).
 */
export async function runProposalAction(id: string, action: ProposalAction, reason?: string): Promise<Proposal> {
  const path = `/api/v1/proposals/${enc(id)}/${action}` as const;
  if (action === "decline" || action === "withdraw") {
    return request("POST", path, { body: reason ? { reason } : {} });
  }
  return request("POST", path);
}

// ---------- calls: invitations ----------

export async function inviteFreelancer(jobId: string, body: InvitationRequest): Promise<Invitation> {
  return request("POST", `/api/v1/jobs/${enc(jobId)}/invitations`, { body });
}

export async function fetchMyInvitations(query: MyInvitationsQuery = {}, signal?: AbortSignal): Promise<Page<Invitation>> {
  return request("GET", "/api/v1/me/invitations", { query: { ...query }, signal });
}

export async function fetchJobInvitations(jobId: string, paging: Paging = {}, signal?: AbortSignal): Promise<Page<Invitation>> {
  return request("GET", `/api/v1/jobs/${enc(jobId)}/invitations`, { query: { ...paging }, signal });
}

export async function fetchInvitation(id: string, signal?: AbortSignal): Promise<Invitation> {
  return request("GET", `/api/v1/invitations/${enc(id)}`, { signal });
}

/** Answer an invitation with a proposal: free (no Connects are spent). */
export async function acceptInvitation(id: string, body: ProposalRequest): Promise<Proposal> {
  return request("POST", `/api/v1/invitations/${enc(id)}/accept`, { body });
}

export async function declineInvitation(id: string, reason?: string): Promise<Invitation> {
  return request("POST", `/api/v1/invitations/${enc(id)}/decline`, { body: reason ? { reason } : {} });
}

// ---------- calls: offers ----------

/**
 * POST /offers, with an Idempotency-Key: a fixed-price offer funds its first milestone
 * at once, so a retry must never fund it twice.
 */
export async function createOffer(body: OfferRequest, idempotencyKey: string): Promise<Replayable<Offer>> {
  return replayable(send("POST", "/api/v1/offers", { body, headers: { "Idempotency-Key": idempotencyKey } })) as Promise<
    Replayable<Offer>
  >;
}

export async function fetchOffer(id: string, signal?: AbortSignal): Promise<Offer> {
  return request("GET", `/api/v1/offers/${enc(id)}`, { signal });
}

export async function fetchMyOffers(query: MyOffersQuery = {}, signal?: AbortSignal): Promise<Page<Offer>> {
  return request("GET", "/api/v1/me/offers", { query: { ...query }, signal });
}

/** The freelancer accepts: the contract starts. */
export async function acceptOffer(id: string): Promise<{ contract: Contract }> {
  return request("POST", `/api/v1/offers/${enc(id)}/accept`);
}

/** The freelancer declines; any escrow goes back to the client's wallet. */
export async function declineOffer(id: string, reason?: string): Promise<Offer> {
  return request("POST", `/api/v1/offers/${enc(id)}/decline`, { body: reason ? { reason } : {} });
}

/** The client withdraws; any escrow goes back to their wallet. */
export async function withdrawOffer(id: string): Promise<Offer> {
  return request("POST", `/api/v1/offers/${enc(id)}/withdraw`);
}

// ---------- calls: contracts ----------

export async function fetchContracts(query: ContractsQuery = {}, signal?: AbortSignal): Promise<Page<Contract>> {
  return request("GET", "/api/v1/contracts", { query: { ...query }, signal });
}

export async function fetchContract(id: string, signal?: AbortSignal): Promise<Contract> {
  return request("GET", `/api/v1/contracts/${enc(id)}`, { signal });
}
