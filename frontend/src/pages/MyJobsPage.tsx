import { Link, useSearchParams } from "react-router";
import { useInfiniteQuery } from "@tanstack/react-query";
import { fetchMyJobs } from "../api/jobs";
import { errorMessage } from "../api/problem";
import type { Job, JobStatusName } from "../api/types";
import { useCurrentUser } from "../auth/useAuth";
import { Alert, EmptyState, Loading } from "../components/feedback";
import { usePageTitle } from "../components/usePageTitle";
import { formatDate } from "../lib/format";
import { countText } from "../lib/hiring";
import { connectsText, formatPay, statusLabels } from "../lib/jobs";
import { JobActions } from "./jobs/JobActions";
import { StatusBadge } from "./jobs/StatusBadge";
import "./jobs/jobs.css";

const filters: { status: JobStatusName | null; label: string }[] = [
  { status: null, label: "All" },
  { status: "open", label: "Open" },
  { status: "draft", label: "Drafts" },
  { status: "closed", label: "Closed" },
  { status: "filled", label: "Filled" },
  { status: "cancelled", label: "Cancelled" },
  { status: "expired", label: "Expired" },
];

function parseStatus(value: string | null): JobStatusName | null {
  return filters.find((f) => f.status !== null && f.status === value)?.status ?? null;
}

function JobRow({ job, timeZone }: { job: Job; timeZone: string | undefined }) {
  const date = job.status === "draft" ? job.updated_at : (job.published_at ?? job.created_at);
  const proposalsText = countText(job.proposals_count, "proposal", "proposals");
  return (
    <li className="job-row card">
      <div className="job-row__head">
        <h2 className="job-row__title">
          <Link to={`/jobs/${job.id}`}>{job.title}</Link>
        </h2>
        <StatusBadge status={job.status} />
      </div>
      <dl className="job-row__facts">
        <div>
          <dt>Pay</dt>
          <dd>{formatPay(job)}</dd>
        </div>
        <div>
          <dt>Proposal cost</dt>
          <dd>{connectsText(job.connects_cost)}</dd>
        </div>
        {job.status !== "draft" && (
          <div>
            <dt>Proposals</dt>
            <dd>
              <Link to={`/jobs/${job.id}/proposals`} aria-label={`${proposalsText} for ${job.title}`}>
                {proposalsText}
              </Link>
            </dd>
          </div>
        )}
        <div>
          <dt>{job.status === "draft" ? "Saved" : "Posted"}</dt>
          <dd>
            <time dateTime={date}>{formatDate(date, timeZone)}</time>
          </dd>
        </div>
      </dl>
      <JobActions job={job} compact />
    </li>
  );
}

export default function MyJobsPage() {
  usePageTitle("My jobs");
  const user = useCurrentUser();
  const [params] = useSearchParams();
  const status = parseStatus(params.get("status"));
  const jobs = useInfiniteQuery({
    queryKey: ["my-jobs", status],
    queryFn: ({ pageParam }) => fetchMyJobs(status, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? null,
  });
  const all = jobs.data?.pages.flatMap((p) => p.data) ?? [];
  const filterLabel = filters.find((f) => f.status === status)?.label ?? "All";

  return (
    <div className="my-jobs">
      <header className="page-header page-header--split">
        <div>
          <h1>My jobs</h1>
          <p>Everything you have posted or drafted, newest first.</p>
        </div>
        <Link className="button" to="/jobs/new">
          Post a job
        </Link>
      </header>

      <nav className="filter-tabs" aria-label="Filter jobs by status">
        <ul>
          {filters.map((f) => (
            <li key={f.label}>
              <Link
                to={f.status ? `?status=${f.status}` : "."}
                aria-current={f.status === status ? "page" : undefined}
                className="filter-tabs__link"
              >
                {f.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      {jobs.isPending ? (
        <Loading label="Loading your jobs…" />
      ) : jobs.isError && all.length === 0 ? (
        <Alert tone="error" title="We could not load your jobs">
          <p>{errorMessage(jobs.error)}</p>
          <button type="button" className="button button--secondary button--small" onClick={() => void jobs.refetch()}>
            Try again
          </button>
        </Alert>
      ) : all.length === 0 ? (
        status === null ? (
          <EmptyState title="You have not posted a job yet">
            <p>Describe the work you need and freelancers will send you proposals.</p>
            <p className="empty__action">
              <Link className="button" to="/jobs/new">
                Post your first job
              </Link>
            </p>
          </EmptyState>
        ) : (
          <EmptyState title={`No ${statusLabels[status].toLowerCase()} jobs`}>
            <p>
              Nothing here in “{filterLabel}”. <Link to=".">See all your jobs</Link>.
            </p>
          </EmptyState>
        )
      ) : (
        <>
          <ul className="job-list" aria-label={`${filterLabel} jobs`}>
            {all.map((job) => (
              <JobRow key={job.id} job={job} timeZone={user?.timezone} />
            ))}
          </ul>
          <div className="job-list__more" aria-live="polite">
            {jobs.isFetchNextPageError && <p className="field__error">{errorMessage(jobs.error)}</p>}
            {jobs.hasNextPage ? (
              <button
                type="button"
                className="button button--secondary"
                disabled={jobs.isFetchingNextPage}
                onClick={() => void jobs.fetchNextPage()}
              >
                {jobs.isFetchingNextPage ? "Loading…" : "Load more jobs"}
              </button>
            ) : (
              all.length > 5 && <p className="muted small">That is all of them.</p>
            )}
          </div>
        </>
      )}
    </div>
  );
}
