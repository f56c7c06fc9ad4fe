// Hiring calls: proposals, invitations, offers, contracts and Connects. Shapes come from
// the generated schema (types.ts); these functions give the screens one name per call.
import { api, call } from ".";
import { replayable, type Replayable } from "./money";
import type { operations } from "./schema";
import type {
  ApproveRequest,
  BonusRequest,
  Contract,
  ConnectsPurchase,
  ConnectsPurchaseRequest,
  ConnectsSummary,
  ContractStatus,
  HiringRole,
  Invitation,
  InvitationRequest,
  InvitationStatus,
  FundRequest,
  InvoicePage,
  JobProposalsPage,
  MilestonePatch,
  NewMilestone,
  Offer,
  OfferRequest,
  OfferStatus,
  ProjectLengthName,
  Proposal,
  ProposalRequest,
  ProposalSort,
  ProposalStatus,
  SubmitWork,
  TermsRequest,
  TimeEntry,
  TimeEntryRequest,
  Timesheet,
} from "./types";

export type {
  ConnectsBundle,
  ConnectsKind,
  ConnectsLine,
  ConnectsPurchase,
  ConnectsPurchaseRequest,
  ConnectsSummary,
  Contract,
  ContractBonus,
  ContractStatus,
  HiringRole,
  Invitation,
  InvitationRequest,
  InvitationStatus,
  JobBrief,
  JobProposalsPage,
  Milestone,
  MilestoneInput,
  MilestoneStatus,
  MilestoneSubmission,
  Offer,
  OfferRequest,
  OfferStatus,
  Party,
  Proposal,
  ProposalCounts,
  ProposalFreelancer,
  ProposalMilestone,
  ProposalRequest,
  ProposalSort,
  ProposalStatus,
  ProposalStatusFilter,
  EntryKind,
  Invoice,
  InvoiceStatus,
  InvoicePage,
  TimeEntry,
  TimeEntryRequest,
  Timesheet,
  SubmissionOutcome,
} from "./types";

/** A cursor page of any list. */
export interface Page<T> {
  data: T[];
  next_cursor?: string | null;
}

/** An operation's query, where a filter left unset may also be null (null ones are not sent). */
type QueryOf<K extends keyof operations> = {
  [P in keyof NonNullable<operations[K]["parameters"]["query"]>]?: NonNullable<operations[K]["parameters"]["query"]>[P] | null;
};

/** Paging of any list: `limit` 1–100, default 20. */
export interface Paging {
  cursor?: string | null;
  limit?: number;
}

export const HIRING_ROLES = ["freelancer", "client"] as const satisfies readonly HiringRole[];

// The values of the schema's enums, for filters and labels (checked against the schema).
export const CONNECTS_KINDS = ["grant", "purchase", "spend", "refund", "expiry"] as const;
export const PROPOSAL_STATUSES = [
  "submitted",
  "shortlisted",
  "archived",
  "declined",
  "withdrawn",
  "hired",
] as const satisfies readonly ProposalStatus[];
export const PROPOSAL_SORTS = ["newest", "bid", "best_match"] as const satisfies readonly ProposalSort[];
export const INVITATION_STATUSES = ["pending", "accepted", "declined"] as const satisfies readonly InvitationStatus[];
export const OFFER_STATUSES = ["pending", "accepted", "declined", "withdrawn", "expired"] as const satisfies readonly OfferStatus[];
export const CONTRACT_STATUSES = ["active", "paused", "ended"] as const satisfies readonly ContractStatus[];

/** The same values as a job's project length. */
export type EstimatedDuration = ProjectLengthName;
export const ESTIMATED_DURATIONS: readonly EstimatedDuration[] = [
  "less_than_1_month",
  "1_to_3_months",
  "3_to_6_months",
  "more_than_6_months",
];

