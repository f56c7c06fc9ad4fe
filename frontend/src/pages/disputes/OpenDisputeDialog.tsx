import { useId, useImperativeHandle, useRef, useState, type Ref } from "react";
import { useNavigate } from "react-router";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { openDispute } from "../../api/disputes";
import { problemToFormErrors } from "../../api/problem";
import { FieldErrorText } from "../../components/fields";
import { refundProblem, type Party } from "../../lib/disputes";
import { formatMoney, parseAmount } from "../../lib/money";
import "../jobs/jobs.css";

export interface OpenDisputeHandle {
  open: () => void;
}

type Target = { milestoneId: string; invoiceId?: undefined } | { invoiceId: string; milestoneId?: undefined };

type OpenDisputeProps = Target & {
  ref: Ref<OpenDisputeHandle>;
  /** The escrow at stake ("300.00"). */
  amount: string;
  /** The side opening it. */
  role: Party;
};

const FIELDS = ["reason", "requested_refund"] as const;
type FieldName = (typeof FIELDS)[number];

/**
 * "Open a dispute": why, and how much should go back to the client. On success it goes to
 * the dispute's page.
 */
export function OpenDisputeDialog({ ref, amount, role, milestoneId, invoiceId }: OpenDisputeProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const reasonId = useId();
  const refundId = useId();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState("");
  const [refund, setRefund] = useState("");
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: openDispute,
    onSuccess: (dispute) => {
      dialogRef.current?.close();
      void queryClient.invalidateQueries({ queryKey: ["disputes"] });
      void queryClient.invalidateQueries({ queryKey: ["contracts"] });
      void navigate(`/disputes/${dispute.id}`);
    },
    onError: (error) => {
      const { fields, form } = problemToFormErrors<FieldName>(error, FIELDS);
      setErrors(fields);
      setFormError(form);
    },
  });
  useImperativeHandle(ref, () => ({
    open: () => {
      setReason("");
      setRefund(role === "client" ? "" : "0.00");
      setErrors({});
      setFormError(null);
      const dialog = dialogRef.current;
      if (dialog && typeof dialog.showModal === "function") dialog.showModal();
    },
  }));
  const hint =
    role === "client"
      ? `How much of the ${formatMoney(amount)} in escrow should come back to you; the rest goes to the freelancer.`
      : `How much of the ${formatMoney(amount)} in escrow the client should get back; the rest is released to you.`;
  return (
    <dialog ref={dialogRef} className="confirm-dialog" aria-labelledby={titleId}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const next: Partial<Record<FieldName, string>> = {};
          if (!reason.trim()) next.reason = "Say what went wrong, so the other side and an admin can follow.";
          const problem = refundProblem(refund, amount);
          if (problem) next.requested_refund = problem;
          setErrors(next);
          setFormError(null);
          if (Object.keys(next).length > 0) return;
          mutation.mutate({
            ...(milestoneId ? { milestone_id: milestoneId } : { invoice_id: invoiceId ?? null }),
            reason: reason.trim(),
            requested_refund: parseAmount(refund) ?? refund,
          });
        }}
      >
        <h2 id={titleId}>Open a dispute</h2>
        <p>
          The {formatMoney(amount)} stays in escrow until the other side answers or, if they decline, an admin decides.
        </p>
        <div className="field">
          <label htmlFor={reasonId}>What went wrong</label>
          <textarea
            id={reasonId}
            className="input textarea textarea--reason"
            rows={4}
            maxLength={2000}
            value={reason}
            aria-invalid={errors.reason ? true : undefined}
            aria-describedby={errors.reason ? `${reasonId}-error` : undefined}
            onChange={(event) => {
              setReason(event.target.value);
              if (errors.reason) setErrors((e) => ({ ...e, reason: undefined }));
            }}
          />
          <FieldErrorText id={`${reasonId}-error`} error={errors.reason} />
        </div>
        <div className="field">
          <label htmlFor={refundId}>Refund to the client (USD)</label>
          <input
            id={refundId}
            className="input"
            inputMode="decimal"
            autoComplete="off"
            value={refund}
            aria-invalid={errors.requested_refund ? true : undefined}
            aria-describedby={`${refundId}-hint${errors.requested_refund ? ` ${refundId}-error` : ""}`}
            onChange={(event) => {
              setRefund(event.target.value);
              if (errors.requested_refund) setErrors((e) => ({ ...e, requested_refund: undefined }));
            }}
          />
          <p className="field__hint" id={`${refundId}-hint`}>
            {hint}
          </p>
          <FieldErrorText id={`${refundId}-error`} error={errors.requested_refund} />
        </div>
        {formError && (
          <p className="field__error" role="alert">
            {formError}
          </p>
        )}
        <div className="form-actions confirm-dialog__actions">
          <button type="submit" className="button button--danger" disabled={mutation.isPending}>
            {mutation.isPending ? "Opening…" : "Open dispute"}
          </button>
          <button type="button" className="button button--secondary" disabled={mutation.isPending} onClick={() => dialogRef.current?.close()}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
