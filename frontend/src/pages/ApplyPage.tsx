import type { ReactNode } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { fetchJob } from "../api/jobs";
import type { Invitation } from "../api/hiring";
import { ApiError } from "../api/problem";
import type { Job, User } from "../api/types";
import { Alert, Loading } from "../components/feedback";
import { usePageTitle } from "../components/usePageTitle";
import { useInvitation } from "../lib/hiringQueries";
import { formatPay, statusLabels } from "../lib/jobs";
import { useFreshUser } from "../lib/queries";
import { readUuid } from "../lib/urlState";
import { JobNotFound } from "./jobs/JobNotFound";
import { PlainText } from "../components/PlainText";
import { Gate, type GateAction } from "./hiring/Gate";
import { LoadError } from "./hiring/parts";
import { ProposalForm, type ApplyJob } from "./hiring/ProposalForm";
import "./jobs/jobs.css";
import "./money/money.css";
import "./hiring/hiring.css";

interface Block {
  title: string;
  body: ReactNode;
  action?: GateAction;
}

type GateJob = ApplyJob & { client_id: string; status: Job["status"] };

/** Why this user cannot apply to this job, or null when they can. */
function applyBlock(user: User, job: GateJob): Block | null {
  if (!user.roles.includes("freelancer")) {
    return {
      title: "Proposals are sent by freelancers",
      body: "Your account hires as a client. To find work on Worklane, sign up for a freelancer account.",
    };
  }
  if (user.id === job.client_id) {
    return {
      title: "This is your own job",
      body: "You cannot send a proposal to a job you posted.",
      action: { to: `/jobs/${job.id}/proposals`, text: "Review its proposals" },
    };
  }
  if (!user.email_verified) {
    return {
      title: "Verify your email address first",
      body: (
        <>
          We sent a verification link to <strong>{user.email}</strong>. Once you open it you can send proposals.
        </>
      ),
      action: { to: "/account", text: "Go to your account" },
    };
  }
  if (job.status !== "open") {
    return {
      title: "This job no longer takes proposals",
      body: `The job is ${statusLabels[job.status].toLowerCase()}.`,
      action: { to: "/jobs", text: "Find other work" },
    };
  }
  return null;
}

/** Why an invitation in the link cannot be answered here, or null when it can. */
function invitationBlock(invitation: Invitation, jobId: string): Block | null {
  if (invitation.job.id !== jobId) {
    return {
      title: "This invitation is for another job",
      body: `It invites you to “${invitation.job.title}”.`,
      action: { to: `/jobs/${invitation.job.id}/apply?invitation=${invitation.id}`, text: "Answer it there" },
    };
  }
  if (invitation.status === "accepted") {
    return {
      title: "You have already accepted this invitation",
      body: `Your proposal went to ${invitation.client.full_name}.`,
      action: invitation.proposal_id
        ? { to: `/proposals/${invitation.proposal_id}`, text: "See your proposal" }
        : { to: "/proposals", text: "Your proposals" },
    };
  }
  if (invitation.status === "declined") {
    return {
      title: "You declined this invitation",
      body: "A declined invitation cannot be accepted any more.",
      action: { to: "/invitations", text: "Your invitations" },
    };
  }
  return null;
}

export default function ApplyPage() {
  const { id = "" } = useParams();
  const [params] = useSearchParams();
  const invitationId = readUuid(params, "invitation");
  const user = useFreshUser();
  const job = useQuery({ queryKey: ["job", id], queryFn: () => fetchJob(id) });
  const invitation = useInvitation(invitationId);
  const title = job.data?.title ?? invitation.data?.job.title;
  usePageTitle(title ? `Proposal: ${title}` : "Submit a proposal");

  if (!user || job.isPending || (invitationId !== null && invitation.isPending)) return <Loading label="Loading the job…" />;
  if (invitationId !== null && invitation.isError) {
    const gone = invitation.error instanceof ApiError && (invitation.error.status === 404 || invitation.error.status === 400);
    return (
      <div className="narrow">
        {gone ? (
          <Gate title="We could not find that invitation" action={{ to: "/invitations", text: "Your invitations" }}>
            <p>It may have been sent to someone else, or the link is wrong.</p>
          </Gate>
        ) : (
          <LoadError title="We could not load your invitation" error={invitation.error} onRetry={() => void invitation.refetch()} />
        )}
      </div>
    );
  }
  // An invited freelancer may not see an invite-only job's page; the invitation describes it.
  const brief = invitation.data?.job ?? null;
  let applyJob: GateJob | null = null;
  if (job.data) {
    applyJob = { ...job.data, pay: formatPay(job.data) };
  } else if (brief && brief.id === id) {
    applyJob = { ...brief, pay: null };
  }
  if (!applyJob) {
    if (job.error instanceof ApiError && (job.error.status === 404 || job.error.status === 400)) return <JobNotFound />;
    return (
      <div className="narrow">
        <LoadError title="We could not load the job" error={job.error} onRetry={() => void job.refetch()} />
      </div>
    );
  }
  const pending = invitation.data ?? null;
  const block = (pending && invitationBlock(pending, id)) ?? applyBlock(user, applyJob);

  return (
    <div className="job-page--form hiring-apply">
      <p className="back-link">
        <Link to={`/jobs/${applyJob.id}`}>← Back to the job</Link>
      </p>
      <header className="page-header">
        <h1>Submit a proposal</h1>
        <p>
          For <Link to={`/jobs/${applyJob.id}`}>{applyJob.title}</Link>
        </p>
      </header>
      {block ? (
        <Gate title={block.title} action={block.action}>
          <p>{block.body}</p>
        </Gate>
      ) : (
        <>
          {pending && (
            <Alert tone="info" title={`${pending.client.full_name} invited you to this job`} live={false}>
              <PlainText text={pending.message} />
            </Alert>
          )}
          <ProposalForm job={applyJob} invitation={pending} />
        </>
      )}
    </div>
  );
}
