import { useId, useState } from "react";
import { Link } from "react-router";
import { useInfiniteQuery, useMutation, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { approveDocument, fetchReviewQueue, rejectDocument, verifyLedger } from "../api/money";
import type { ReviewDocument, ReviewDocumentPage } from "../api/types";
import { ApiError, errorMessage } from "../api/problem";
import { Alert, EmptyState, Loading } from "../components/feedback";
import { FieldErrorText } from "../components/fields";
import { usePageTitle } from "../components/usePageTitle";
import { AdminNav } from "./admin/AdminShell";
import { formatDateTime } from "../lib/format";
import { moneyKeys } from "../lib/moneyQueries";
import { countryName } from "../lib/profiles";
import { useCountries, useFreshUser } from "../lib/queries";
import { DocumentViewer } from "./money/DocumentViewer";
import "./jobs/jobs.css";
import "./money/money.css";

const REASON_MAX = 500;

type Outcome = "approved" | "rejected" | "elsewhere";

/** Another admin got there first (409 already_reviewed): the document leaves the queue all the same. */
function isAlreadyReviewed(error: unknown): boolean {
  return error instanceof ApiError && error.code === "already_reviewed";
}

function RejectForm({ doc, onDone, onCancel }: { doc: ReviewDocument; onDone: (outcome: Outcome) => void; onCancel: () => void }) {
  const id = useId();
  const errorId = useId();
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const reject = useMutation({
    mutationFn: (text: string) => rejectDocument(doc.id, text),
    onSuccess: () => onDone("rejected"),
    onError: (error) => {
      if (isAlreadyReviewed(error)) onDone("elsewhere");
    },
  });
  return (
    <form
      className="form reject-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const text = reason.trim();
        if (!text) {
          setProblem("Say why, so the freelancer knows what to upload instead.");
          return;
        }
        setProblem(null);
        reject.mutate(text);
      }}
    >
      <div className="field">
        <label htmlFor={id}>Reason for rejecting</label>
        <textarea
          id={id}
          className="input reject-form__reason"
          rows={3}
          maxLength={REASON_MAX}
          value={reason}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? errorId : undefined}
          onChange={(event) => setReason(event.target.value)}
          autoFocus
        />
        <p className="field__hint">The freelancer sees this, e.g. “The photo is blurred; the name cannot be read.”</p>
        <FieldErrorText id={errorId} error={problem ?? undefined} />
      </div>
      {reject.isError && (
        <p className="field__error" role="alert">
          {errorMessage(reject.error)}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button--danger button--small" disabled={reject.isPending}>
          {reject.isPending ? "Rejecting…" : "Reject document"}
        </button>
        <button type="button" className="button button--secondary button--small" disabled={reject.isPending} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function QueueItem({
  doc,
  country,
  timeZone,
  onReviewed,
}: {
  doc: ReviewDocument;
  country: string;
  timeZone: string | undefined;
  onReviewed: (doc: ReviewDocument, outcome: Outcome) => void;
}) {
  const [viewing, setViewing] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const viewerId = useId();
  const approve = useMutation({
    mutationFn: () => approveDocument(doc.id),
    onSuccess: () => onReviewed(doc, "approved"),
    onError: (error) => {
      if (isAlreadyReviewed(error)) onReviewed(doc, "elsewhere");
    },
  });
  return (
    <li className="card review-item" data-testid="review-item">
      <div className="review-item__head">
        <div>
          <h3 className="review-item__name">{doc.user.full_name}</h3>
          <p className="muted small review-item__who">
            {doc.user.email} · {country}
          </p>
        </div>
        <p className="muted small">
          Uploaded <time dateTime={doc.created_at}>{formatDateTime(doc.created_at, timeZone)}</time>
        </p>
      </div>
      <div className="form-actions">
        <button
          type="button"
          className="button button--secondary button--small"
          aria-expanded={viewing}
          aria-controls={viewerId}
          onClick={() => setViewing((v) => !v)}
        >
          {viewing ? "Hide document" : "View document"}
        </button>
        <button
          type="button"
          className="button button--small"
          disabled={approve.isPending || rejecting}
          onClick={() => approve.mutate()}
        >
          {approve.isPending ? "Approving…" : "Approve"}
        </button>
        {!rejecting && (
          <button type="button" className="button button--danger-quiet button--small" disabled={approve.isPending} onClick={() => setRejecting(true)}>
            Reject…
          </button>
        )}
      </div>
      {approve.isError && (
        <p className="field__error" role="alert">
          {errorMessage(approve.error)}
        </p>
      )}
      <div id={viewerId}>{viewing && <DocumentViewer fileUrl={doc.file_url} owner={doc.user.full_name} />}</div>
      {rejecting && <RejectForm doc={doc} onDone={(outcome) => onReviewed(doc, outcome)} onCancel={() => setRejecting(false)} />}
    </li>
  );
}

function LedgerCard() {
  const check = useMutation({ mutationFn: verifyLedger });
  return (
    <section className="card" aria-labelledby="ledger-title">
      <h2 id="ledger-title">Ledger check</h2>
      <p className="muted small">
        Checks every ledger invariant: each transaction balances to zero, no account that must stay positive is below zero.
      </p>
      <div aria-live="polite">
        {check.isSuccess &&
          (check.data.ok ? (
            <Alert tone="success" live={false}>
              <p>All {check.data.transactions.toLocaleString()} transactions are balanced. No breaches.</p>
            </Alert>
          ) : (
            <Alert tone="error" live={false} title={`${check.data.breaches.length} breach${check.data.breaches.length === 1 ? "" : "es"} found`}>
              <ul>
                {check.data.breaches.map((b, i) => (
                  <li key={i}>{b}</li>
                ))}
              </ul>
            </Alert>
          ))}
        {check.isError && (
          <Alert tone="error" live={false}>
            <p>{errorMessage(check.error)}</p>
          </Alert>
        )}
      </div>
      <div className="form-actions ledger-check__actions">
        <button type="button" className="button button--secondary" disabled={check.isPending} onClick={() => check.mutate()}>
          {check.isPending ? "Checking…" : "Check the ledger"}
        </button>
      </div>
    </section>
  );
}

function ReviewQueue({ timeZone }: { timeZone: string | undefined }) {
  const queryClient = useQueryClient();
  const countries = useCountries();
  const [message, setMessage] = useState<string | null>(null);
  const queue = useInfiniteQuery({
    queryKey: moneyKeys.reviewQueue,
    queryFn: ({ pageParam }) => fetchReviewQueue(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? null,
  });
  const all = queue.data?.pages.flatMap((p) => p.data) ?? [];

  const reviewed = (doc: ReviewDocument, outcome: Outcome) => {
    // Out of the queue at once; the next fetch confirms it.
    queryClient.setQueryData<InfiniteData<ReviewDocumentPage, string | null>>(moneyKeys.reviewQueue, (old) =>
      old ? { ...old, pages: old.pages.map((p) => ({ ...p, data: p.data.filter((d) => d.id !== doc.id) })) } : old,
    );
    setMessage(
      outcome === "approved"
        ? `${doc.user.full_name}’s identity is verified.`
        : outcome === "rejected"
          ? `${doc.user.full_name}’s document was rejected; they can upload another.`
          : `${doc.user.full_name}’s document was already reviewed by someone else.`,
    );
    if (outcome === "elsewhere") void queryClient.invalidateQueries({ queryKey: moneyKeys.reviewQueue });
  };

  return (
    <section aria-labelledby="queue-title">
      <div className="history__head">
        <h2 id="queue-title">Waiting for review</h2>
        <button type="button" className="button button--secondary button--small" disabled={queue.isFetching} onClick={() => void queue.refetch()}>
          {queue.isFetching && !queue.isPending ? "Refreshing…" : "Refresh"}
        </button>
      </div>
      <div className="form-live" aria-live="polite">
        {message && (
          <Alert tone="success" live={false}>
            <p>{message}</p>
          </Alert>
        )}
      </div>
      {queue.isPending ? (
        <Loading label="Loading the queue…" />
      ) : queue.isError && all.length === 0 ? (
        <Alert tone="error" title="We could not load the queue">
          <p>{errorMessage(queue.error)}</p>
          <button type="button" className="button button--secondary button--small" onClick={() => void queue.refetch()}>
            Try again
          </button>
        </Alert>
      ) : all.length === 0 ? (
        <EmptyState title="Nothing to review">
          <p>New identity documents appear here as freelancers upload them.</p>
        </EmptyState>
      ) : (
        <>
          <ul className="review-list" aria-label="Documents waiting for review, oldest first">
            {all.map((doc) => (
              <QueueItem
                key={doc.id}
                doc={doc}
                country={countryName(countries.data, doc.user.country)}
                timeZone={timeZone}
                onReviewed={reviewed}
              />
            ))}
          </ul>
          <div className="job-list__more" aria-live="polite">
            {queue.isFetchNextPageError && <p className="field__error">{errorMessage(queue.error)}</p>}
            {queue.hasNextPage && (
              <button
                type="button"
                className="button button--secondary"
                disabled={queue.isFetchingNextPage}
                onClick={() => void queue.fetchNextPage()}
              >
                {queue.isFetchingNextPage ? "Loading…" : "Load more documents"}
              </button>
            )}
          </div>
        </>
      )}
    </section>
  );
}

export default function AdminIdentityPage() {
  usePageTitle("Identity review");
  const user = useFreshUser();
  if (!user) return <Loading />;
  if (!user.roles.includes("admin")) {
    return (
      <div className="narrow">
        <div className="gate card">
          <h1>This page is for Worklane admins</h1>
          <p>Your account does not have access to identity reviews.</p>
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
      <div className="money-page">
        <header className="page-header">
          <h1>Identity review</h1>
          <p>Check each document against the account’s name, then approve it or say why not.</p>
        </header>
        <ReviewQueue timeZone={user.timezone} />
        <LedgerCard />
      </div>
    </div>
  );
}
