import { useId, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { fetchFlags, removeJob, resolveFlag, type FlagOutcome, type FlagStatus, type QueuedFlag } from "../api/trust";
import { errorMessage } from "../api/problem";
import { ActionDialog, type ActionDialogHandle } from "../components/ActionDialog";
import { Alert, EmptyState, Loading } from "../components/feedback";
import { usePageTitle } from "../components/usePageTitle";
import { formatDateTime } from "../lib/format";
import { FLAG_STATUSES, flagTargetView, openFlagsText, parseFlagStatus, REMOVE_REASON_MAX, RESOLVE_NOTE_MAX } from "../lib/trust";
import { FilterTabs } from "./hiring/parts";
import { AdminPage } from "./admin/AdminShell";
import { trustKeys } from "./admin/keys";
import { FlagStatusBadge } from "./admin/parts";

function OutcomeChoice({ value, onChange }: { value: FlagOutcome; onChange: (v: FlagOutcome) => void }) {
  const name = useId();
  return (
    <fieldset>
      <legend>Outcome</legend>
      <label className="action-dialog__choice">
        <input type="radio" name={name} value="actioned" checked={value === "actioned"} onChange={() => onChange("actioned")} />
        Actioned: something was wrong and was dealt with
      </label>
      <label className="action-dialog__choice">
        <input type="radio" name={name} value="dismissed" checked={value === "dismissed"} onChange={() => onChange("dismissed")} />
        Dismissed: nothing wrong
      </label>
    </fieldset>
  );
}

function FlagItem({ flag, timeZone, onChanged }: { flag: QueuedFlag; timeZone: string | undefined; onChanged: (message: string) => void }) {
  const resolveDialog = useRef<ActionDialogHandle>(null);
  const removeDialog = useRef<ActionDialogHandle>(null);
  const [outcome, setOutcome] = useState<FlagOutcome>("actioned");
  const target = flagTargetView(flag);
  const headingId = useId();
  return (
    <li className="card" data-testid="flag" aria-labelledby={headingId}>
      <div className="admin-row__head">
        <h2 className="admin-row__name" id={headingId}>
          <span className="muted small">{target.kind}: </span>
          {target.to ? <Link to={target.to}>{target.text}</Link> : <span>{target.text}</span>}
        </h2>
        <FlagStatusBadge status={flag.status} />
      </div>
      <p className="muted small">
        {flag.target.owner && <>By {flag.target.owner.full_name} · </>}
        {flag.target_type === "message" && flag.target.conversation_id && (
          <>
            conversation <code>{flag.target.conversation_id}</code> ·{" "}
          </>
        )}
        <span data-testid="open-flags">{openFlagsText(flag.target.open_flags)}</span>
      </p>
      <p className="small">
        Reported by <Link to={`/admin/users/${flag.reporter.id}`}>{flag.reporter.full_name}</Link>{" "}
        <time dateTime={flag.created_at}>{formatDateTime(flag.created_at, timeZone)}</time>:
      </p>
      <p className="admin-quote">{flag.reason}</p>
      {flag.status !== "open" && (
        <p className="muted small">
          {flag.resolved_at && <>Resolved <time dateTime={flag.resolved_at}>{formatDateTime(flag.resolved_at, timeZone)}</time>. </>}
          {flag.resolution_note}
        </p>
      )}
      {flag.status === "open" && (
        <div className="admin-row__actions">
          <button type="button" className="button button--small" onClick={() => resolveDialog.current?.open()}>
            Resolve…
          </button>
          {flag.target_type === "job" && (
            <button type="button" className="button button--danger-quiet button--small" onClick={() => removeDialog.current?.open()}>
              Remove job…
            </button>
          )}
        </div>
      )}
      <ActionDialog
        ref={resolveDialog}
        title="Resolve this flag"
        subject={`${target.kind}: ${target.text}`}
        body={`Every open flag on this ${target.kind.toLowerCase()} is resolved with it (${openFlagsText(flag.target.open_flags).toLowerCase()}).`}
        extra={<OutcomeChoice value={outcome} onChange={setOutcome} />}
        label="Note (optional)"
        field="note"
        hint="For the record: what you found and what was done."
        max={RESOLVE_NOTE_MAX}
        confirm="Resolve"
        pending="Resolving…"
        tone="primary"
        onSubmit={(note) => resolveFlag(flag.id, outcome, note)}
        onDone={(resolved) =>
          onChanged(
            `${resolved.length === 1 ? "The flag" : `${resolved.length} flags`} on “${target.text}” ${resolved.length === 1 ? "is" : "are"} ${outcome}.`,
          )
        }
      />
      {flag.target_type === "job" && (
        <ActionDialog
          ref={removeDialog}
          title="Remove this job"
          subject={target.text}
          body="The job leaves search and can no longer be applied to; every freelancer who sent a proposal gets their Connects back. The client is told why."
          label="Reason"
          field="reason"
          hint="The client sees this."
          required="Give a reason; the client is told it."
          max={REMOVE_REASON_MAX}
          confirm="Remove job"
          pending="Removing…"
          onSubmit={(reason) => removeJob(flag.target_id, reason)}
          onDone={() => onChanged(`“${target.text}” is removed. Resolve the flag when you are done.`)}
        />
      )}
    </li>
  );
}

function Queue({ status, timeZone }: { status: FlagStatus; timeZone: string | undefined }) {
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const queue = useInfiniteQuery({
    queryKey: trustKeys.flags(status),
    queryFn: ({ pageParam, signal }) => fetchFlags(status, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? null,
  });
  const flags = queue.data?.pages.flatMap((p) => p.data) ?? [];
  const changed = (text: string) => {
    setMessage(text);
    void queryClient.invalidateQueries({ queryKey: trustKeys.all });
  };
  return (
    <section aria-label={`${FLAG_STATUSES.find((s) => s.value === status)?.label ?? ""} flags`}>
      <div className="form-live" aria-live="polite">
        {message && (
          <Alert tone="success" live={false}>
            <p>{message}</p>
          </Alert>
        )}
      </div>
      {queue.isPending ? (
        <Loading label="Loading the flags…" />
      ) : queue.isError && flags.length === 0 ? (
        <Alert tone="error" title="We could not load the flags">
          <p>{errorMessage(queue.error)}</p>
          <button type="button" className="button button--secondary button--small" onClick={() => void queue.refetch()}>
            Try again
          </button>
        </Alert>
      ) : flags.length === 0 ? (
        <EmptyState title={status === "open" ? "Nothing to review" : "Nothing here"}>
          <p>{status === "open" ? "Reports from members appear here." : `No ${status} flags yet.`}</p>
        </EmptyState>
      ) : (
        <>
          <ul className="admin-list" aria-label="Flags">
            {flags.map((flag) => (
              <FlagItem key={flag.id} flag={flag} timeZone={timeZone} onChanged={changed} />
            ))}
          </ul>
          <div className="job-list__more" aria-live="polite">
            {queue.isFetchNextPageError && <p className="field__error">{errorMessage(queue.error)}</p>}
            {queue.hasNextPage && (
              <button type="button" className="button button--secondary" disabled={queue.isFetchingNextPage} onClick={() => void queue.fetchNextPage()}>
                {queue.isFetchingNextPage ? "Loading…" : "Load more flags"}
              </button>
            )}
          </div>
        </>
      )}
    </section>
  );
}

export default function AdminFlagsPage() {
  usePageTitle("Flags (admin)");
  const [params] = useSearchParams();
  const status = parseFlagStatus(params.get("status"));
  return (
    <AdminPage what="the flag queue">
      {(user) => (
        <>
          <header className="page-header">
            <h1>Flags</h1>
            <p>What members reported. Look at it, act if needed, then resolve every flag on it at once.</p>
          </header>
          <div>
            <FilterTabs
              label="Flag status"
              tabs={FLAG_STATUSES.map((s) => ({
                key: s.value,
                label: s.label,
                to: s.value === "open" ? "/admin/flags" : `/admin/flags?status=${s.value}`,
                current: s.value === status,
              }))}
            />
            <Queue key={status} status={status} timeZone={user.timezone} />
          </div>
        </>
      )}
    </AdminPage>
  );
}
