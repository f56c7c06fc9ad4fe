import { z } from "zod";
import type { CreateJobRequest, Job, UpdateJobRequest } from "../../api/types";

// The rules of POST /jobs, checked before the request so mistakes show at once. The
// server checks them again; its field errors land on the same fields.
export const TITLE_MIN = 10;
export const TITLE_MAX = 120;
export const DESCRIPTION_MIN = 50;
export const DESCRIPTION_MAX = 10_000;
export const SKILLS_MIN = 1;
export const SKILLS_MAX = 15;
export const QUESTIONS_MAX = 5;
export const QUESTION_MAX = 500;
export const BUDGET_MIN_CENTS = 500;
export const RATE_MIN_CENTS = 300;

/** Characters as the server counts them: Unicode code points (Rust's chars().count()). */
export function charCount(text: string): number {
  // eslint-disable-next-line @typescript-eslint/no-misused-spread -- code points are what the server counts
  return [...text].length;
}

const AMOUNT = /^\d{1,10}(\.\d{1,2})?$/;

/** "750.5" -> 75050; null when the text is not an amount with at most two decimals. */
export function amountToCents(text: string): number | null {
  const trimmed = text.trim();
  if (!AMOUNT.test(trimmed)) return null;
  const [whole = "0", fraction = ""] = trimmed.split(".");
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
}

const lengthBetween = (min: number, max: number, what: string) =>
  z
    .string()
    .trim()
    .refine((s) => charCount(s) >= min, { error: `Write at least ${min} characters for the ${what}.` })
    .refine((s) => charCount(s) <= max, { error: `Keep the ${what} to ${max.toLocaleString("en-US")} characters or fewer.` });

export const jobFormSchema = z
  .object({
    title: lengthBetween(TITLE_MIN, TITLE_MAX, "title"),
    description: lengthBetween(DESCRIPTION_MIN, DESCRIPTION_MAX, "description"),
    category_id: z.string().min(1, { error: "Choose a category." }),
    skill_ids: z
      .array(z.object({ id: z.string(), name: z.string() }))
      .min(SKILLS_MIN, { error: "Add at least one skill." })
      .max(SKILLS_MAX, { error: `Add at most ${SKILLS_MAX} skills.` }),
    job_type: z.enum(["fixed", "hourly"], { error: "Choose how you will pay." }),
    budget: z.string(),
    hourly_min: z.string(),
    hourly_max: z.string(),
    experience_level: z.enum(["entry", "intermediate", "expert"], { error: "Choose an experience level." }),
    project_length: z.enum(["less_than_1_month", "1_to_3_months", "3_to_6_months", "more_than_6_months"], {
      error: "Choose how long the project will take.",
    }),
    hours_per_week: z.enum(["less_than_30", "30_plus"], { error: "Choose the hours per week." }),
    visibility: z.enum(["public", "invite_only"], { error: "Choose who can see the job." }),
    screening_questions: z
      .array(
        z.object({
          text: z
            .string()
            .trim()
            .min(1, { error: "Write the question or remove it." })
            .max(QUESTION_MAX, { error: `Keep each question to ${QUESTION_MAX} characters or fewer.` }),
        }),
      )
      .max(QUESTIONS_MAX, { error: `Ask at most ${QUESTIONS_MAX} questions.` }),
  })
  .superRefine((v, ctx) => {
    const amountIssue = (path: "budget" | "hourly_min" | "hourly_max", min: number, what: string): number | null => {
      const text = v[path].trim();
      if (text === "") {
        ctx.addIssue({ code: "custom", path: [path], message: `Enter the ${what}.` });
        return null;
      }
      const cents = amountToCents(text);
      if (cents === null) {
        ctx.addIssue({ code: "custom", path: [path], message: "Enter an amount in US dollars, like 750 or 750.00." });
        return null;
      }
      if (cents < min) {
        ctx.addIssue({ code: "custom", path: [path], message: `The ${what} must be at least $${(min / 100).toFixed(2)}.` });
        return null;
      }
      return cents;
    };
    if (v.job_type === "fixed") {
      amountIssue("budget", BUDGET_MIN_CENTS, "budget");
    } else {
      const low = amountIssue("hourly_min", RATE_MIN_CENTS, "lowest rate");
      const high = amountIssue("hourly_max", RATE_MIN_CENTS, "highest rate");
      if (low !== null && high !== null && high < low) {
        ctx.addIssue({ code: "custom", path: ["hourly_max"], message: "The highest rate cannot be below the lowest rate." });
      }
    }
  });

