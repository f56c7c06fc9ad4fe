import { useState } from "react";
import { Link } from "react-router";
import { useQueryClient } from "@tanstack/react-query";
import type { DocumentStatus, IdentityDocument, IdentityDocumentList } from "../api/types";
import { errorMessage } from "../api/problem";
import { Alert, Loading } from "../components/feedback";
import { usePageTitle } from "../components/usePageTitle";
import { formatDateTime } from "../lib/format";
import { moneyKeys, useIdentityDocuments } from "../lib/moneyQueries";
import { useFreshUser } from "../lib/queries";
import { DocumentUpload } from "./money/DocumentUpload";
import "./jobs/jobs.css";
import "./money/money.css";

const statusBadge: Record<DocumentStatus, { label: string; tone: string }> = {
  pending: { label: "In review", tone: "badge--info" },
  approved: { label: "Approved", tone: "badge--success" },
  rejected: { label: "Not accepted", tone: "badge--danger" },
};

function newestFirst(docs: IdentityDocument[]): IdentityDocument[] {
  return [...docs].sort((a, b) => b.created_at.localeCompare(a.created_at));
}

function History({ docs, timeZone }: { docs: IdentityDocument[]; timeZone: string | undefined }) {
  return (
    <ol className="method-list" aria-label="Your documents, newest first">
      {docs.map((doc) => {
        const badge = statusBadge[doc.status as DocumentStatus] as (typeof statusBadge)[DocumentStatus] | undefined ?? {
          label: doc.status,
          tone: "badge--neutral",
        };
        return (
          <li key={doc.id} className="method-row" data-testid="identity-document">
            <div className="method-row__main">
              <p className="method-row__name">
                Uploaded <time dateTime={doc.created_at}>{formatDateTime(doc.created_at, timeZone)}</time>
              </p>
              {doc.reviewed_at && (
                <p className="muted small">
                  Reviewed <time dateTime={doc.reviewed_at}>{formatDateTime(doc.reviewed_at, timeZone)}</time>
                </p>
              )}
              {doc.status === "rejected" && doc.reason && <p className="small document-reason">Reason: {doc.reason}</p>}
            </div>
            <span className={`badge ${badge.tone}`}>{badge.label}</span>
          </li>
        );
      })}
    </ol>
  );
}

function Status({ identity }: { identity: IdentityDocumentList }) {
  const latest = newestFirst(identity.data)[0];
  if (identity.identity_verified) {
    return (
      <div className="identity-status">
        <span className="badge badge--success identity-badge" data-testid="identity-status">
          <span aria-hidden="true">✓</span> Identity verified
        </span>
        <p>Your identity is verified: clients see the badge on your profile, and you can withdraw your earnings.</p>
        <p>
          <Link to="/withdrawals">Go to withdrawals</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="identity-status">
      <span className={`badge ${latest?.status === "pending" ? "badge--info" : "badge--warning"} identity-badge`} data-testid="identity-status">
        {latest?.status === "pending" ? "In review" : "Not verified"}
      </span>
      <p>
        {latest?.status === "pending"
          ? "We have your document and will review it soon, usually within a day. You can withdraw once it is approved; if it is not accepted, you can upload another one here."
          : "Verify your identity to withdraw your earnings and to show the “identity verified” badge on your profile."}
      </p>
    </div>
  );
}

export default function IdentityPage() {
  usePageTitle("Identity verification");
  const user = useFreshUser();
  const queryClient = useQueryClient();
  const identity = useIdentityDocuments();
  const [uploaded, setUploaded] = useState(false);

  let body: React.ReactNode;
  if (identity.isPending) {
    body = <Loading label="Loading your verification…" />;
  } else if (identity.isError) {
    body = (
      <Alert tone="error" title="We could not load your verification">
        <p>{errorMessage(identity.error)}</p>
        <button type="button" className="button button--secondary button--small" onClick={() => void identity.refetch()}>
          Try again
        </button>
      </Alert>
    );
  } else {
    const docs = newestFirst(identity.data.data);
    const pending = docs[0]?.status === "pending";
    body = (
      <>
        <section className="card" aria-labelledby="status-title">
          <h2 id="status-title">Status</h2>
          <Status identity={identity.data} />
        </section>
        {!identity.data.identity_verified && !pending && (
          <section className="card">
            <DocumentUpload
              onUploaded={(doc) => {
                queryClient.setQueryData<IdentityDocumentList>(moneyKeys.identity, (old) =>
                  old ? { ...old, data: [doc, ...old.data] } : old,
                );
                void queryClient.invalidateQueries({ queryKey: moneyKeys.identity });
                setUploaded(true);
              }}
              onStale={() => void queryClient.invalidateQueries({ queryKey: moneyKeys.identity })}
            />
          </section>
        )}
        {docs.length > 0 && (
          <section className="card" aria-labelledby="documents-title">
            <h2 id="documents-title">Your documents</h2>
            <History docs={docs} timeZone={user?.timezone} />
          </section>
        )}
      </>
    );
  }

  return (
    <div className="money-page">
      <p className="back-link">
        <Link to="/account">
          <span aria-hidden="true">← </span>Your account
        </Link>
      </p>
      <header className="page-header">
        <h1>Identity verification</h1>
        <p>We check who you are once, before your first withdrawal. It keeps payouts safe for everyone.</p>
      </header>
      <div className="form-live" aria-live="polite">
        {uploaded && (
          <Alert tone="success" live={false}>
            <p>Your document is uploaded. We will review it soon.</p>
          </Alert>
        )}
      </div>
      {body}
    </div>
  );
}
