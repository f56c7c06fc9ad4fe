import { useState, type ReactNode } from "react";
import { Link, useSearchParams } from "react-router";
import { useInfiniteQuery } from "@tanstack/react-query";
import { fetchAuditLog, type AuditEntry } from "../api/trust";
import { errorMessage } from "../api/problem";
import { Alert, EmptyState, Loading } from "../components/feedback";
import { FieldErrorText } from "../components/fields";
import { usePageTitle } from "../components/usePageTitle";
import { formatDateTime } from "../lib/format";
import {
  actorKindLabels,
  auditFormErrors,
  auditFormFromParams,
  auditQuery,
  EMPTY_AUDIT_FORM,
  type AuditField,
  type AuditForm,
} from "../lib/trust";
import { AdminPage } from "./admin/AdminShell";
import { trustKeys } from "./admin/keys";

const FIELDS: { name: AuditField; label: string; hint?: string; type?: string }[] = [
  { name: "action", label: "Action starts with", hint: "e.g. admin. or auth.sign_in or money." },
  { name: "actor_id", label: "Actor id" },
  { name: "target_id", label: "Target id" },
  { name: "request_id", label: "Request id" },
  { name: "ip", label: "IP address" },
  { name: "since", label: "Since", type: "datetime-local" },
  { name: "until", label: "Until", type: "datetime-local" },
];

function FilterForm({ initial, onApply }: { initial: AuditForm; onApply: (form: AuditForm) => void }) {
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<Partial<Record<AuditField, string>>>({});
  return (
    <form
      className="card audit-form"
      aria-label="Filter the audit log"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const found = auditFormErrors(form);
        setErrors(found);
        if (Object.keys(found).length === 0) onApply(form);
      }}
    >
      {FIELDS.map((f) => {
        const id = `audit-${f.name}`;
        const error = errors[f.name];
        const describedBy = [f.hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
        return (
          <div className="field" key={f.name}>
            <label htmlFor={id}>{f.label}</label>
            <input
              id={id}
              className="input"
              type={f.type ?? "text"}
              autoComplete="off"
              spellCheck={false}
              value={form[f.name]}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy}
              onChange={(event) => {
                setForm((old) => ({ ...old, [f.name]: event.target.value }));
                if (error) setErrors((old) => ({ ...old, [f.name]: undefined }));
              }}
            />
            {f.hint && (
              <p className="field__hint" id={`${id}-hint`}>
                {f.hint}
              </p>
            )}
            <FieldErrorText id={`${id}-error`} error={error} />
          </div>
        );
      })}
      <div className="form-actions">
        <button type="submit" className="button">
          Show entries
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setForm(EMPTY_AUDIT_FORM);
            setErrors({});
            onApply(EMPTY_AUDIT_FORM);
          }}
        >
          Clear
        </button>
      </div>
    </form>
  );
}

function Actor({ entry }: { entry: AuditEntry }) {
  const kind = actorKindLabels[entry.actor_kind];
  if (!entry.actor) return <span>{kind}</span>;
  return (
    <span>
      <Link to={`/admin/users/${entry.actor.id}`}>{entry.actor.full_name}</Link> <span className="muted">({kind})</span>
    </span>
  );
}

/** One cell: a single box inside, so the phone layout (label, then value) stays two columns. */
function Cell({ label, children }: { label: string; children: ReactNode }) {
  return (
    <td data-label={label}>
      <div>{children}</div>
    </td>
  );
}

const none = <span className="muted">—</span>;

function Row({ entry, timeZone }: { entry: AuditEntry; timeZone: string | undefined }) {
  const hasDetails = Object.keys(entry.details).length > 0;
  return (
    <tr data-testid="audit-entry">
      <Cell label="Time">
        <time dateTime={entry.occurred_at}>{formatDateTime(entry.occurred_at, timeZone)}</time>
      </Cell>
      <Cell label="Actor">
        <Actor entry={entry} />
      </Cell>
      <Cell label="Action">
        <code>{entry.action}</code>
        {hasDetails && (
          <details>
            <summary>Details</summary>
            <pre>{JSON.stringify(entry.details, null, 2)}</pre>
          </details>
        )}
      </Cell>
      <Cell label="Target">
        {entry.target_type || entry.target_id ? (
          <>
            {entry.target_type && <span>{entry.target_type} </span>}
            {entry.target_id && <code>{entry.target_id}</code>}
          </>
        ) : (
          none
        )}
      </Cell>
      <Cell label="Request">{entry.request_id ? <code>{entry.request_id}</code> : none}</Cell>
      <Cell label="IP">{entry.ip ? <code className="audit-ip">{entry.ip}</code> : none}</Cell>
      <Cell label="Status">{entry.status ?? none}</Cell>
    </tr>
  );
}

function Log({ timeZone }: { timeZone: string | undefined }) {
  const [params, setParams] = useSearchParams();
  const form = auditFormFromParams(params);
  const query = auditQuery(form);
  const log = useInfiniteQuery({
    queryKey: trustKeys.audit({ ...query }),
    queryFn: ({ pageParam, signal }) => fetchAuditLog(query, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? null,
  });
  const entries = log.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <>
      <FilterForm
        key={params.toString()}
        initial={form}
        onApply={(next) => {
          const p = new URLSearchParams();
          for (const [k, v] of Object.entries(next)) if (v.trim()) p.set(k, v.trim());
          setParams(p, { replace: true });
        }}
      />
      <section aria-labelledby="entries-title">
        <h2 id="entries-title">Entries, newest first</h2>
        {log.isPending ? (
          <Loading label="Loading the audit log…" />
        ) : log.isError && entries.length === 0 ? (
          <Alert tone="error" title="We could not load the audit log">
            <p>{errorMessage(log.error)}</p>
            <button type="button" className="button button--secondary button--small" onClick={() => void log.refetch()}>
              Try again
            </button>
          </Alert>
        ) : entries.length === 0 ? (
          <EmptyState title="No entries">
            <p>Nothing in the audit log matches this filter.</p>
          </EmptyState>
        ) : (
          <>
            <div className="audit-table-wrap">
              <table className="audit-table">
                <thead>
                  <tr>
                    <th scope="col">Time</th>
                    <th scope="col">Actor</th>
                    <th scope="col">Action</th>
                    <th scope="col">Target</th>
                    <th scope="col">Request id</th>
                    <th scope="col">IP</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((entry) => (
                    <Row key={entry.id} entry={entry} timeZone={timeZone} />
                  ))}
                </tbody>
              </table>
            </div>
            <div className="job-list__more" aria-live="polite">
              {log.isFetchNextPageError && <p className="field__error">{errorMessage(log.error)}</p>}
              {log.hasNextPage && (
                <button type="button" className="button button--secondary" disabled={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
                  {log.isFetchingNextPage ? "Loading…" : "Load more"}
                </button>
              )}
            </div>
          </>
        )}
      </section>
    </>
  );
}

export default function AdminAuditLogPage() {
  usePageTitle("Audit log (admin)");
  return (
    <AdminPage what="the audit log">
      {(user) => (
        <>
          <header className="page-header">
            <h1>Audit log</h1>
            <p>Who did what, when and from where: sign-ins, money movements, admin decisions and every change request.</p>
          </header>
          <Log timeZone={user.timezone} />
        </>
      )}
    </AdminPage>
  );
}
