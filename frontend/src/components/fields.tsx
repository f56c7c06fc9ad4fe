import { useId, type ReactNode } from "react";

interface FieldProps {
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  /** Render the control, wired to the label, hint and error ids. */
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}

/** A labelled form control with a hint and an error message that screen readers hear. */
export function Field({ label, error, hint, children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, describedBy, invalid: Boolean(error) })}
      {hint && (
        <div className="field__hint" id={hintId}>
          {hint}
        </div>
      )}
      <FieldErrorText id={errorId} error={error} />
    </div>
  );
}

export function FieldErrorText({ id, error }: { id: string; error?: string | undefined }) {
  return (
    <p className="field__error" id={id} aria-live="polite" hidden={!error}>
      {error}
    </p>
  );
}
