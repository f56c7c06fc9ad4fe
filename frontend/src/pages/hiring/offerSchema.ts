import { z } from "zod";
import type { OfferRequest, Proposal } from "../../api/hiring";
import type { JobTypeName } from "../../api/types";
import { parseAmount, toCents } from "../../lib/money";
import { isIsoDate } from "../../lib/walletHistory";
import { charCount } from "../jobs/jobSchema";
import { MILESTONE_TITLE_MAX } from "./proposalSchema";

// The rules of POST /offers, checked before the request so mistakes show at once. The
// server checks them again; its field errors land on the same fields.
export const OFFER_MILESTONES_MAX = 20;
export const OFFER_MILESTONE_MIN_CENTS = 500;
export const OFFER_RATE_MIN_CENTS = 300;
export const WEEKLY_LIMIT_MIN = 1;
export const WEEKLY_LIMIT_MAX = 80;

export interface OfferMilestoneValues {
  title: string;
  amount: string;
  /** YYYY-MM-DD, or "" for none. */
  due_date: string;
}

export interface OfferFormValues {
  contract_type: JobTypeName;
  title: string;
  message: string;
  milestones: OfferMilestoneValues[];
  hourly_rate: string;
  weekly_limit_hours: string;
  manual_time_allowed: boolean;
  /** "" pays from the wallet only. */
  payment_method_id: string;
}

/** At least `min` cents, read the way people type amounts; null when not. */
function atLeast(text: string, min: number): string | null {
  const amount = parseAmount(text);
  return amount !== null && (toCents(amount) ?? 0) >= min ? amount : null;
}

export const offerSchema = z
  .object({
    contract_type: z.enum(["fixed", "hourly"], { error: "Choose how you will pay." }),
    title: z.string(),
    message: z.string(),
    milestones: z.array(z.object({ title: z.string(), amount: z.string(), due_date: z.string() })),
    hourly_rate: z.string(),
    weekly_limit_hours: z.string(),
    manual_time_allowed: z.boolean(),
    payment_method_id: z.string(),
  })
  .superRefine((v, ctx) => {
    if (charCount(v.title.trim()) > MILESTONE_TITLE_MAX) {
      ctx.addIssue({ code: "custom", path: ["title"], message: `Keep the title to ${MILESTONE_TITLE_MAX} characters or fewer.` });
    }
    if (v.contract_type === "fixed") {
      if (v.milestones.length === 0) {
        ctx.addIssue({ code: "custom", path: ["milestones"], message: "Add at least one milestone." });
      } else if (v.milestones.length > OFFER_MILESTONES_MAX) {
        ctx.addIssue({ code: "custom", path: ["milestones"], message: `Use at most ${OFFER_MILESTONES_MAX} milestones.` });
      }
      v.milestones.forEach((m, i) => {
        const title = charCount(m.title.trim());
        if (title === 0) ctx.addIssue({ code: "custom", path: ["milestones", i, "title"], message: "Name this milestone." });
        else if (title > MILESTONE_TITLE_MAX) {
          ctx.addIssue({
            code: "custom",
            path: ["milestones", i, "title"],
            message: `Keep the name to ${MILESTONE_TITLE_MAX} characters or fewer.`,
          });
        }
        if (atLeast(m.amount, OFFER_MILESTONE_MIN_CENTS) === null) {
          ctx.addIssue({ code: "custom", path: ["milestones", i, "amount"], message: "Enter at least $5.00." });
        }
        if (m.due_date !== "" && !isIsoDate(m.due_date)) {
          ctx.addIssue({ code: "custom", path: ["milestones", i, "due_date"], message: "Enter a real date, or leave it empty." });
        }
      });
    } else {
      if (atLeast(v.hourly_rate, OFFER_RATE_MIN_CENTS) === null) {
        ctx.addIssue({ code: "custom", path: ["hourly_rate"], message: "Enter an hourly rate of at least $3.00." });
      }
      const hours = v.weekly_limit_hours.trim();
      const n = /^\d{1,3}$/.test(hours) ? Number(hours) : NaN;
      if (!(n >= WEEKLY_LIMIT_MIN && n <= WEEKLY_LIMIT_MAX)) {
        ctx.addIssue({
          code: "custom",
          path: ["weekly_limit_hours"],
          message: `Enter a whole number of hours from ${WEEKLY_LIMIT_MIN} to ${WEEKLY_LIMIT_MAX}.`,
        });
      }
    }
  });

/** Every form field the server may name in a 422 (each milestone's fields before `milestones`). */
export const offerFormFields = [
  "contract_type",
  "title",
  "message",
  ...Array.from({ length: OFFER_MILESTONES_MAX }, (_, i) =>
    (["title", "amount", "due_date"] as const).map((f) => `milestones.${i}.${f}` as const),
  ).flat(),
  "milestones",
  "hourly_rate",
  "weekly_limit_hours",
  "manual_time_allowed",
  "payment_method_id",
] as const;

/** The form as it opens: the job's type and title, and the proposal's bid and milestones. */
export function offerDefaults(proposal: Proposal, paymentMethodId = ""): OfferFormValues {
  const title = proposal.job.title;
  const milestones: OfferMilestoneValues[] =
    proposal.milestones.length > 0
      ? proposal.milestones.map((m) => ({ title: m.title, amount: m.amount, due_date: "" }))
      : [{ title, amount: proposal.bid_amount ?? "", due_date: "" }];
  return {
    contract_type: proposal.job.job_type,
    title,
    message: "",
    milestones,
    hourly_rate: proposal.hourly_rate ?? proposal.freelancer.hourly_rate ?? "",
    weekly_limit_hours: "40",
    manual_time_allowed: false,
    payment_method_id: paymentMethodId,
  };
}

/** The request body for valid form values: only the chosen contract type's terms. */
export function toOfferRequest(values: OfferFormValues, proposalId: string): OfferRequest {
  const title = values.title.trim();
  const message = values.message.trim();
  const base: OfferRequest = {
    proposal_id: proposalId,
    contract_type: values.contract_type,
    ...(title ? { title } : {}),
    ...(message ? { message } : {}),
  };
  if (values.contract_type === "hourly") {
    return {
      ...base,
      hourly_rate: parseAmount(values.hourly_rate) ?? values.hourly_rate.trim(),
      weekly_limit_hours: Number(values.weekly_limit_hours.trim()),
      manual_time_allowed: values.manual_time_allowed,
    };
  }
  return {
    ...base,
    milestones: values.milestones.map((m) => ({
      title: m.title.trim(),
      amount: parseAmount(m.amount) ?? m.amount.trim(),
      ...(m.due_date ? { due_date: m.due_date } : {}),
    })),
    ...(values.payment_method_id ? { payment_method_id: values.payment_method_id } : {}),
  };
}
