import { useId, useRef, useState } from "react";
import { Link } from "react-router";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { runJobAction, type JobAction } from "../../api/jobs";
import { ApiError, errorMessage } from "../../api/problem";
import type { Job } from "../../api/types";
import { allowedActions, statusLabels } from "../../lib/jobs";

const confirmations: Record<"close" | "cancel", { title: string; body: string; confirm: string; keep: string }> = {
  close: {
    title: "Close this job?",
    body: "Freelancers will no longer be able to send proposals. The job stays visible, marked closed. This cannot be undone.",
    confirm: "Close job",
    keep: "Keep it open",
  },
  cancel: {
    title: "Cancel this job?",
    body: "The job is withdrawn and nobody can send proposals to it. This cannot be undone.",
    confirm: "Cancel job",
    keep: "Keep the job",
  },
};

const done: Record<JobAction, string> = {
  publish: "The job is published and open for proposals.",
  close: "The job is closed.",
  cancel: "The job is cancelled.",
};

/** Keep every cached copy of a job in step after the owner changes it. */
export function useJobChanged() {
  const queryClient = useQueryClient();
  return (job: Job) => {
    queryClient.setQueryData(["job", job.id], job);
    void queryClient.invalidateQueries({ queryKey: ["my-jobs"] });
  };
}

/** Publish / edit / close / cancel, as the job's state allows; close and cancel ask first. */
export function JobActions({ job, compact = false }: { job: Job; compact?: boolean }) {
  const allowed = allowedActions(job.status);
  const jobChanged = useJobChanged();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const titleId = useId();
  const bodyId = useId();
  const [pending, setPending] = useState<"close" | "cancel" | null>(null);
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);

  const action = useMutation({
    mutationFn: (which: JobAction) => runJobAction(job.id, which),
    onSuccess: (updated, which) => {
      setMessage({ tone: "ok", text: done[which] });
      jobChanged(updated);
      // The button just used may be gone now: keep the focus on the outcome.
      window.setTimeout(() => statusRef.current?.focus(), 0);
    },
    onError: (error) => {
      const text =
        error instanceof ApiError && error.code === "invalid_job_state"
          ? `This can no longer be done: the job is ${statusLabels[job.status].toLowerCase()} now. Reload to see its latest state.`
          : errorMessage(error);
      setMessage({ tone: "error", text });
    },
  });

  const ask = (which: "close" | "cancel") => {
    setMessage(null);
    setPending(which);
    const dialog = dialogRef.current;
    if (dialog && typeof dialog.showModal === "function") dialog.showModal();
  };

  const confirm = () => {
    const which = pending;
    dialogRef.current?.close();
    if (which) action.mutate(which);
  };

  const size = compact ? " button--small" : "";
  const any = allowed.publish || allowed.edit || allowed.close || allowed.cancel;
  const text = pending ? confirmations[pending] : null;

  return (
    <div className="job-actions">
      {any && (
        <div className="job-actions__buttons">
          {allowed.publish && (
            <button
              type="button"
              className={`button${size}`}
              disabled={action.isPending}
              onClick={() => {
                setMessage(null);
                action.mutate("publish");
              }}
            >
              {action.isPending && action.variables === "publish" ? "Publishing…" : "Publish"}
            </button>
          )}
          {allowed.edit && (
            <Link className={`button button--secondary${size}`} to={`/jobs/${job.id}/edit`} aria-label={compact ? `Edit ${job.title}` : undefined}>
              Edit
            </Link>
          )}
          {allowed.close && (
            <button type="button" className={`button button--secondary${size}`} disabled={action.isPending} onClick={() => ask("close")}>
              {action.isPending && action.variables === "close" ? "Closing…" : "Close"}
            </button>
          )}
          {allowed.cancel && (
            <button
              type="button"
              className={`button button--danger-quiet${size}`}
              disabled={action.isPending}
              onClick={() => ask("cancel")}
            >
              {action.isPending && action.variables === "cancel" ? "Cancelling…" : "Cancel job"}
            </button>
          )}
        </div>
      )}
      <p
        ref={statusRef}
        tabIndex={-1}
        className={`job-actions__status${message?.tone === "error" ? " job-actions__status--error" : ""}`}
        role={message?.tone === "error" ? "alert" : "status"}
        hidden={!message}
      >
        {message?.text}
      </p>
      <dialog
        ref={dialogRef}
        className="confirm-dialog"
        aria-labelledby={titleId}
        aria-describedby={bodyId}
        onClose={() => setPending(null)}
      >
        {text && (
          <>
            <h2 id={titleId}>{text.title}</h2>
            <p className="muted small confirm-dialog__job">“{job.title}”</p>
            <p id={bodyId}>{text.body}</p>
            <div className="form-actions confirm-dialog__actions">
              <button type="button" className="button button--danger" onClick={confirm}>
                {text.confirm}
              </button>
              <button type="button" className="button button--secondary" autoFocus onClick={() => dialogRef.current?.close()}>
                {text.keep}
              </button>
            </div>
          </>
        )}
      </dialog>
    </div>
  );
}
