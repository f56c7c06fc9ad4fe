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

interface Downloaded {
  fileName: string;
  size: number;
}

/**
 * Files attached to a proposal or a submission. GET /attachments/{id} wants the Bearer
 * token, so each is fetched on request and saved from a blob; its name comes with it.
 */
export function AttachmentLinks({ ids, label = "Attached files", names }: { ids: string[]; label?: string; names?: Map<string, string> }) {
  const [done, setDone] = useState<Record<string, Downloaded>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [failed, setFailed] = useState<Record<string, string>>({});
  if (ids.length === 0) return null;

  const download = async (id: string) => {
    setBusy(id);
    setFailed((f) => Object.fromEntries(Object.entries(f).filter(([key]) => key !== id)));
    try {
      const { blob, fileName } = await downloadAttachment(id);
      saveBlob(blob, fileName);
      setDone((d) => ({ ...d, [id]: { fileName, size: blob.size } }));
    } catch (error) {
      setFailed((f) => ({ ...f, [id]: errorMessage(error) }));
    } finally {
      setBusy(null);
    }
  };

  return (
    <ul className="attachment-list" aria-label={label}>
      {ids.map((id, i) => {
        const known = done[id]?.fileName ?? names?.get(id) ?? null;
        const name = known ?? `File ${i + 1}`;
        return (
          <li key={id} className="attachment-list__item" data-testid="attachment">
            <span className="attachment-list__name">{name}</span>
            {done[id] && <span className="muted small">{formatBytes(done[id].size)}, downloaded</span>}
            <button
              type="button"
              className="button button--secondary button--small"
              disabled={busy === id}
              aria-label={`Download ${name}`}
              onClick={() => void download(id)}
            >
              {busy === id ? "Downloading…" : "Download"}
            </button>
            {failed[id] && (
              <span className="field__error" role="alert">
                {failed[id]}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