export type JobFormValues = z.input<typeof jobFormSchema>;
export type JobFormData = z.output<typeof jobFormSchema>;

/** Every form field the server may name in a 422 (skills are sent as skill_ids). */
export const jobFormFields = [
  "title",
  "description",
  "category_id",
  "skill_ids",
  "job_type",
  "budget",
  "hourly_min",
  "hourly_max",
  "experience_level",
  "project_length",
  "hours_per_week",
  "visibility",
  ...Array.from({ length: QUESTIONS_MAX }, (_, i) => `screening_questions.${i}.text` as const),
  "screening_questions",
] as const;

export const emptyJobForm: JobFormValues = {
  title: "",
  description: "",
  category_id: "",
  skill_ids: [],
  job_type: "fixed",
  budget: "",
  hourly_min: "",
  hourly_max: "",
  experience_level: "intermediate",
  project_length: "1_to_3_months",
  hours_per_week: "less_than_30",
  visibility: "public",
  screening_questions: [],
};

export function jobToFormValues(job: Job): JobFormValues {
  return {
    title: job.title,
    description: job.description,
    category_id: job.category_id,
    skill_ids: job.skills.map((s) => ({ id: s.id, name: s.name })),
    job_type: job.job_type,
    budget: job.budget ?? "",
    hourly_min: job.hourly_min ?? "",
    hourly_max: job.hourly_max ?? "",
    experience_level: job.experience_level,
    project_length: job.project_length,
    hours_per_week: job.hours_per_week,
    visibility: job.visibility,
    screening_questions: job.screening_questions.map((text) => ({ text })),
  };
}

/** The request body for valid form data: only the chosen pay type's amounts are sent. */
export function toJobRequest(data: JobFormData): CreateJobRequest {
  const pay =
    data.job_type === "fixed"
      ? { budget: data.budget.trim() }
      : { hourly_min: data.hourly_min.trim(), hourly_max: data.hourly_max.trim() };
  return {
    title: data.title,
    description: data.description,
    category_id: data.category_id,
    skill_ids: data.skill_ids.map((s) => s.id),
    job_type: data.job_type,
    ...pay,
    experience_level: data.experience_level,
    project_length: data.project_length,
    hours_per_week: data.hours_per_week,
    visibility: data.visibility,
    screening_questions: data.screening_questions.map((q) => q.text),
  };
}

const PAY_KEYS = ["budget", "hourly_min", "hourly_max"] as const;

/**
 * The PATCH body: only what differs from the job as loaded. Switching the pay type sends
 * the new type with its amounts (the server replaces the pay terms as a whole).
 */
export function changedFields(before: JobFormData, after: JobFormData): UpdateJobRequest {
  const a = toJobRequest(before);
  const b = toJobRequest(after);
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(b) as (keyof CreateJobRequest)[]) {
    if ((PAY_KEYS as readonly string[]).includes(key) || key === "job_type") continue;
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) patch[key] = b[key];
  }
  if (a.job_type !== b.job_type) {
    patch.job_type = b.job_type;
    for (const key of PAY_KEYS) if (b[key] !== undefined) patch[key] = b[key];
  } else {
    for (const key of PAY_KEYS) if (b[key] !== undefined && a[key] !== b[key]) patch[key] = b[key];
  }
  return patch;
}
