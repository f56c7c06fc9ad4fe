import { Link, useSearchParams } from "react-router";
import { CONTRACT_STATUSES, fetchContracts, type Contract } from "../api/hiring";
import { EmptyState, Loading } from "../components/feedback";
import { usePageTitle } from "../components/usePageTitle";
import { formatDate } from "../lib/format";
import {
  contractsQuery,
  contractStatusLabels,
  hiringRoles,
  hrefWith,
  parseContractFilters,
  perHour,
  roleFiltersToQueryString,
  roleLabels,
} from "../lib/hiring";
import { hiringKeys, usePagedList } from "../lib/hiringQueries";
import { jobTypeLabels } from "../lib/jobs";
import { formatMoney } from "../lib/money";
import { useFreshUser } from "../lib/queries";
import { Gate } from "./hiring/Gate";
import { ContractStatusBadge, Fact, Facts, FilterTabs, LoadError, LoadMore, PartyLink } from "./hiring/parts";
import "./jobs/jobs.css";
import "./hiring/hiring.css";

function ContractRow({ contract, userId, timeZone }: { contract: Contract; userId: string; timeZone: string | undefined }) {
  const asClient = contract.client.id === userId;
  const hourly = contract.contract_type === "hourly";
  return (
    <li className="hiring-row card">
      <div className="job-row__head">
        <h2 className="job-row__title">
          <Link to={`/contracts/${contract.id}`}>{contract.title}</Link>
        </h2>
        <ContractStatusBadge status={contract.status} />
      </div>
      <Facts>
        <Fact term={asClient ? "Freelancer" : "Client"}>
          <PartyLink party={asClient ? contract.freelancer : contract.client} side={asClient ? "freelancer" : "client"} />
        </Fact>
        <Fact term="Type">{jobTypeLabels[contract.contract_type]}</Fact>
        {hourly ? (
          <Fact term="Rate">{contract.hourly_rate ? perHour(contract.hourly_rate, true) : "—"}</Fact>
        ) : (
          <>
            <Fact term="Total">{contract.total ? formatMoney(contract.total) : "—"}</Fact>
            <Fact term="In escrow">{formatMoney(contract.escrow)}</Fact>
          </>
        )}
        <Fact term="Started">
          <time dateTime={contract.started_at}>{formatDate(contract.started_at, timeZone)}</time>
        </Fact>
        {contract.ended_at && (
          <Fact term="Ended">
            <time dateTime={contract.ended_at}>{formatDate(contract.ended_at, timeZone)}</time>
          </Fact>
        )}
      </Facts>
    </li>
  );
}

export default function ContractsPage() {
  usePageTitle("Contracts");
  const user = useFreshUser();
  const [params] = useSearchParams();
  const parsed = parseContractFilters(params);
  const roles = user ? hiringRoles(user.roles) : [];
  // Both roles unless one is asked for (and it is one of the user's).
  const role = parsed.role && roles.includes(parsed.role) ? parsed.role : null;
  const filters = { role, status: parsed.status };
  const { query, items } = usePagedList(
    [...hiringKeys.contracts, role, filters.status],
    (cursor, signal) => fetchContracts(contractsQuery(filters, cursor), signal),
    roles.length > 0,
  );

  if (!user) return <Loading label="Loading your contracts…" />;
  if (roles.length === 0) {
    return (
      <div className="hiring-page">
        <h1>Contracts</h1>
        <Gate title="Contracts are between clients and freelancers" action={{ to: "/account", text: "Go to your account" }}>
          <p>Your account is neither a client nor a freelancer account.</p>
        </Gate>
      </div>
    );
  }
  const roleTabs = [
    { key: "all", label: "All", to: hrefWith(roleFiltersToQueryString({ role: null, status: filters.status })), current: role === null },
    ...roles.map((r) => ({
      key: r,
      label: roleLabels[r],
      to: hrefWith(roleFiltersToQueryString({ role: r, status: filters.status })),
      current: role === r,
    })),
  ];
  const statusTabs = [
    { key: "all", label: "All", to: hrefWith(roleFiltersToQueryString({ role, status: null })), current: filters.status === null },
    ...CONTRACT_STATUSES.map((s) => ({
      key: s,
      label: contractStatusLabels[s],
      to: hrefWith(roleFiltersToQueryString({ role, status: s })),
      current: filters.status === s,
    })),
  ];
  const filterLabel = filters.status ? contractStatusLabels[filters.status] : "All";
  const freelancerOnly = roles.length === 1 && roles[0] === "freelancer";

  return (
    <div className="hiring-page">
      <header className="page-header">
        <h1>Contracts</h1>
        <p>Work agreed through an accepted offer, newest first.</p>
      </header>
      {roles.length > 1 && <FilterTabs label="Your side of the contract" tabs={roleTabs} primary />}
      <FilterTabs label="Filter contracts by status" tabs={statusTabs} />
      {query.isPending ? (
        <Loading label="Loading your contracts…" />
      ) : query.isError && items.length === 0 ? (
        <LoadError title="We could not load your contracts" error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={filters.status ? `No ${filterLabel.toLowerCase()} contracts` : "No contracts yet"}>
          <p>
            {freelancerOnly
              ? "A contract starts when you accept a client’s offer."
              : "A contract starts when a freelancer accepts your offer."}
          </p>
          <p className="empty__action">
            <Link className="button button--secondary" to={freelancerOnly ? "/offers" : "/me/jobs"}>
              {freelancerOnly ? "Your offers" : "Your jobs"}
            </Link>
          </p>
        </EmptyState>
      ) : (
        <>
          <ul className="job-list" aria-label={`${filterLabel} contracts`}>
            {items.map((c) => (
              <ContractRow key={c.id} contract={c} userId={user.id} timeZone={user.timezone} />
            ))}
          </ul>
          <LoadMore query={query} noun="contracts" shown={items.length} />
        </>
      )}
    </div>
  );
}
