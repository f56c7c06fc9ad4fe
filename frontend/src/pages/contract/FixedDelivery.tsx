// Fixed-price delivery on the contract page: each milestone with its money, deadline,
// deliveries and the actions of the side looking; adding milestones and bonuses.
import { useId, useRef, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { addMilestone, agreeRefund, deleteMilestone, editMilestone, payBonus, requestChanges, requestRefund } from "../../api/hiring";
import { ApiError } from "../../api/problem";
import type { Contract, Milestone, MilestoneSubmission } from "../../api/types";
import { Alert, EmptyState } from "../../components/feedback";
import { Field } from "../../components/fields";
import { PlainText } from "../../components/PlainText";
import { deadlineText, hasAny, inOrder, milestoneActions, moves, outcomeLabels, type Viewer } from "../../lib/delivery";
import { formatDate, formatDateTime } from "../../lib/format";
import { countText, labelOf } from "../../lib/hiring";
import { applyApiErrors } from "../../lib/formErrors";
import { IdempotencyKeys, submitIdempotently } from "../../lib/idempotency";
import { formatMoney, parseAmount } from "../../lib/money";
import { useWallet } from "../../lib/moneyQueries";
import { ConfirmDialog, type ConfirmDialogHandle } from "../money/ConfirmDialog";
import { AmountInput, Money } from "../money/parts";
import { AttachmentLinks } from "../hiring/Attachments";
import { Fact, Facts, formatDay, MilestoneStatusBadge } from "../hiring/parts";
import { ReasonDialog, type ReasonDialogHandle } from "../hiring/ReasonDialog";
import { deliveryErrorMessage, isStale } from "./deliveryErrors";
import {
  bonusFormFields,
  bonusFormSchema,
  MESSAGE_MAX,
  milestoneFormFields,
  milestoneFormSchema,
  toNewMilestone,
  type BonusFormValues,
  type MilestoneFormValues,
} from "./deliverySchema";
import { ApprovePanel, EditPanel, FundPanel, MilestoneFields, SubmitPanel } from "./MilestonePanels";
import { useContractChanged, useContractRefetch } from "./useContractChanged";
import { canDisputeMilestone } from "../../lib/disputes";
import { OpenDisputeDialog, type OpenDisputeHandle } from "../disputes/OpenDisputeDialog";

type Panel = "fund" | "approve" | "submit" | "edit" | null;

interface Note {
  tone: "ok" | "error";
  text: string;
}

/** One delivery of work and the client's answer. */
function Delivery({ submission, n, timeZone }: { submission: MilestoneSubmission; n: number; timeZone: string | undefined }) {
  return (
    <li className="delivery" data-testid="submission">
      <p className="delivery__head">
        <strong>Delivery {n}</strong> ·{" "}
        <time dateTime={submission.created_at}>{formatDateTime(submission.created_at, timeZone)}</time>
      </p>
      <PlainText text={submission.message} />
      <AttachmentLinks files={submission.attachments} label={`Files of delivery ${n}`} />
      <p className="delivery__outcome" data-testid="submission-outcome" data-outcome={submission.outcome ?? "waiting"}>
        {submission.outcome ? (
          <>
            <strong>{labelOf(outcomeLabels, submission.outcome)}</strong>
            {submission.answered_at && (
              <>
                {" "}
                on <time dateTime={submission.answered_at}>{formatDateTime(submission.answered_at, timeZone)}</time>
              </>
            )}
            {submission.outcome_message && (
              <>
                : <q className="delivery__request">{submission.outcome_message}</q>
              </>
            )}
          </>
        ) : (
          "Waiting for the client’s answer."
        )}
      </p>
    </li>
  );
}

/** A milestone: its terms and money, what the clock will do, its deliveries, and the viewer's actions. */
function MilestoneCard({
  contract,
  milestone,
  index,
  ordered,
  viewer,
  timeZone,
}: {
  contract: Contract;
  milestone: Milestone;
  index: number;
  ordered: Milestone[];
  viewer: Viewer;
  timeZone: string | undefined;
}) {
  const titleId = useId();
  const [panel, setPanel] = useState<Panel>(null);
  const [note, setNote] = useState<Note | null>(null);
  const [busy, setBusy] = useState(false);
  const noteRef = useRef<HTMLParagraphElement>(null);
  const changesRef = useRef<ReasonDialogHandle>(null);
  const refundRef = useRef<ConfirmDialogHandle>(null);
  const agreeRef = useRef<ConfirmDialogHandle>(null);
  const deleteRef = useRef<ConfirmDialogHandle>(null);
  const disputeRef = useRef<OpenDisputeHandle>(null);
  const canDispute = canDisputeMilestone(milestone.status, viewer, contract.status);
  const contractChanged = useContractChanged();
  const refetch = useContractRefetch();
  const actions = milestoneActions(milestone.status, viewer, contract.status);
  const move = moves(ordered, index);
  const deadline = deadlineText(milestone, timeZone);
  const n = index + 1;

  const say = (next: Note) => {
    setNote(next);
    window.setTimeout(() => noteRef.current?.focus(), 0);
  };
  const run = async (action: () => Promise<Contract>, done: string, money = false) => {
    setBusy(true);
    setNote(null);
    try {
      contractChanged(await action(), money);
      say({ tone: "ok", text: done });
    } catch (failure) {
      say({ tone: "error", text: deliveryErrorMessage(failure) });
      if (isStale(failure)) refetch(contract.id);
    } finally {
      setBusy(false);
    }
  };
  const open = (which: Panel) => {
    setNote(null);
    setPanel(which);
  };
  const closed = (message: string) => {
    setPanel(null);
    say({ tone: "ok", text: message });
  };
  const panelProps = { contract, milestone, onDone: closed, onCancel: () => setPanel(null) };

  return (
    <li className="card milestone-card" data-testid="milestone" data-status={milestone.status} aria-labelledby={titleId}>
      <div className="milestone-card__head">
        <h3 id={titleId} className="milestone-card__title">
          {n}. {milestone.title}
        </h3>
        <MilestoneStatusBadge status={milestone.status} testId="milestone-status" />
      </div>
      <Facts label={`Milestone ${n}`}>
        <Fact term="Amount">
          <Money amount={milestone.amount} />
        </Fact>
        <Fact term="In escrow">
          <span data-testid="milestone-escrow">
            <Money amount={milestone.escrow} />
          </span>
        </Fact>
        <Fact term="Due">{milestone.due_date ? <time dateTime={milestone.due_date}>{formatDay(milestone.due_date)}</time> : "No date"}</Fact>
        {milestone.funded_at && (
          <Fact term="Funded">
            <time dateTime={milestone.funded_at}>{formatDate(milestone.funded_at, timeZone)}</time>
          </Fact>
        )}
        {milestone.released_at && (
          <Fact term="Released">
            <time dateTime={milestone.released_at}>{formatDate(milestone.released_at, timeZone)}</time>
          </Fact>
        )}
      </Facts>
      {deadline && (
        <p className="milestone-card__deadline" data-testid="milestone-deadline">
          {deadline}
        </p>
      )}
      {milestone.status === "refund_requested" && (
        <p className="milestone-card__note">
          {viewer === "client"
            ? `You asked for this milestone’s ${formatMoney(milestone.escrow)} back. ${contract.freelancer.full_name} can agree, or dispute it.`
            : `${contract.client.full_name} asked for this milestone’s ${formatMoney(milestone.escrow)} back. Agree to refund it, or dispute it.`}
        </p>
      )}
      {milestone.submissions.length > 0 && (
        <details className="deliveries" open={milestone.status === "submitted" || milestone.status === "changes_requested"}>
          <summary>{countText(milestone.submissions.length, "delivery", "deliveries")}</summary>
          <ol className="deliveries__list">
            {milestone.submissions.map((s, i) => (
              <Delivery key={s.id} submission={s} n={i + 1} timeZone={timeZone} />
            ))}
          </ol>
        </details>
      )}

      {(hasAny(actions) || canDispute) && panel === null && (
        <div className="milestone-card__actions">
          {actions.fund && (
            <button type="button" className="button button--small" disabled={busy} onClick={() => open("fund")}>
              Fund milestone<span className="visually-hidden"> {n}</span>
            </button>
          )}
          {actions.approve && (
            <button type="button" className="button button--small" disabled={busy} onClick={() => open("approve")}>
              Approve<span className="visually-hidden"> milestone {n}</span>
            </button>
          )}
          {actions.requestChanges && (
            <button type="button" className="button button--secondary button--small" disabled={busy} onClick={() => changesRef.current?.open()}>
              Request changes<span className="visually-hidden"> to milestone {n}</span>
            </button>
          )}
          {actions.submit && (
            <button type="button" className="button button--small" disabled={busy} onClick={() => open("submit")}>
              {milestone.status === "changes_requested" ? "Submit the changes" : "Submit work"}
              <span className="visually-hidden"> on milestone {n}</span>
            </button>
          )}
          {actions.agreeRefund && (
            <button type="button" className="button button--secondary button--small" disabled={busy} onClick={() => agreeRef.current?.open()}>
              Agree to refund<span className="visually-hidden"> milestone {n}</span>
            </button>
          )}
          {actions.requestRefund && (
            <button type="button" className="button button--danger-quiet button--small" disabled={busy} onClick={() => refundRef.current?.open()}>
              Request a refund<span className="visually-hidden"> of milestone {n}</span>
            </button>
          )}
          {canDispute && (
            <button type="button" className="button button--danger-quiet button--small" disabled={busy} aria-label={`Dispute milestone ${n}`} onClick={() => disputeRef.current?.open()}>
              Dispute
            </button>
          )}
          {actions.edit && (
            <>
              <button type="button" className="button button--secondary button--small" disabled={busy} onClick={() => open("edit")}>
                Edit<span className="visually-hidden"> milestone {n}</span>
              </button>
              {move.up && (
                <button
                  type="button"
                  className="button button--secondary button--small"
                  disabled={busy}
                  onClick={() => void run(() => editMilestone(milestone.id, { position: index - 1 }), `“${milestone.title}” moved up.`)}
                >
                  Move up<span className="visually-hidden"> milestone {n}</span>
                </button>
              )}
              {move.down && (
                <button
                  type="button"
                  className="button button--secondary button--small"
                  disabled={busy}
                  onClick={() => void run(() => editMilestone(milestone.id, { position: index + 1 }), `“${milestone.title}” moved down.`)}
                >
                  Move down<span className="visually-hidden"> milestone {n}</span>
                </button>
              )}
              <button type="button" className="button button--danger-quiet button--small" disabled={busy} onClick={() => deleteRef.current?.open()}>
                Delete<span className="visually-hidden"> milestone {n}</span>
              </button>
            </>
          )}
        </div>
      )}
      {panel === "fund" && <FundPanel {...panelProps} />}
      {panel === "approve" && <ApprovePanel {...panelProps} />}
      {panel === "submit" && <SubmitPanel {...panelProps} />}
      {panel === "edit" && <EditPanel {...panelProps} />}
      {canDispute && <OpenDisputeDialog ref={disputeRef} milestoneId={milestone.id} amount={milestone.escrow || milestone.amount} role={viewer} />}
      <p
        ref={noteRef}
        tabIndex={-1}
        className={`job-actions__status${note?.tone === "error" ? " job-actions__status--error" : ""}`}
        role={note?.tone === "error" ? "alert" : "status"}
        hidden={!note}
        data-testid="milestone-note"
      >
        {note?.text}
      </p>

      <ReasonDialog
        ref={changesRef}
        title="Request changes"
        subject={`Milestone ${n}: “${milestone.title}”`}
        body={`${contract.freelancer.full_name} sees your message and submits again. The money stays in escrow.`}
        reasonLabel="What should change?"
        required="Say what should change."
        max={MESSAGE_MAX}
        tone="primary"
        confirm="Send request"
        keep="Cancel"
        onConfirm={(message) => void run(() => requestChanges(milestone.id, message), "Your request was sent. The milestone is back with the freelancer.")}
      />
      <ConfirmDialog
        ref={refundRef}
        title="Request a refund?"
        body={`${contract.freelancer.full_name} is asked to agree to return the ${formatMoney(milestone.escrow)} in escrow. Without an answer in 7 days it is refunded to you.`}
        confirm="Request refund"
        keep="Keep it funded"
        onConfirm={() => void run(() => requestRefund(milestone.id), "Refund requested. The freelancer has 7 days to answer.")}
      />
      <ConfirmDialog
        ref={agreeRef}
        title="Agree to the refund?"
        body={`The ${formatMoney(milestone.escrow)} in escrow goes back to ${contract.client.full_name}. This cannot be undone.`}
        confirm="Agree to refund"
        keep="Not now"
        onConfirm={() => void run(() => agreeRefund(milestone.id), "Refunded: the escrow went back to the client.", true)}
      />
      <ConfirmDialog
        ref={deleteRef}
        title="Delete this milestone?"
        body={`“${milestone.title}” (${formatMoney(milestone.amount)}) is removed from the contract. Nothing was funded for it.`}
        confirm="Delete milestone"
        keep="Keep it"
        onConfirm={() => void run(() => deleteMilestone(milestone.id), `“${milestone.title}” was deleted.`)}
      />
    </li>
  );
}

/** The client adds a milestone at the end. */
function AddMilestone({ contract }: { contract: Contract }) {
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState<Note | null>(null);
  const contractChanged = useContractChanged();
  const refetch = useContractRefetch();
  const {
    register,
    handleSubmit,
    reset,
    setError,
    control,
    formState: { errors, isSubmitting },
  } = useForm<MilestoneFormValues>({
    resolver: zodResolver(milestoneFormSchema),
    defaultValues: { title: "", amount: "", due_date: "" },
  });
  const amount = useWatch({ control, name: "amount" });
  const onSubmit = handleSubmit(async (values) => {
    setMessage(null);
    try {
      contractChanged(await addMilestone(contract.id, toNewMilestone(values)));
      reset();
      setOpen(false);
      setMessage({ tone: "ok", text: `“${values.title.trim()}” was added. Fund it when the work on it should start.` });
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 422) {
        const form = applyApiErrors(failure, milestoneFormFields, setError);
        if (form) setMessage({ tone: "error", text: form });
      } else {
        setMessage({ tone: "error", text: deliveryErrorMessage(failure) });
        if (isStale(failure)) refetch(contract.id);
      }
    }
  });
  return (
    <div className="add-milestone">
      {open ? (
        <form className="panel" onSubmit={onSubmit} noValidate aria-label="Add a milestone">
          <h3 className="panel__title">Add a milestone</h3>
          <MilestoneFields register={register} errors={errors} amount={amount} />
          <div className="panel__actions">
            <button type="submit" className="button" disabled={isSubmitting}>
              {isSubmitting ? "Adding…" : "Add milestone"}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setMessage(null);
            setOpen(true);
          }}
        >
          Add a milestone
        </button>
      )}
      {message && (
        <p className={`job-actions__status${message.tone === "error" ? " job-actions__status--error" : ""}`} role={message.tone === "error" ? "alert" : "status"}>
          {message.text}
        </p>
      )}
    </div>
  );
}

