import { Link } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { fetchBidRange, type BidRange } from "../../api/plans";
import { ApiError } from "../../api/problem";
import type { Job } from "../../api/types";
import { Loading } from "../../components/feedback";
import { formatMoney } from "../../lib/money";
import { PLAN_PAGE, planKeys, usePlans } from "../../lib/plans";
import { LoadError } from "../hiring/parts";
import "../plans/plans.css";

/** "$450.00", or "$45.00/hr" on an hourly job. */
export function bidText(amount: string, jobType: Job["job_type"]): string {
  return jobType === "hourly" ? `${formatMoney(amount)}/hr` : formatMoney(amount);
}

function Figures({ range, job }: { range: BidRange; job: Pick<Job, "job_type"> }) {
  if (range.count === 0 || !range.low || !range.high || !range.average) {
    return <p data-testid="bid-range-empty">No bids yet. Yours would be the first.</p>;
  }
  const proposals = range.count === 1 ? "1 proposal" : `${range.count.toLocaleString("en-US")} proposals`;
  return (
    <>
      <dl className="bid-range__figures" data-testid="bid-range">
        <div>
          <dt>Low</dt>
          <dd>{bidText(range.low, job.job_type)}</dd>
        </div>
        <div>
          <dt>Average</dt>
          <dd>{bidText(range.average, job.job_type)}</dd>
        </div>
        <div>
          <dt>High</dt>
          <dd>{bidText(range.high, job.job_type)}</dd>
        </div>
      </dl>
      <p className="muted small">
        From {proposals} ({job.job_type === "hourly" ? "hourly rates" : "fixed totals"}; withdrawn ones are not counted).
      </p>
    </>
  );
}

function Teaser() {
  return (
    <>
      <p>See the lowest, average and highest bid on every job with Freelancer Plus, and get 100 Connects a month.</p>
      <p>
        <Link to={PLAN_PAGE}>See Freelancer Plus</Link>
      </p>
    </>
  );
}

/** For freelancers: what others bid (Plus), or a word on how to see it (Basic). */
export function CompetingBids({ job }: { job: Pick<Job, "id" | "job_type"> }) {
  const plans = usePlans();
  const freelancerPlan = plans.data?.find((p) => p.side === "freelancer");
  // Ask only when the plan may allow it; a plan that failed to load is tried anyway (403 shows the teaser).
  const mayAsk = freelancerPlan ? freelancerPlan.plan === "plus" : plans.isError;
  const range = useQuery({
    queryKey: planKeys.bidRange(job.id),
    queryFn: ({ signal }) => fetchBidRange(job.id, signal),
    enabled: mayAsk,
  });
  const plusRequired = range.error instanceof ApiError && range.error.code === "plus_required";

  let body;
  if (plans.isPending || (mayAsk && range.isPending)) body = <Loading label="Loading the competing bids…" />;
  else if (!mayAsk || plusRequired) body = <Teaser />;
  else if (range.isError) body = <LoadError title="The competing bids could not be loaded" error={range.error} onRetry={() => void range.refetch()} />;
  else if (range.data) body = <Figures range={range.data} job={job} />;
  return (
    <section className="card bid-range" aria-labelledby="bid-range-title">
      <h2 id="bid-range-title">Competing bids</h2>
      {body}
    </section>
  );
}