export type JobProposalsQuery = QueryOf<"job_proposals">;
export type MyProposalsQuery = QueryOf<"my_proposals">;
/** Received (freelancer) or sent (client); the server defaults to freelancer for freelancers. */
export type MyInvitationsQuery = QueryOf<"my_invitations">;
export type MyOffersQuery = QueryOf<"my_offers">;
/** Both roles when `role` is left out. */
export type ContractsQuery = QueryOf<"list_contracts">;

/** The query without the filters left unset (null), as openapi-fetch takes it. */
function defined<T extends object>(query: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== null && v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], null>;
  };
}

/** `{ reason }` when one was given, else an empty body. */
function reasonBody(reason: string | undefined): { reason?: string } {
  return reason ? { reason } : {};
}

// ---------- Connects ----------

export async function fetchMyConnects(paging: Paging = {}, signal?: AbortSignal): Promise<ConnectsSummary> {
  return call(api.GET("/api/v1/me/connects", { params: { query: defined(paging) }, signal }));
}

/** POST /me/connects/purchase, with an Idempotency-Key: a retry never charges twice. */
export async function purchaseConnects(body: ConnectsPurchaseRequest, idempotencyKey: string): Promise<Replayable<ConnectsPurchase>> {
  return replayable(api.POST("/api/v1/me/connects/purchase", { params: { header: { "Idempotency-Key": idempotencyKey } }, body }));
}

// ---------- proposals ----------

/** Spends the job's Connects cost. */
export async function submitProposal(jobId: string, body: ProposalRequest): Promise<Proposal> {
  return call(api.POST("/api/v1/jobs/{id}/proposals", { params: { path: { id: jobId } }, body }));
}

/** The job owner's view of a job's proposals, with a count per status. */
export async function fetchJobProposals(jobId: string, query: JobProposalsQuery = {}, signal?: AbortSignal): Promise<JobProposalsPage> {
  return call(api.GET("/api/v1/jobs/{id}/proposals", { params: { path: { id: jobId }, query: defined(query) }, signal }));
}

/** The signed-in freelancer's proposals, newest first. */
export async function fetchMyProposals(query: MyProposalsQuery = {}, signal?: AbortSignal): Promise<Page<Proposal>> {
  return call(api.GET("/api/v1/me/proposals", { params: { query: defined(query) }, signal }));
}

export async function fetchProposal(id: string, signal?: AbortSignal): Promise<Proposal> {
  return call(api.GET("/api/v1/proposals/{id}", { params: { path: { id } }, signal }));
}

export type ProposalAction = "shortlist" | "archive" | "decline" | "withdraw";

/**
 * Move a proposal on: the job owner shortlists, archives or declines (with an optional
 * reason); its freelancer withdraws (with an optional reason).
 */
export async function runProposalAction(id: string, action: ProposalAction, reason?: string): Promise<Proposal> {
  const path = { params: { path: { id } } };
  switch (action) {
    case "shortlist":
      return call(api.POST("/api/v1/proposals/{id}/shortlist", path));
    case "archive":
      return call(api.POST("/api/v1/proposals/{id}/archive", path));
    case "decline":
      return call(api.POST("/api/v1/proposals/{id}/decline", { ...path, body: reasonBody(reason) }));
    case "withdraw":
      return call(api.POST("/api/v1/proposals/{id}/withdraw", { ...path, body: reasonBody(reason) }));
  }
}

// ---------- invitations ----------

export async function inviteFreelancer(jobId: string, body: InvitationRequest): Promise<Invitation> {
  return call(api.POST("/api/v1/jobs/{id}/invitations", { params: { path: { id: jobId } }, body }));
}

export async function fetchMyInvitations(query: MyInvitationsQuery = {}, signal?: AbortSignal): Promise<Page<Invitation>> {
  return call(api.GET("/api/v1/me/invitations", { params: { query: defined(query) }, signal }));
}

