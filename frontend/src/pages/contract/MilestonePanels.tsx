// The forms that open under a milestone: fund (wallet first, then a card), approve
// (with an optional bonus), submit work (message and files), and edit the terms.
import { useId, useState } from "react";
import { Link } from "react-router";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { approveMilestone, editMilestone, fundMilestone, submitWork } from "../../api/hiring";
import { ApiError } from "../../api/problem";
import type { AttachmentInfo, Contract, Milestone } from "../../api/types";
import { Field } from "../../components/fields";
import { applyApiErrors } from "../../lib/formErrors";
import { walletShortfall } from "../../lib/hiring";
import { IdempotencyKeys, submitIdempotently } from "../../lib/idempotency";
import { addAmounts, formatMoney, parseAmount, toCents } from "../../lib/money";
import { useFeePreview, usePaymentMethods, useWallet } from "../../lib/moneyQueries";
import { typedAmount } from "../money/amountSchema";
import { AmountInput, cardName, Money, Quote, QuoteLine } from "../money/parts";
import { AttachmentPicker } from "../hiring/Attachments";
import { CharCounter } from "../hiring/CharCounter";
import { charCount } from "../jobs/jobSchema";
import { deliveryErrorMessage, isStale } from "./deliveryErrors";
import { MESSAGE_MAX, milestoneFormFields, milestoneFormSchema, toMilestonePatch, type MilestoneFormValues } from "./deliverySchema";
import { useContractChanged, useContractRefetch } from "./useContractChanged";

export interface PanelProps {
  contract: Contract;
  milestone: Milestone;
  /** Close the panel, with what happened (shown beside the milestone). */
  onDone: (message: string) => void;
  onCancel: () => void;
}

function PanelError({ text }: { text: string | null }) {
  return (
    <p className="field__error panel__error" role="alert" hidden={!text}>
      {text}
    </p>
  );
}

