import { useId, useState } from "react";
import { Link, useParams } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { fetchJob } from "../api/jobs";
import { fetchJobInvitations, fetchJobProposals, PROPOSAL_SORTS, PROPOSAL_STATUSES, type Invitation, type Proposal } from "../api/hiring";
import { ApiError } from "../api/problem";
import type { Job } from "../api/types";
import { EmptyState, Loading } from "../components/feedback";
import { PlainText } from "../components/PlainText";
import { usePageTitle } from "../components/usePageTitle";
import { formatDate } from "../lib/format";
import {
  changeReviewFilters,
  countFor,
  countText,
  excerpt,
  formatBid,
  jobProposalsQuery,
  parseReviewFilters,
  perHour,
  proposalSortLabels,
  proposalStatusLabels,
  reviewFiltersToQueryString,
  type ReviewFilters,
} from "../lib/hiring";
import { hiringKeys, usePagedList } from "../lib/hiringQueries";
import { projectLengthLabels } from "../lib/jobs";
import { useFreshUser } from "../lib/queries";
import { JobNotFound } from "./jobs/JobNotFound";
import { StatusBadge } from "./jobs/StatusBadge";
import { Avatar } from "./profile/PhotoUpload";
import { useUrlFilters, type FilterCodec } from "./search/useUrlFilters";
import { Gate } from "./hiring/Gate";
import { Badge, Fact, Facts, FilterTabs, InvitationStatusBadge, LoadError, LoadMore, PartyLink, ProposalStatusBadge } from "./hiring/parts";
import { ProposalActions } from "./hiring/ProposalActions";
import "./jobs/jobs.css";
import "./money/money.css";
import "./profile/profile.css";
import "./search/search.css";
import "./hiring/hiring.css";

const codec: FilterCodec<ReviewFilters> = {
  parse: parseReviewFilters,
  write: reviewFiltersToQueryString,
  change: changeReviewFilters,
};

const STATUS_TABS = [null, "active", ...PROPOSAL_STATUSES] as const;

function ProposalCard({
  proposal,
  selected,
  onSelect,
  timeZone,
}: {
  proposal: Proposal;
  selected: boolean;
  onSelect: (on: boolean) => void;
  timeZone: string | undefined;
}) {
  const f = proposal.freelancer;
  const hourly = proposal.bid_type === "hourly";
  const questions = proposal.job.screening_questions;
  return (
    <li className="proposal-card card">
      <div className="proposal-card__head">
        <Avatar src={f.photo_url} name={f.full_name} size="md" />
        <div>
          <h3 className="proposal-card__name">
            <PartyLink party={f} side="freelancer" />
          </h3>
          {f.title && <p className="proposal-card__title">{f.title}</p>}
          <div className="proposal-card__badges">
            <ProposalStatusBadge status={proposal.status} />
            {proposal.invitation_id && <Badge label="Invited" tone="badge--info" />}
            <span className="muted small match">Match {proposal.match_score}%</span>
          </div>
        </div>
      </div>
      <Facts>
        <Fact term={hourly ? "Rate" : "Bid"}>{formatBid(proposal)}</Fact>
        <Fact term="Freelancer receives">{perHour(proposal.net, hourly)}</Fact>
        <Fact term="Duration">{projectLengthLabels[proposal.estimated_duration]}</Fact>
        <Fact term="Sent">
          <time dateTime={proposal.created_at}>{formatDate(proposal.created_at, timeZone)}</time>
        </Fact>
      </Facts>
      <p className="proposal-card__excerpt">
        {excerpt(proposal.cover_letter, 280)}{" "}
        <Link to={`/proposals/${proposal.id}`}>
          Read the proposal<span className="visually-hidden"> from {f.full_name}</span>
        </Link>
      </p>
      {proposal.answers.length > 0 && (
        <details className="answers">
          <summary>
            {countText(proposal.answers.length, "answer", "answers")} to your questions
            <span className="visually-hidden"> from {f.full_name}</span>
          </summary>
          <dl>
            {proposal.answers.map((answer, i) => (
              <div key={i}>
                <dt>
                  {i + 1}. {questions[i] ?? "Question"}
                </dt>
                <dd>
                  <PlainText text={answer} />
                </dd>
              </div>
            ))}
          </dl>
        </details>
      )}
      <label className="check proposal-card__select">
        <input type="checkbox" checked={selected} onChange={(event) => onSelect(event.target.checked)} />
        <span>
          Compare<span className="visually-hidden"> the bid from {f.full_name}</span>
        </span>
      </label>
      <ProposalActions proposal={proposal} viewer="client" compact />
    </li>
  );
}