export async function fetchJobInvitations(jobId: string, paging: Paging = {}, signal?: AbortSignal): Promise<Page<Invitation>> {
  return call(api.GET("/api/v1/jobs/{id}/invitations", { params: { path: { id: jobId }, query: defined(paging) }, signal }));
}

export async function fetchInvitation(id: string, signal?: AbortSignal): Promise<Invitation> {
  return call(api.GET("/api/v1/invitations/{id}", { params: { path: { id } }, signal }));
}

/** Answer an invitation with a proposal: free (no Connects are spent). */
export async function acceptInvitation(id: string, body: ProposalRequest): Promise<Proposal> {
  return call(api.POST("/api/v1/invitations/{id}/accept", { params: { path: { id } }, body }));
}

export async function declineInvitation(id: string, reason?: string): Promise<Invitation> {
  return call(api.POST("/api/v1/invitations/{id}/decline", { params: { path: { id } }, body: reasonBody(reason) }));
}

// ---------- offers ----------

/**
 * POST /offers, with an Idempotency-Key: a fixed-price offer funds its first milestone
 * at once, so a retry must never fund it twice.
 */
export async function createOffer(body: OfferRequest, idempotencyKey: string): Promise<Replayable<Offer>> {
  return replayable(api.POST("/api/v1/offers", { params: { header: { "Idempotency-Key": idempotencyKey } }, body }));
}

export async function fetchOffer(id: string, signal?: AbortSignal): Promise<Offer> {
  return call(api.GET("/api/v1/offers/{id}", { params: { path: { id } }, signal }));
}

export async function fetchMyOffers(query: MyOffersQuery = {}, signal?: AbortSignal): Promise<Page<Offer>> {
  return call(api.GET("/api/v1/me/offers", { params: { query: defined(query) }, signal }));
}

/** The freelancer accepts: the contract starts. */
export async function acceptOffer(id: string): Promise<{ contract: Contract }> {
  return call(api.POST("/api/v1/offers/{id}/accept", { params: { path: { id } } }));
}

/** The freelancer declines; any escrow goes back to the client's wallet. */
export async function declineOffer(id: string, reason?: string): Promise<Offer> {
  return call(api.POST("/api/v1/offers/{id}/decline", { params: { path: { id } }, body: reasonBody(reason) }));
}

/** The client withdraws; any escrow goes back to their wallet. */
export async function withdrawOffer(id: string): Promise<Offer> {
  return call(api.POST("/api/v1/offers/{id}/withdraw", { params: { path: { id } } }));
}

// ---------- contracts ----------

export async function fetchContracts(query: ContractsQuery = {}, signal?: AbortSignal): Promise<Page<Contract>> {
  return call(api.GET("/api/v1/contracts", { params: { query: defined(query) }, signal }));
}

export async function fetchContract(id: string, signal?: AbortSignal): Promise<Contract> {
  return call(api.GET("/api/v1/contracts/{id}", { params: { path: { id } }, signal }));
}

// ---------- delivery: milestones, bonuses and the contract's end ----------
// Every milestone and contract action answers with the whole contract.

/** The client adds a milestone (last in the order). */
export async function addMilestone(contractId: string, body: NewMilestone): Promise<Contract> {
  return call(api.POST("/api/v1/contracts/{id}/milestones", { params: { path: { id: contractId } }, body }));
}

/** The client edits or moves an unfunded milestone (`due_date: ""` clears the date). */
export async function editMilestone(id: string, body: MilestonePatch): Promise<Contract> {
  return call(api.PATCH("/api/v1/milestones/{id}", { params: { path: { id } }, body }));
}

export async function deleteMilestone(id: string): Promise<Contract> {
  return call(api.DELETE("/api/v1/milestones/{id}", { params: { path: { id } } }));
}

/** Fund into escrow, wallet first, then the card for what it lacks; with an Idempotency-Key. */
export async function fundMilestone(id: string, body: FundRequest, idempotencyKey: string): Promise<Replayable<Contract>> {
  return replayable(
    api.POST("/api/v1/milestones/{id}/fund", { params: { path: { id }, header: { "Idempotency-Key": idempotencyKey } }, body }),
  );
}

