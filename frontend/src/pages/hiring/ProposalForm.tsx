import { useId, useMemo, useState, type ReactNode } from "react";
import { Link, useNavigate } from "react-router";
import { useFieldArray, useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useQueryClient } from "@tanstack/react-query";
import { acceptInvitation, submitProposal, type Invitation, type JobBrief } from "../../api/hiring";
import { ApiError } from "../../api/problem";
import type { AttachmentInfo } from "../../api/types";
import { Alert } from "../../components/feedback";
import { Field, FieldErrorText } from "../../components/fields";
import { applyApiErrors } from "../../lib/formErrors";
import { checkMilestoneSum, countText, sumCheckMessage } from "../../lib/hiring";
import { hiringKeys, useConnectsSummary, useProposalChanged } from "../../lib/hiringQueries";
import { connectsText, projectLengthLabels } from "../../lib/jobs";
import { useFeePreview } from "../../lib/moneyQueries";
import { typedAmount } from "../money/amountSchema";
import { AmountInput, Money, Quote, QuoteLine } from "../money/parts";
import { AttachmentPicker } from "./Attachments";
import { CharCounter } from "./CharCounter";
import {
  ANSWER_MAX,
  COVER_LETTER_MAX,
  COVER_LETTER_MIN,
  emptyProposalForm,
  PROPOSAL_MILESTONES_MAX,
  proposalFormFields,
  proposalSchema,
  toProposalRequest,
  type ProposalFormValues,
} from "./proposalSchema";

/** What the form needs to know about the job (a JobBrief, plus its pay when known). */
export type ApplyJob = Pick<JobBrief, "id" | "title" | "job_type" | "screening_questions" | "connects_cost"> & {
  /** "$750.00 fixed price", "$25.00–$45.00/hr". */
  pay?: string | null;
};

interface FormProblem {
  title: string;
  message: string;
  link?: { to: string; text: string };
}

/** Words for the refusals no field can fix; null for anything else. */
function refusal(error: unknown, job: ApplyJob): FormProblem | null {
  if (!(error instanceof ApiError)) return null;
  switch (error.code) {
    case "not_enough_connects":
      return {
        title: "You do not have enough Connects",
        message: `This proposal costs ${connectsText(job.connects_cost)}. Nothing was spent. Buy more Connects, then send your proposal again: what you wrote stays here.`,
        link: { to: "/connects", text: "Buy Connects" },
      };
    case "already_proposed":
      return {
        title: "You have already sent a proposal to this job",
        message: "Only one proposal per job is possible. You can see it, or withdraw it, among your proposals.",
        link: { to: "/proposals", text: "Go to your proposals" },
      };
    case "job_not_open":
      return { title: "This job no longer takes proposals", message: "The client has closed, filled or cancelled it. Nothing was spent." };
    case "own_job":
      return { title: "This is your own job", message: "You cannot send a proposal to a job you posted." };
    case "invitation_required":
      return { title: "This job takes proposals by invitation only", message: "Only freelancers the client invited can apply." };
    default:
      if (error.status === 404) {
        return {
          title: "This job is not available",
          message: "It may have been removed, or it takes proposals by invitation only.",
        };
      }
      return null;
  }
}

/** Connects: what this proposal costs and what the freelancer has (or "free" when invited). */
function ConnectsBox({ job, invitation }: { job: ApplyJob; invitation: Invitation | null }) {
  const summary = useConnectsSummary(invitation === null);
  if (invitation) {
    return (
      <div className="connects-preview" data-testid="connects-box">
        <span className="connects-preview__icon" aria-hidden="true">
          ◆
        </span>
        <div>
          <p>
            <strong>Free: you were invited.</strong> Answering {invitation.client.full_name}’s invitation spends no
            Connects.
          </p>
        </div>
      </div>
    );
  }
  const balance = summary.data?.balance ?? null;
  const short = balance !== null && balance < job.connects_cost;
  return (
    <div className="connects-preview" data-testid="connects-box">
      <span className="connects-preview__icon" aria-hidden="true">
        ◆
      </span>
      <div>
        <p>
          This proposal costs <strong>{connectsText(job.connects_cost)}</strong>.
        </p>
        <p className="muted small" role="status">
          {summary.isPending
            ? "Checking your Connects balance…"
            : summary.isError
              ? "Your Connects balance could not be loaded; the server checks it when you send."
              : `You have ${connectsText(summary.data.balance)}.`}
          {!short && balance !== null && (
            <>
              {" "}
              <Link to="/connects">Your Connects</Link>
            </>
          )}
        </p>
        {short && (
          <p className="connects-short">
            You need {countText(job.connects_cost - balance, "more Connect", "more Connects")} to send it.{" "}
            <Link to="/connects">Buy Connects</Link>
          </p>
        )}
      </div>
    </div>
  );
}

