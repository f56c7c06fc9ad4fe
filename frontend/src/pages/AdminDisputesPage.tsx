import { useId, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchAdminDisputes, resolveDispute, type Dispute } from "../api/disputes";
import { errorMessage, problemToFormErrors } from "../api/problem";
import { Alert, EmptyState, Loading } from "../components/feedback";
import { FieldErrorText } from "../components/fields";
import { usePageTitle } from "../components/usePageTitle";
import { AdminNav } from "./admin/AdminShell";
import { checkSplit } from "../lib/disputes";
import { formatMoney } from "../lib/money";
import { useFreshUser } from "../lib/queries";
import { DisputeRow, parseStatus, STATUS_FILTERS } from "./disputes/list";
import { DisputeDetail, disputeKeys } from "./disputes/parts";

const FIELDS = ["release_amount", "refund_amount", "note"] as const;
type FieldName = (typeof FIELDS)[number];

function ResolveForm({ dispute }: { dispute: Dispute }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [release, setRelease] = useState("");
  const [refund, setRefund] = useState("");
  const [note, setNote] = useState("");
  const [touched, setTouched] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const split = checkSplit(release, refund, dispute.amount);
  const resolve = useMutation({
    mutationFn: () => resolveDispute(dispute.id, { release_amount: split.releaseAmount ?? release, refund_amount: split.refundAmount ?? refund, note: note.trim() }),
    onSuccess: (updated) => {
      queryClient.setQueryData(disputeKeys.one(dispute.id), updated);
      void queryClient.invalidateQueries({ queryKey: disputeKeys.all });
    },
    onError: (failure) => {
      const { fields, form } = problemToFormErrors<FieldName>(failure, FIELDS);
      setErrors(fields);
      setFormError(form);
    },
  });
  if (dispute.status === "resolved") return null;
  const showTotal = touched || release !== "" || refund !== "";
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Resolve</h2>
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setTouched(true);
          const next: Partial<Record<FieldName, string>> = {};
          if (split.release) next.release_amount = split.release;
          if (split.refund) next.refund_amount = split.refund;
          if (!split.release && !split.refund && split.total) next.refund_amount = split.total;
          if (!note.trim()) next.note = "Explain the decision; both parties see it.";
          setErrors(next);
          setFormError(null);
          if (Object.keys(next).length === 0) resolve.mutate();
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-release`}>Release to the freelancer, {dispute.freelancer.full_name} (USD)</label>
          <input
            id={`${id}-release`}
            className="input"
            inputMode="decimal"
            autoComplete="off"
            value={release}
            aria-invalid={errors.release_amount ? true : undefined}
            aria-describedby={`${id}-total${errors.release_amount ? ` ${id}-release-error` : ""}`}
            onChange={(event) => {
              setRelease(event.target.value);
              if (errors.release_amount) setErrors((e) => ({ ...e, release_amount: undefined }));
            }}
          />
          <FieldErrorText id={`${id}-release-error`} error={errors.release_amount} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-refund`}>Refund to the client, {dispute.client.full_name} (USD)</label>
          <input
            id={`${id}-refund`}
            className="input"
            inputMode="decimal"
            autoComplete="off"
            value={refund}
            aria-invalid={errors.refund_amount ? true : undefined}
            aria-describedby={`${id}-total${errors.refund_amount ? ` ${id}-refund-error` : ""}`}
            onChange={(event) => {
              setRefund(event.target.value);
              if (errors.refund_amount) setErrors((e) => ({ ...e, refund_amount: undefined }));
            }}
          />
          <FieldErrorText id={`${id}-refund-error`} error={errors.refund_amount} />
        </div>
        <p id={`${id}-total`} className={`split-total small${showTotal && split.total ? " split-total--bad" : ""}`} aria-live="polite">
          {showTotal && split.total ? split.total : `Release and refund must add up to ${formatMoney(dispute.amount)}.`}
        </p>
        <div className="field">
          <label htmlFor={`${id}-note`}>Note to both parties</label>
          <textarea
            id={`${id}-note`}
            className="input textarea"
            rows={3}
            maxLength={5000}
            value={note}
            aria-invalid={errors.note ? true : undefined}
            aria-describedby={errors.note ? `${id}-note-error` : undefined}
            onChange={(event) => {
              setNote(event.target.value);
              if (errors.note) setErrors((e) => ({ ...e, note: undefined }));
            }}
          />
          <FieldErrorText id={`${id}-note-error`} error={errors.note} />
        </div>
        {formError && (
          <p className="field__error" role="alert">
            {formError}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button" disabled={resolve.isPending}>
            {resolve.isPending ? "Resolving…" : "Resolve dispute"}
          </button>
        </div>
      </form>
    </section>
  );
}

function Queue({ userId, timeZone }: { userId: string; timeZone: string | null | undefined }) {
  const [params, setParams] = useSearchParams();
  const status = parseStatus(params.get("status"), "unresolved");
  const selected = params.get("dispute");
  const query = useQuery({
    queryKey: disputeKeys.admin(status),
    queryFn: ({ signal }) => fetchAdminDisputes(status === "all" ? "unresolved" : status, null, signal),
  });
  const update = (next: Record<string, string | null>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v === null) p.delete(k);
      else p.set(k, v);
    }
    setParams(p, { replace: true });
  };
  if (selected) {
    return (
      <>
        <p>
          <Link to={`/admin/disputes${status === "unresolved" ? "" : `?status=${status}`}`}>← Back to the queue</Link>
        </p>
        <DisputeDetail id={selected} userId={userId} timeZone={timeZone}>
          {(dispute) => <ResolveForm key={dispute.id} dispute={dispute} />}
        </DisputeDetail>
      </>
    );
  }
  return (
    <>
      <div className="dispute-filter field">
        <label htmlFor="admin-dispute-status">Status</label>
        <select id="admin-dispute-status" className="input" value={status} onChange={(event) => update({ status: event.target.value === "unresolved" ? null : event.target.value })}>
          {STATUS_FILTERS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
      </div>
      {query.isPending ? (
        <Loading label="Loading the queue…" />
      ) : query.isError ? (
        <Alert tone="error" title="The queue could not be loaded">
          {errorMessage(query.error)}
        </Alert>
      ) : query.data.data.length === 0 ? (
        <EmptyState title="Nothing here">No disputes with this status.</EmptyState>
      ) : (
        <ul className="dispute-list" aria-label="Dispute queue">
          {query.data.data.map((d) => {
            const p = new URLSearchParams(params);
            p.set("dispute", d.id);
            return <DisputeRow key={d.id} dispute={d} to={`/admin/disputes?${p.toString()}`} timeZone={timeZone} />;
          })}
        </ul>
      )}
    </>
  );
}

export default function AdminDisputesPage() {
  usePageTitle("Disputes (admin)");
  const user = useFreshUser();
  if (!user) return <Loading />;
  if (!user.roles.includes("admin")) {
    return (
      <div className="narrow">
        <div className="gate card">
          <h1>This page is for Worklane admins</h1>
          <p>Your account does not have access to the dispute queue.</p>
          <div className="form-actions">
            <Link className="button" to="/">
              Go to the home page
            </Link>
          </div>
        </div>
      </div>
    );
  }
  return (
    <div className="admin">
      <AdminNav />
      <div className="hiring-page">
        <header className="page-header">
          <h1>Disputes</h1>
          <p>Read both sides, then split the escrow.</p>
        </header>
        <Queue userId={user.id} timeZone={user.timezone} />
      </div>
    </div>
  );
}
