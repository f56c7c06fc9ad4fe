import { describe, expect, it } from "vitest";
import { canDisputeInvoice, canDisputeMilestone, canRespond, checkSplit, outcomeText, partyLabel, partyOf, refundProblem, requestText, statusLabel } from "./disputes";

const dispute = { client_id: "c", freelancer_id: "f", opener_role: "client", status: "awaiting_response" as const };

describe("who may open", () => {
  it("milestones per role", () => {
    expect(canDisputeMilestone("submitted", "client")).toBe(true);
    expect(canDisputeMilestone("changes_requested", "client")).toBe(false);
    expect(canDisputeMilestone("refund_requested", "freelancer")).toBe(true);
    expect(canDisputeMilestone("changes_requested", "freelancer")).toBe(true);
    expect(canDisputeMilestone("funded", "freelancer")).toBe(false);
    expect(canDisputeMilestone("submitted", "client", "ended")).toBe(false);
  });
  it("invoices: the client before review_until", () => {
    const now = new Date("2026-01-10T00:00:00Z");
    const inv = { status: "in_review", review_until: "2026-01-10T23:59:59Z" };
    expect(canDisputeInvoice(inv, "client", now)).toBe(true);
    expect(canDisputeInvoice(inv, "freelancer", now)).toBe(false);
    expect(canDisputeInvoice(inv, "client", new Date("2026-01-11T00:00:00Z"))).toBe(false);
    expect(canDisputeInvoice({ ...inv, status: "released" }, "client", now)).toBe(false);
  });
});

describe("who responds", () => {
  it("the other party while awaiting a response", () => {
    expect(partyOf(dispute, "c")).toBe("client");
    expect(partyOf(dispute, "x")).toBeNull();
    expect(canRespond(dispute, "f")).toBe(true);
    expect(canRespond(dispute, "c")).toBe(false);
    expect(canRespond(dispute, "admin")).toBe(false);
    expect(canRespond({ ...dispute, status: "in_mediation" }, "f")).toBe(false);
  });
});

const parties = {
  client: { id: "c", full_name: "Dora Client", country: "DE", suspended: false },
  freelancer: { id: "f", full_name: "Felix Freelancer", country: "PT", suspended: false },
};

describe("wording", () => {
  it("status and outcome", () => {
    expect(statusLabel("in_mediation")).toBe("In mediation");
    expect(statusLabel("weird")).toBe("weird");
    expect(outcomeText({ ...parties, outcome: "accepted", opener_role: "client" })).toBe("Felix Freelancer (freelancer) accepted the request.");
    expect(outcomeText({ ...parties, outcome: "lapsed", opener_role: "freelancer" })).toBe(
      "Dora Client (client) did not answer in time, so the request was granted.",
    );
    expect(outcomeText({ ...parties, outcome: null, opener_role: "client" })).toBeNull();
  });

  it("names each party with their role", () => {
    expect(partyLabel(parties, "client")).toBe("Dora Client (client)");
    expect(partyLabel(parties, "freelancer")).toBe("Felix Freelancer (freelancer)");
    expect(requestText({ ...parties, opener_role: "client", requested_refund: "100.00" })).toBe(
      "Dora Client (client) asks $100.00 back from Felix Freelancer (freelancer)",
    );
    expect(requestText({ ...parties, opener_role: "freelancer", requested_refund: "0.00" })).toBe(
      "Felix Freelancer (freelancer) offers $0.00 back to Dora Client (client)",
    );
  });
});

describe("amounts in cents", () => {
  it("requested refund", () => {
    expect(refundProblem("100", "300.00")).toBeNull();
    expect(refundProblem("300.01", "300.00")).toMatch(/At most 300.00/);
    expect(refundProblem("abc", "300.00")).toMatch(/Enter an amount/);
  });
  it("split must add up", () => {
    expect(checkSplit("200", "100.00", "300.00").total).toBeNull();
    expect(checkSplit("0.1", "0.2", "0.30").total).toBeNull();
    expect(checkSplit("200", "100.01", "300.00").total).toBe("Release and refund must add up to 300.00 (now 300.01).");
    const bad = checkSplit("x", "", "300.00");
    expect(bad.release).toBeDefined();
    expect(bad.refund).toBeDefined();
  });
});
