import { useId, useRef, useState, type Dispatch, type SetStateAction } from "react";
import { downloadAttachment, uploadAttachment } from "../../api/attachments";
import { errorMessage } from "../../api/problem";
import type { AttachmentInfo } from "../../api/types";
import {
  ATTACHMENT_ACCEPT,
  ATTACHMENT_TYPES_TEXT,
  ATTACHMENTS_MAX,
  attachmentProblem,
  formatBytes,
  uploadErrorMessage,
} from "../../lib/attachments";
import { saveBlob } from "../../lib/download";

interface PickerProps {
  /** The files uploaded so far (their ids go with the proposal or submission). */
  files: AttachmentInfo[];
  setFiles: Dispatch<SetStateAction<AttachmentInfo[]>>;
  /** Told whether an upload is running, so the form can wait for it. */
  onBusyChange?: (busy: boolean) => void;
  /** A server error about the attachments as a whole (e.g. `attachment_ids`). */
  error?: string | undefined;
  label?: string;
}

/**
 * Choose files: each is checked here, then uploaded at once (POST /attachments) and
 * listed with a Remove button. Refusals are said per file, beside the picker.
 */
export function AttachmentPicker({ files, setFiles, onBusyChange, error, label = "Attachments (optional)" }: PickerProps) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState<string[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const room = ATTACHMENTS_MAX - files.length - uploading.length;

  const pick = async (chosen: File[]) => {
    const found: string[] = [];
    let take = chosen;
    if (chosen.length > room) {
      found.push(`Only ${ATTACHMENTS_MAX} files can be attached; ${chosen.length - Math.max(room, 0)} of those you chose were left out.`);
      take = chosen.slice(0, Math.max(room, 0));
    }
    const valid = take.filter((file) => {
      const problem = attachmentProblem(file);
      if (problem) found.push(problem);
      return problem === null;
    });
    setProblems(found);
    if (valid.length === 0) return;
    setUploading(valid.map((f) => f.name));
    onBusyChange?.(true);
    for (const file of valid) {
      try {
        const info = await uploadAttachment(file);
        setFiles((current) => [...current, info]);
      } catch (failure) {
        found.push(uploadErrorMessage(failure, file.name));
        setProblems([...found]);
      }
      setUploading((names) => names.slice(1));
    }
    onBusyChange?.(false);
  };

  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className="field attachments">
      <label htmlFor={id}>{label}</label>
      <input
        ref={inputRef}
        id={id}
        type="file"
        multiple
        className="attachments__input"
        accept={ATTACHMENT_ACCEPT}
        disabled={room <= 0}
        aria-describedby={`${hintId}${problems.length > 0 || error ? ` ${errorId}` : ""}`}
        onChange={(event) => {
          const chosen = Array.from(event.target.files ?? []);
          event.target.value = "";
          void pick(chosen);
        }}
      />
      <p className="field__hint" id={hintId}>
        Up to {ATTACHMENTS_MAX} files of 10 MB at most: {ATTACHMENT_TYPES_TEXT}.
      </p>
      {(files.length > 0 || uploading.length > 0) && (
        <ul className="attachment-list" aria-label="Attached files">
          {files.map((file) => (
            <li key={file.id} className="attachment-list__item" data-testid="attached-file">
              <span className="attachment-list__name">{file.filename}</span>
              <span className="muted small">{formatBytes(file.size)}</span>
              <button
                type="button"
                className="button button--secondary button--small"
                aria-label={`Remove ${file.filename}`}
                onClick={() => {
                  setFiles((current) => current.filter((f) => f.id !== file.id));
                  inputRef.current?.focus();
                }}
              >
                Remove
              </button>
            </li>
          ))}
          {uploading.map((name, i) => (
            <li key={`uploading-${i}-${name}`} className="attachment-list__item attachment-list__item--busy">
              <span className="attachment-list__name">{name}</span>
              <span className="muted small">Uploading…</span>
            </li>
          ))}
        </ul>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {uploading.length > 0 ? `Uploading ${uploading.length} file${uploading.length === 1 ? "" : "s"}…` : ""}
      </p>
      <div className="field__error" id={errorId} aria-live="polite" hidden={problems.length === 0 && !error}>
        {error && <p>{error}</p>}
        {problems.map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </div>
    </div>
  );
}

/**
 * Files attached to a proposal or a submission, each with its name, size and a Download
 * button. GET /attachments/{id} wants the Bearer token, so a file is fetched on request
 * and saved from a blob (as the CSV export does).
 */
export function AttachmentLinks({ files, label = "Attached files" }: { files: AttachmentInfo[]; label?: string }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [failed, setFailed] = useState<Record<string, string>>({});
  if (files.length === 0) return null;

  const download = async (file: AttachmentInfo) => {
    setBusy(file.id);
    setFailed((f) => Object.fromEntries(Object.entries(f).filter(([key]) => key !== file.id)));
    try {
      const { blob } = await downloadAttachment(file.id);
      saveBlob(blob, file.filename);
    } catch (error) {
      setFailed((f) => ({ ...f, [file.id]: errorMessage(error) }));
    } finally {
      setBusy(null);
    }
  };

  return (
    <ul className="attachment-list" aria-label={label}>
      {files.map((file) => (
        <li key={file.id} className="attachment-list__item" data-testid="attachment">
          <span className="attachment-list__name">{file.filename}</span>
          <span className="muted small" data-testid="attachment-size">
            {formatBytes(file.size)}
          </span>
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={busy === file.id}
            aria-label={`Download ${file.filename}`}
            onClick={() => void download(file)}
          >
            {busy === file.id ? "Downloading…" : "Download"}
          </button>
          {failed[file.id] && (
            <span className="field__error" role="alert">
              {failed[file.id]}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
