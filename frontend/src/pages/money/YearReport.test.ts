import { describe, expect, it } from "vitest";
import { reportYears } from "./YearReport";

describe("reportYears", () => {
  it("lists every year from the account's first to this one, newest first", () => {
    expect(reportYears("2024-03-01T10:00:00Z", new Date("2026-11-26T12:00:00Z"))).toEqual([2026, 2025, 2024]);
  });

  it("shows the account's own year when the server's clock is ahead of the browser's", () => {
    expect(reportYears("2027-01-04T10:00:00Z", new Date("2026-11-26T12:00:00Z"))).toEqual([2027]);
  });

  it("falls back to this year for an unreadable date", () => {
    expect(reportYears("not a date", new Date("2026-11-26T12:00:00Z"))).toEqual([2026]);
  });
});
