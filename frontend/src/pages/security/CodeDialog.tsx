import { useId, useImperativeHandle, useRef, useState, type ReactNode, type Ref } from "react";
import { problemToFormErrors } from "../../api/problem";
import { isAppCode, isRecoveryCode, normaliseCode } from "../../lib/security";
import "../jobs/jobs.css";

export interface CodeDialogHandle {
  open: () => void;
}

interface CodeDialogProps<R> {
  ref: Ref<CodeDialogHandle>;
  title: string;
  body: ReactNode;
  confirm: string;
  pending: string;
  tone?: "danger" | "primary";
  onSubmit: (code: string) => Promise<R>;
  onDone: (result: R) => void;
}

/**
 * A modal that asks for a current two-factor code (or a recovery code) before a change to
 * two-factor sign-in, sends the request itself and closes only when it succeeded.
 */
export function CodeDialog<R>({ ref, title, body, confirm, pending, tone = "primary", onSubmit, onDone }: CodeDialogProps<R>) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const bodyId = useId();
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useImperativeHandle(ref, () => ({
    open: () => {
      setCode("");
      setError(null);
      setFormError(null);
      dialogRef.current?.showModal();
      inputRef.current?.focus();
    },
  }));
  const describedBy = [hintId, error ? errorId : null].filter(Boolean).join(" ");
  return (
    <dialog
      ref={dialogRef}
      className="confirm-dialog"
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
          const value = code.trim();
          if (!value) {
            setError("Enter the 6-digit code from your authenticator app.");
            return;
          }
          if (!isAppCode(value) && !isRecoveryCode(value)) {
            setError("Enter the 6-digit code from your app, or a recovery code like k7mq2-x9fhr.");
            return;
          }
          setError(null);
          setFormError(null);
          setBusy(true);
          onSubmit(normaliseCode(value)).then(
            (result) => {
              setBusy(false);
              dialogRef.current?.close();
              onDone(result);
            },
            (failure: unknown) => {
              setBusy(false);
              const { fields, form } = problemToFormErrors(failure, ["code"] as const);
              setError(fields.code ?? null);
              setFormError(form);
              if (fields.code) {
                setCode("");
                inputRef.current?.focus();
              }
            },
          );
        }}
      >
        <h2 id={titleId}>{title}</h2>
        <div id={bodyId}>{typeof body === "string" ? <p>{body}</p> : body}</div>
        <div className="field">
          <label htmlFor={inputId}>Authentication code</label>
          <input
            ref={inputRef}
            id={inputId}
            className="input code-input"
            inputMode="numeric"
            autoComplete="one-time-code"
            autoCapitalize="off"
            spellCheck={false}
            maxLength={16}
            value={code}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            onChange={(event) => {
              setCode(event.target.value);
              if (error) setError(null);
            }}
          />
          <p className="field__hint" id={hintId}>
            The 6-digit code your authenticator app shows now, or one of your recovery codes.
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
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
