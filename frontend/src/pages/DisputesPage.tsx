import { useSearchParams } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { fetchMyDisputes } from "../api/disputes";
import { errorMessage } from "../api/problem";
import { Alert, EmptyState, Loading } from "../components/feedback";
import { usePageTitle } from "../components/usePageTitle";
import { useFreshUser } from "../lib/queries";
import { DisputeRow, parseStatus, STATUS_FILTERS } from "./disputes/list";
import { disputeKeys } from "./disputes/parts";

export default function DisputesPage() {
  usePageTitle("My disputes");
  const user = useFreshUser();
  const [params, setParams] = useSearchParams();
  const status = parseStatus(params.get("status"), "all");
  const query = useQuery({
    queryKey: disputeKeys.mine(status),
    queryFn: ({ signal }) => fetchMyDisputes(status === "all" ? null : status, null, signal),
  });
  return (
    <div className="hiring-page">
      <header className="page-header">
        <h1>My disputes</h1>
        <p>Disputes on your contracts, newest first.</p>
      </header>
      <div className="dispute-filter field">
        <label htmlFor="dispute-status">Status</label>
        <select
          id="dispute-status"
          className="input"
          value={status}
          onChange={(event) => setParams(event.target.value === "all" ? {} : { status: event.target.value }, { replace: true })}
        >
          <option value="all">All</option>
          {STATUS_FILTERS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
      </div>
      {query.isPending ? (
        <Loading label="Loading disputes…" />
      ) : query.isError ? (
        <Alert tone="error" title="Disputes could not be loaded">
          {errorMessage(query.error)}
        </Alert>
      ) : query.data.data.length === 0 ? (
        <EmptyState title="No disputes">A dispute is opened from a milestone or an invoice on the contract’s page.</EmptyState>
      ) : (
        <ul className="dispute-list" aria-label="Disputes">
          {query.data.data.map((d) => (
            <DisputeRow key={d.id} dispute={d} to={`/disputes/${d.id}`} timeZone={user?.timezone} />
          ))}
        </ul>
      )}
    </div>
  );
}
