import { useEffect, useId, useRef, useState } from "react";
import { ApiError, errorMessage, problemToFormErrors } from "../../api/problem";
import { signIn } from "../../auth/useAuth";
import { Alert } from "../../components/feedback";
import { FieldErrorText } from "../../components/fields";
import { isAppCode, isRecoveryCode, normaliseCode } from "../../lib/security";
import "./login.css";

interface TotpStepProps {
  email: string;
  /** Held in memory only, to post again with the code. */
  password: string;
  onBack: () => void;
  onSignedIn: () => Promise<void>;
}

/**
 * The second sign-in step of an account with two-factor sign-in: the app's 6-digit code
 * or one of the recovery codes, posted with the email and password of the first step.
 */
export function TotpStep({ email, password, onBack, onSignedIn }: TotpStepProps) {
  const [recovery, setRecovery] = useState(false);
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const headingId = useId();
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();

  useEffect(() => {
    inputRef.current?.focus();
  }, [recovery]);

  const label = recovery ? "Recovery code" : "Authentication code";
  const hint = recovery
    ? "One of the codes you saved when you turned on two-factor sign-in, like k7mq2-x9fhr. Each works once."
    : "The 6-digit code your authenticator app shows for Worklane.";

  async function submit() {
    const value = code.trim();
    if (!value) {
      setError(recovery ? "Enter one of your recovery codes." : "Enter the 6-digit code from your authenticator app.");
      inputRef.current?.focus();
      return;
    }
    if (recovery ? !isRecoveryCode(value) : !isAppCode(value)) {
      setError(recovery ? "A recovery code looks like k7mq2-x9fhr." : "The code is 6 digits.");
      inputRef.current?.focus();
      return;
    }
    setError(null);
    setFormError(null);
    setBusy(true);
    try {
      await signIn({ email, password, totp_code: normaliseCode(value) });
      await onSignedIn();
    } catch (failure) {
      setBusy(false);
      if (failure instanceof ApiError && failure.code === "invalid_totp_code") {
        setError(
          recovery
            ? "That recovery code is not right, or was already used."
            : "That code is not right, or was already used. Wait for the next code in your app and try again.",
        );
        setCode("");
        inputRef.current?.focus();
        return;
      }
      const { fields, form } = problemToFormErrors(failure, ["totp_code"] as const);
      if (fields.totp_code) {
        setError(fields.totp_code);
        inputRef.current?.focus();
      }
      setFormError(form ?? (fields.totp_code ? null : errorMessage(failure)));
    }
  }

  const describedBy = [hintId, error ? errorId : null].filter(Boolean).join(" ");
  return (
    <form
      className="form"
      noValidate
      aria-labelledby={headingId}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <div>
        <h2 id={headingId} className="totp-step__title">
          Two-factor sign-in
        </h2>
        <p className="muted small totp-step__who">
          Signing in as <strong>{email}</strong>
        </p>
      </div>
      <div className="form-live" aria-live="assertive">
        {formError && (
          <Alert tone="error" live={false}>
            <p>{formError}</p>
          </Alert>
        )}
      </div>
      <div className="field">
        <label htmlFor={inputId}>{label}</label>
        <input
          ref={inputRef}
          id={inputId}
          key={recovery ? "recovery" : "app"}
          className={recovery ? "input" : "input totp-step__code"}
          name={recovery ? "recovery_code" : "totp_code"}
          inputMode={recovery ? "text" : "numeric"}
          autoComplete={recovery ? "off" : "one-time-code"}
          autoCapitalize="off"
          spellCheck={false}
          maxLength={recovery ? 16 : 7}
          value={code}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => {
            setCode(event.target.value);
            if (error) setError(null);
          }}
        />
        <div className="field__hint" id={hintId}>
          {hint}
        </div>
        <FieldErrorText id={errorId} error={error ?? undefined} />
      </div>
      <button type="submit" className="button button--block" disabled={busy}>
        {busy ? "Checking…" : "Sign in"}
      </button>
      <div className="totp-step__links">
        <button
          type="button"
          className="totp-step__link"
          disabled={busy}
          onClick={() => {
            setRecovery((r) => !r);
            setCode("");
            setError(null);
            setFormError(null);
          }}
        >
          {recovery ? "Use your authenticator app instead" : "Use a recovery code instead"}
        </button>
        <button type="button" className="totp-step__link" disabled={busy} onClick={onBack}>
          Back
        </button>
      </div>
    </form>
  );
}