/** Bonuses paid so far, and (for the client) a form to pay one from the wallet. */
function Bonuses({ contract, viewer, canPay, timeZone }: { contract: Contract; viewer: Viewer; canPay: boolean; timeZone: string | undefined }) {
  const headingId = useId();
  const [keys] = useState(() => new IdempotencyKeys());
  const [note, setNote] = useState<Note | null>(null);
  const wallet = useWallet();
  const contractChanged = useContractChanged();
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<BonusFormValues>({ resolver: zodResolver(bonusFormSchema), defaultValues: { amount: "", message: "" } });
  const onSubmit = handleSubmit(async (values) => {
    setNote(null);
    const amount = parseAmount(values.amount) ?? values.amount;
    const body = { amount, ...(values.message.trim() ? { message: values.message.trim() } : {}) };
    try {
      const { result, replayed } = await submitIdempotently(keys, { contract: contract.id, ...body }, (key) => payBonus(contract.id, body, key));
      contractChanged(result, true);
      reset();
      setNote({
        tone: "ok",
        text: replayed ? "This bonus had already been paid, so nothing was paid twice." : `A ${formatMoney(amount)} bonus was paid to ${contract.freelancer.full_name}.`,
      });
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 422) {
        const form = applyApiErrors(failure, bonusFormFields, setError);
        if (form) setNote({ tone: "error", text: form });
      } else {
        setNote({ tone: "error", text: deliveryErrorMessage(failure, "bonus") });
      }
    }
  });
  if (contract.bonuses.length === 0 && !canPay) return null;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>Bonuses</h2>
      {contract.bonuses.length > 0 ? (
        <ul className="bonus-list" aria-label="Bonuses paid">
          {contract.bonuses.map((b) => (
            <li key={b.id}>
              <strong>
                <Money amount={b.amount} />
              </strong>{" "}
              on <time dateTime={b.created_at}>{formatDate(b.created_at, timeZone)}</time>
              {b.milestone_id ? " with a milestone’s approval" : ""}
              {b.message && (
                <>
                  : <q>{b.message}</q>
                </>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">{viewer === "client" ? "You have not paid a bonus on this contract." : "No bonuses yet."}</p>
      )}
      {canPay && (
        <form className="form bonus-form" onSubmit={onSubmit} noValidate aria-label="Pay a bonus">
          <h3 className="panel__title">Pay a bonus</h3>
          <Field
            label="Bonus (USD)"
            error={errors.amount?.message}
            hint={`From your wallet${wallet.data ? ` (${formatMoney(wallet.data.available)} available)` : ""}; the marketplace fee applies.`}
          >
            {({ id, describedBy, invalid }) => (
              <AmountInput id={id} placeholder="50.00" aria-invalid={invalid} aria-describedby={describedBy} {...register("amount")} />
            )}
          </Field>
          <Field label="Note to the freelancer (optional)" error={errors.message?.message}>
            {({ id, describedBy, invalid }) => (
              <textarea id={id} className="input textarea textarea--reason" rows={2} aria-invalid={invalid} aria-describedby={describedBy} {...register("message")} />
            )}
          </Field>
          <div className="panel__actions">
            <button type="submit" className="button button--secondary" disabled={isSubmitting}>
              {isSubmitting ? "Paying…" : "Pay bonus"}
            </button>
          </div>
          {note && (
            <p className={`job-actions__status${note.tone === "error" ? " job-actions__status--error" : ""}`} role={note.tone === "error" ? "alert" : "status"}>
              {note.text}
            </p>
          )}
        </form>
      )}
    </section>
  );
}

/** The fixed-price part of the contract page. */
export function FixedDelivery({
  contract,
  viewer,
  timeZone,
  canAdd,
  canBonus,
}: {
  contract: Contract;
  viewer: Viewer;
  timeZone: string | undefined;
  canAdd: boolean;
  canBonus: boolean;
}) {
  const ordered = inOrder(contract.milestones);
  const waiting = ordered.filter((m) => (viewer === "client" ? m.status === "submitted" : m.status === "changes_requested" || m.status === "funded"));
  return (
    <>
      <section className="card" aria-labelledby="milestones-title">
        <h2 id="milestones-title">Milestones</h2>
        <p className="muted small">
          {countText(ordered.length, "milestone", "milestones")}; {formatMoney(contract.escrow)} held in escrow
          {viewer === "freelancer" ? " for you" : ""}, {formatMoney(contract.paid)} paid so far.
        </p>
        {waiting.length > 0 && contract.status !== "ended" && (
          <Alert tone="info" live={false}>
            <p>
              {viewer === "client"
                ? `${countText(waiting.length, "milestone waits", "milestones wait")} for your answer.`
                : `${countText(waiting.length, "milestone is", "milestones are")} funded and ready for your work.`}
            </p>
          </Alert>
        )}
        {ordered.length === 0 ? (
          <EmptyState title="No milestones">
            <p>{viewer === "client" ? "Add a milestone to pay for the next piece of work." : "The client has not added any milestones."}</p>
          </EmptyState>
        ) : (
          <ol className="milestone-cards" aria-label="Milestones">
            {ordered.map((m, i) => (
              <MilestoneCard key={m.id} contract={contract} milestone={m} index={i} ordered={ordered} viewer={viewer} timeZone={timeZone} />
            ))}
          </ol>
        )}
        {canAdd && <AddMilestone contract={contract} />}
      </section>
      <Bonuses contract={contract} viewer={viewer} canPay={canBonus} timeZone={timeZone} />
    </>
  );
}
