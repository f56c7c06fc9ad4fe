import type { ReactNode } from "react";
import { Link, type To } from "react-router";
import type { Milestone, Party } from "../../api/hiring";
import { errorMessage } from "../../api/problem";
import { Alert } from "../../components/feedback";
import { formatDate } from "../../lib/format";
import {
  contractStatusLabels,
  contractStatusTones,
  invitationStatusLabels,
  invitationStatusTones,
  labelOf,
  milestoneStatusLabels,
  milestoneStatusTones,
  offerStatusLabels,
  offerStatusTones,
  proposalStatusLabels,
  proposalStatusTones,
  toneOf,
  type Tone,
} from "../../lib/hiring";
import { Money } from "../money/parts";

export function Badge({ label, tone, testId }: { label: string; tone: Tone; testId?: string | undefined }) {
  return (
    <span className={`badge ${tone}`} data-testid={testId}>
      {label}
    </span>
  );
}

export function ProposalStatusBadge({ status }: { status: string }) {
  return <Badge label={labelOf(proposalStatusLabels, status)} tone={toneOf(proposalStatusTones, status)} />;
}

export function InvitationStatusBadge({ status }: { status: string }) {
  return <Badge label={labelOf(invitationStatusLabels, status)} tone={toneOf(invitationStatusTones, status)} />;
}

export function OfferStatusBadge({ status }: { status: string }) {
  return <Badge label={labelOf(offerStatusLabels, status)} tone={toneOf(offerStatusTones, status)} />;
}

export function ContractStatusBadge({ status }: { status: string }) {
  return <Badge label={labelOf(contractStatusLabels, status)} tone={toneOf(contractStatusTones, status)} />;
}

export function MilestoneStatusBadge({ status, testId }: { status: string; testId?: string }) {
  return <Badge label={labelOf(milestoneStatusLabels, status)} tone={toneOf(milestoneStatusTones, status)} testId={testId} />;
}

/** A party's name, linking to their public page (freelancer or client). */
export function PartyLink({ party, side }: { party: Pick<Party, "id" | "full_name">; side: "client" | "freelancer" }) {
  return <Link to={side === "freelancer" ? `/freelancers/${party.id}` : `/clients/${party.id}`}>{party.full_name}</Link>;
}

/** A failed load: the reason and a way to try again. */
export function LoadError({ title, error, onRetry }: { title: string; error: unknown; onRetry: () => void }) {
  return (
    <Alert tone="error" title={title}>
      <p>{errorMessage(error)}</p>
      <button type="button" className="button button--secondary button--small" onClick={onRetry}>
        Try again
      </button>
    </Alert>
  );
}

/** What "Load more" needs of an infinite query. */
interface PagedQuery {
  isFetchNextPageError: boolean;
  error: unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/** "Load more" under a cursor-paged list, with the error of a failed next page. */
export function LoadMore({ query, noun, shown }: { query: PagedQuery; noun: string; shown: number }) {
  return (
    <div className="job-list__more" aria-live="polite">
      {query.isFetchNextPageError && <p className="field__error">{errorMessage(query.error)}</p>}
      {query.hasNextPage ? (
        <button
          type="button"
          className="button button--secondary"
          disabled={query.isFetchingNextPage}
          onClick={() => void query.fetchNextPage()}
        >
          {query.isFetchingNextPage ? "Loading…" : `Load more ${noun}`}
        </button>
      ) : (
        shown > 5 && <p className="muted small">That is all of them.</p>
      )}
    </div>
  );
}

export interface Tab {
  key: string;
  label: string;
  /** Where the tab goes (a query string link, "." for none). */
  to: To;
  current: boolean;
  count?: number | null;
}

/** Links that filter a list (the filter lives in the address bar). */
export function FilterTabs({ label, tabs, primary = false }: { label: string; tabs: Tab[]; primary?: boolean }) {
  return (
    <nav className={primary ? "filter-tabs filter-tabs--primary" : "filter-tabs"} aria-label={label}>
      <ul>
        {tabs.map((t) => (
          <li key={t.key}>
            <Link to={t.to} aria-current={t.current ? "page" : undefined} className="filter-tabs__link">
              {t.label}
              {t.count != null && (
                <>
                  {" "}
                  <span className="filter-tabs__count">{t.count.toLocaleString("en-US")}</span>
                </>
              )}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Label/value pairs, wrapping on narrow screens. */
export function Facts({ children, label }: { children: ReactNode; label?: string }) {
  return (
    <dl className="hiring-facts" aria-label={label}>
      {children}
    </dl>
  );
}

export function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** A calendar day (YYYY-MM-DD) in words, the same everywhere in the world. */
export function formatDay(day: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? formatDate(`${day}T12:00:00Z`, "UTC") : day;
}

/** Milestones with their amount, status and what escrow holds for each. */
export function MilestoneTable({ milestones }: { milestones: Milestone[] }) {
  const sorted = [...milestones].sort((a, b) => a.position - b.position);
  return (
    <table className="ledger milestone-table">
      <caption className="visually-hidden">Milestones</caption>
      <thead>
        <tr>
          <th scope="col">Milestone</th>
          <th scope="col" className="ledger__amount">
            Amount
          </th>
          <th scope="col" className="ledger__amount">
            In escrow
          </th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((m, i) => (
          <tr key={m.id} data-testid="milestone">
            <td>
              <span className="ledger__description">
                {i + 1}. {m.title}
              </span>
              <span className="ledger__meta">
                <MilestoneStatusBadge status={m.status} testId="milestone-status" />
                {m.due_date && (
                  <span className="muted small">
                    {" "}
                    Due <time dateTime={m.due_date}>{formatDay(m.due_date)}</time>
                  </span>
                )}
              </span>
            </td>
            <td className="ledger__amount">
              <Money amount={m.amount} />
            </td>
            <td className="ledger__amount" data-testid="milestone-escrow">
              <Money amount={m.escrow} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
