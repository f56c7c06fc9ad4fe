import type { ReactNode } from "react";
import { Link } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { fetchClient } from "../../api/profiles";
import type { ClientProfile } from "../../api/types";
import { ratingSummary } from "../../lib/feedback";
import { countryName, formatUsd, monthYear } from "../../lib/profiles";
import { useCountries } from "../../lib/queries";

/** A missing figure, worded rather than shown as a zero. */
export function None({ children }: { children: ReactNode }) {
  return <span className="fact-empty">{children}</span>;
}

/** The facts a freelancer weighs about a client. */
export function ClientFacts({ client }: { client: ClientProfile }) {
  const countries = useCountries();
  const s = client.stats;
  return (
    <dl className="job-terms client-facts">
      <div className="client-facts__wide">
        <dt>Location</dt>
        <dd>{countryName(countries.data, client.country)}</dd>
      </div>
      <div>
        <dt>Member since</dt>
        <dd>{monthYear(client.member_since)}</dd>
      </div>
      <div>
        <dt>Jobs posted</dt>
        <dd>{s.jobs_posted.toLocaleString("en-US")}</dd>
      </div>
      <div>
        <dt>Hire rate</dt>
        <dd>{s.hire_rate != null ? `${s.hire_rate}%` : <None>No jobs yet</None>}</dd>
      </div>
      <div>
        <dt>Total spent</dt>
        <dd>{Number(s.total_spent) > 0 ? formatUsd(s.total_spent) : <None>Nothing yet</None>}</dd>
      </div>
      <div>
        <dt>Rating</dt>
        <dd data-testid="client-rating">{ratingSummary(s.rating, s.reviews) ?? <None>No reviews yet</None>}</dd>
      </div>
      <div className="client-facts__wide">
        <dt>Payment method</dt>
        <dd>
          {s.payment_verified ? (
            <span className="badge badge--brand">Payment verified</span>
          ) : (
            <None>Payment not verified</None>
          )}
        </dd>
      </div>
    </dl>
  );
}

/** "About the client" on a job page, loaded from GET /clients/{id}. */
export function ClientCard({ clientId }: { clientId: string }) {
  const client = useQuery({ queryKey: ["client", clientId], queryFn: () => fetchClient(clientId) });
  return (
    <section className="card client-card" aria-labelledby="client-card-title">
      <h2 id="client-card-title" className="job-detail__subhead">
        About the client
      </h2>
      {client.isPending ? (
        <p className="muted small" role="status">
          Loading the client…
        </p>
      ) : client.isError ? (
        <p className="muted small">The client’s details could not be loaded.</p>
      ) : (
        <>
          <p className="client-card__name">
            <Link to={`/clients/${client.data.id}`}>{client.data.company_name || client.data.full_name}</Link>
          </p>
          <ClientFacts client={client.data} />
        </>
      )}
    </section>
  );
}
