import { z } from "zod";
import { ESTIMATED_DURATIONS, type ProposalRequest } from "../../api/hiring";
import type { JobTypeName } from "../../api/types";
import { checkMilestoneSum } from "../../lib/hiring";
import { parseAmount, toCents } from "../../lib/money";
import { charCount } from "../jobs/jobSchema";

// The rules of POST /jobs/{id}/proposals, checked before the request so mistakes show at
// once. The server checks them again; its field errors land on the same fields.
export const COVER_LETTER_MIN = 50;
export const COVER_LETTER_MAX = 5000;
export const ANSWER_MAX = 5000;
export const MILESTONE_TITLE_MAX = 200;
export const PROPOSAL_MILESTONES_MAX = 20;

const milestoneRow = z.object({ title: z.string(), amount: z.string() });

function readPositive(text: string): string | null {
  const amount = parseAmount(text);
  return amount !== null && toCents(amount) !== 0 ? amount : null;
}

/** The form's rules for a job of this type with this many screening questions. */
export function proposalSchema(jobType: JobTypeName, questions: number) {
  return z
    .object({
      cover_letter: z.string(),
      bid_amount: z.string(),
      hourly_rate: z.string(),
      use_milestones: z.boolean(),
      milestones: z.array(milestoneRow),
      estimated_duration: z.string().refine((d) => (ESTIMATED_DURATIONS as readonly string[]).includes(d), {
        error: "Choose how long the work will take.",
      }),
      answers: z.array(z.string()),
      attachment_ids: z.array(z.string()),
    })
    .superRefine((v, ctx) => {
      const letter = charCount(v.cover_letter.trim());
      if (letter < COVER_LETTER_MIN) {
        ctx.addIssue({ code: "custom", path: ["cover_letter"], message: `Write at least ${COVER_LETTER_MIN} characters for the cover letter.` });
      } else if (letter > COVER_LETTER_MAX) {
        ctx.addIssue({
          code: "custom",
          path: ["cover_letter"],
          message: `Keep the cover letter to ${COVER_LETTER_MAX.toLocaleString("en-US")} characters or fewer.`,
        });
      }
      if (jobType === "fixed") {
        if (readPositive(v.bid_amount) === null) {
          ctx.addIssue({ code: "custom", path: ["bid_amount"], message: "Enter your bid in US dollars, like 750 or 750.00." });
        }
        if (v.use_milestones) milestoneIssues(v.milestones, v.bid_amount, ctx);
      } else if (readPositive(v.hourly_rate) === null) {
        ctx.addIssue({ code: "custom", path: ["hourly_rate"], message: "Enter your hourly rate in US dollars, like 45 or 45.00." });
      }
      for (let i = 0; i < questions; i++) {
        const answer = charCount((v.answers[i] ?? "").trim());
        if (answer === 0) {
          ctx.addIssue({ code: "custom", path: ["answers", i], message: "Answer this question." });
        } else if (answer > ANSWER_MAX) {
          ctx.addIssue({
            code: "custom",
            path: ["answers", i],
            message: `Keep each answer to ${ANSWER_MAX.toLocaleString("en-US")} characters or fewer.`,
          });
        }
      }
    });
}

function milestoneIssues(rows: { title: string; amount: string }[], bid: string, ctx: z.RefinementCtx) {
  if (rows.length === 0) {
    ctx.addIssue({ code: "custom", path: ["milestones"], message: "Add at least one milestone, or bid without milestones." });
    return;
  }
  if (rows.length > PROPOSAL_MILESTONES_MAX) {
    ctx.addIssue({ code: "custom", path: ["milestones"], message: `Use at most ${PROPOSAL_MILESTONES_MAX} milestones.` });
  }
  rows.forEach((row, i) => {
    const title = charCount(row.title.trim());
    if (title === 0) ctx.addIssue({ code: "custom", path: ["milestones", i, "title"], message: "Name this milestone." });
    else if (title > MILESTONE_TITLE_MAX) {
      ctx.addIssue({
        code: "custom",
        path: ["milestones", i, "title"],
        message: `Keep the name to ${MILESTONE_TITLE_MAX} characters or fewer.`,
      });
    }
    if (readPositive(row.amount) === null) {
      ctx.addIssue({ code: "custom", path: ["milestones", i, "amount"], message: "Enter an amount above $0.00." });
    }
  });
  const check = checkMilestoneSum(
    rows.map((r) => r.amount),
    bid,
  );
  if (check.state === "mismatch") {
    ctx.addIssue({ code: "custom", path: ["milestones"], message: "The milestones must add up to your bid exactly." });
  }
}

export interface ProposalFormValues {
  cover_letter: string;
  bid_amount: string;
  hourly_rate: string;
  use_milestones: boolean;
  milestones: { title: string; amount: string }[];
  estimated_duration: string;
  answers: string[];
  /** Uploaded files (POST /attachments), at most 10; the picker fills it in. */
  attachment_ids: string[];
}

/** Every form field the server may name in a 422 (`answers.N` before `answers`). */
export function proposalFormFields(questions: number) {
  return [
    "cover_letter",
    "bid_amount",
    "hourly_rate",
    "estimated_duration",
    ...Array.from({ length: questions }, (_, i) => `answers.${i}` as const),
    "answers",
    "milestones",
    "attachment_ids",
  ] as const;
}

export function emptyProposalForm(questions: number, bid = ""): ProposalFormValues {
  return {
    cover_letter: "",
    bid_amount: bid,
    hourly_rate: "",
    use_milestones: false,
    milestones: [{ title: "", amount: "" }],
    estimated_duration: "",
    answers: Array.from({ length: questions }, () => ""),
    attachment_ids: [],
  };
}

/** The request body for valid form values: amounts in the API's form, only the job type's bid. */
export function toProposalRequest(values: ProposalFormValues, jobType: JobTypeName): ProposalRequest {
  const base = {
    cover_letter: values.cover_letter.trim(),
    estimated_duration: values.estimated_duration as ProposalRequest["estimated_duration"],
    answers: values.answers.map((a) => a.trim()),
    ...(values.attachment_ids.length > 0 ? { attachment_ids: values.attachment_ids } : {}),
  };
  if (jobType === "hourly") return { ...base, hourly_rate: parseAmount(values.hourly_rate) ?? values.hourly_rate.trim() };
  const bid = parseAmount(values.bid_amount) ?? values.bid_amount.trim();
  if (!values.use_milestones) return { ...base, bid_amount: bid };
  return {
    ...base,
    bid_amount: bid,
    milestones: values.milestones.map((m) => ({ title: m.title.trim(), amount: parseAmount(m.amount) ?? m.amount.trim() })),
  };
}
