import { Link } from "react-router";
import { fetchMyConnects, type ConnectsLine, type ConnectsSummary } from "../api/hiring";
import { EmptyState, Loading } from "../components/feedback";
import { usePageTitle } from "../components/usePageTitle";
import { formatDate, formatDateTime } from "../lib/format";
import { connectsKindLabel, HIRING_PAGE_SIZE, humanize } from "../lib/hiring";
import { hiringKeys, usePagedList } from "../lib/hiringQueries";
import { connectsText } from "../lib/jobs";
import { formatMoney } from "../lib/money";
import { usePaymentMethods } from "../lib/moneyQueries";
import { useFreshUser } from "../lib/queries";
import { BuyConnectsForm } from "./hiring/BuyConnectsForm";
import { Gate } from "./hiring/Gate";
import { LoadError, LoadMore } from "./hiring/parts";
import "./jobs/jobs.css";
import "./money/money.css";
import "./hiring/hiring.css";

function Summary({ summary, timeZone }: { summary: ConnectsSummary; timeZone: string | undefined }) {
  return (
    <ul className="balances" aria-label="Your Connects">
      <li className="balance card">
        <p className="balance__title">Balance</p>
        <p className="balance__amount" data-testid="connects-balance">
          {connectsText(summary.balance)}
        </p>
        <p className="balance__text">What you can spend on proposals now.</p>
      </li>
      <li className="balance card">
        <p className="balance__title">Granted and purchased</p>
        <p className="balance__amount">
          {summary.granted.toLocaleString("en-US")} + {summary.purchased.toLocaleString("en-US")}
        </p>
        <p className="balance__text">
          {summary.granted.toLocaleString("en-US")} granted, spent first (unused ones roll over up to{" "}
          {connectsText(summary.rollover_cap)}), and {summary.purchased.toLocaleString("en-US")} purchased.
        </p>
      </li>
      <li className="balance card">
        <p className="balance__title">Next grant</p>
        <p className="balance__amount">+{summary.monthly_grant.toLocaleString("en-US")}</p>
        <p className="balance__text">
          On <time dateTime={summary.next_grant_at}>{formatDate(summary.next_grant_at, timeZone)}</time>, with your{" "}
          <span data-testid="connects-plan">{humanize(summary.plan)}</span> plan. Each Connect bought costs{" "}
          {formatMoney(summary.price_per_connect)}.{" "}
          <Link to="/settings/plan">{summary.plan === "plus" ? "Your plan" : "Get 100 a month with Freelancer Plus"}</Link>
        </p>
      </li>
    </ul>
  );
}

function LineRow({ line, timeZone }: { line: ConnectsLine; timeZone: string | undefined }) {
  const date = <time dateTime={line.created_at}>{formatDateTime(line.created_at, timeZone)}</time>;
  return (
    <tr>
      <td className="ledger__date">{date}</td>
      <td>
        <span className="ledger__description">{connectsKindLabel(line.kind)}</span>
        {line.memo && <span className="ledger__meta muted">{line.memo}</span>}
        {(line.job_id || line.proposal_id) && (
          <span className="ledger__meta">
            {line.proposal_id ? (
              <Link to={`/proposals/${line.proposal_id}`}>The proposal</Link>
            ) : (
              line.job_id && <Link to={`/jobs/${line.job_id}`}>The job</Link>
            )}
          </span>
        )}
        <span className="ledger__inline-date muted small">{date}</span>
      </td>
      <td className={`ledger__amount${line.amount > 0 ? " ledger__amount--in" : ""}`}>
        {line.amount > 0 ? "+" : line.amount < 0 ? "−" : ""}
        {Math.abs(line.amount).toLocaleString("en-US")}
      </td>
      <td className="ledger__amount">{line.balance_after.toLocaleString("en-US")}</td>
    </tr>
  );
}

export default function ConnectsPage() {
  usePageTitle("Connects");
  const user = useFreshUser();
  const freelancer = user?.roles.includes("freelancer") ?? false;
  const cards = usePaymentMethods();
  const { query, items, firstPage } = usePagedList(
    hiringKeys.connectsHistory,
    (cursor, signal) => fetchMyConnects({ cursor, limit: HIRING_PAGE_SIZE }, signal),
    freelancer,
  );

  if (!user) return <Loading label="Loading your Connects…" />;
  if (!freelancer) {
    return (
      <div className="hiring-page">
        <h1>Connects</h1>
        <Gate title="Connects are for freelancers" action={{ to: "/me/jobs", text: "Your jobs" }}>
          <p>Freelancers spend Connects to send proposals. Clients do not need any.</p>
        </Gate>
      </div>
    );
  }
  return (
    <div className="hiring-page">
      <header className="page-header page-header--split">
        <div>
          <h1>Connects</h1>
          <p>Each proposal costs Connects; a job shows how many. You get some free every month.</p>
        </div>
        <Link className="button button--secondary" to="/proposals">
          My proposals
        </Link>
      </header>
      {query.isPending ? (
        <Loading label="Loading your Connects…" />
      ) : query.isError && !firstPage ? (
        <LoadError title="We could not load your Connects" error={query.error} onRetry={() => void query.refetch()} />
      ) : firstPage ? (
        <>
          <Summary summary={firstPage} timeZone={user.timezone} />
          <section className="card">
            {cards.isPending ? (
              <Loading label="Loading your cards…" />
            ) : firstPage.bundles.length === 0 ? (
              <>
                <h2>Buy Connects</h2>
                <EmptyState title="No bundles are for sale right now" />
              </>
            ) : (
              <BuyConnectsForm bundles={firstPage.bundles} cards={cards.data ?? []} cardsFailed={cards.isError} />
            )}
          </section>
          <section className="card" aria-labelledby="connects-history-title">
            <h2 id="connects-history-title">History</h2>
            {items.length === 0 ? (
              <EmptyState title="No Connects yet">
                <p>Grants, purchases and the Connects you spend on proposals show here.</p>
              </EmptyState>
            ) : (
              <>
                <div className="ledger-wrap">
                  <table className="ledger connects-ledger">
                    <caption className="visually-hidden">Connects history, newest first</caption>
                    <thead>
                      <tr>
                        <th scope="col" className="ledger__date">
                          Date
                        </th>
                        <th scope="col">What</th>
                        <th scope="col" className="ledger__amount">
                          Change
                        </th>
                        <th scope="col" className="ledger__amount">
                          Balance
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {items.map((line) => (
                        <LineRow key={line.id} line={line} timeZone={user.timezone} />
                      ))}
                    </tbody>
                  </table>
                </div>
                <LoadMore query={query} noun="lines" shown={items.length} />
              </>
            )}
          </section>
        </>
      ) : null}
    </div>
  );
}
