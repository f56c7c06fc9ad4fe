import { describe, expect, it } from "vitest";
import {
  auditFormErrors,
  auditFormFromParams,
  auditQuery,
  EMPTY_AUDIT_FORM,
  flagTargetView,
  openFlagsText,
  parseFlagStatus,
  parseStanding,
  reportOutcomeText,
  shortDay,
  signupBars,
} from "./trust";

const owner = { id: "00000000-0000-0000-0000-00000000000a", full_name: "Ada Lovelace" };
const target = (label: string | null) => ({ label, owner, conversation_id: null, open_flags: 2 });

describe("reports", () => {
  it("thanks for a new report (201) and says an earlier one is still waiting (200)", () => {
    expect(reportOutcomeText(true)).toBe("Thanks — our trust and safety team will review it.");
    expect(reportOutcomeText(false)).toBe("You already reported this; it is waiting for review.");
  });
});

describe("the flag queue", () => {
  it("links a job to its page and a profile to the person, and shows a message's text", () => {
    expect(flagTargetView({ target_type: "job", target_id: "j1", target: target("Logo design") })).toEqual({ kind: "Job", text: "Logo design", to: "/jobs/j1" });
    expect(flagTargetView({ target_type: "profile", target_id: "u1", target: target(null) })).toEqual({
      kind: "Profile",
      text: "Ada Lovelace",
      to: "/admin/users/u1",
    });
    expect(flagTargetView({ target_type: "message", target_id: "m1", target: target("Pay me by wire") })).toEqual({
      kind: "Message",
      text: "Pay me by wire",
      to: null,
    });
  });

  it("says a deleted message is gone", () => {
    expect(flagTargetView({ target_type: "message", target_id: "m1", target: target("  ") }).text).toBe("This message was deleted.");
  });

  it("counts open flags in words", () => {
    expect(openFlagsText(0)).toBe("No open flags on this");
    expect(openFlagsText(1)).toBe("1 open flag on this");
    expect(openFlagsText(1200)).toBe("1,200 open flags on this");
  });

  it("reads the status tab from the URL, open by default", () => {
    expect(parseFlagStatus("actioned")).toBe("actioned");
    expect(parseFlagStatus("bogus")).toBe("open");
    expect(parseFlagStatus(null)).toBe("open");
    expect(parseStanding("suspended")).toBe("suspended");
    expect(parseStanding("all")).toBeNull();
  });
});

describe("the audit log filter", () => {
  it("round-trips through the URL and leaves empty fields out of the query", () => {
    const form = auditFormFromParams(new URLSearchParams("action=admin.&ip=10.0.0.1&cursor=x"));
    expect(form).toEqual({ ...EMPTY_AUDIT_FORM, action: "admin.", ip: "10.0.0.1" });
    expect(auditQuery(form)).toEqual({ action: "admin.", ip: "10.0.0.1" });
  });

  it("turns local times into RFC 3339", () => {
    const query = auditQuery({ ...EMPTY_AUDIT_FORM, since: "2026-11-01T09:30" });
    expect(query.since).toBe(new Date("2026-11-01T09:30").toISOString());
    expect(query.since).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it("asks for whole ids and a since before the until", () => {
    expect(auditFormErrors({ ...EMPTY_AUDIT_FORM, actor_id: "1234" }).actor_id).toMatch(/full id/);
    expect(auditFormErrors({ ...EMPTY_AUDIT_FORM, target_id: "1f0c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b" })).toEqual({});
    expect(auditFormErrors({ ...EMPTY_AUDIT_FORM, since: "2026-11-02T00:00", until: "2026-11-01T00:00" }).until).toMatch(/after/);
  });
});

describe("the sign-ups chart", () => {
  it("scales each day against the busiest one", () => {
    const { bars, max, total } = signupBars([
      { date: "2026-11-24", count: 2 },
      { date: "2026-11-25", count: 8 },
      { date: "2026-11-26", count: 0 },
    ]);
    expect(max).toBe(8);
    expect(total).toBe(10);
    expect(bars.map((b) => b.percent)).toEqual([25, 100, 0]);
  });

  it("stays flat for a month without sign-ups", () => {
    expect(signupBars([{ date: "2026-11-26", count: 0 }]).bars[0]?.percent).toBe(0);
  });

  it("names the UTC day", () => {
    expect(shortDay("2026-11-26", "en-US")).toBe("Nov 26");
  });
});