export async function submitWork(id: string, body: SubmitWork): Promise<Contract> {
  return call(api.POST("/api/v1/milestones/{id}/submit", { params: { path: { id } }, body }));
}

/** Release the escrow (with an optional bonus from the wallet); with an Idempotency-Key. */
export async function approveMilestone(id: string, body: ApproveRequest, idempotencyKey: string): Promise<Replayable<Contract>> {
  return replayable(
    api.POST("/api/v1/milestones/{id}/approve", { params: { path: { id }, header: { "Idempotency-Key": idempotencyKey } }, body }),
  );
}

export async function requestChanges(id: string, message: string): Promise<Contract> {
  return call(api.POST("/api/v1/milestones/{id}/request-changes", { params: { path: { id } }, body: { message } }));
}

export async function requestRefund(id: string): Promise<Contract> {
  return call(api.POST("/api/v1/milestones/{id}/request-refund", { params: { path: { id } } }));
}

export async function agreeRefund(id: string): Promise<Contract> {
  return call(api.POST("/api/v1/milestones/{id}/agree-refund", { params: { path: { id } } }));
}

/** A bonus from the client's wallet; with an Idempotency-Key. */
export async function payBonus(contractId: string, body: BonusRequest, idempotencyKey: string): Promise<Replayable<Contract>> {
  return replayable(
    api.POST("/api/v1/contracts/{id}/bonus", {
      params: { path: { id: contractId }, header: { "Idempotency-Key": idempotencyKey } },
      body,
    }),
  );
}

/** Either party; refused with 409 `escrow_outstanding` while money is held. */
export async function endContract(contractId: string, reason?: string): Promise<Contract> {
  return call(api.POST("/api/v1/contracts/{id}/end", { params: { path: { id: contractId } }, body: reasonBody(reason) }));
}

// ---------- hourly: time, invoices, terms, pause ----------

/** A week of time (`week` is any day of it, YYYY-MM-DD; the current week without it). */
export async function fetchTimesheet(contractId: string, week: string | null, signal?: AbortSignal): Promise<Timesheet> {
  return call(
    api.GET("/api/v1/contracts/{id}/time-entries", {
      params: { path: { id: contractId }, query: week ? { week } : {} },
      signal,
    }),
  );
}

export async function logTime(contractId: string, body: TimeEntryRequest): Promise<TimeEntry> {
  return call(api.POST("/api/v1/contracts/{id}/time-entries", { params: { path: { id: contractId } }, body }));
}

export async function editTime(id: string, body: TimeEntryRequest): Promise<TimeEntry> {
  return call(api.PATCH("/api/v1/time-entries/{id}", { params: { path: { id } }, body }));
}

export async function deleteTime(id: string): Promise<void> {
  await call(api.DELETE("/api/v1/time-entries/{id}", { params: { path: { id } } }));
}

export async function fetchInvoices(contractId: string, cursor: string | null, signal?: AbortSignal): Promise<InvoicePage> {
  return call(
    api.GET("/api/v1/contracts/{id}/invoices", { params: { path: { id: contractId }, query: cursor ? { cursor } : {} }, signal }),
  );
}

/** The client raises the rate or sets the limit; the freelancer lowers the rate. */
export async function changeTerms(contractId: string, body: TermsRequest): Promise<Contract> {
  return call(api.PATCH("/api/v1/contracts/{id}", { params: { path: { id: contractId } }, body }));
}

export async function pauseContract(contractId: string): Promise<Contract> {
  return call(api.POST("/api/v1/contracts/{id}/pause", { params: { path: { id: contractId } } }));
}

export async function resumeContract(contractId: string): Promise<Contract> {
  return call(api.POST("/api/v1/contracts/{id}/resume", { params: { path: { id: contractId } } }));
}
