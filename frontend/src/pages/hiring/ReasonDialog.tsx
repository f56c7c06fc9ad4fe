import { useId, useImperativeHandle, useRef, useState, type Ref } from "react";
import { charCount } from "../jobs/jobSchema";

export interface ReasonDialogHandle {
  open: () => void;
}

export const REASON_MAX = 500;

interface ReasonDialogProps {
  ref: Ref<ReasonDialogHandle>;
  title: string;
  /** What is being answered ("the proposal from Ada Lovelace"), shown under the title. */
  subject?: string;
  body: string;
  /** The reason's label; it is always optional. */
  reasonLabel?: string;
  reasonHint?: string;
  confirm: string;
  keep: string;
  onConfirm: (reason: string) => void;
  /** A text that must be written (e.g. what to change), with the message when it is not. */
  required?: string;
  /** Characters allowed (500 by default). */
  max?: number;
  /** The confirm button's look: danger (default) or the main action. */
  tone?: "danger" | "primary";
}

/**
 * A modal question before declining or withdrawing, with an optional reason (at most
 * 500 characters). Escape or "keep" closes it and nothing happens.
 */
export function ReasonDialog({
  ref,
  title,
  subject,
  body,
  reasonLabel = "Reason (optional)",
  reasonHint,
  confirm,
  keep,
  onConfirm,
  required,
  max = REASON_MAX,
  tone = "danger",
}: ReasonDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();
  const reasonId = useId();
  const hintId = useId();
  const errorId = useId();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  useImperativeHandle(ref, () => ({
    open: () => {
      setReason("");
      setError(null);
      const dialog = dialogRef.current;
      if (dialog && typeof dialog.showModal === "function") dialog.showModal();
      // No <dialog> support (older browsers, jsdom): ask the browser's own way, without a reason.
      else if (!required && window.confirm(`${title}\n\n${body}`)) onConfirm("");
    },
  }));
  const count = charCount(reason.trim());
  return (
    <dialog ref={dialogRef} className="confirm-dialog" aria-labelledby={titleId} aria-describedby={bodyId}>
      <form
        method="dialog"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (required && count === 0) {
            setError(required);
            return;
          }
          if (count > max) {
            setError(`Keep it to ${max.toLocaleString("en-US")} characters or fewer.`);
            return;
          }
          dialogRef.current?.close();
          onConfirm(reason.trim());
        }}
      >
        <h2 id={titleId}>{title}</h2>
        {subject && <p className="muted small confirm-dialog__job">{subject}</p>}
        <p id={bodyId}>{body}</p>
        <div className="field">
          <label htmlFor={reasonId}>{reasonLabel}</label>
          <textarea
            id={reasonId}
            className="input textarea textarea--reason"
            rows={required ? 5 : 3}
            aria-required={required ? true : undefined}
            value={reason}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${hintId}${error ? ` ${errorId}` : ""}`}
            onChange={(event) => {
              setReason(event.target.value);
              if (error) setError(null);
            }}
          />
          <p className="field__hint" id={hintId}>
            {reasonHint ? `${reasonHint} ` : ""}
            <span className="counter" data-state={count > max ? "over" : "ok"}>
              {count.toLocaleString("en-US")} / {max.toLocaleString("en-US")} characters.
            </span>
          </p>
          <p className="field__error" id={errorId} aria-live="polite" hidden={!error}>
            {error}
          </p>
        </div>
        <div className="form-actions confirm-dialog__actions">
          <button type="submit" className={tone === "danger" ? "button button--danger" : "button"}>
            {confirm}
          </button>
          <button type="button" className="button button--secondary" onClick={() => dialogRef.current?.close()}>
            {keep}
          </button>
        </div>
      </form>
    </dialog>
  );
}
