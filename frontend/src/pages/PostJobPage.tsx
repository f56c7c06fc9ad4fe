import { useNavigate } from "react-router";
import { createJob } from "../api/jobs";
import { usePageTitle } from "../components/usePageTitle";
import { ClientGate } from "./jobs/ClientGate";
import { JobForm } from "./jobs/JobForm";
import { useJobChanged } from "./jobs/JobActions";
import { emptyJobForm, toJobRequest } from "./jobs/jobSchema";
import "./jobs/jobs.css";

export default function PostJobPage() {
  usePageTitle("Post a job");
  const navigate = useNavigate();
  const jobChanged = useJobChanged();
  return (
    <div className="job-page job-page--form">
      <header className="page-header">
        <h1>Post a job</h1>
        <p>Describe the work, set the pay, and freelancers can start sending proposals.</p>
      </header>
      <ClientGate>
        {() => (
          <JobForm
            mode="create"
            defaultValues={emptyJobForm}
            onSubmit={async (data, intent) => {
              const draft = intent === "draft";
              const job = await createJob({ ...toJobRequest(data), draft });
              jobChanged(job);
              await navigate(`/jobs/${job.id}`, {
                state: { flash: draft ? "Your draft is saved. Publish it when you are ready." : "Your job is posted." },
              });
            }}
          />
        )}
      </ClientGate>
    </div>
  );
}
