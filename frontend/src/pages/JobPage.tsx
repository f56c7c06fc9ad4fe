import { Link, useParams } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { fetchJob } from "../api/jobs";
import { ApiError, errorMessage } from "../api/problem";
import type { Category, Job } from "../api/types";
import { useAuthState, useCurrentUser } from "../auth/useAuth";
import { Alert, Loading } from "../components/feedback";
import { usePageTitle } from "../components/usePageTitle";
import { useFlash } from "../lib/flash";
import { formatDate } from "../lib/format";
import {
  connectsText,
  experienceLabels,
  formatPay,
  hoursPerWeekLabels,
  projectLengthLabels,
  visibilityLabels,
} from "../lib/jobs";
import { useCategories } from "../lib/queries";
import { CompetingBids } from "./jobs/CompetingBids";
import { JobActions } from "./jobs/JobActions";
import { JobNotFound } from "./jobs/JobNotFound";
import { JobTrust, RemovedNotice } from "./jobs/JobTrust";
import { StatusBadge } from "./jobs/StatusBadge";
import { SuggestedTalent } from "./jobs/SuggestedTalent";
import { PlainText } from "../components/PlainText";
import { ClientCard } from "./profile/ClientCard";
import "./jobs/jobs.css";
import "./profile/profile.css";

function categoryName(categories: Category[] | undefined, id: string): string | null {
  for (const category of categories ?? []) {
    if (category.id === id) return category.name;
    const sub = category.subcategories.find((s) => s.id === id);
    if (sub) return `${category.name} › ${sub.name}`;
  }
  return null;
}

/** For the job's owner: its proposals, and how many came in. */
function ReviewProposalsLink({ job }: { job: Job }) {
  return (
    <p className="job-detail__review">
      <Link className="button button--secondary button--block" to={`/jobs/${job.id}/proposals`}>
        Review proposals ({job.proposals_count.toLocaleString("en-US")})
      </Link>
    </p>
  );
}

/** "Submit a proposal" for signed-in freelancers (and a way in for everyone signed out). */
function ApplyLink({ job }: { job: Job }) {
  const auth = useAuthState();
  if (auth.status === "restoring") return null;
  const apply = `/jobs/${job.id}/apply`;
  if (auth.status === "signed_out") {
    return (
      <div className="job-detail__apply">
        <Link className="button button--block" to={`/login?next=${encodeURIComponent(apply)}`}>
          Sign in to submit a proposal
        </Link>
      </div>
    );
  }
  if (!auth.user.roles.includes("freelancer")) return null;
  return (
    <div className="job-detail__apply">
      <Link className="button button--block" to={apply}>
        Submit a proposal
      </Link>
      <p className="muted small">
        Costs <span className="connects">{connectsText(job.connects_cost)}</span>.{" "}
        <Link to="/connects">Your Connects</Link>
      </p>
    </div>
  );
}

function JobView({ job, isOwner }: { job: Job; isOwner: boolean }) {
  const user = useCurrentUser();
  const categories = useCategories();
  const flash = useFlash();
  const category = categoryName(categories.data, job.category_id);
  const posted = job.published_at ?? job.created_at;
  return (
    <article className="job-detail" aria-labelledby="job-title">
      {flash && (
        <Alert tone="success">
          <p>{flash}</p>
        </Alert>
      )}
      <RemovedNotice job={job} />
      {isOwner && (
        <p className="back-link">
          <Link to="/me/jobs">← My jobs</Link>
        </p>
      )}
      <header className="job-detail__header">
        <div className="job-detail__badges">
          <StatusBadge status={job.status} />
          {job.visibility === "invite_only" && <span className="badge">Invite only</span>}
        </div>
        <h1 id="job-title">{job.title}</h1>
        <p className="muted small">
          {category && <>{category} · </>}
          {job.status === "draft" ? "Draft saved " : "Posted "}
          <time dateTime={job.status === "draft" ? job.updated_at : posted}>
            {formatDate(job.status === "draft" ? job.updated_at : posted, user?.timezone)}
          </time>
        </p>
      </header>
      <div className="job-detail__layout">
        <div className="job-detail__main card">
          <h2 className="visually-hidden">Description</h2>
          <PlainText text={job.description} />
          <h2 className="job-detail__subhead">Skills</h2>
          <ul className="chips" aria-label="Skills">
            {job.skills.map((s) => (
              <li key={s.id} className="chip chip--static">
                {s.name}
              </li>
            ))}
          </ul>
          {job.screening_questions.length > 0 && (
            <>
              <h2 className="job-detail__subhead">Screening questions</h2>
              <ol className="job-detail__questions">
                {job.screening_questions.map((q, i) => (
                  <li key={i}>{q}</li>
                ))}
              </ol>
            </>
          )}
        </div>
        <div className="job-detail__side">
        <aside className="job-detail__aside card" aria-label="Terms">
          <dl className="job-terms">
            <div>
              <dt>{job.job_type === "fixed" ? "Budget" : "Hourly rate"}</dt>
              <dd className="job-terms__pay">{formatPay(job)}</dd>
            </div>
            <div>
              <dt>Experience</dt>
              <dd>{experienceLabels[job.experience_level]}</dd>
            </div>
            <div>
              <dt>Project length</dt>
              <dd>{projectLengthLabels[job.project_length]}</dd>
            </div>
            <div>
              <dt>Hours per week</dt>
              <dd>{hoursPerWeekLabels[job.hours_per_week]}</dd>
            </div>
            <div>
              <dt>Visibility</dt>
              <dd>{visibilityLabels[job.visibility]}</dd>
            </div>
            <div>
              <dt>Proposal cost</dt>
              <dd>
                <span className="connects">{connectsText(job.connects_cost)}</span>
              </dd>
            </div>
          </dl>
          {isOwner && (
            <div className="job-detail__owner">
              <h2 className="job-detail__subhead">Manage</h2>
              {job.status !== "draft" && <ReviewProposalsLink job={job} />}
              <JobActions job={job} />
            </div>
          )}
          {!isOwner && job.status === "open" && <ApplyLink job={job} />}
          <JobTrust job={job} isOwner={isOwner} />
        </aside>
        {!isOwner && user?.roles.includes("freelancer") && job.status !== "draft" && <CompetingBids job={job} />}
        {!isOwner && <ClientCard clientId={job.client_id} />}
        {isOwner && (job.status === "open" || job.status === "draft") && <SuggestedTalent job={job} />}
        </div>
      </div>
    </article>
  );
}

export default function JobPage() {
  const { id = "" } = useParams();
  const auth = useAuthState();
  const user = auth.status === "signed_in" ? auth.user : null;
  // Wait for a stored session to be restored: drafts and invite-only jobs need the token.
  const job = useQuery({ queryKey: ["job", id], queryFn: () => fetchJob(id), enabled: auth.status !== "restoring" });
  usePageTitle(job.data?.title ?? (job.isError ? "Job" : "Loading job"));

  if (job.isPending) return <Loading label="Loading the job…" />;
  if (job.isError) {
    // 404 covers missing jobs and jobs hidden from this reader; a malformed id is a 400.
    if (job.error instanceof ApiError && (job.error.status === 404 || job.error.status === 400)) return <JobNotFound />;
    return (
      <div className="narrow">
        <Alert tone="error" title="We could not load the job">
          <p>{errorMessage(job.error)}</p>
          <button type="button" className="button button--secondary button--small" onClick={() => void job.refetch()}>
            Try again
          </button>
        </Alert>
      </div>
    );
  }
  return <JobView job={job.data} isOwner={user?.id === job.data.client_id} />;
}
