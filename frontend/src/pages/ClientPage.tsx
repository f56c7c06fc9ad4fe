import { Link, useParams } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { ApiError, errorMessage } from "../api/problem";
import { fetchClient } from "../api/profiles";
import { useCurrentUser } from "../auth/useAuth";
import { ReportButton } from "../components/ReportButton";
import { Alert, EmptyState, Loading } from "../components/feedback";
import { usePageTitle } from "../components/usePageTitle";
import { companySizeLabels } from "../lib/profiles";
import { PlainText } from "../components/PlainText";
import { ClientFacts } from "./profile/ClientCard";
import { Reviews } from "./profile/Reviews";
import "./jobs/jobs.css";
import "./profile/profile.css";

export default function ClientPage() {
  const { id = "" } = useParams();
  const me = useCurrentUser();
  const client = useQuery({ queryKey: ["client", id], queryFn: () => fetchClient(id) });
  const name = client.data ? client.data.company_name || client.data.full_name : null;
  usePageTitle(name ?? (client.isError ? "Client" : "Loading client"));

  if (client.isPending) return <Loading label="Loading the client…" />;
  if (client.isError) {
    if (client.error instanceof ApiError && (client.error.status === 404 || client.error.status === 400)) {
      return (
        <div className="narrow">
          <h1>Client not found</h1>
          <EmptyState title="There is no client at this address.">
            <p>The link may be wrong, or the account is closed.</p>
          </EmptyState>
        </div>
      );
    }
    return (
      <div className="narrow">
        <Alert tone="error" title="We could not load the client">
          <p>{errorMessage(client.error)}</p>
          <button type="button" className="button button--secondary button--small" onClick={() => void client.refetch()}>
            Try again
          </button>
        </Alert>
      </div>
    );
  }
  const c = client.data;
  return (
    <article className="client-page" aria-labelledby="client-name">
      {me?.id === c.id && (
        <p className="back-link">
          <Link to="/me/company">← Edit your company profile</Link>
        </p>
      )}
      <header className="page-header">
        <h1 id="client-name">{name}</h1>
        <p>
          {c.company_name ? `Hiring as ${c.full_name}` : "Client"}
          {c.company_size && ` · ${companySizeLabels[c.company_size]}`}
        </p>
        {me && me.id !== c.id && (
          <div className="profile-report">
            <ReportButton targetType="profile" targetId={c.id} subject={name ?? c.full_name} />
          </div>
        )}
      </header>
      <div className="job-detail__layout">
        <section className="card profile-block" aria-labelledby="client-about">
          <h2 id="client-about">About</h2>
          {c.description.trim() ? <PlainText text={c.description} /> : <p className="muted">No description yet.</p>}
          {c.website && (
            <p className="client-website">
              <a href={c.website} rel="noopener noreferrer nofollow" target="_blank">
                {c.website.replace(/^https?:\/\//, "")}
                <span className="visually-hidden"> (opens in a new tab)</span>
              </a>
            </p>
          )}
        </section>
        <section className="card profile-block" aria-labelledby="client-stats">
          <h2 id="client-stats">Activity</h2>
          <ClientFacts client={c} />
        </section>
      </div>
      <div className="client-page__reviews">
        <Reviews side="client" id={c.id} rating={c.stats.rating} count={c.stats.reviews} />
      </div>
    </article>
  );
}
