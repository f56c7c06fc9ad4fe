import { useId, useState } from "react";
import { Link } from "react-router";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { inviteFreelancer, type Invitation } from "../../api/hiring";
import { fetchMyJobs } from "../../api/jobs";
import { ApiError } from "../../api/problem";
import { Alert, EmptyState, Loading } from "../../components/feedback";
import { Field } from "../../components/fields";
import { applyApiErrors } from "../../lib/formErrors";
import { useInvitationChanged } from "../../lib/hiringQueries";
import { charCount } from "../jobs/jobSchema";
import { CharCounter } from "./CharCounter";
import { LoadError } from "./parts";

export const INVITATION_MESSAGE_MAX = 2000;

const inviteSchema = z.object({
  job_id: z.string().min(1, { error: "Choose the job to invite them to." }),
  message: z
    .string()
    .trim()
    .min(1, { error: "Write a short message." })
    .refine((s) => charCount(s) <= INVITATION_MESSAGE_MAX, {
      error: `Keep the message to ${INVITATION_MESSAGE_MAX.toLocaleString("en-US")} characters or fewer.`,
    }),
});
type InviteValues = z.input<typeof inviteSchema>;
const inviteFields = ["job_id", "message"] as const;

function firstName(fullName: string): string {
  return fullName.trim().split(/\s+/)[0] ?? fullName;
}

/** Words for the refusals the form cannot fix by a field. */
function refusal(error: unknown, name: string): string | null {
  if (!(error instanceof ApiError)) return null;
  switch (error.code) {
    case "already_invited":
      return `You have already invited ${name} to this job, and they have not answered yet.`;
    case "already_proposed":
      return `${name} has already sent a proposal to this job: you will find it among the job’s proposals.`;
    case "job_not_open":
      return "This job no longer takes proposals, so nobody can be invited to it.";
    default:
      return error.status === 404 ? `${name} cannot be invited: the job or the freelancer is no longer available.` : null;
  }
}

interface Target {
  id: string;
  full_name: string;
}

function InviteForm({ freelancer, onDone }: { freelancer: Target; onDone: (invitation: Invitation) => void }) {
  const invitationChanged = useInvitationChanged();
  const [formError, setFormError] = useState<string | null>(null);
  const jobs = useQuery({ queryKey: ["my-jobs", "open", "invite"], queryFn: () => fetchMyJobs("open", null, 100) });
  const open = jobs.data?.data ?? [];
  const {
    register,
    handleSubmit,
    setError,
    control,
    formState: { errors, isSubmitting },
  } = useForm<InviteValues>({
    resolver: zodResolver(inviteSchema),
    defaultValues: {
      job_id: "",
      message: `Hello ${firstName(freelancer.full_name)}, I would like to invite you to send a proposal for my job. Have a look at it, and tell me if you are interested.`,
    },
  });
  const message = useWatch({ control, name: "message" });

  if (jobs.isPending) return <Loading label="Loading your open jobs…" />;
  if (jobs.isError) return <LoadError title="We could not load your jobs" error={jobs.error} onRetry={() => void jobs.refetch()} />;
  if (open.length === 0) {
    return (
      <EmptyState title="You have no open jobs">
        <p>Invitations are to a job: post one first, then invite {freelancer.full_name} to it.</p>
        <p className="empty__action">
          <Link className="button" to="/jobs/new">
            Post a job
          </Link>
        </p>
      </EmptyState>
    );
  }

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      const invitation = await inviteFreelancer(values.job_id, { freelancer_id: freelancer.id, message: values.message.trim() });
      invitationChanged(invitation);
      onDone(invitation);
    } catch (error) {
      setFormError(refusal(error, freelancer.full_name) ?? applyApiErrors(error, inviteFields, setError));
    }
  });

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <div className="form-live" aria-live="polite">
        {formError && (
          <Alert tone="error" live={false} title="The invitation was not sent">
            <p>{formError}</p>
          </Alert>
        )}
      </div>
      <Field label="Job" error={errors.job_id?.message} hint="Your open jobs.">
        {({ id, describedBy, invalid }) => (
          <select id={id} className="select" aria-invalid={invalid} aria-describedby={describedBy} {...register("job_id")}>
            <option value="">Choose a job</option>
            {open.map((job) => (
              <option key={job.id} value={job.id}>
                {job.title}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Message" error={errors.message?.message} hint={<CharCounter value={message} min={1} max={INVITATION_MESSAGE_MAX} />}>
        {({ id, describedBy, invalid }) => (
          <textarea id={id} className="input textarea textarea--answer" rows={5} aria-invalid={invalid} aria-describedby={describedBy} {...register("message")} />
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button" disabled={isSubmitting}>
          {isSubmitting ? "Sending…" : "Send invitation"}
        </button>
      </div>
    </form>
  );
}

/** For clients on a freelancer's page: invite them to one of your open jobs, with a message. */
export function InviteToJob({ freelancer }: { freelancer: Target }) {
  const panelId = useId();
  const titleId = useId();
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState<Invitation | null>(null);
  return (
    <section className="card invite-panel" aria-labelledby={titleId}>
      <div className="review-toolbar">
        <h2 id={titleId}>Hire {freelancer.full_name}</h2>
        <button
          type="button"
          className={open ? "button button--secondary" : "button"}
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => {
            setOpen(!open);
            setSent(null);
          }}
        >
          {open ? "Close" : "Invite to job"}
        </button>
      </div>
      <div className="form-live" aria-live="polite">
        {sent && (
          <Alert tone="success" live={false}>
            <p>
              Invitation sent to {freelancer.full_name} for “{sent.job.title}”. You will find their answer with the job’s{" "}
              <Link to={`/jobs/${sent.job.id}/proposals?tab=invitations`}>invitations</Link>.
            </p>
          </Alert>
        )}
      </div>
      <div id={panelId} hidden={!open}>
        {open && (
          <InviteForm
            freelancer={freelancer}
            onDone={(invitation) => {
              setSent(invitation);
              setOpen(false);
            }}
          />
        )}
      </div>
    </section>
  );
}
