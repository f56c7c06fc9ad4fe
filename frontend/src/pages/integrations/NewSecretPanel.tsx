import { useEffect, useId, useRef } from "react";
import type { CreatedWebhook } from "../../api/webhooks";
import { Alert } from "../../components/feedback";
import { CopyButton } from "../security/CopyButton";

/** The new endpoint's signing secret, shown this once. */
export function NewSecretPanel({ webhook, onDone }: { webhook: CreatedWebhook; onDone: () => void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const inputId = useId();
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  return (
    <section className="new-token webhook-secret" aria-labelledby="created-endpoint-title">
      <h3 id="created-endpoint-title" ref={headingRef} tabIndex={-1}>
        Endpoint added
      </h3>
      <p className="webhook-url">
        <code>{webhook.url}</code>
      </p>
      <Alert tone="warning" live={false}>
        <p>
          Copy the secret now: it is shown only this once. Your endpoint needs it to check that a delivery really comes from
          Worklane. If you lose it, delete the endpoint and add it again for a new secret.
        </p>
      </Alert>
      <div className="field">
        <label htmlFor={inputId}>Signing secret</label>
        <input
          id={inputId}
          className="input new-token__value"
          readOnly
          value={webhook.secret}
          spellCheck={false}
          onFocus={(event) => event.currentTarget.select()}
        />
      </div>
      <div className="form-actions">
        <CopyButton text={webhook.secret} label="Copy secret" />
      </div>
      <div className="form-actions">
        <button type="button" className="button" onClick={onDone}>
          I copied it
        </button>
      </div>
    </section>
  );
}
