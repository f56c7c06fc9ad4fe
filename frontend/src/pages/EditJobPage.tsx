import { useMemo } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { fetchJob, updateJob } from "../api/jobs";
import { ApiError, errorMessage } from "../api/problem";
import type { Job } from "../api/types";
import { Alert, Loading } from "../components/feedback";
import { usePageTitle } from "../components/usePageTitle";
import { useCurrentUser } from "../auth/useAuth";
import { allowedActions, statusLabels } from "../lib/jobs";
import { JobForm } from "./jobs/JobForm";
import { useJobChanged } from "./jobs/JobActions";
import { changedFields, jobFormSchema, jobToFormValues, toJobRequest } from "./jobs/jobSchema";
import { JobNotFound } from "./jobs/JobNotFound";
import "./jobs/jobs.css";

function EditForm({ job }: { job: Job }) {
  const navigate = useNavigate();
  const jobChanged = useJobChanged();
  const initial = useMemo(() => jobToFormValues(job), [job]);
  return (
    <JobForm
      mode="edit"
      defaultValues={initial}
      secondaryAction={
        <Link className="button button--secondary" to={`/jobs/${job.id}`}>
          Discard changes
        </Link>
      }
      onSubmit={async (data) => {
        // The job as loaded, through the same schema, so only real edits count as changes.
        // (Should the stored job not pass today's rules, send the whole form.)
        const before = jobFormSchema.safeParse(initial);
        const patch = before.success ? changedFields(before.data, data) : toJobRequest(data);
        if (Object.keys(patch).length === 0) {
          await navigate(`/jobs/${job.id}`, { state: { flash: "Nothing needed saving: the job is unchanged." } });
          return;
        }
        const updated = await updateJob(job.id, patch);
        jobChanged(updated);
        await navigate(`/jobs/${job.id}`, { state: { flash: "Your changes are saved." } });
      }}
    />
  );
}

export default function EditJobPage() {
  const { id = "" } = useParams();
  const user = useCurrentUser();
  const job = useQuery({ queryKey: ["job", id], queryFn: () => fetchJob(id) });
  usePageTitle(job.data ? `Edit: ${job.data.title}` : "Edit job");

  if (job.isPending) return <Loading label="Loading the job…" />;
  if (job.isError) {
    if (job.error instanceof ApiError && job.error.status === 404) return <JobNotFound />;
    return (
      <Alert tone="error" title="We could not load the job">
        <p>{errorMessage(job.error)}</p>
        <button type="button" className="button button--secondary button--small" onClick={() => void job.refetch()}>
          Try again
        </button>
      </Alert>
    );
  }
  const data = job.data;
  if (data.client_id !== user?.id) return <JobNotFound />;
  return (
    <div className="job-page job-page--form">
      <p className="back-link">
        <Link to={`/jobs/${data.id}`}>← Back to the job</Link>
      </p>
      <header className="page-header">
        <h1>Edit job</h1>
        <p>{data.title}</p>
      </header>
      {allowedActions(data.status).edit ? (
        <EditForm job={data} />
      ) : (
        <Alert tone="warning" title="This job can no longer be edited">
          <p>Only drafts and open jobs can be changed; this one is {statusLabels[data.status].toLowerCase()}.</p>
        </Alert>
      )}
    </div>
  );
}
