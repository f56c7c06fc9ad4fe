import { useId, useRef, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, errorMessage, problemToFormErrors } from "../../api/problem";
import {
  disableTwoFactor,
  enableTwoFactor,
  fetchTwoFactor,
  newRecoveryCodes,
  startTwoFactor,
  type TwoFactorSetup,
  type TwoFactorStatus,
} from "../../api/security";
import { useCurrentUser } from "../../auth/useAuth";
import { Alert, Loading } from "../../components/feedback";
import { FieldErrorText } from "../../components/fields";
import { formatDate } from "../../lib/format";
import { groupSecret, isAppCode, normaliseCode, svgDataUrl } from "../../lib/security";
import { LoadError } from "../hiring/parts";
import { CodeDialog, type CodeDialogHandle } from "./CodeDialog";
import { RecoveryCodesPanel } from "./RecoveryCodesPanel";
import { securityKeys } from "./keys";

type Flow =
  | { kind: "idle" }
  | { kind: "setup"; setup: TwoFactorSetup }
  | { kind: "codes"; codes: string[]; after: "enabled" | "renewed" };

/** Scan the QR code (or type the key), then confirm with the app's first code. */
function SetupForm({
  setup,
  onEnabled,
  onCancel,
  onRestart,
}: {
  setup: TwoFactorSetup;
  onEnabled: (codes: string[]) => void;
  onCancel: () => void;
  onRestart: () => void;
}) {
  const queryClient = useQueryClient();
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [formError, setFormError] = useState<{ text: string; restart: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const describedBy = [hintId, error ? errorId : null].filter(Boolean).join(" ");

  async function submit() {
    const value = code.trim();
    if (!isAppCode(value)) {
      setError(value ? "The code is 6 digits." : "Enter the 6-digit code from your authenticator app.");
      inputRef.current?.focus();
      return;
    }
    setError(null);
    setFormError(null);
    setBusy(true);
    try {
      const answer = await enableTwoFactor(normaliseCode(value));
      onEnabled(answer.recovery_codes);
    } catch (failure) {
      setBusy(false);
      if (failure instanceof ApiError && failure.code === "two_factor_enabled") {
        await queryClient.invalidateQueries({ queryKey: securityKeys.twoFactor });
        onCancel();
        return;
      }
      if (failure instanceof ApiError && failure.code === "two_factor_not_started") {
        setFormError({ text: "This setup has run out. Start again to get a new QR code.", restart: true });
        return;
      }
      const { fields, form } = problemToFormErrors(failure, ["code"] as const);
      if (fields.code) {
        setError(fields.code);
        setCode("");
        inputRef.current?.focus();
      }
      if (form) setFormError({ text: form, restart: false });
    }
  }

  return (
    <form
      className="form two-factor-setup"
      noValidate
      aria-label="Turn on two-factor sign-in"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <ol className="setup-steps">
        <li>
          <p>
            Open an authenticator app (such as 1Password, Google Authenticator, Microsoft Authenticator or Aegis) and scan
            this QR code.
          </p>
          <img
            className="two-factor-setup__qr"
            src={svgDataUrl(setup.qr_svg)}
            width={200}
            height={200}
            alt="QR code for adding your Worklane account to an authenticator app. If you cannot scan it, type the setup key shown below it."
          />
          <p className="small">Can’t scan it? Type this setup key into the app instead (time-based):</p>
          <p className="two-factor-setup__secret">
            <code aria-label="Setup key" data-testid="two-factor-secret" data-secret={setup.secret}>
              {groupSecret(setup.secret)}
            </code>
          </p>
        </li>
        <li>
          <div className="field">
            <label htmlFor={inputId}>Enter the 6-digit code the app shows</label>
            <input
              ref={inputRef}
              id={inputId}
              className="input code-input"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={7}
              value={code}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy}
              onChange={(event) => {
                setCode(event.target.value);
                if (error) setError(null);
              }}
            />
            <div className="field__hint" id={hintId}>
              A new code appears every 30 seconds.
            </div>
            <FieldErrorText id={errorId} error={error ?? undefined} />
          </div>
        </li>
      </ol>
      <div className="form-live" aria-live="assertive">
        {formError && (
          <Alert tone="error" live={false}>
            <p>{formError.text}</p>
            {formError.restart && (
              <button type="button" className="button button--secondary button--small" onClick={onRestart}>
                Start again
              </button>
            )}
          </Alert>
        )}
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Turning on…" : "Turn on"}
        </button>
        <button type="button" className="button button--secondary" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function StatusFacts({ status, timeZone }: { status: TwoFactorStatus; timeZone: string | undefined }) {
  const low = status.recovery_codes_left <= 3;
  return (
    <dl className="facts security-facts">
      {status.enabled_at && (
        <div>
          <dt>Turned on</dt>
          <dd>
            <time dateTime={status.enabled_at}>{formatDate(status.enabled_at, timeZone)}</time>
          </dd>
        </div>
      )}
      <div>
        <dt>Recovery codes left</dt>
        <dd data-testid="recovery-codes-left">
          {status.recovery_codes_left} of 10
          {low && <span className="security-warning"> · make new ones soon</span>}
        </dd>
      </div>
    </dl>
  );
}

export function TwoFactorSection() {
  const queryClient = useQueryClient();
  const user = useCurrentUser();
  const status = useQuery({ queryKey: securityKeys.twoFactor, queryFn: ({ signal }) => fetchTwoFactor(signal) });
  const [flow, setFlow] = useState<Flow>({ kind: "idle" });
  const [notice, setNotice] = useState<string | null>(null);
  const disableRef = useRef<CodeDialogHandle>(null);
  const renewRef = useRef<CodeDialogHandle>(null);
  const start = useMutation({
    mutationFn: startTwoFactor,
    onSuccess: (setup) => setFlow({ kind: "setup", setup }),
    onError: (error) => {
      if (error instanceof ApiError && error.code === "two_factor_enabled") {
        void queryClient.invalidateQueries({ queryKey: securityKeys.twoFactor });
      }
    },
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: securityKeys.twoFactor });

  let content;
  if (status.isPending) {
    content = <Loading label="Loading two-factor sign-in…" />;
  } else if (status.isError) {
    content = (
      <LoadError title="Two-factor sign-in could not be loaded" error={status.error} onRetry={() => void status.refetch()} />
    );
  } else if (flow.kind === "codes") {
    content = (
      <RecoveryCodesPanel
        codes={flow.codes}
        email={user?.email ?? ""}
        onSaved={() => {
          setNotice(flow.after === "enabled" ? "Two-factor sign-in is on." : "Your new recovery codes are ready; the old ones no longer work.");
          setFlow({ kind: "idle" });
          void refresh();
        }}
      />
    );
  } else if (flow.kind === "setup") {
    content = (
      <SetupForm
        setup={flow.setup}
        onEnabled={(codes) => {
          setNotice(null);
          setFlow({ kind: "codes", codes, after: "enabled" });
          void refresh();
        }}
        onCancel={() => setFlow({ kind: "idle" })}
        onRestart={() => {
          setFlow({ kind: "idle" });
          start.mutate();
        }}
      />
    );
  } else if (status.data.enabled) {
    content = (
      <>
        <StatusFacts status={status.data} timeZone={user?.timezone} />
        <div className="form-actions security-actions">
          <button type="button" className="button button--secondary" onClick={() => renewRef.current?.open()}>
            New recovery codes
          </button>
          <button type="button" className="button button--danger-quiet" onClick={() => disableRef.current?.open()}>
            Turn off
          </button>
        </div>
      </>
    );
  } else {
    content = (
      <>
        <p>
          Besides your password, ask for a code from an authenticator app on your phone when you sign in. Someone who learns
          your password still cannot get in.
        </p>
        <div className="form-live" aria-live="assertive">
          {start.isError && !(start.error instanceof ApiError && start.error.code === "two_factor_enabled") && (
            <Alert tone="error" live={false}>
              <p>{errorMessage(start.error)}</p>
            </Alert>
          )}
        </div>
        <div className="form-actions">
          <button type="button" className="button" disabled={start.isPending} onClick={() => start.mutate()}>
            {start.isPending ? "Starting…" : "Turn on two-factor sign-in"}
          </button>
        </div>
      </>
    );
  }

  const enabled = status.data?.enabled ?? false;
  return (
    <section className="card security-section" aria-labelledby="two-factor-title">
      <div className="security-section__head">
        <h2 id="two-factor-title">Two-factor sign-in</h2>
        {status.isSuccess &&
          (enabled ? (
            <span className="badge badge--success" data-testid="two-factor-state">
              <span aria-hidden="true">✓</span> On
            </span>
          ) : (
            <span className="badge badge--neutral" data-testid="two-factor-state">
              Off
            </span>
          ))}
      </div>
      <div className="form-live" aria-live="polite">
        {notice && flow.kind === "idle" && (
          <Alert tone="success" live={false}>
            <p>{notice}</p>
          </Alert>
        )}
      </div>
      {content}
      <CodeDialog
        ref={disableRef}
        title="Turn off two-factor sign-in?"
        body="Signing in will need only your password again. Your recovery codes stop working."
        confirm="Turn off"
        pending="Turning off…"
        tone="danger"
        onSubmit={disableTwoFactor}
        onDone={() => {
          setNotice("Two-factor sign-in is off.");
          void refresh();
        }}
      />
      <CodeDialog
        ref={renewRef}
        title="Make new recovery codes?"
        body="You get ten new codes; the ones you have now stop working."
        confirm="Make new codes"
        pending="Making codes…"
        onSubmit={newRecoveryCodes}
        onDone={(answer) => {
          setNotice(null);
          setFlow({ kind: "codes", codes: answer.recovery_codes, after: "renewed" });
          void refresh();
        }}
      />
    </section>
  );
}
