import { Link } from "react-router";
import type { JobSummary, ProposalsBucket } from "../../api/search";
import { formatDateTime, formatTimeAgo } from "../../lib/format";
import { connectsText, experienceLabels, formatPay, jobTypeLabels } from "../../lib/jobs";
import { SkillChips } from "./SkillChips";

export const proposalsLabels: Record<ProposalsBucket, string> = {
  "0-4": "Less than 5",
  "5-9": "5 to 9",
  "10-14": "10 to 14",
  "15+": "15 or more",
};

/** A bucket's wording; a bucket this build does not know is shown as sent. */
export function proposalsLabel(bucket: string): string {
  return (proposalsLabels as Record<string, string | undefined>)[bucket] ?? bucket;
}

interface JobCardProps {
  job: JobSummary;
  countryName: (code: string) => string;
  timeZone: string | undefined;
  /** The card title's heading level: 3 under a section heading, 2 otherwise. */
  level?: 2 | 3;
}

/** One job in a list of search results. */
export function JobCard({ job, countryName, timeZone, level = 3 }: JobCardProps) {
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <li className="result-card card">
      <p className="result-card__meta">
        {jobTypeLabels[job.job_type]} · {experienceLabels[job.experience_level]}
        {job.published_at && (
          <>
            {" · Posted "}
            <time dateTime={job.published_at} title={formatDateTime(job.published_at, timeZone)}>
              {formatTimeAgo(job.published_at)}
            </time>
          </>
        )}
      </p>
      <Heading className="result-card__title">
        <Link to={`/jobs/${job.id}`}>{job.title}</Link>
      </Heading>
      <dl className="result-card__terms">
        <div>
          <dt className="visually-hidden">Pay</dt>
          <dd>{formatPay(job)}</dd>
        </div>
        <div>
          <dt>Category:</dt>
          <dd>{job.category.name}</dd>
        </div>
      </dl>
      {job.snippet && <p className="result-card__snippet">{job.snippet}</p>}
      <SkillChips skills={job.skills} />
      <div className="result-card__footer">
        {job.client.payment_verified ? (
          <span className="badge badge--brand">Payment verified</span>
        ) : (
          <span>Payment not verified</span>
        )}
        <span>Client in {countryName(job.client.country)}</span>
        {job.client.has_hires && <span>Has hired before</span>}
        <span>Proposals: {proposalsLabel(job.proposals)}</span>
        <span>{connectsText(job.connects_cost)}</span>
      </div>
    </li>
  );
}
