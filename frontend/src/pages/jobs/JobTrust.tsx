import { useRef } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { removeJob } from "../../api/trust";
import type { Job } from "../../api/types";
import { useCurrentUser } from "../../auth/useAuth";
import { ActionDialog, type ActionDialogHandle } from "../../components/ActionDialog";
import { Alert } from "../../components/feedback";
import { ReportButton } from "../../components/ReportButton";
import { REMOVE_REASON_MAX } from "../../lib/trust";

/** Said at the top of a job a Worklane admin took down (its owner and admins still see it). */
export function RemovedNotice({ job }: { job: Job }) {
  if (job.status !== "removed") return null;
  return (
    <Alert tone="warning" live={false} title="This job was removed by Worklane">
      <p>It no longer appears in search and cannot receive proposals. Freelancers who applied got their Connects back.</p>
    </Alert>
  );
}

/** Admins: take the post down (a reason is required; the client is told it). */
function RemovePost({ job }: { job: Job }) {
  const queryClient = useQueryClient();
  const dialog = useRef<ActionDialogHandle>(null);
  return (
    <>
      <button type="button" className="button button--danger-quiet button--small" onClick={() => dialog.current?.open()}>
        Remove post…
      </button>
      <ActionDialog
        ref={dialog}
        title="Remove this job post"
        subject={job.title}
        body="The job leaves search and can no longer be applied to; every freelancer who sent a proposal gets their Connects back. The client is told why."
        label="Reason"
        field="reason"
        hint="The client sees this."
        required="Give a reason; the client is told it."
        max={REMOVE_REASON_MAX}
        confirm="Remove post"
        pending="Removing…"
        onSubmit={(reason) => removeJob(job.id, reason)}
        onDone={(removed) => {
          queryClient.setQueryData(["job", job.id], removed);
          void queryClient.invalidateQueries({ queryKey: ["jobs"] });
          void queryClient.invalidateQueries({ queryKey: ["admin-trust"] });
        }}
      />
    </>
  );
}

/** Report (anyone signed in but the owner) and, for admins, removal. */
export function JobTrust({ job, isOwner }: { job: Job; isOwner: boolean }) {
  const user = useCurrentUser();
  if (!user) return null;
  const admin = user.roles.includes("admin") && job.status !== "removed";
  if (isOwner && !admin) return null;
  return (
    <div className="job-detail__trust">
      {!isOwner && <ReportButton targetType="job" targetId={job.id} subject={job.title} />}
      {admin && <RemovePost job={job} />}
    </div>
  );
}
