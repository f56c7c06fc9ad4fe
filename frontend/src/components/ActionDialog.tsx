import { useId, useImperativeHandle, useRef, useState, type ReactNode, type Ref } from "react";
import { problemToFormErrors } from "../api/problem";
import { charCount } from "../pages/jobs/jobSchema";
import "../pages/jobs/jobs.css";
import "./trust.css";

export interface ActionDialogHandle {
  open: () => void;
}

interface ActionDialogProps<R> {
  ref: Ref<ActionDialogHandle>;
  title: string;
  /** What is being acted on ("the job “Logo design”"), shown under the title. */
  subject?: string;
  body: ReactNode;
  /** The text field's label, and the request field its server errors come back on. */
  label: string;
  field: "reason" | "note";
  hint?: string;
  /** When set, the text is required and this is said when it is empty. */
  required?: string;
  max: number;
  confirm: string;
  pending: string;
  keep?: string;
  tone?: "danger" | "primary";
  /** Extra controls above the text (e.g. the outcome of a flag). */
  extra?: ReactNode;
  onSubmit: (text: string) => Promise<R>;
  onDone: (result: R) => void;
}

/**
 * A modal form with one text (a reason or a note) that sends the request itself: it stays
 * open while the request runs, shows the server's problem when it fails (a 409, a 429's
 * detail, field errors) and closes only on success. Escape or "Cancel" changes nothing.
 */
export function ActionDialog<R>({
  ref,
  title,
  subject,
  body,
  label,
  field,
  hint,
  required,
  max,
  confirm,
  pending,
  keep = "Cancel",
  tone = "danger",
  extra,
  onSubmit,
  onDone,
}: ActionDialogProps<R>) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();
  const textId = useId();
  const hintId = useId();
  const errorId = useId();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useImperativeHandle(ref, () => ({
    open: () => {
      setText("");
      setError(null);
      setFormError(null);
      dialogRef.current?.showModal();
    },
  }));
  const length = charCount(text.trim());
  const describedBy = [hintId, error ? errorId : null].filter(Boolean).join(" ");
  return (
    <dialog
      ref={dialogRef}
      className="confirm-dialog action-dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        if (busy) event.preventDefault();
      }}
    >
      <form
        method="dialog"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const value = text.trim();
          if (required && value.length === 0) {
            setError(required);
            return;
          }
          if (length > max) {
            setError(`Keep it to ${max.toLocaleString("en-US")} characters or fewer.`);
            return;
          }
          setError(null);
          setFormError(null);
          setBusy(true);
          onSubmit(value).then(
            (result) => {
              setBusy(false);
              dialogRef.current?.close();
              onDone(result);
            },
            (failure: unknown) => {
              setBusy(false);
              const { fields, form } = problemToFormErrors(failure, [field] as const);
              setError(fields[field] ?? null);
              setFormError(form);
            },
          );
        }}
      >
        <h2 id={titleId}>{title}</h2>
        {subject && <p className="muted small confirm-dialog__job">{subject}</p>}
        <div id={bodyId}>{typeof body === "string" ? <p>{body}</p> : body}</div>
        {extra}
        <div className="field">
          <label htmlFor={textId}>{label}</label>
          <textarea
            id={textId}
            className="input textarea textarea--reason"
            rows={4}
            value={text}
            aria-required={required ? true : undefined}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            onChange={(event) => {
              setText(event.target.value);
              if (error) setError(null);
            }}
          />
          <p className="field__hint" id={hintId}>
            {hint ? `${hint} ` : ""}
            <span className="counter" data-state={length > max ? "over" : "ok"}>
              {length.toLocaleString("en-US")} / {max.toLocaleString("en-US")} characters.
            </span>
          </p>
          <p className="field__error" id={errorId} aria-live="polite" hidden={!error}>
            {error}
          </p>
        </div>
        {formError && (
          <p className="field__error" role="alert">
            {formError}
          </p>
        )}
        <div className="form-actions confirm-dialog__actions">
          <button type="submit" className={tone === "danger" ? "button button--danger" : "button"} disabled={busy}>
            {busy ? pending : confirm}
          </button>
          <button type="button" className="button button--secondary" disabled={busy} onClick={() => dialogRef.current?.close()}>
            {keep}
          </button>
        </div>
      </form>
    </dialog>
  );
}
