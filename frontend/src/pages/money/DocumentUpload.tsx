import { useId, useRef, useState } from "react";
import { DOCUMENT_MAX_BYTES, DOCUMENT_TYPES, uploadIdentityDocument } from "../../api/money";
import type { IdentityDocument } from "../../api/types";
import { ApiError, errorMessage } from "../../api/problem";

/** Why a chosen file cannot be sent, or null when it can (checked before anything is uploaded). */
export function documentProblem(file: { type: string; size: number }): string | null {
  if (!(DOCUMENT_TYPES as readonly string[]).includes(file.type)) return "Choose a PNG, JPEG or WebP image, or a PDF.";
  if (file.size > DOCUMENT_MAX_BYTES) return "The file is larger than 10 MB. Choose a smaller file or a lower resolution scan.";
  if (file.size === 0) return "The file is empty.";
  return null;
}

/** Choose an ID document and send it for review. */
export function DocumentUpload({
  onUploaded,
  onStale,
}: {
  onUploaded: (doc: IdentityDocument) => void;
  /** The server says the page is out of date (already verified, or a document already in review). */
  onStale: () => void;
}) {
  const inputId = useId();
  const hintId = useId();
  const statusId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const clear = () => {
    setFile(null);
    if (inputRef.current) inputRef.current.value = "";
  };

  return (
    <form
      className="form"
      aria-labelledby="upload-title"
      onSubmit={async (event) => {
        event.preventDefault();
        if (!file) {
          setProblem("Choose the file of your document first.");
          inputRef.current?.focus();
          return;
        }
        setBusy(true);
        setProblem(null);
        try {
          const doc = await uploadIdentityDocument(file);
          clear();
          onUploaded(doc);
        } catch (error) {
          setProblem(errorMessage(error));
          if (error instanceof ApiError && (error.code === "already_verified" || error.code === "review_pending")) onStale();
        } finally {
          setBusy(false);
        }
      }}
    >
      <h2 id="upload-title">Upload your ID document</h2>
      <p className="muted small form-section__intro">
        A clear photo or scan of a passport, national ID card or driving licence, showing your name, photo and date of
        birth. Only our review team sees it.
      </p>
      <div className="field">
        <label htmlFor={inputId}>Document</label>
        <input
          ref={inputRef}
          id={inputId}
          className="file-input"
          type="file"
          accept={DOCUMENT_TYPES.join(",")}
          aria-describedby={`${hintId} ${statusId}`}
          aria-invalid={problem ? true : undefined}
          onChange={(event) => {
            const chosen = event.target.files?.[0] ?? null;
            if (!chosen) {
              setFile(null);
              setProblem(null);
              return;
            }
            const issue = documentProblem(chosen);
            setProblem(issue);
            setFile(issue ? null : chosen);
          }}
        />
        <p className="field__hint" id={hintId}>
          PNG, JPEG, WebP or PDF, up to 10 MB.
        </p>
        <p id={statusId} className="field__error" aria-live="polite" hidden={!problem}>
          {problem}
        </p>
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Uploading…" : "Upload document"}
        </button>
        {file && !busy && (
          <button type="button" className="button button--secondary" onClick={clear}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
