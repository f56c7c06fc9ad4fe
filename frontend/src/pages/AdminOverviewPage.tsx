import { useId, type ReactNode } from "react";
import { Link } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { fetchStats, type PlatformStats } from "../api/trust";
import { errorMessage } from "../api/problem";
import { Alert, Loading } from "../components/feedback";
import { usePageTitle } from "../components/usePageTitle";
import { formatMoney } from "../lib/money";
import { shortDay, signupBars } from "../lib/trust";
import { AdminPage } from "./admin/AdminShell";
import { trustKeys } from "./admin/keys";

function Figure({ term, children, to, linkText }: { term: string; children: ReactNode; to?: string; linkText?: string }) {
  return (
    <div className="figure card">
      <dt>{term}</dt>
      <dd data-testid="figure">{children}</dd>
      {to && (
        <dd className="figure__link">
          <Link to={to}>{linkText}</Link>
        </dd>
      )}
    </div>
  );
}

const count = (n: number) => n.toLocaleString();

/** Sign-ups per day as bars (plain SVG), with the same figures as a table for anyone who cannot see it. */
function SignupsChart({ days }: { days: PlatformStats["signups_per_day"] }) {
  const id = useId();
  const { bars, max, total } = signupBars(days);
  const width = Math.max(bars.length, 1) * 10;
  const first = bars[0];
  const last = bars[bars.length - 1];
  return (
    <section className="card signups" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Sign-ups per day</h2>
      <p className="muted small" id={`${id}-summary`}>
        {total === 0
          ? "No sign-ups in the last 30 days."
          : `${count(total)} sign-up${total === 1 ? "" : "s"} in the last ${bars.length} days; the busiest day had ${count(max)}.`}
      </p>
      {bars.length > 0 && (
        <>
          <svg
            className="signups__chart"
            viewBox={`0 0 ${width} 100`}
            preserveAspectRatio="none"
            role="img"
            aria-labelledby={`${id}-title ${id}-summary`}
          >
            {bars.map((b, i) => (
              <rect key={b.date} className="signups__bar" x={i * 10 + 1.5} width={7} y={100 - b.percent} height={b.percent}>
                <title>{`${shortDay(b.date)}: ${b.count}`}</title>
              </rect>
            ))}
            <line className="signups__base" x1={0} x2={width} y1={99.5} y2={99.5} vectorEffect="non-scaling-stroke" />
          </svg>
          <p className="signups__axis" aria-hidden="true">
            <span>{first && shortDay(first.date)}</span>
            <span>{last && shortDay(last.date)}</span>
          </p>
          <details>
            <summary>Show the figures as a table</summary>
            <table>
              <caption className="visually-hidden">Sign-ups per UTC day, oldest first</caption>
              <thead>
                <tr>
                  <th scope="col">Day (UTC)</th>
                  <th scope="col">Sign-ups</th>
                </tr>
              </thead>
              <tbody>
                {bars.map((b) => (
                  <tr key={b.date}>
                    <td>
                      <time dateTime={b.date}>{shortDay(b.date)}</time>
                    </td>
                    <td>{count(b.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </section>
  );
}

function Overview() {
  const stats = useQuery({ queryKey: trustKeys.stats, queryFn: ({ signal }) => fetchStats(signal) });
  if (stats.isPending) return <Loading label="Loading the figures…" />;
  if (stats.isError) {
    return (
      <Alert tone="error" title="We could not load the figures">
        <p>{errorMessage(stats.error)}</p>
        <button type="button" className="button button--secondary button--small" onClick={() => void stats.refetch()}>
          Try again
        </button>
      </Alert>
    );
  }
  const s = stats.data;
  const money = (amount: string) => formatMoney(amount, s.currency);
  return (
    <>
      <section aria-labelledby="money-title">
        <h2 id="money-title">Money</h2>
        <dl className="figures">
          <Figure term="Volume, all time">{money(s.gmv_total)}</Figure>
          <Figure term="Volume, last 30 days">{money(s.gmv_30d)}</Figure>
          <Figure term="Fees earned">{money(s.fees_earned)}</Figure>
          <Figure term="In escrow now">{money(s.escrow_held)}</Figure>
        </dl>
      </section>
      <section aria-labelledby="people-title">
        <h2 id="people-title">People and queues</h2>
        <dl className="figures">
          <Figure term="Accounts">{count(s.users_total)}</Figure>
          <Figure term="Suspended" to="/admin/users?status=suspended" linkText="See them">
            {count(s.suspended_users)}
          </Figure>
          <Figure term="Open flags" to="/admin/flags" linkText="Flag queue">
            {count(s.open_flags)}
          </Figure>
          <Figure term="Open disputes" to="/admin/disputes" linkText="Dispute queue">
            {count(s.open_disputes)}
          </Figure>
          <Figure term="Documents to review" to="/admin/identity" linkText="Identity review">
            {count(s.pending_identity_documents)}
          </Figure>
        </dl>
      </section>
      <SignupsChart days={s.signups_per_day} />
    </>
  );
}

export default function AdminOverviewPage() {
  usePageTitle("Admin overview");
  return (
    <AdminPage what="the admin console">
      {() => (
        <>
          <header className="page-header">
            <h1>Admin overview</h1>
            <p>The platform’s figures, from the ledger and the live tables.</p>
          </header>
          <Overview />
        </>
      )}
    </AdminPage>
  );
}
