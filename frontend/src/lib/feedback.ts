// Feedback on an ended contract and the reputation it builds: the pure parts (what the
// feedback section shows, the form's rules, how ratings, scores and badges read).
import { z } from "zod";
import type { ContractFeedback, FeedbackEntry } from "../api/types";
import { charCount } from "../pages/jobs/jobSchema";

export const COMMENT_MAX = 5000;
export const RATINGS = [1, 2, 3, 4, 5] as const;
export const PRIVATE_SCORES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

export const ratingWords: Record<number, string> = {
  1: "Poor",
  2: "Fair",
  3: "Good",
  4: "Very good",
  5: "Excellent",
};

/** "4 out of 5 stars". */
export function starsLabel(rating: number): string {
  return `${rating} out of 5 star${rating === 1 ? "" : "s"}`;
}

/** The feedback form as typed: the choices are strings ("" for none yet). */
export interface FeedbackFormValues {
  rating: string;
  comment: string;
  private_score: string;
}

export const feedbackFormFields = ["rating", "comment", "private_score"] as const;

function wholeIn(value: string, min: number, max: number): number | null {
  if (!/^\d{1,2}$/.test(value)) return null;
  const n = Number(value);
  return n >= min && n <= max ? n : null;
}

export const feedbackFormSchema = z
  .object({ rating: z.string(), comment: z.string(), private_score: z.string() })
  .superRefine((v, ctx) => {
    if (wholeIn(v.rating, 1, 5) === null) ctx.addIssue({ code: "custom", path: ["rating"], message: "Choose a rating from 1 to 5 stars." });
    const comment = charCount(v.comment.trim());
    if (comment === 0) ctx.addIssue({ code: "custom", path: ["comment"], message: "Say a few words about working together." });
    else if (comment > COMMENT_MAX) {
      ctx.addIssue({ code: "custom", path: ["comment"], message: `Keep the comment to ${COMMENT_MAX.toLocaleString("en-US")} characters or fewer.` });
    }
    if (wholeIn(v.private_score, 0, 10) === null) {
      ctx.addIssue({ code: "custom", path: ["private_score"], message: "Choose a score from 0 to 10." });
    }
  });

export function toLeaveFeedback(v: FeedbackFormValues): { rating: number; comment: string; private_score: number } {
  return { rating: Number(v.rating), comment: v.comment.trim(), private_score: Number(v.private_score) };
}

/** What the feedback section of a contract shows. */
export type FeedbackStage =
  /** The contract still runs: no feedback yet. */
  | { kind: "running" }
  /** The form (theirsWritten: the other party has written, its content still hidden). */
  | { kind: "form"; closesAt: string; theirsWritten: boolean }
  /** You wrote; theirs is hidden until they write or the window closes. */
  | { kind: "waiting"; mine: FeedbackEntry; closesAt: string }
  /** Both are visible (either may be missing when the window closed). */
  | { kind: "revealed"; mine: FeedbackEntry | null; theirs: FeedbackEntry | null; closesAt: string | null }
  /** The window closed, or feedback cannot be left, and there is nothing to show. */
  | { kind: "closed"; closesAt: string | null };

export function feedbackStage(f: ContractFeedback): FeedbackStage {
  const closesAt = f.window_closes_at ?? null;
  if (!closesAt) return { kind: "running" };
  const mine = f.mine ?? null;
  const theirs = f.theirs ?? null;
  if (f.revealed) return mine || theirs ? { kind: "revealed", mine, theirs, closesAt } : { kind: "closed", closesAt };
  if (mine) return { kind: "waiting", mine, closesAt };
  if (f.can_leave) return { kind: "form", closesAt, theirsWritten: f.theirs_written };
  return { kind: "closed", closesAt };
}

/** The double-blind wait, in words: "Waiting for Dora: their feedback appears when …". */
export function waitingText(otherName: string, closesOn: string): string {
  return `Waiting for ${otherName}: their feedback appears when they’ve written theirs or on ${closesOn}.`;
}

/** Told before you write, when the other party already has. */
export function theirsWrittenText(otherName: string, closesOn: string): string {
  return `${otherName} has left feedback. You will see it once you have written yours, or on ${closesOn}.`;
}

/** The other party's feedback after the reveal, or why there is none. */
export function noTheirsText(otherName: string): string {
  return `${otherName} did not leave feedback before the window closed.`;
}

/** "4.67 / 5 (3 reviews)", or null with no reviews. */
export function ratingSummary(rating: string | null | undefined, reviews: number): string | null {
  if (!rating || reviews <= 0) return null;
  return `${rating} / 5 (${reviews.toLocaleString("en-US")} review${reviews === 1 ? "" : "s"})`;
}

/** A rating out of 5 as whole stars for display (4.67 -> 5, 4.2 -> 4), clamped to 0–5. */
export function roundedStars(rating: string | number | null | undefined): number {
  const n = typeof rating === "number" ? rating : Number(rating);
  if (!Number.isFinite(n)) return 0;
  return Math.min(5, Math.max(0, Math.round(n)));
}

/** "Job Success 100%", or the words for none yet. */
export function jssText(jss: number | null | undefined): string {
  return jss == null ? "No Job Success Score yet" : `Job Success ${jss}%`;
}

export const JSS_EXPLANATION =
  "Of the freelancer’s contracts that ended in the last 12 months: the share that went well (paid, and rated 4 stars or more publicly or 8 or more privately by the client), less those that went badly (rated 2 stars or less, paid nothing, or a dispute lost). It appears after 3 ended contracts with at least 2 clients."

export const privateScoreEnds = { 0: "Not at all likely", 10: "Extremely likely" } as const;
