import { useEffect, useId, useRef } from "react";
import { Alert } from "../../components/feedback";
import { saveBlob } from "../../lib/download";
import { recoveryCodesText } from "../../lib/security";
import { CopyButton } from "./CopyButton";

interface RecoveryCodesPanelProps {
  codes: readonly string[];
  email: string;
  /** The user confirmed they kept the codes: they are not shown again. */
  onSaved: () => void;
}

/** Freshly made recovery codes, shown this once, with ways to keep them. */
export function RecoveryCodesPanel({ codes, email, onSaved }: RecoveryCodesPanelProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  return (
    <section className="recovery-codes" aria-labelledby={headingId}>
      <h3 id={headingId} ref={headingRef} tabIndex={-1}>
        Save your recovery codes
      </h3>
      <Alert tone="warning" live={false}>
        <p>
          These codes are shown only this once. If you lose your phone, each code signs you in once instead of the app.
          Keep them somewhere safe, like a password manager.
        </p>
      </Alert>
      <ol className="recovery-codes__list" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="form-actions">
        <CopyButton text={codes.join("\n")} label="Copy codes" />
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() =>
            saveBlob(new Blob([recoveryCodesText(codes, email)], { type: "text/plain" }), "worklane-recovery-codes.txt")
          }
        >
          Download (.txt)
        </button>
      </div>
      <div className="form-actions">
        <button type="button" className="button" onClick={onSaved}>
          I saved them
        </button>
      </div>
    </section>
  );
}
