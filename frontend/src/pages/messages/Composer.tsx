import { useId, useRef, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { sendMessage } from "../../api/messaging";
import { problemToFormErrors } from "../../api/problem";
import type { AttachmentInfo } from "../../api/types";
import { FieldErrorText } from "../../components/fields";
import { MESSAGE_MAX_CHARS } from "../../lib/messaging";
import { applyMessage, noteSentAt } from "../../lib/messagingQueries";
import { AttachmentPicker } from "../hiring/Attachments";

/** Write a message, with files; Ctrl+Enter (or ⌘+Enter) sends too. */
export function Composer({ conversationId, recipient }: { conversationId: string; recipient: string }) {
  const id = useId();
  const boxRef = useRef<HTMLTextAreaElement>(null);
  const queryClient = useQueryClient();
  const [body, setBody] = useState("");
  const [files, setFiles] = useState<AttachmentInfo[]>([]);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [filesError, setFilesError] = useState<string | undefined>(undefined);
  const [pickerKey, setPickerKey] = useState(0);
  const send = useMutation({
    mutationFn: (text: string) =>
      sendMessage(
        conversationId,
        text,
        files.map((f) => f.id),
      ),
    onSuccess: (message) => {
      noteSentAt(message.created_at);
      applyMessage(queryClient, message);
      setBody("");
      setFiles([]);
      setPickerKey((k) => k + 1);
      setError(null);
      setFilesError(undefined);
      boxRef.current?.focus();
    },
    onError: (failure) => {
      const { fields, form } = problemToFormErrors(failure, ["body", "attachment_ids"] as const);
      setError(fields.body ?? form);
      setFilesError(fields.attachment_ids);
    },
  });
  const submit = () => {
    const text = body.trim();
    if (!text) {
      setError(files.length > 0 ? "Add a few words about the files." : "Write a message first.");
      boxRef.current?.focus();
      return;
    }
    if (uploading) {
      setError("Wait for the files to finish uploading.");
      return;
    }
    send.mutate(text);
  };
  const left = MESSAGE_MAX_CHARS - body.length;
  return (
    <form
      className="composer"
      noValidate
      aria-label={`Message to ${recipient}`}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <div className="field">
        <label htmlFor={id}>Your message</label>
        <textarea
          ref={boxRef}
          id={id}
          className="input textarea composer__box"
          rows={3}
          maxLength={MESSAGE_MAX_CHARS}
          value={body}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
          onChange={(event) => setBody(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              submit();
            }
          }}
        />
        <p className="field__hint" id={`${id}-hint`}>
          Ctrl+Enter sends.{left < 500 ? ` ${left} characters left.` : ""}
        </p>
        <FieldErrorText id={`${id}-error`} error={error ?? undefined} />
      </div>
      <details className="composer__files" open={files.length > 0 || undefined}>
        <summary>Attach files{files.length > 0 ? ` (${files.length})` : ""}</summary>
        <AttachmentPicker key={pickerKey} files={files} setFiles={setFiles} onBusyChange={setUploading} error={filesError} label="Files" />
      </details>
      <div className="form-actions composer__actions">
        <button type="submit" className="button" disabled={send.isPending || uploading}>
          {send.isPending ? "Sending…" : "Send"}
        </button>
      </div>
    </form>
  );
}
