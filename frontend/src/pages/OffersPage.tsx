import { Link, useSearchParams } from "react-router";
import { fetchMyOffers, OFFER_STATUSES, type HiringRole, type Offer } from "../api/hiring";
import { EmptyState, Loading } from "../components/feedback";
import { usePageTitle } from "../components/usePageTitle";
import { formatDate, formatDateTime } from "../lib/format";
import {
  effectiveRole,
  hiringRoles,
  hrefWith,
  isOfferOpen,
  offersQuery,
  parseOfferFilters,
  perHour,
  roleFiltersToQueryString,
} from "../lib/hiring";
import { hiringKeys, usePagedList } from "../lib/hiringQueries";
import { jobTypeLabels } from "../lib/jobs";
import { formatMoney } from "../lib/money";
import { useFreshUser } from "../lib/queries";
import { Gate } from "./hiring/Gate";
import { Fact, Facts, FilterTabs, LoadError, LoadMore, OfferStatusBadge, PartyLink } from "./hiring/parts";
import "./jobs/jobs.css";
import "./hiring/hiring.css";

const statusTabLabels = {
  pending: "Pending",
  accepted: "Accepted",
  declined: "Declined",
  withdrawn: "Withdrawn",
  expired: "Expired",
} as const;

function OfferRow({ offer, role, timeZone }: { offer: Offer; role: HiringRole; timeZone: string | undefined }) {
  const received = role === "freelancer";
  const other = received ? offer.client : offer.freelancer;
  const terms =
    offer.contract_type === "hourly"
      ? offer.hourly_rate
        ? perHour(offer.hourly_rate, true)
        : "Hourly"
      : offer.total
        ? `${formatMoney(offer.total)} fixed`
        : jobTypeLabels.fixed;
  return (
    <li className="hiring-row card">
      <div className="job-row__head">
        <h2 className="job-row__title">
          <Link to={`/offers/${offer.id}`}>{offer.title}</Link>
        </h2>
        <OfferStatusBadge status={offer.status} />
      </div>
      <Facts>
        <Fact term={received ? "From" : "To"}>
          <PartyLink party={other} side={received ? "client" : "freelancer"} />
        </Fact>
        <Fact term="Job">
          <Link to={`/jobs/${offer.job.id}`}>{offer.job.title}</Link>
        </Fact>
        <Fact term="Terms">{terms}</Fact>
        <Fact term="Sent">
          <time dateTime={offer.created_at}>{formatDate(offer.created_at, timeZone)}</time>
        </Fact>
        {isOfferOpen(offer) && (
          <Fact term="Expires">
            <time dateTime={offer.expires_at}>{formatDateTime(offer.expires_at, timeZone)}</time>
          </Fact>
        )}
      </Facts>
      {offer.contract_id && (
        <p>
          <Link to={`/contracts/${offer.contract_id}`}>
            Go to the contract<span className="visually-hidden"> “{offer.title}”</span>
          </Link>
        </p>
      )}
    </li>
  );
}

export default function OffersPage() {
  usePageTitle("Offers");
  const user = useFreshUser();
  const [params] = useSearchParams();
  const filters = parseOfferFilters(params);
  const role = user ? effectiveRole(user.roles, filters.role) : null;
  const { query, items } = usePagedList(
    [...hiringKeys.myOffers, role, filters.status],
    (cursor, signal) => fetchMyOffers(offersQuery({ role, status: filters.status }, cursor), signal),
    role !== null,
  );

  if (!user) return <Loading label="Loading your offers…" />;
  if (!role) {
    return (
      <div className="hiring-page">
        <h1>Offers</h1>
        <Gate title="Offers are between clients and freelancers" action={{ to: "/account", text: "Go to your account" }}>
          <p>Your account is neither a client nor a freelancer account.</p>
        </Gate>
      </div>
    );
  }
  const roles = hiringRoles(user.roles);
  const received = role === "freelancer";
  const roleTabs = roles.map((r) => ({
    key: r,
    label: r === "freelancer" ? "Received" : "Sent",
    to: hrefWith(roleFiltersToQueryString({ role: r, status: filters.status })),
    current: r === role,
  }));
  const statusTabs = [
    { key: "all", label: "All", to: hrefWith(roleFiltersToQueryString({ role: filters.role, status: null })), current: filters.status === null },
    ...OFFER_STATUSES.map((s) => ({
      key: s,
      label: statusTabLabels[s],
      to: hrefWith(roleFiltersToQueryString({ role: filters.role, status: s })),
      current: filters.status === s,
    })),
  ];
  const filterLabel = filters.status ? statusTabLabels[filters.status] : "All";

  return (
    <div className="hiring-page">
      <header className="page-header">
        <h1>Offers</h1>
        <p>{received ? "Offers clients made you. Accepting one starts a contract." : "Offers you made from freelancers’ proposals."}</p>
      </header>
      {roles.length > 1 && <FilterTabs label="Received or sent" tabs={roleTabs} primary />}
      <FilterTabs label="Filter offers by status" tabs={statusTabs} />
      {query.isPending ? (
        <Loading label="Loading your offers…" />
      ) : query.isError && items.length === 0 ? (
        <LoadError title="We could not load your offers" error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={filters.status ? `No ${filterLabel.toLowerCase()} offers` : received ? "No offers yet" : "You have not made an offer yet"}>
          <p>
            {received
              ? "When a client makes you an offer on one of your proposals, it shows here."
              : "Open the proposals to one of your jobs and choose “Send offer”."}
          </p>
          <p className="empty__action">
            <Link className="button button--secondary" to={received ? "/proposals" : "/me/jobs"}>
              {received ? "Your proposals" : "Your jobs"}
            </Link>
          </p>
        </EmptyState>
      ) : (
        <>
          <ul className="job-list" aria-label={`${filterLabel} offers`}>
            {items.map((o) => (
              <OfferRow key={o.id} offer={o} role={role} timeZone={user.timezone} />
            ))}
          </ul>
          <LoadMore query={query} noun="offers" shown={items.length} />
        </>
      )}
    </div>
  );
}
