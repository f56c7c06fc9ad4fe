import { useId, useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { fetchYearReport } from "../../api/money";
import { errorMessage } from "../../api/problem";
import type { User, YearReport as Report } from "../../api/types";
import { Alert, Loading } from "../../components/feedback";
import { moneyKeys } from "../../lib/moneyQueries";
import { Money } from "./parts";

/**
 * The years the account has existed, newest first. The newest is this year, or the
 * account's own year when the server's clock is ahead of this browser's (a test
 * clock, or a wrong clock here): an account is never from the future.
 */
export function reportYears(createdAt: string, now: Date = new Date()): number[] {
  const created = new Date(createdAt).getFullYear();
  if (!Number.isFinite(created)) return [now.getFullYear()];
  const newest = Math.max(now.getFullYear(), created);
  return Array.from({ length: newest - created + 1 }, (_, i) => newest - i);
}

type Figure = { key: keyof Report; label: string; total?: boolean };

const clientFigures: Figure[] = [
  { key: "deposits", label: "Deposits" },
  { key: "escrow_funded", label: "Funded into escrow" },
  { key: "marketplace_fees", label: "Marketplace fees" },
  { key: "escrow_refunds", label: "Refunded from escrow" },
];

const freelancerFigures: Figure[] = [
  { key: "earnings_gross", label: "Earnings before fees" },
  { key: "service_fees", label: "Service fees" },
  { key: "earnings_net", label: "Earnings after fees", total: true },
  { key: "withdrawals", label: "Withdrawn" },
  { key: "withdrawal_fees", label: "Withdrawal fees" },
];

function Figures({ title, figures, report }: { title: string; figures: Figure[]; report: Report }) {
  return (
    <div className="report__group">
      <h3>{title}</h3>
      <dl className="quote__lines">
        {figures.map((f) => (
          <div key={f.key} className={f.total ? "quote__line quote__line--total" : "quote__line"}>
            <dt>{f.label}</dt>
            <dd>
              <Money amount={String(report[f.key])} currency={report.currency} />
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/** Fees and earnings for one calendar year, for the user's records and taxes. */
export function YearReport({ user }: { user: User }) {
  const years = reportYears(user.created_at);
  const [year, setYear] = useState(years[0] ?? new Date().getFullYear());
  const selectId = useId();
  const report = useQuery({
    queryKey: [...moneyKeys.reports, year],
    queryFn: ({ signal }) => fetchYearReport(year, signal),
    placeholderData: keepPreviousData,
  });
  const client = user.roles.includes("client");
  const freelancer = user.roles.includes("freelancer");
  const data = report.data;

  return (
    <section className="card report" aria-labelledby="report-title" aria-busy={report.isFetching}>
      <div className="history__head">
        <h2 id="report-title">Yearly report</h2>
        <div className="search-sort">
          <label htmlFor={selectId}>Year</label>
          <select id={selectId} className="select" value={year} onChange={(event) => setYear(Number(event.target.value))}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
      </div>
      {report.isError ? (
        <Alert tone="error" title={`We could not load the report for ${year}`}>
          <p>{errorMessage(report.error)}</p>
          <button type="button" className="button button--secondary button--small" onClick={() => void report.refetch()}>
            Try again
          </button>
        </Alert>
      ) : !data ? (
        <Loading label="Loading the report…" />
      ) : (
        <div className="report__groups" data-stale={report.isPlaceholderData}>
          {(client || !freelancer) && <Figures title="Hiring" figures={clientFigures} report={data} />}
          {(freelancer || !client) && <Figures title="Earning" figures={freelancerFigures} report={data} />}
          <p className="muted small report__note" aria-live="polite">
            {report.isPlaceholderData ? `Loading ${year}…` : `Totals for ${data.year}, in ${data.currency}.`}
          </p>
        </div>
      )}
    </section>
  );
}
