import { describe, expect, it } from "vitest";
import {
  addWeeks,
  contractActions,
  deadlineText,
  durationProblem,
  entryEditable,
  feedbackWindow,
  formatHours,
  formatMinutes,
  hasAny,
  isDay,
  isoToZoned,
  joinMinutes,
  milestoneActions,
  mondayOf,
  moves,
  rateChangeProblem,
  splitMinutes,
  weekLabel,
  weekNavigation,
  zonedToIso,
} from "./delivery";

const on = (actions: Record<string, boolean>) =>
  Object.entries(actions)
    .filter(([, v]) => v)
    .map(([k]) => k)
    .sort();

describe("milestone actions per role and state", () => {
  it("lets the client fund and change pending milestones, answer submissions and ask funded ones back", () => {
    expect(on({ ...milestoneActions("pending", "client", "active") })).toEqual(["edit", "fund"]);
    expect(on({ ...milestoneActions("funded", "client", "active") })).toEqual(["requestRefund"]);
    expect(on({ ...milestoneActions("submitted", "client", "active") })).toEqual(["approve", "requestChanges"]);
    for (const s of ["changes_requested", "approved", "refund_requested", "refunded", "disputed", "something_new"]) {
      expect(hasAny(milestoneActions(s, "client", "active")), s).toBe(false);
    }
  });

  it("lets the freelancer submit funded work (again after changes) and agree to a refund", () => {
    expect(on({ ...milestoneActions("funded", "freelancer", "active") })).toEqual(["submit"]);
    expect(on({ ...milestoneActions("changes_requested", "freelancer", "active") })).toEqual(["submit"]);
    expect(on({ ...milestoneActions("refund_requested", "freelancer", "active") })).toEqual(["agreeRefund"]);
    for (const s of ["pending", "submitted", "approved", "refunded", "disputed"]) {
      expect(hasAny(milestoneActions(s, "freelancer", "active")), s).toBe(false);
    }
  });

  it("allows nothing once the contract ended", () => {
    expect(hasAny(milestoneActions("pending", "client", "ended"))).toBe(false);
    expect(hasAny(milestoneActions("funded", "freelancer", "ended"))).toBe(false);
  });

  it("moves pending milestones only among pending neighbours", () => {
    const list = [{ status: "approved" }, { status: "pending" }, { status: "pending" }];
    expect(moves(list, 0)).toEqual({ up: false, down: false });
    expect(moves(list, 1)).toEqual({ up: false, down: true });
    expect(moves(list, 2)).toEqual({ up: true, down: false });
  });
});

describe("contract actions", () => {
  it("pause and resume are the client's, on hourly contracts", () => {
    expect(on({ ...contractActions({ status: "active", contract_type: "hourly" }, "client") })).toEqual([
      "bonus",
      "changeTerms",
      "end",
      "pause",
    ]);
    expect(on({ ...contractActions({ status: "paused", contract_type: "hourly" }, "client") })).toEqual([
      "bonus",
      "changeTerms",
      "end",
      "resume",
    ]);
    expect(on({ ...contractActions({ status: "active", contract_type: "hourly" }, "freelancer") })).toEqual([
      "changeTerms",
      "end",
      "logTime",
    ]);
    expect(on({ ...contractActions({ status: "paused", contract_type: "hourly" }, "freelancer") })).toEqual(["changeTerms", "end"]);
  });

  it("fixed price: the client adds milestones and pays bonuses; nothing after the end", () => {
    expect(on({ ...contractActions({ status: "active", contract_type: "fixed" }, "client") })).toEqual(["addMilestone", "bonus", "end"]);
    expect(on({ ...contractActions({ status: "active", contract_type: "fixed" }, "freelancer") })).toEqual(["end"]);
    expect(on({ ...contractActions({ status: "ended", contract_type: "fixed" }, "client") })).toEqual([]);
  });

  it("the client may only raise the rate, the freelancer only lower it", () => {
    expect(rateChangeProblem("45.00", "50", "client")).toBeNull();
    expect(rateChangeProblem("45.00", "40", "client")).toMatch(/raise the rate, not lower it/);
    expect(rateChangeProblem("45.00", "40", "freelancer")).toBeNull();
    expect(rateChangeProblem("45.00", "50.00", "freelancer")).toMatch(/lower the rate, not raise it/);
    expect(rateChangeProblem("45.00", "45", "client")).toBe("That is the rate already.");
    expect(rateChangeProblem("45.00", "abc", "client")).toMatch(/Enter the new rate/);
  });
});

describe("deadline wording", () => {
  it("says what the clock does, and when, in the reader's time zone", () => {
    expect(deadlineText({ status: "submitted", deadline: "2026-12-10T14:00:00Z" }, "Europe/Berlin")).toMatch(
      /^Released automatically on Dec 10, 2026, 3:00\s?PM if the client does not answer\.$/,
    );
    expect(deadlineText({ status: "refund_requested", deadline: "2026-12-03T09:30:00Z" }, "UTC")).toMatch(
      /^Refunded automatically on Dec 3, 2026, 9:30\s?AM if the freelancer does not answer\.$/,
    );
    expect(deadlineText({ status: "funded", deadline: null }, "UTC")).toBeNull();
  });
});

