// Server state for the hiring screens: one query key per resource, shared by every page
// that shows it, so an answer given on one screen shows on the others.
import { useInfiniteQuery, useQuery, useQueryClient, type QueryKey } from "@tanstack/react-query";
import {
  fetchContract,
  fetchInvitation,
  fetchMyConnects,
  fetchOffer,
  fetchProposal,
  type Contract,
  type Invitation,
  type Offer,
  type Page,
  type Proposal,
} from "../api/hiring";

export const hiringKeys = {
  /** Everything about Connects: the balance and the history. */
  connects: ["connects"] as const,
  connectsSummary: ["connects", "summary"] as const,
  connectsHistory: ["connects", "history"] as const,
  myProposals: ["my-proposals"] as const,
  jobProposals: (jobId: string) => ["job-proposals", jobId] as const,
  proposal: (id: string) => ["proposal", id] as const,
  myInvitations: ["my-invitations"] as const,
  jobInvitations: (jobId: string) => ["job-invitations", jobId] as const,
  invitation: (id: string) => ["invitation", id] as const,
  myOffers: ["my-offers"] as const,
  offer: (id: string) => ["offer", id] as const,
  contracts: ["contracts"] as const,
  contract: (id: string) => ["contract", id] as const,
};

/** A cursor-paged list with "Load more": the items of every page fetched so far. */
export function usePagedList<P extends Page<unknown>>(
  queryKey: QueryKey,
  fetchPage: (cursor: string | null, signal: AbortSignal) => Promise<P>,
  enabled = true,
) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) => fetchPage(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? null,
    enabled,
  });
  const items = (query.data?.pages.flatMap((p) => p.data) ?? []) as P["data"];
  return { query, items, firstPage: query.data?.pages[0] ?? null };
}

/** The freelancer's Connects balance (the summary; one line of history at most). */
export function useConnectsSummary(enabled = true) {
  return useQuery({
    queryKey: hiringKeys.connectsSummary,
    queryFn: ({ signal }) => fetchMyConnects({ limit: 1 }, signal),
    enabled,
  });
}

export function useProposal(id: string) {
  return useQuery({ queryKey: hiringKeys.proposal(id), queryFn: ({ signal }) => fetchProposal(id, signal), enabled: id !== "" });
}

export function useInvitation(id: string | null) {
  return useQuery({
    queryKey: hiringKeys.invitation(id ?? ""),
    queryFn: ({ signal }) => fetchInvitation(id ?? "", signal),
    enabled: id !== null && id !== "",
  });
}

export function useOffer(id: string) {
  return useQuery({ queryKey: hiringKeys.offer(id), queryFn: ({ signal }) => fetchOffer(id, signal), enabled: id !== "" });
}

export function useContract(id: string) {
  return useQuery({ queryKey: hiringKeys.contract(id), queryFn: ({ signal }) => fetchContract(id, signal), enabled: id !== "" });
}

/** After a proposal changed: its page now, and every list that shows it on the next look. */
export function useProposalChanged() {
  const queryClient = useQueryClient();
  return (proposal: Proposal) => {
    queryClient.setQueryData(hiringKeys.proposal(proposal.id), proposal);
    void queryClient.invalidateQueries({ queryKey: hiringKeys.myProposals });
    void queryClient.invalidateQueries({ queryKey: hiringKeys.jobProposals(proposal.job.id) });
    // The job's proposals count changes with a new proposal.
    void queryClient.invalidateQueries({ queryKey: ["job", proposal.job.id] });
    void queryClient.invalidateQueries({ queryKey: ["my-jobs"] });
  };
}

export function useInvitationChanged() {
  const queryClient = useQueryClient();
  return (invitation: Invitation) => {
    queryClient.setQueryData(hiringKeys.invitation(invitation.id), invitation);
    void queryClient.invalidateQueries({ queryKey: hiringKeys.myInvitations });
    void queryClient.invalidateQueries({ queryKey: hiringKeys.jobInvitations(invitation.job.id) });
  };
}

/**
 * After an offer was made or answered: the offer (as answered, or fetched again when an
 * accept answered with the contract instead), its proposal, and contracts.
 */
export function useOfferChanged() {
  const queryClient = useQueryClient();
  return (offer: Offer, contract?: Contract) => {
    if (contract) {
      queryClient.setQueryData(hiringKeys.contract(contract.id), contract);
      void queryClient.invalidateQueries({ queryKey: hiringKeys.offer(offer.id) });
    } else {
      queryClient.setQueryData(hiringKeys.offer(offer.id), offer);
    }
    void queryClient.invalidateQueries({ queryKey: hiringKeys.myOffers });
    void queryClient.invalidateQueries({ queryKey: hiringKeys.proposal(offer.proposal_id) });
    void queryClient.invalidateQueries({ queryKey: hiringKeys.jobProposals(offer.job.id) });
    void queryClient.invalidateQueries({ queryKey: hiringKeys.myProposals });
    void queryClient.invalidateQueries({ queryKey: hiringKeys.contracts });
  };
}
