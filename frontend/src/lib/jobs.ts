import type { ExperienceLevel, HoursPerWeekName, Job, JobStatusName, JobTypeName, ProjectLengthName, Visibility } from "../api/types";

export const jobTypeLabels: Record<JobTypeName, string> = { fixed: "Fixed price", hourly: "Hourly" };

export const experienceLabels: Record<ExperienceLevel, string> = {
  entry: "Entry level",
  intermediate: "Intermediate",
  expert: "Expert",
};

export const experienceHints: Record<ExperienceLevel, string> = {
  entry: "New to the field; the lowest rates.",
  intermediate: "A solid track record; fair rates.",
  expert: "Deep experience in the field; the highest rates.",
};

export const projectLengthLabels: Record<ProjectLengthName, string> = {
  less_than_1_month: "Less than 1 month",
  "1_to_3_months": "1 to 3 months",
  "3_to_6_months": "3 to 6 months",
  more_than_6_months: "More than 6 months",
};

export const hoursPerWeekLabels: Record<HoursPerWeekName, string> = {
  less_than_30: "Less than 30 hrs/week",
  "30_plus": "30+ hrs/week",
};

export const visibilityLabels: Record<Visibility, string> = {
  public: "Public",
  invite_only: "Invite only",
};

export const visibilityHints: Record<Visibility, string> = {
  public: "Anyone can find the job in search and send a proposal.",
  invite_only: "Only freelancers you invite can see the job.",
};

export const statusLabels: Record<JobStatusName, string> = {
  draft: "Draft",
  open: "Open",
  filled: "Filled",
  closed: "Closed",
  cancelled: "Cancelled",
  expired: "Expired",
  removed: "Removed",
};

/** The badge modifier for a status (tones defined in jobs.css and global.css). */
export function statusTone(status: JobStatusName): string {
  switch (status) {
    case "open":
      return "badge--success";
    case "draft":
      return "badge--info";
    case "filled":
      return "badge--brand";
    case "removed":
      return "badge--danger";
    case "closed":
    case "cancelled":
    case "expired":
      return "badge--neutral";
  }
}

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

/** A wire amount ("750.00") as money ("$750.00"); anything unreadable is shown as sent. */
export function formatAmount(amount: string): string {
  const n = Number(amount);
  return Number.isFinite(n) ? usd.format(n) : amount;
}

export function formatPay(job: Pick<Job, "job_type" | "budget" | "hourly_min" | "hourly_max">): string {
  if (job.job_type === "fixed") {
    return job.budget ? `${formatAmount(job.budget)} fixed price` : "Fixed price";
  }
  if (job.hourly_min && job.hourly_max) {
    return job.hourly_min === job.hourly_max
      ? `${formatAmount(job.hourly_min)}/hr`
      : `${formatAmount(job.hourly_min)}–${formatAmount(job.hourly_max)}/hr`;
  }
  return "Hourly";
}

export function connectsText(cost: number): string {
  return `${cost} Connect${cost === 1 ? "" : "s"}`;
}

/** What the owner may do in each state. */
export function allowedActions(status: JobStatusName): { publish: boolean; edit: boolean; close: boolean; cancel: boolean } {
  return {
    publish: status === "draft",
    edit: status === "draft" || status === "open",
    close: status === "open",
    cancel: status === "draft" || status === "open",
  };
}