describe("durations", () => {
  it("turns minutes into hours and minutes and back", () => {
    expect(splitMinutes(90)).toEqual({ hours: 1, minutes: 30 });
    expect(splitMinutes(1440)).toEqual({ hours: 24, minutes: 0 });
    expect(joinMinutes(2, 40)).toBe(160);
    for (const m of [10, 60, 90, 1430, 1440]) {
      const { hours, minutes } = splitMinutes(m);
      expect(joinMinutes(hours, minutes)).toBe(m);
    }
  });

  it("takes 10 minutes to 24 hours in 10-minute steps", () => {
    expect(durationProblem(0)).toBe("Log at least 10 minutes.");
    expect(durationProblem(15)).toBe("Log time in steps of 10 minutes.");
    expect(durationProblem(1450)).toBe("One entry covers at most 24 hours.");
    expect(durationProblem(10)).toBeNull();
    expect(durationProblem(1440)).toBeNull();
  });

  it("writes durations for people", () => {
    expect(formatMinutes(40)).toBe("40 min");
    expect(formatMinutes(90)).toBe("1 h 30 min");
    expect(formatMinutes(120)).toBe("2 h");
    expect(formatHours(90)).toBe("1.5 hours");
    expect(formatHours(60)).toBe("1 hour");
    expect(formatHours(200)).toBe("3.33 hours");
  });
});

describe("weeks", () => {
  it("finds the Monday of a day or a moment (UTC)", () => {
    expect(mondayOf("2026-11-26")).toBe("2026-11-23");
    expect(mondayOf("2026-11-23")).toBe("2026-11-23");
    expect(mondayOf("2026-11-29")).toBe("2026-11-23");
    expect(mondayOf(new Date("2026-11-30T00:30:00+01:00"))).toBe("2026-11-23");
    expect(mondayOf(new Date("2026-01-01T12:00:00Z"))).toBe("2025-12-29");
  });

  it("steps a week back and forth across months and years, never past the current week", () => {
    expect(addWeeks("2026-11-30", 1)).toBe("2026-12-07");
    expect(addWeeks("2026-01-05", -1)).toBe("2025-12-29");
    expect(weekNavigation("2026-11-16", "2026-11-23")).toEqual({ previous: "2026-11-09", next: "2026-11-23", isCurrent: false });
    expect(weekNavigation("2026-11-23", "2026-11-23")).toEqual({ previous: "2026-11-16", next: null, isCurrent: true });
  });

  it("labels a week and checks days from the address bar", () => {
    expect(weekLabel("2026-11-23", "en-US")).toBe("Nov 23 – Nov 29, 2026");
    expect(weekLabel("2026-12-28", "en-US")).toBe("Dec 28 – Jan 3, 2027");
    expect(isDay("2026-02-29")).toBe(false);
    expect(isDay("2026-11-23")).toBe(true);
    expect(isDay(null)).toBe(false);
  });
});

describe("wall times in a time zone", () => {
  it("converts a date and a time on the user's clock to an instant and back", () => {
    expect(zonedToIso("2026-11-26", "09:30", "Europe/Berlin")).toBe("2026-11-26T08:30:00.000Z");
    expect(zonedToIso("2026-07-01", "09:30", "Europe/Berlin")).toBe("2026-07-01T07:30:00.000Z");
    expect(zonedToIso("2026-11-26", "23:50", "America/New_York")).toBe("2026-11-27T04:50:00.000Z");
    expect(zonedToIso("2026-11-26", "9:30", "UTC")).toBeNull();
    expect(isoToZoned("2026-11-27T04:50:00Z", "America/New_York")).toEqual({ date: "2026-11-26", time: "23:50" });
    expect(isoToZoned("2026-11-26T00:00:00Z", "UTC")).toEqual({ date: "2026-11-26", time: "00:00" });
  });

  it("lets entries change until the week is invoiced", () => {
    expect(entryEditable({ invoice_id: null }, { invoice: null }, "active")).toBe(true);
    expect(entryEditable({ invoice_id: "i1" }, { invoice: null }, "active")).toBe(false);
    expect(entryEditable({ invoice_id: null }, { invoice: null }, "ended")).toBe(false);
  });
});

describe("feedbackWindow", () => {
  const until = "2026-12-10T12:00:00Z";
  it("is open before the moment, closed from it", () => {
    expect(feedbackWindow(until, Date.parse("2026-12-10T11:59:59Z"))).toEqual({ open: true, until });
    expect(feedbackWindow(until, Date.parse("2026-12-10T12:00:00Z"))).toEqual({ open: false, until });
  });
  it("is nothing without a date", () => {
    expect(feedbackWindow(null)).toBeNull();
    expect(feedbackWindow(undefined)).toBeNull();
    expect(feedbackWindow("not a date")).toBeNull();
  });
});