function CompareTable({ proposals, selectedOnly }: { proposals: Proposal[]; selectedOnly: boolean }) {
  return (
    <div className="card compare-card">
      <table className="compare-table">
        <caption>
          {selectedOnly
            ? `Comparing the ${countText(proposals.length, "proposal", "proposals")} you selected`
            : `Comparing the ${countText(proposals.length, "proposal", "proposals")} shown (select some to narrow this down)`}
        </caption>
        <thead>
          <tr>
            <th scope="col">Freelancer</th>
            <th scope="col" className="num">
              Bid
            </th>
            <th scope="col">Duration</th>
            <th scope="col" className="num">
              Match
            </th>
          </tr>
        </thead>
        <tbody>
          {proposals.map((p) => (
            <tr key={p.id}>
              <th scope="row">
                <Link to={`/proposals/${p.id}`}>{p.freelancer.full_name}</Link>
              </th>
              <td className="num">{formatBid(p)}</td>
              <td>{projectLengthLabels[p.estimated_duration]}</td>
              <td className="num">{p.match_score}%</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ProposalsTab({ job, timeZone }: { job: Job; timeZone: string | undefined }) {
  const { filters, update, hrefFor } = useUrlFilters(codec);
  const sortId = useId();
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const { query, items, firstPage } = usePagedList(
    [...hiringKeys.jobProposals(job.id), filters.status, filters.sort],
    (cursor, signal) => fetchJobProposals(job.id, jobProposalsQuery(filters, cursor), signal),
  );
  const counts = firstPage?.counts;
  const tabs = STATUS_TABS.map((status) => ({
    key: status ?? "all",
    label: status === null ? "All" : status === "active" ? "Active" : proposalStatusLabels[status],
    to: hrefFor({ status }),
    current: filters.status === status,
    count: countFor(counts, status),
  }));
  const filterLabel = tabs.find((t) => t.current)?.label ?? "All";
  const chosen = items.filter((p) => selected.has(p.id));
  const compared = chosen.length > 0 ? chosen : items;

  return (
    <section aria-labelledby="proposals-title">
      <h2 id="proposals-title" className="visually-hidden">
        Proposals
      </h2>
      <FilterTabs label="Filter proposals by status" tabs={tabs} />
      <div className="review-toolbar">
        <p className="muted small" aria-live="polite">
          {query.isPending ? "Loading…" : `${countText(items.length, "proposal", "proposals")} shown${selected.size > 0 ? `, ${selected.size} selected` : ""}`}
        </p>
        <div className="review-toolbar__controls">
          <div className="search-sort">
            <label htmlFor={sortId}>Sort by</label>
            <select
              id={sortId}
              className="select"
              value={filters.sort}
              onChange={(event) => update({ sort: PROPOSAL_SORTS.find((s) => s === event.target.value) ?? "newest" })}
            >
              {PROPOSAL_SORTS.map((s) => (
                <option key={s} value={s}>
                  {proposalSortLabels[s]}
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            className="button button--secondary button--small"
            aria-pressed={filters.view === "compare"}
            onClick={() => update({ view: filters.view === "compare" ? "list" : "compare" })}
          >
            Compare bids
          </button>
        </div>
      </div>
      {query.isPending ? (
        <Loading label="Loading the proposals…" />
      ) : query.isError && items.length === 0 ? (
        <LoadError title="We could not load the proposals" error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        filters.status === null ? (
          <EmptyState title="No proposals yet">
            <p>
              {job.status === "open"
                ? "Freelancers’ proposals will show here. Invite freelancers who fit to get proposals sooner."
                : "This job is not open, so it takes no new proposals."}
            </p>
            {job.status === "open" && (
              <p className="empty__action">
                <Link className="button button--secondary" to="/freelancers">
                  Find freelancers to invite
                </Link>
              </p>
            )}
          </EmptyState>
        ) : (
          <EmptyState title={`No ${filterLabel.toLowerCase()} proposals`}>
            <p>
              Nothing here in “{filterLabel}”. <Link to={hrefFor({ status: null })}>See all proposals</Link>.
            </p>
          </EmptyState>
        )
      ) : (
        <>
          {filters.view === "compare" && <CompareTable proposals={compared} selectedOnly={chosen.length > 0} />}
          <ul className="job-list proposal-list" aria-label={`${filterLabel} proposals`}>
            {items.map((p) => (
              <ProposalCard
                key={p.id}
                proposal={p}
                timeZone={timeZone}
                selected={selected.has(p.id)}
                onSelect={(on) =>
                  setSelected((current) => {
                    const next = new Set(current);
                    if (on) next.add(p.id);
                    else next.delete(p.id);
                    return next;
                  })
                }
              />
            ))}
          </ul>
          <LoadMore query={query} noun="proposals" shown={items.length} />
        </>
      )}
    </section>
  );
}

function InvitationRow({ invitation, timeZone }: { invitation: Invitation; timeZone: string | undefined }) {
  const f = invitation.freelancer;
  return (
    <li className="hiring-row card">
      <div className="party">
        <Avatar src={f.photo_url} name={f.full_name} size="md" />
        <div>
          <h3 className="proposal-card__name">
            <PartyLink party={f} side="freelancer" />
          </h3>
          <div className="proposal-card__badges">
            <InvitationStatusBadge status={invitation.status} />
            <span className="muted small">
              Sent <time dateTime={invitation.created_at}>{formatDate(invitation.created_at, timeZone)}</time>
            </span>
          </div>
        </div>
      </div>
      <p className="hiring-row__note">“{excerpt(invitation.message, 200)}”</p>
      {invitation.status === "declined" && invitation.decline_reason && (
        <p className="decline-reason">Their reason: “{invitation.decline_reason}”</p>
      )}
      {invitation.proposal_id && (
        <p>
          <Link to={`/proposals/${invitation.proposal_id}`}>
            See the proposal<span className="visually-hidden"> from {f.full_name}</span>
          </Link>
        </p>
      )}
    </li>
  );
}

function InvitationsTab({ job, timeZone }: { job: Job; timeZone: string | undefined }) {
  const { query, items } = usePagedList(hiringKeys.jobInvitations(job.id), (cursor, signal) =>
    fetchJobInvitations(job.id, { cursor, limit: 20 }, signal),
  );
  return (
    <section aria-labelledby="invitations-title">
      <div className="review-toolbar">
        <h2 id="invitations-title" className="job-detail__subhead">
          Invitations you sent
        </h2>
        {job.status === "open" && (
          <Link className="button button--secondary button--small" to="/freelancers">
            Invite more freelancers
          </Link>
        )}
      </div>
      {query.isPending ? (
        <Loading label="Loading the invitations…" />
      ) : query.isError && items.length === 0 ? (
        <LoadError title="We could not load the invitations" error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title="No invitations sent for this job">
          <p>Open a freelancer’s profile and choose “Invite to job” to ask them for a proposal.</p>
        </EmptyState>
      ) : (
        <>
          <ul className="job-list" aria-label="Invitations">
            {items.map((i) => (
              <InvitationRow key={i.id} invitation={i} timeZone={timeZone} />
            ))}
          </ul>
          <LoadMore query={query} noun="invitations" shown={items.length} />
        </>
      )}
    </section>
  );
}

export default function JobProposalsPage() {
  const { id = "" } = useParams();
  const user = useFreshUser();
  const job = useQuery({ queryKey: ["job", id], queryFn: () => fetchJob(id) });
  const { filters, hrefFor } = useUrlFilters(codec);
  usePageTitle(job.data ? `Proposals: ${job.data.title}` : job.isError ? "Proposals" : "Loading proposals");

  if (!user || job.isPending) return <Loading label="Loading the job…" />;
  if (job.isError) {
    if (job.error instanceof ApiError && (job.error.status === 404 || job.error.status === 400)) return <JobNotFound />;
    return (
      <div className="narrow">
        <LoadError title="We could not load the job" error={job.error} onRetry={() => void job.refetch()} />
      </div>
    );
  }
  if (job.data.client_id !== user.id) {
    return (
      <div className="narrow">
        <h1>Proposals</h1>
        <Gate title="Only the job’s owner sees its proposals" action={{ to: `/jobs/${id}`, text: "Back to the job" }}>
          <p>Freelancers’ proposals are shared with the client who posted the job, and nobody else.</p>
        </Gate>
      </div>
    );
  }
  const tabs = [
    { key: "proposals", label: "Proposals", to: hrefFor({ tab: "proposals" }), current: filters.tab === "proposals" },
    { key: "invitations", label: "Invitations", to: hrefFor({ tab: "invitations", status: null }), current: filters.tab === "invitations" },
  ];
  return (
    <div className="hiring-page hiring-page--wide">
      <p className="back-link">
        <Link to={`/jobs/${id}`}>← Back to the job</Link>
      </p>
      <header className="page-header page-header--split">
        <div>
          <h1>Proposals</h1>
          <p>
            For <Link to={`/jobs/${id}`}>{job.data.title}</Link> <StatusBadge status={job.data.status} />
          </p>
        </div>
        <Link className="button button--secondary" to="/me/jobs">
          My jobs
        </Link>
      </header>
      <FilterTabs label="Proposals or invitations" tabs={tabs} primary />
      {filters.tab === "invitations" ? (
        <InvitationsTab job={job.data} timeZone={user.timezone} />
      ) : (
        <ProposalsTab job={job.data} timeZone={user.timezone} />
      )}
    </div>
  );
}