/** Fund a pending milestone: the amount plus the marketplace fee, from the wallet first. */
export function FundPanel({ contract, milestone, onDone, onCancel }: PanelProps) {
  const selectId = useId();
  const [keys] = useState(() => new IdempotencyKeys());
  const [cardId, setCardId] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cards = usePaymentMethods();
  const wallet = useWallet();
  const fees = useFeePreview(milestone.amount, "client");
  const contractChanged = useContractChanged();
  const refetch = useContractRefetch();
  const total = fees.data?.total ?? null;
  const shortfall = total && wallet.data ? walletShortfall(total, wallet.data.available) : null;
  const short = shortfall !== null && toCents(shortfall) !== 0;
  const card = cards.data?.find((c) => c.id === cardId) ?? null;
  const body = cardId ? { payment_method_id: cardId } : {};

  const fund = async () => {
    setBusy(true);
    setError(null);
    try {
      const { result, replayed } = await submitIdempotently(keys, { milestone: milestone.id, ...body }, (key) =>
        fundMilestone(milestone.id, body, key),
      );
      contractChanged(result, true);
      onDone(
        replayed
          ? "This milestone had already been funded, so nothing was charged twice."
          : `${formatMoney(milestone.amount)} is now in escrow for “${milestone.title}”.`,
      );
    } catch (failure) {
      setError(deliveryErrorMessage(failure, "fund"));
      if (isStale(failure)) refetch(contract.id);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="panel" role="group" aria-label={`Fund ${milestone.title}`}>
      <Quote label="Funding this milestone" busy={fees.updating}>
        <QuoteLine term="Milestone">
          <Money amount={milestone.amount} />
        </QuoteLine>
        <QuoteLine term={fees.data ? `Marketplace fee (${fees.data.fee_percent}%)` : "Marketplace fee"}>
          {fees.data ? <Money amount={fees.data.fee} /> : fees.isError ? "Not available now" : "…"}
        </QuoteLine>
        <QuoteLine term="Charged now" total>
          {total ? <Money amount={total} /> : fees.isError ? "Not available now" : "…"}
        </QuoteLine>
      </Quote>
      <p className="muted small" data-testid="fund-note">
        Your wallet pays first{wallet.data ? ` (${formatMoney(wallet.data.available)} available)` : ""}
        {short
          ? card
            ? `; your ${cardName(card)} is charged the other ${formatMoney(shortfall)}.`
            : `; it is ${formatMoney(shortfall)} short, so choose a card below or add money to your wallet.`
          : "."}
      </p>
      <div className="field">
        <label htmlFor={selectId}>Card for what the wallet does not cover</label>
        <select id={selectId} className="select" value={cardId} onChange={(event) => setCardId(event.target.value)}>
          <option value="">Wallet only</option>
          {(cards.data ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {cardName(c)}
            </option>
          ))}
        </select>
        <p className="field__hint">
          {cards.isError ? "Your cards could not be loaded. " : ""}
          <Link to="/settings/payment-methods">Add a card</Link>
        </p>
      </div>
      <PanelError text={error} />
      <div className="panel__actions">
        <button type="button" className="button" disabled={busy} onClick={() => void fund()}>
          {busy ? "Funding…" : `Fund ${formatMoney(milestone.amount)}`}
        </button>
        <button type="button" className="button button--secondary" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

/** Approve a submission: its escrow goes to the freelancer, with an optional bonus from the wallet. */
export function ApprovePanel({ contract, milestone, onDone, onCancel }: PanelProps) {
  const bonusId = useId();
  const [keys] = useState(() => new IdempotencyKeys());
  const [bonus, setBonus] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const wallet = useWallet();
  const contractChanged = useContractChanged();
  const refetch = useContractRefetch();
  const bonusAmount = typedAmount(bonus);
  const unreadable = bonus.trim() !== "" && bonusAmount === null;

  const approve = async () => {
    if (unreadable) {
      setError("Enter the bonus in US dollars, like 50 or 50.00, or leave it empty.");
      return;
    }
    setBusy(true);
    setError(null);
    const body = bonusAmount ? { bonus: bonusAmount } : {};
    try {
      const { result, replayed } = await submitIdempotently(keys, { milestone: milestone.id, ...body }, (key) =>
        approveMilestone(milestone.id, body, key),
      );
      contractChanged(result, true);
      onDone(
        replayed
          ? "This milestone had already been approved, so nothing was paid twice."
          : `Approved: ${formatMoney(milestone.escrow)} is released to ${contract.freelancer.full_name}${bonusAmount ? `, with a ${formatMoney(bonusAmount)} bonus` : ""}.`,
      );
    } catch (failure) {
      setError(deliveryErrorMessage(failure, "approve"));
      if (isStale(failure)) refetch(contract.id);
    } finally {
      setBusy(false);
    }
  };

  const released = bonusAmount ? addAmounts(milestone.escrow, bonusAmount) : milestone.escrow;
  return (
    <div className="panel" role="group" aria-label={`Approve ${milestone.title}`}>
      <p>
        {formatMoney(milestone.escrow)} in escrow is released to {contract.freelancer.full_name}. It becomes theirs to withdraw after the
        security period.
      </p>
      <div className="field">
        <label htmlFor={bonusId}>Bonus (optional)</label>
        <AmountInput
          id={bonusId}
          placeholder="0.00"
          value={bonus}
          aria-describedby={`${bonusId}-hint`}
          onChange={(event) => setBonus(event.target.value)}
        />
        <p className="field__hint" id={`${bonusId}-hint`}>
          Paid from your wallet with the release{wallet.data ? ` (${formatMoney(wallet.data.available)} available)` : ""}; both or
          neither.
        </p>
      </div>
      <PanelError text={error} />
      <div className="panel__actions">
        <button type="button" className="button" disabled={busy} onClick={() => void approve()}>
          {busy ? "Approving…" : `Approve and release ${formatMoney(released ?? milestone.escrow)}`}
        </button>
        <button type="button" className="button button--secondary" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

/** Deliver work: a message and files. */
export function SubmitPanel({ contract, milestone, onDone, onCancel }: PanelProps) {
  const messageId = useId();
  const [message, setMessage] = useState("");
  const [files, setFiles] = useState<AttachmentInfo[]>([]);
  const [uploading, setUploading] = useState(false);
  const [busy, setBusy] = useState(false);
  const [messageError, setMessageError] = useState<string | null>(null);
  const [filesError, setFilesError] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const contractChanged = useContractChanged();
  const refetch = useContractRefetch();
  const count = charCount(message.trim());
  const again = milestone.status === "changes_requested";

  const submit = async () => {
    setError(null);
    setFilesError(undefined);
    if (count === 0) {
      setMessageError("Say what you delivered.");
      document.getElementById(messageId)?.focus();
      return;
    }
    if (count > MESSAGE_MAX) {
      setMessageError(`Keep the message to ${MESSAGE_MAX.toLocaleString("en-US")} characters or fewer.`);
      return;
    }
    if (uploading) {
      setError("Your files are still uploading. Wait until each is listed as attached.");
      return;
    }
    setBusy(true);
    try {
      const result = await submitWork(milestone.id, {
        message: message.trim(),
        ...(files.length > 0 ? { attachment_ids: files.map((f) => f.id) } : {}),
      });
      contractChanged(result);
      onDone(`Your work on “${milestone.title}” is submitted. ${contract.client.full_name} has been told.`);
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 422) {
        const fieldErrors = failure.problem?.errors ?? [];
        const forMessage = fieldErrors.find((e) => e.field === "message");
        const forFiles = fieldErrors.find((e) => e.field.startsWith("attachment_ids"));
        if (forMessage) setMessageError(forMessage.message);
        if (forFiles) setFilesError(`The files: ${forFiles.message}.`);
        if (!forMessage && !forFiles) setError(deliveryErrorMessage(failure));
      } else {
        setError(deliveryErrorMessage(failure));
        if (isStale(failure)) refetch(contract.id);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="panel" role="group" aria-label={`Submit work on ${milestone.title}`}>
      <div className="field">
        <label htmlFor={messageId}>{again ? "What you changed" : "What you delivered"}</label>
        <textarea
          id={messageId}
          className="input textarea textarea--answer"
          rows={5}
          value={message}
          aria-invalid={messageError ? true : undefined}
          aria-describedby={`${messageId}-hint${messageError ? ` ${messageId}-error` : ""}`}
          onChange={(event) => {
            setMessage(event.target.value);
            if (messageError) setMessageError(null);
          }}
        />
        <p className="field__hint" id={`${messageId}-hint`}>
          <CharCounter value={message} min={1} max={MESSAGE_MAX} />
        </p>
        <p className="field__error" id={`${messageId}-error`} aria-live="polite" hidden={!messageError}>
          {messageError}
        </p>
      </div>
      <AttachmentPicker files={files} setFiles={setFiles} onBusyChange={setUploading} error={filesError} label="Files (optional)" />
      <PanelError text={error} />
      <div className="panel__actions">
        <button type="button" className="button" disabled={busy} onClick={() => void submit()}>
          {busy ? "Submitting…" : again ? "Submit the changes" : "Submit work"}
        </button>
        <button type="button" className="button button--secondary" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

/** Change an unfunded milestone's name, amount or due date. */
export function EditPanel({ contract, milestone, onDone, onCancel }: PanelProps) {
  const contractChanged = useContractChanged();
  const refetch = useContractRefetch();
  const [error, setError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError: setFieldError,
    control,
    formState: { errors, isSubmitting },
  } = useForm<MilestoneFormValues>({
    resolver: zodResolver(milestoneFormSchema),
    defaultValues: { title: milestone.title, amount: milestone.amount, due_date: milestone.due_date ?? "" },
  });
  const amount = useWatch({ control, name: "amount" });

  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    const patch = toMilestonePatch(values, milestone);
    if (Object.keys(patch).length === 0) {
      onCancel();
      return;
    }
    try {
      const result = await editMilestone(milestone.id, patch);
      contractChanged(result);
      onDone(`“${values.title.trim()}” is saved.`);
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 422) {
        setError(applyApiErrors(failure, milestoneFormFields, setFieldError));
      } else {
        setError(deliveryErrorMessage(failure));
        if (isStale(failure)) refetch(contract.id);
      }
    }
  });

  return (
    <form className="panel" onSubmit={onSubmit} noValidate aria-label={`Edit ${milestone.title}`}>
      <MilestoneFields register={register} errors={errors} amount={amount} />
      <PanelError text={error} />
      <div className="panel__actions">
        <button type="submit" className="button" disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : "Save milestone"}
        </button>
        <button type="button" className="button button--secondary" disabled={isSubmitting} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

type Register = ReturnType<typeof useForm<MilestoneFormValues>>["register"];
type Errors = ReturnType<typeof useForm<MilestoneFormValues>>["formState"]["errors"];

/** Name, amount and due date of a milestone (add and edit). */
export function MilestoneFields({ register, errors, amount }: { register: Register; errors: Errors; amount: string }) {
  const readable = parseAmount(amount);
  return (
    <div className="form-row form-row--milestone">
      <Field label="Milestone name" error={errors.title?.message}>
        {({ id, describedBy, invalid }) => (
          <input id={id} className="input" aria-invalid={invalid} aria-describedby={describedBy} {...register("title")} />
        )}
      </Field>
      <Field label="Amount (USD)" error={errors.amount?.message} hint={readable ? `${formatMoney(readable)}; at least $5.00.` : "At least $5.00."}>
        {({ id, describedBy, invalid }) => (
          <AmountInput id={id} placeholder="250.00" aria-invalid={invalid} aria-describedby={describedBy} {...register("amount")} />
        )}
      </Field>
      <Field label="Due date (optional)" error={errors.due_date?.message}>
        {({ id, describedBy, invalid }) => (
          <input id={id} type="date" className="input" aria-invalid={invalid} aria-describedby={describedBy} {...register("due_date")} />
        )}
      </Field>
    </div>
  );
}
