import { Link, useSearchParams } from "react-router";
import { fetchMyProposals, PROPOSAL_STATUSES, type Proposal } from "../api/hiring";
import { EmptyState, Loading } from "../components/feedback";
import { usePageTitle } from "../components/usePageTitle";
import { formatDate } from "../lib/format";
import {
  formatBid,
  hrefWith,
  myProposalsFiltersToQueryString,
  myProposalsQuery,
  parseMyProposalsFilters,
  perHour,
  proposalStatusLabels,
} from "../lib/hiring";
import { hiringKeys, usePagedList } from "../lib/hiringQueries";
import { connectsText } from "../lib/jobs";
import { useFreshUser } from "../lib/queries";
import { Gate } from "./hiring/Gate";
import { Fact, Facts, FilterTabs, LoadError, LoadMore, ProposalStatusBadge } from "./hiring/parts";
import { ProposalActions } from "./hiring/ProposalActions";
import "./jobs/jobs.css";
import "./money/money.css";
import "./hiring/hiring.css";

function ProposalRow({ proposal, timeZone }: { proposal: Proposal; timeZone: string | undefined }) {
  const hourly = proposal.bid_type === "hourly";
  return (
    <li className="hiring-row card">
      <div className="job-row__head">
        <h2 className="job-row__title">
          <Link to={`/jobs/${proposal.job.id}`}>{proposal.job.title}</Link>
        </h2>
        <ProposalStatusBadge status={proposal.status} />
      </div>
      <Facts>
        <Fact term="Your bid">{formatBid(proposal)}</Fact>
        <Fact term="You receive">{perHour(proposal.net, hourly)}</Fact>
        <Fact term="Sent">
          <time dateTime={proposal.created_at}>{formatDate(proposal.created_at, timeZone)}</time>
        </Fact>
        <Fact term="Connects">{proposal.invitation_id ? "Free (invited)" : connectsText(proposal.connects_spent)}</Fact>
      </Facts>
      {proposal.status === "declined" && proposal.decline_reason && (
        <p className="decline-reason">The client said: “{proposal.decline_reason}”</p>
      )}
      <div className="hiring-row__actions">
        <Link to={`/proposals/${proposal.id}`} className="button button--secondary button--small">
          View proposal<span className="visually-hidden"> to “{proposal.job.title}”</span>
        </Link>
      </div>
      <ProposalActions proposal={proposal} viewer="freelancer" compact />
    </li>
  );
}

export default function MyProposalsPage() {
  usePageTitle("My proposals");
  const user = useFreshUser();
  const [params] = useSearchParams();
  const filters = parseMyProposalsFilters(params);
  const freelancer = user?.roles.includes("freelancer") ?? false;
  const { query, items } = usePagedList(
    [...hiringKeys.myProposals, filters.status],
    (cursor, signal) => fetchMyProposals(myProposalsQuery(filters, cursor), signal),
    freelancer,
  );

  if (!user) return <Loading label="Loading your proposals…" />;
  if (!freelancer) {
    return (
      <div className="hiring-page">
        <h1>My proposals</h1>
        <Gate title="Proposals are sent by freelancers" action={{ to: "/me/jobs", text: "Review proposals to your jobs" }}>
          <p>Your account hires as a client: the proposals freelancers send you are on each of your jobs.</p>
        </Gate>
      </div>
    );
  }

  const tabs = [
    { key: "all", label: "All", to: ".", current: filters.status === null },
    ...PROPOSAL_STATUSES.map((status) => ({
      key: status,
      label: proposalStatusLabels[status],
      to: hrefWith(myProposalsFiltersToQueryString({ status })),
      current: filters.status === status,
    })),
  ];
  const filterLabel = filters.status ? proposalStatusLabels[filters.status] : "All";

  return (
    <div className="hiring-page">
      <header className="page-header page-header--split">
        <div>
          <h1>My proposals</h1>
          <p>Every proposal you have sent, newest first.</p>
        </div>
        <Link className="button" to="/jobs">
          Find work
        </Link>
      </header>
      <FilterTabs label="Filter proposals by status" tabs={tabs} />
      {query.isPending ? (
        <Loading label="Loading your proposals…" />
      ) : query.isError && items.length === 0 ? (
        <LoadError title="We could not load your proposals" error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        filters.status === null ? (
          <EmptyState title="You have not sent a proposal yet">
            <p>Find a job that fits you and send the client a proposal.</p>
            <p className="empty__action">
              <Link className="button" to="/jobs">
                Find work
              </Link>
            </p>
          </EmptyState>
        ) : (
          <EmptyState title={`No ${filterLabel.toLowerCase()} proposals`}>
            <p>
              Nothing here in “{filterLabel}”. <Link to=".">See all your proposals</Link>.
            </p>
          </EmptyState>
        )
      ) : (
        <>
          <ul className="job-list" aria-label={`${filterLabel} proposals`}>
            {items.map((p) => (
              <ProposalRow key={p.id} proposal={p} timeZone={user.timezone} />
            ))}
          </ul>
          <LoadMore query={query} noun="proposals" shown={items.length} />
        </>
      )}
    </div>
  );
}
