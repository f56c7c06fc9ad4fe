import { z } from "zod";
import type { MilestonePatch, NewMilestone } from "../../api/types";
import { parseAmount, toCents } from "../../lib/money";
import { isIsoDate } from "../../lib/walletHistory";
import { OFFER_MILESTONE_MIN_CENTS } from "../hiring/offerSchema";
import { MILESTONE_TITLE_MAX } from "../hiring/proposalSchema";
import { charCount } from "../jobs/jobSchema";

// The rules of the delivery endpoints, checked before the request; the server checks
// them again and its field errors land on the same fields.
export const MESSAGE_MAX = 5000;

/** A milestone's terms, as typed (add and edit). */
export interface MilestoneFormValues {
  title: string;
  amount: string;
  /** YYYY-MM-DD, or "" for none. */
  due_date: string;
}

export const milestoneFormFields = ["title", "amount", "due_date"] as const;

export const milestoneFormSchema = z
  .object({ title: z.string(), amount: z.string(), due_date: z.string() })
  .superRefine((v, ctx) => {
    const title = charCount(v.title.trim());
    if (title === 0) ctx.addIssue({ code: "custom", path: ["title"], message: "Name the milestone." });
    else if (title > MILESTONE_TITLE_MAX) {
      ctx.addIssue({ code: "custom", path: ["title"], message: `Keep the name to ${MILESTONE_TITLE_MAX} characters or fewer.` });
    }
    const amount = parseAmount(v.amount);
    if (amount === null || (toCents(amount) ?? 0) < OFFER_MILESTONE_MIN_CENTS) {
      ctx.addIssue({ code: "custom", path: ["amount"], message: "Enter at least $5.00." });
    }
    if (v.due_date !== "" && !isIsoDate(v.due_date)) {
      ctx.addIssue({ code: "custom", path: ["due_date"], message: "Enter a real date, or leave it empty." });
    }
  });

export function toNewMilestone(v: MilestoneFormValues): NewMilestone {
  return {
    title: v.title.trim(),
    amount: parseAmount(v.amount) ?? v.amount.trim(),
    ...(v.due_date ? { due_date: v.due_date } : {}),
  };
}

/** Only what changed; an emptied due date is sent as "" (which clears it). */
export function toMilestonePatch(v: MilestoneFormValues, was: { title: string; amount: string; due_date?: string | null }): MilestonePatch {
  const patch: MilestonePatch = {};
  const title = v.title.trim();
  const amount = parseAmount(v.amount) ?? v.amount.trim();
  if (title !== was.title) patch.title = title;
  if (toCents(amount) !== toCents(was.amount)) patch.amount = amount;
  if (v.due_date !== (was.due_date ?? "")) patch.due_date = v.due_date;
  return patch;
}

/** A bonus: an amount above zero and an optional note. */
export interface BonusFormValues {
  amount: string;
  message: string;
}

export const bonusFormFields = ["amount", "message"] as const;

export const bonusFormSchema = z
  .object({ amount: z.string(), message: z.string() })
  .superRefine((v, ctx) => {
    const amount = parseAmount(v.amount);
    if (amount === null || (toCents(amount) ?? 0) <= 0) {
      ctx.addIssue({ code: "custom", path: ["amount"], message: "Enter the bonus in US dollars, like 50 or 50.00." });
    }
    if (charCount(v.message.trim()) > MESSAGE_MAX) {
      ctx.addIssue({ code: "custom", path: ["message"], message: `Keep the note to ${MESSAGE_MAX.toLocaleString("en-US")} characters or fewer.` });
    }
  });
