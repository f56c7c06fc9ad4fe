// Pause and resume (the client, hourly) and end (either side) a contract.
import { useRef, useState } from "react";
import { endContract, pauseContract, resumeContract } from "../../api/hiring";
import { ApiError } from "../../api/problem";
import type { Contract } from "../../api/types";
import { contractActions, feedbackWindow, type Viewer } from "../../lib/delivery";
import { formatDateTime } from "../../lib/format";
import { formatMoney, toCents } from "../../lib/money";
import { useNow } from "../../lib/useNow";
import { ConfirmDialog, type ConfirmDialogHandle } from "../money/ConfirmDialog";
import { ReasonDialog, type ReasonDialogHandle } from "../hiring/ReasonDialog";
import { deliveryErrorMessage, isStale } from "./deliveryErrors";
import { useContractChanged, useContractRefetch } from "./useContractChanged";

/** When the ended contract's feedback window closes (the feedback form itself comes later). */
function FeedbackNote({ until, timeZone }: { until: string | null | undefined; timeZone: string | undefined }) {
  const now = useNow();
  const feedback = feedbackWindow(until, now);
  if (!feedback) return null;
  const when = <time dateTime={feedback.until}>{formatDateTime(feedback.until, timeZone)}</time>;
  return (
    <p className="muted small" data-testid="feedback-window">
      {feedback.open ? <>Feedback window open until {when}.</> : <>Feedback window closed on {when}.</>}
    </p>
  );
}

export function ManageContract({ contract, viewer, timeZone }: { contract: Contract; viewer: Viewer; timeZone: string | undefined }) {
  const actions = contractActions(contract, viewer);
  const endRef = useRef<ReasonDialogHandle>(null);
  const pauseRef = useRef<ConfirmDialogHandle>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ tone: "ok" | "error"; text: string; escrow?: boolean } | null>(null);
  const contractChanged = useContractChanged();
  const refetch = useContractRefetch();
  const holds = toCents(contract.escrow) !== 0;

  const run = async (action: () => Promise<Contract>, done: string) => {
    setBusy(true);
    setNote(null);
    try {
      contractChanged(await action(), true);
      setNote({ tone: "ok", text: done });
    } catch (failure) {
      const escrow = failure instanceof ApiError && failure.code === "escrow_outstanding";
      setNote({ tone: "error", text: deliveryErrorMessage(failure, "end"), escrow });
      if (isStale(failure)) refetch(contract.id);
    } finally {
      setBusy(false);
      window.setTimeout(() => statusRef.current?.focus(), 0);
    }
  };

  if (contract.status === "ended") {
    return (
      <div className="job-actions">
        <p>
          This contract ended
          {contract.ended_at && (
            <>
              {" "}
              on <time dateTime={contract.ended_at}>{formatDateTime(contract.ended_at, timeZone)}</time>
            </>
          )}
          {contract.ended_by && (
            <>
              , by {contract.ended_by === contract.client.id ? contract.client.full_name : contract.ended_by === contract.freelancer.id ? contract.freelancer.full_name : "Worklane"}
            </>
          )}
          .
        </p>
        {contract.end_reason && <p className="decline-reason">Reason: “{contract.end_reason}”</p>}
        <FeedbackNote until={contract.feedback_until} timeZone={timeZone} />
      </div>
    );
  }

  return (
    <div className="job-actions">
      {contract.status === "paused" && (
        <p className="muted small">
          Paused{contract.paused_at ? ` since ${formatDateTime(contract.paused_at, timeZone)}` : ""}: no time can be logged until the client
          resumes it.
        </p>
      )}
      {holds && (
        <p className="muted small">
          {formatMoney(contract.escrow)} is held in escrow. The contract can end once it is released or refunded.
        </p>
      )}
      <div className="job-actions__buttons">
        {actions.pause && (
          <button type="button" className="button button--secondary" disabled={busy} onClick={() => pauseRef.current?.open()}>
            Pause contract
          </button>
        )}
        {actions.resume && (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void run(() => resumeContract(contract.id), "The contract is active again: the freelancer can log time.")}
          >
            {busy ? "Resuming…" : "Resume contract"}
          </button>
        )}
        {actions.end && (
          <button
            type="button"
            className="button button--danger-quiet"
            disabled={busy}
            onClick={() => {
              setNote(null);
              endRef.current?.open();
            }}
          >
            End contract
          </button>
        )}
      </div>
      <p
        ref={statusRef}
        tabIndex={-1}
        className={`job-actions__status${note?.tone === "error" ? " job-actions__status--error" : ""}`}
        role={note?.tone === "error" ? "alert" : "status"}
        hidden={!note}
        data-testid="contract-note"
      >
        {note?.text}
      </p>
      <ReasonDialog
        ref={endRef}
        title="End this contract?"
        subject={`“${contract.title}”`}
        body={
          contract.contract_type === "hourly"
            ? "No more time can be logged. Time not yet invoiced is still billed. This cannot be undone."
            : "No more milestones can be funded or submitted. This cannot be undone."
        }
        reasonHint="Shared with the other side."
        confirm="End contract"
        keep="Keep it running"
        onConfirm={(reason) => void run(() => endContract(contract.id, reason || undefined), "The contract has ended.")}
      />
      <ConfirmDialog
        ref={pauseRef}
        title="Pause this contract?"
        body={`${contract.freelancer.full_name} cannot log time while it is paused. You can resume it at any time.`}
        confirm="Pause contract"
        keep="Keep it active"
        onConfirm={() => void run(() => pauseContract(contract.id), "The contract is paused: no time can be logged until you resume it.")}
      />
    </div>
  );
}
