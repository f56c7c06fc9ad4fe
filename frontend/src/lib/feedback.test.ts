import { describe, expect, it } from "vitest";
import type { ContractFeedback, FeedbackEntry } from "../api/types";
import {
  feedbackFormSchema,
  feedbackStage,
  jssText,
  noTheirsText,
  ratingSummary,
  roundedStars,
  starsLabel,
  theirsWrittenText,
  toLeaveFeedback,
  waitingText,
} from "./feedback";
import { badgeDescription, badgeLabel, earnedBandLabel } from "./profiles";

const CLOSES = "2026-12-10T12:00:00Z";
const entry = (over: Partial<FeedbackEntry> = {}): FeedbackEntry => ({
  author_id: "a",
  author_role: "client",
  rating: 5,
  comment: "Great work.",
  private_score: 9,
  created_at: "2026-11-26T12:00:00Z",
  ...over,
});
const base: ContractFeedback = {
  contract_id: "c",
  window_closes_at: CLOSES,
  can_leave: true,
  revealed: false,
  revealed_at: null,
  mine: null,
  theirs: null,
  theirs_written: false,
};

describe("feedbackStage (double-blind)", () => {
  it("shows nothing to do while the contract runs", () => {
    expect(feedbackStage({ ...base, window_closes_at: null, can_leave: false })).toEqual({ kind: "running" });
  });

  it("offers the form, saying when the other side has already written", () => {
    expect(feedbackStage(base)).toEqual({ kind: "form", closesAt: CLOSES, theirsWritten: false });
    expect(feedbackStage({ ...base, theirs_written: true })).toEqual({ kind: "form", closesAt: CLOSES, theirsWritten: true });
  });

  it("waits for the other side after you wrote", () => {
    const mine = entry();
    expect(feedbackStage({ ...base, can_leave: false, mine })).toEqual({ kind: "waiting", mine, closesAt: CLOSES });
  });

  it("shows both once revealed, either possibly missing", () => {
    const mine = entry();
    const theirs = entry({ author_role: "freelancer", private_score: null, rating: 4 });
    expect(feedbackStage({ ...base, can_leave: false, revealed: true, mine, theirs })).toEqual({ kind: "revealed", mine, theirs, closesAt: CLOSES });
    expect(feedbackStage({ ...base, can_leave: false, revealed: true, theirs })).toMatchObject({ kind: "revealed", mine: null });
  });

  it("says the window closed when nothing was written", () => {
    expect(feedbackStage({ ...base, can_leave: false, revealed: true })).toEqual({ kind: "closed", closesAt: CLOSES });
    expect(feedbackStage({ ...base, can_leave: false })).toEqual({ kind: "closed", closesAt: CLOSES });
  });

  it("words the wait and the reveal", () => {
    expect(waitingText("Dora Client", "Dec 10, 2026, 1:00 PM")).toBe(
      "Waiting for Dora Client: their feedback appears when they’ve written theirs or on Dec 10, 2026, 1:00 PM.",
    );
    expect(theirsWrittenText("Felix", "Dec 10, 2026")).toBe("Felix has left feedback. You will see it once you have written yours, or on Dec 10, 2026.");
    expect(noTheirsText("Felix")).toBe("Felix did not leave feedback before the window closed.");
  });
});

describe("the feedback form", () => {
  const valid = { rating: "4", comment: "  Clear brief, paid on time.  ", private_score: "9" };

  it("accepts a full form and sends numbers and a trimmed comment", () => {
    expect(feedbackFormSchema.safeParse(valid).success).toBe(true);
    expect(toLeaveFeedback(valid)).toEqual({ rating: 4, comment: "Clear brief, paid on time.", private_score: 9 });
  });

  it("accepts 0 as a private score and 1 as a rating", () => {
    expect(feedbackFormSchema.safeParse({ ...valid, rating: "1", private_score: "0" }).success).toBe(true);
  });

  it("names each missing or out-of-range field", () => {
    const result = feedbackFormSchema.safeParse({ rating: "", comment: "   ", private_score: "11" });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join(".")).sort();
    expect(paths).toEqual(["comment", "private_score", "rating"]);
    expect(feedbackFormSchema.safeParse({ ...valid, rating: "6" }).success).toBe(false);
    expect(feedbackFormSchema.safeParse({ ...valid, comment: "x".repeat(5001) }).success).toBe(false);
    expect(feedbackFormSchema.safeParse({ ...valid, comment: "x".repeat(5000) }).success).toBe(true);
  });
});

describe("reputation wording", () => {
  it("summarises a rating with its count, or nothing without reviews", () => {
    expect(ratingSummary("4.67", 3)).toBe("4.67 / 5 (3 reviews)");
    expect(ratingSummary("5.00", 1)).toBe("5.00 / 5 (1 review)");
    expect(ratingSummary("4.10", 1200)).toBe("4.10 / 5 (1,200 reviews)");
    expect(ratingSummary(null, 0)).toBeNull();
    expect(ratingSummary("4.00", 0)).toBeNull();
  });

  it("rounds ratings to whole stars and labels them", () => {
    expect(roundedStars("4.67")).toBe(5);
    expect(roundedStars("4.2")).toBe(4);
    expect(roundedStars(3)).toBe(3);
    expect(roundedStars("nope")).toBe(0);
    expect(roundedStars(9)).toBe(5);
    expect(starsLabel(1)).toBe("1 out of 5 star");
    expect(starsLabel(4)).toBe("4 out of 5 stars");
  });

  it("words the Job Success Score", () => {
    expect(jssText(100)).toBe("Job Success 100%");
    expect(jssText(0)).toBe("Job Success 0%");
    expect(jssText(null)).toBe("No Job Success Score yet");
    expect(jssText(undefined)).toBe("No Job Success Score yet");
  });

  it("labels every earnings band, none for none yet", () => {
    expect(earnedBandLabel("under_1k")).toBe("Under $1K earned");
    expect(earnedBandLabel("1k_plus")).toBe("$1K+ earned");
    expect(earnedBandLabel("1m_plus")).toBe("$1M+ earned");
    expect(earnedBandLabel("none_yet")).toBeNull();
  });

  it("names badges and says what they mean", () => {
    expect(badgeLabel("top_rated")).toBe("Top Rated");
    expect(badgeLabel("rising_talent")).toBe("Rising Talent");
    expect(badgeLabel("expert_vetted")).toBe("Expert Vetted");
    expect(badgeDescription("top_rated")).toMatch(/Job Success Score/);
    expect(badgeDescription("expert_vetted")).toBe("");
  });
});