function Section({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  const id = useId();
  return (
    <section className="card form-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {intro && <p className="muted small form-section__intro">{intro}</p>}
      <div className="form">{children}</div>
    </section>
  );
}

/** The proposal: cover letter, bid (with optional milestones), duration and answers. */
export function ProposalForm({ job, invitation }: { job: ApplyJob; invitation: Invitation | null }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const proposalChanged = useProposalChanged();
  const formId = useId();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [attachments, setAttachments] = useState<AttachmentInfo[]>([]);
  const [uploading, setUploading] = useState(false);
  const questions = job.screening_questions;
  const schema = useMemo(() => proposalSchema(job.job_type, questions.length), [job.job_type, questions.length]);
  const fields = useMemo(() => proposalFormFields(questions.length), [questions.length]);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ProposalFormValues>({
    resolver: zodResolver(schema),
    defaultValues: emptyProposalForm(questions.length),
  });
  const milestones = useFieldArray({ control, name: "milestones" });
  const [coverLetter, bid, rate, useMilestones, rows] = useWatch({
    control,
    name: ["cover_letter", "bid_amount", "hourly_rate", "use_milestones", "milestones"],
  });
  const hourly = job.job_type === "hourly";
  const amount = typedAmount(hourly ? rate : bid);
  const fees = useFeePreview(amount, "freelancer");
  const sumCheck = checkMilestoneSum(
    rows.map((r) => r.amount),
    bid,
  );
  const sumMessage = useMilestones ? sumCheckMessage(sumCheck, bid) : null;

  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    if (uploading) {
      setProblem({ title: "Your files are still uploading", message: "Wait until every file is listed as attached, then send again." });
      return;
    }
    const body = toProposalRequest({ ...values, attachment_ids: attachments.map((a) => a.id) }, job.job_type);
    try {
      const proposal = invitation ? await acceptInvitation(invitation.id, body) : await submitProposal(job.id, body);
      proposalChanged(proposal);
      void queryClient.invalidateQueries({ queryKey: hiringKeys.connects });
      if (invitation) {
        void queryClient.invalidateQueries({ queryKey: hiringKeys.invitation(invitation.id) });
        void queryClient.invalidateQueries({ queryKey: hiringKeys.myInvitations });
      }
      const spent = proposal.connects_spent > 0 ? ` ${connectsText(proposal.connects_spent)} spent.` : "";
      await navigate(`/proposals/${proposal.id}`, { state: { flash: `Your proposal was sent to the client.${spent}` } });
    } catch (error) {
      const known = refusal(error, job);
      if (known) {
        setProblem(known);
        if (error instanceof ApiError && error.code === "not_enough_connects") {
          void queryClient.invalidateQueries({ queryKey: hiringKeys.connects });
        }
        return;
      }
      const message = applyApiErrors(error, fields, setError);
      if (message) setProblem({ title: "Your proposal was not sent", message });
    }
  });

  const milestoneError = errors.milestones?.message ?? errors.milestones?.root?.message;
  const sumId = `${formId}-sum`;

  return (
    <form className="job-form" onSubmit={onSubmit} noValidate aria-label={`Proposal for ${job.title}`}>
      <div className="form-live" aria-live="polite">
        {problem && (
          <Alert tone="error" live={false} title={problem.title}>
            <p>{problem.message}</p>
            {problem.link && (
              <p>
                <Link to={problem.link.to}>{problem.link.text}</Link>
              </p>
            )}
          </Alert>
        )}
      </div>

      <ConnectsBox job={job} invitation={invitation} />

      <Section
        title={hourly ? "Your rate" : "Your bid"}
        intro={
          <>
            {job.pay ? `The client’s terms: ${job.pay}. ` : ""}
            {hourly ? "What you will charge per hour." : "The total you will charge for the project."} Worklane keeps a
            service fee from each payment.
          </>
        }
      >
        {hourly ? (
          <Field label="Hourly rate (USD)" error={errors.hourly_rate?.message}>
            {({ id, describedBy, invalid }) => (
              <AmountInput id={id} placeholder="45.00" aria-invalid={invalid} aria-describedby={describedBy} {...register("hourly_rate")} />
            )}
          </Field>
        ) : (
          <Field label="Bid (USD)" error={errors.bid_amount?.message}>
            {({ id, describedBy, invalid }) => (
              <AmountInput id={id} placeholder="750.00" aria-invalid={invalid} aria-describedby={describedBy} {...register("bid_amount")} />
            )}
          </Field>
        )}
        {amount !== null && (
          <Quote label={hourly ? "Per hour" : "For the project"} busy={fees.updating}>
            <QuoteLine term={hourly ? "Your rate" : "Your bid"}>
              <Money amount={amount} />
            </QuoteLine>
            <QuoteLine term={fees.data ? `Service fee (${fees.data.fee_percent}%)` : "Service fee"}>
              {fees.data ? <Money amount={`-${fees.data.fee}`} /> : fees.isError ? "Not available now" : "…"}
            </QuoteLine>
            <QuoteLine term="You receive" total>
              {fees.data?.net ? <Money amount={fees.data.net} /> : fees.isError ? "Not available now" : "…"}
            </QuoteLine>
          </Quote>
        )}

        {!hourly && (
          <fieldset className="field milestones" aria-describedby={useMilestones ? sumId : undefined}>
            <legend className="visually-hidden">Milestones</legend>
            <label className="check">
              <input type="checkbox" {...register("use_milestones")} />
              <span>Split the bid into milestones (optional)</span>
            </label>
            {useMilestones && (
              <>
                <p className="field__hint">
                  Paid one at a time as you deliver. The milestones must add up to your bid. Up to {PROPOSAL_MILESTONES_MAX}.
                </p>
                <ol className="milestone-rows">
                  {milestones.fields.map((row, index) => {
                    const n = index + 1;
                    const titleError = errors.milestones?.[index]?.title?.message;
                    const amountError = errors.milestones?.[index]?.amount?.message;
                    const titleId = `${formId}-m-${row.id}-title`;
                    const amountId = `${formId}-m-${row.id}-amount`;
                    return (
                      <li key={row.id} className="milestone-row">
                        <div className="field milestone-row__title">
                          <label htmlFor={titleId}>
                            Milestone {n}
                            <span className="visually-hidden"> name</span>
                          </label>
                          <input
                            id={titleId}
                            className="input"
                            placeholder="e.g. Designs approved"
                            aria-invalid={titleError ? true : undefined}
                            aria-describedby={titleError ? `${titleId}-error` : undefined}
                            {...register(`milestones.${index}.title`)}
                          />
                          <FieldErrorText id={`${titleId}-error`} error={titleError} />
                        </div>
                        <div className="field milestone-row__amount">
                          <label htmlFor={amountId}>
                            Amount<span className="visually-hidden"> of milestone {n}</span>
                          </label>
                          <AmountInput
                            id={amountId}
                            placeholder="250.00"
                            aria-invalid={amountError ? true : undefined}
                            aria-describedby={amountError ? `${amountId}-error` : undefined}
                            {...register(`milestones.${index}.amount`)}
                          />
                          <FieldErrorText id={`${amountId}-error`} error={amountError} />
                        </div>
                        <button
                          type="button"
                          className="button button--secondary button--small milestone-row__remove"
                          disabled={milestones.fields.length <= 1}
                          aria-label={`Remove milestone ${n}`}
                          onClick={() => milestones.remove(index)}
                        >
                          Remove
                        </button>
                      </li>
                    );
                  })}
                </ol>
                <p
                  id={sumId}
                  className="milestone-sum"
                  data-state={sumCheck.state}
                  role="status"
                  aria-live="polite"
                  data-testid="milestone-sum"
                >
                  {sumMessage ?? "Enter your bid above to check the milestones against it."}
                </p>
                <FieldErrorText id={`${formId}-milestones-error`} error={milestoneError} />
                <div>
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    disabled={milestones.fields.length >= PROPOSAL_MILESTONES_MAX}
                    onClick={() => milestones.append({ title: "", amount: "" })}
                  >
                    Add a milestone
                  </button>
                </div>
              </>
            )}
          </fieldset>
        )}

        <Field label="How long will the work take?" error={errors.estimated_duration?.message}>
          {({ id, describedBy, invalid }) => (
            <select id={id} className="select" aria-invalid={invalid} aria-describedby={describedBy} {...register("estimated_duration")}>
              <option value="">Choose a duration</option>
              {Object.entries(projectLengthLabels).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </Section>

      <Section title="Cover letter" intro="Why you are a good fit: similar work you have done, and how you would approach this job.">
        <Field
          label="Your cover letter"
          error={errors.cover_letter?.message}
          hint={<CharCounter value={coverLetter} min={COVER_LETTER_MIN} max={COVER_LETTER_MAX} />}
        >
          {({ id, describedBy, invalid }) => (
            <textarea id={id} className="input textarea" rows={10} aria-invalid={invalid} aria-describedby={describedBy} {...register("cover_letter")} />
          )}
        </Field>
      </Section>

      {questions.length > 0 && (
        <Section title="The client’s questions" intro="Answer each one; the client reads them with your cover letter.">
          {questions.map((question, index) => (
            <Field key={index} label={`${index + 1}. ${question}`} error={errors.answers?.[index]?.message}>
              {({ id, describedBy, invalid }) => (
                <textarea
                  id={id}
                  className="input textarea textarea--answer"
                  rows={4}
                  maxLength={ANSWER_MAX + 100}
                  aria-invalid={invalid}
                  aria-describedby={describedBy}
                  {...register(`answers.${index}`)}
                />
              )}
            </Field>
          ))}
        </Section>
      )}

      <Section title="Attachments" intro="Samples of similar work, a brief or a plan: the client can download them with your proposal.">
        <AttachmentPicker
          files={attachments}
          setFiles={setAttachments}
          onBusyChange={setUploading}
          error={errors.attachment_ids?.message}
          label="Files (optional)"
        />
      </Section>

      <div className="form-actions job-form__actions">
        <button type="submit" className="button" disabled={isSubmitting}>
          {isSubmitting
            ? "Sending…"
            : invitation
              ? "Send proposal (free)"
              : `Send proposal for ${connectsText(job.connects_cost)}`}
        </button>
        <Link className="button button--secondary" to={`/jobs/${job.id}`}>
          Back to the job
        </Link>
      </div>
    </form>
  );
}
