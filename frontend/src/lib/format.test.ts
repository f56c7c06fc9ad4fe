import { describe, expect, it } from "vitest";
import { formatTimeAgo } from "./format";

describe("formatTimeAgo", () => {
  const now = new Date("2026-03-10T12:00:00Z");
  const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
  const minute = 60_000;
  const hour = 60 * minute;
  const day = 24 * hour;

  it("words a past moment in the largest whole unit", () => {
    expect(formatTimeAgo(ago(20_000), now, "en")).toBe("just now");
    expect(formatTimeAgo(ago(5 * minute), now, "en")).toBe("5 minutes ago");
    expect(formatTimeAgo(ago(3 * hour + 20 * minute), now, "en")).toBe("3 hours ago");
    expect(formatTimeAgo(ago(day + 2 * hour), now, "en")).toBe("yesterday");
    expect(formatTimeAgo(ago(9 * day), now, "en")).toBe("last week");
    expect(formatTimeAgo(ago(40 * day), now, "en")).toBe("last month");
    expect(formatTimeAgo(ago(800 * day), now, "en")).toBe("2 years ago");
  });

  it("shows what it cannot read as sent", () => {
    expect(formatTimeAgo("not a date", now, "en")).toBe("not a date");
  });
});
