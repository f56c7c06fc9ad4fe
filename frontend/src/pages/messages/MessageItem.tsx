import { useId, useRef, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { editMessage, type Message, type Participant } from "../../api/messaging";
import { problemToFormErrors } from "../../api/problem";
import { FieldErrorText } from "../../components/fields";
import { ReportButton } from "../../components/ReportButton";
import { formatDateTime } from "../../lib/format";
import { canEdit, flagsText, MESSAGE_MAX_CHARS } from "../../lib/messaging";
import { applyMessage, serverClockSkew } from "../../lib/messagingQueries";
import { AttachmentLinks } from "../hiring/Attachments";
import { MessageText } from "./parts";

/** Shown to the sender of a message that shares contact details before any contract. */
export function OffPlatformWarning({ message }: { message: Message }) {
  if (message.warnings.length === 0) return null;
  return (
    <div className="alert alert--warning message__warning" data-testid="message-warning">
      <p className="alert__title">Keep payments on Worklane</p>
      <p>
        This message shares {flagsText(message.warnings)}. It was delivered, but until you have a contract, asking to talk
        or pay outside Worklane is against our terms: payments made off the platform have no escrow, no payment protection
        and no dispute help.
      </p>
    </div>
  );
}

function EditForm({ message, onDone }: { message: Message; onDone: () => void }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [body, setBody] = useState(message.body);
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (text: string) => editMessage(message.id, text),
    onSuccess: (edited) => {
      applyMessage(queryClient, edited);
      onDone();
    },
    onError: (failure) => {
      const { fields, form } = problemToFormErrors(failure, ["body"] as const);
      setError(fields.body ?? form);
    },
  });
  return (
    <form
      className="message__edit"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const text = body.trim();
        if (!text) {
          setError("A message cannot be empty.");
          return;
        }
        if (text === message.body) {
          onDone();
          return;
        }
        save.mutate(text);
      }}
    >
      <label htmlFor={id}>Edited message</label>
      <textarea
        id={id}
        className="input textarea"
        rows={3}
        maxLength={MESSAGE_MAX_CHARS}
        value={body}
        autoFocus
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => setBody(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Escape") onDone();
        }}
      />
      <FieldErrorText id={`${id}-error`} error={error ?? undefined} />
      <div className="form-actions">
        <button type="submit" className="button button--small" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save"}
        </button>
        <button type="button" className="button button--secondary button--small" onClick={() => onDone()}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function MessageItem({
  message,
  userId,
  sender,
  timeZone,
  now,
}: {
  message: Message;
  userId: string | undefined;
  sender: Participant | undefined;
  timeZone: string | null | undefined;
  now: number;
}) {
  const [editing, setEditing] = useState(false);
  const itemRef = useRef<HTMLLIElement>(null);
  const mine = message.sender_id === userId;
  const editable = canEdit(message, userId, now + serverClockSkew());
  const editLabel = `Edit the message you sent ${formatDateTime(message.created_at, timeZone)}`;
  return (
    <li ref={itemRef} className={mine ? "message message--mine" : "message"} data-testid="message">
      <p className="message__meta">
        <strong className="message__sender">{mine ? "You" : (sender?.full_name ?? "Former member")}</strong>{" "}
        <time dateTime={message.created_at}>{formatDateTime(message.created_at, timeZone)}</time>
        {message.edited_at && <span className="message__edited"> · edited</span>}
      </p>
      {editing ? (
        <EditForm
          message={message}
          onDone={() => {
            setEditing(false);
            // Back to the Edit button (or the message, once the window has closed).
            window.requestAnimationFrame(() => {
              const item = itemRef.current;
              (item?.querySelector<HTMLElement>(".message__edit-button") ?? item?.querySelector<HTMLElement>(".message__bubble"))?.focus();
            });
          }}
        />
      ) : (
        <div className="message__bubble" tabIndex={-1}>
          <MessageText text={message.body} />
          {message.attachments.length > 0 && <AttachmentLinks files={message.attachments} label="Files in this message" />}
        </div>
      )}
      {mine && <OffPlatformWarning message={message} />}
      {!mine && userId && (
        <ReportButton
          targetType="message"
          targetId={message.id}
          subject={message.body.length > 140 ? `${message.body.slice(0, 140)}…` : message.body}
          className="message__report-button"
          label={`Report the message from ${sender?.full_name ?? "a former member"} sent ${formatDateTime(message.created_at, timeZone)}`}
        />
      )}
      {editable && !editing && (
        <button type="button" className="message__edit-button" aria-label={editLabel} onClick={() => setEditing(true)}>
          Edit
        </button>
      )}
    </li>
  );
}
