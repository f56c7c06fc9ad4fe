import { useRef, useState } from "react";
import { Link } from "react-router";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { runProposalAction, type Proposal, type ProposalAction } from "../../api/hiring";
import { ApiError, errorMessage } from "../../api/problem";
import { labelOf, proposalActions, proposalStatusLabels } from "../../lib/hiring";
import { hiringKeys, useProposalChanged } from "../../lib/hiringQueries";
import { ReasonDialog, type ReasonDialogHandle } from "./ReasonDialog";

const done: Record<ProposalAction, string> = {
  shortlist: "Shortlisted.",
  archive: "Archived. It stays under “Archived”, and you can shortlist it again.",
  decline: "Declined. The freelancer has been told.",
  withdraw: "Withdrawn. The client can no longer hire you from it.",
};

const busyText: Record<ProposalAction, string> = {
  shortlist: "Shortlisting…",
  archive: "Archiving…",
  decline: "Declining…",
  withdraw: "Withdrawing…",
};

interface ProposalActionsProps {
  proposal: Proposal;
  viewer: "client" | "freelancer";
  /** Small buttons, named with the freelancer (client) or the job (freelancer) for lists. */
  compact?: boolean;
}

/**
 * What the viewer may do with a proposal now: the job owner shortlists, archives,
 * declines (with an optional reason) or sends an offer; its freelancer withdraws.
 */
export function ProposalActions({ proposal, viewer, compact = false }: ProposalActionsProps) {
  const allowed = proposalActions(proposal.status, viewer);
  const proposalChanged = useProposalChanged();
  const queryClient = useQueryClient();
  const declineRef = useRef<ReasonDialogHandle>(null);
  const withdrawRef = useRef<ReasonDialogHandle>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);

  const action = useMutation({
    mutationFn: ({ which, reason }: { which: ProposalAction; reason?: string }) => runProposalAction(proposal.id, which, reason),
    onSuccess: (updated, { which }) => {
      setMessage({ tone: "ok", text: done[which] });
      proposalChanged(updated);
      // The button just used may be gone now: keep the focus on the outcome.
      window.setTimeout(() => statusRef.current?.focus(), 0);
    },
    onError: (error) => {
      const stale = error instanceof ApiError && error.code === "invalid_proposal_state";
      setMessage({
        tone: "error",
        text: stale
          ? `This can no longer be done: the proposal is not ${labelOf(proposalStatusLabels, proposal.status).toLowerCase()} any more. Its latest state is shown now.`
          : errorMessage(error),
      });
      if (stale) {
        void queryClient.invalidateQueries({ queryKey: hiringKeys.proposal(proposal.id) });
        void queryClient.invalidateQueries({ queryKey: hiringKeys.jobProposals(proposal.job.id) });
        void queryClient.invalidateQueries({ queryKey: hiringKeys.myProposals });
      }
    },
  });
  const run = (which: ProposalAction, reason?: string) => {
    setMessage(null);
    action.mutate({ which, reason });
  };
  const label = (which: ProposalAction, text: string) =>
    action.isPending && action.variables.which === which ? busyText[which] : text;

  const size = compact ? " button--small" : "";
  const whose = viewer === "client" ? `${proposal.freelancer.full_name}’s proposal` : `your proposal to “${proposal.job.title}”`;
  const named = compact ? <span className="visually-hidden"> {whose}</span> : null;
  const any = allowed.shortlist || allowed.archive || allowed.decline || allowed.sendOffer || allowed.withdraw;

  return (
    <div className="job-actions">
      {(any || proposal.offer_id) && (
        <div className="job-actions__buttons">
          {allowed.sendOffer && (
            <Link className={`button${size}`} to={`/offers/new?proposal=${proposal.id}`}>
              Send offer
              {compact && <span className="visually-hidden"> to {proposal.freelancer.full_name}</span>}
            </Link>
          )}
          {proposal.offer_id && (
            <Link className={`button button--secondary${size}`} to={`/offers/${proposal.offer_id}`}>
              View offer{compact && <span className="visually-hidden"> made from {whose}</span>}
            </Link>
          )}
          {allowed.shortlist && (
            <button type="button" className={`button button--secondary${size}`} disabled={action.isPending} onClick={() => run("shortlist")}>
              {label("shortlist", "Shortlist")}
              {named}
            </button>
          )}
          {allowed.archive && (
            <button type="button" className={`button button--secondary${size}`} disabled={action.isPending} onClick={() => run("archive")}>
              {label("archive", "Archive")}
              {named}
            </button>
          )}
          {allowed.decline && (
            <button
              type="button"
              className={`button button--danger-quiet${size}`}
              disabled={action.isPending}
              onClick={() => {
                setMessage(null);
                declineRef.current?.open();
              }}
            >
              {label("decline", "Decline")}
              {named}
            </button>
          )}
          {allowed.withdraw && (
            <button
              type="button"
              className={`button button--danger-quiet${size}`}
              disabled={action.isPending}
              onClick={() => {
                setMessage(null);
                withdrawRef.current?.open();
              }}
            >
              {label("withdraw", "Withdraw")}
              {named}
            </button>
          )}
        </div>
      )}
      <p
        ref={statusRef}
        tabIndex={-1}
        className={`job-actions__status${message?.tone === "error" ? " job-actions__status--error" : ""}`}
        role={message?.tone === "error" ? "alert" : "status"}
        hidden={!message}
      >
        {message?.text}
      </p>
      {allowed.decline && (
        <ReasonDialog
          ref={declineRef}
          title="Decline this proposal?"
          subject={`${proposal.freelancer.full_name}, for “${proposal.job.title}”`}
          body="The freelancer is told their proposal was declined. This cannot be undone."
          reasonHint="Shared with the freelancer."
          confirm="Decline proposal"
          keep="Keep it"
          onConfirm={(reason) => run("decline", reason || undefined)}
        />
      )}
      {allowed.withdraw && (
        <ReasonDialog
          ref={withdrawRef}
          title="Withdraw your proposal?"
          subject={`“${proposal.job.title}”`}
          body={`The client can no longer hire you from it.${proposal.connects_spent > 0 ? " The Connects you spent are not returned." : ""} This cannot be undone.`}
          reasonHint="Shared with the client."
          confirm="Withdraw proposal"
          keep="Keep it"
          onConfirm={(reason) => run("withdraw", reason || undefined)}
        />
      )}
    </div>
  );
}
