import { describe, expect, it } from "vitest";
import {
  checkMilestoneSum,
  connectsKindLabel,
  contractsQuery,
  countFor,
  escrowHeld,
  effectiveRole,
  excerpt,
  formatBid,
  hrefWith,
  invitationsQuery,
  isOfferOpen,
  jobProposalsQuery,
  labelOf,
  myProposalsFiltersToQueryString,
  myProposalsQuery,
  offersQuery,
  otherParty,
  parseContractFilters,
  parseInvitationFilters,
  parseMyProposalsFilters,
  parseOfferFilters,
  parseReviewFilters,
  proposalActions,
  proposalStatusLabels,
  proposalViewer,
  reviewFiltersToQueryString,
  roleFiltersToQueryString,
  sumCheckMessage,
  sumMilestones,
  toneOf,
  offerStatusTones,
  walletShortfall,
} from "./hiring";

const params = (qs: string) => new URLSearchParams(qs);

describe("milestone sums", () => {
  it("adds typed amounts in whole cents, the way people write them", () => {
    expect(sumMilestones(["0.10", "0.20"]).sum).toBe("0.30");
    expect(sumMilestones(["$1,250.50", "12,5", "100"])).toEqual({ sum: "1363.00", unreadable: [] });
    expect(sumMilestones([])).toEqual({ sum: "0.00", unreadable: [] });
  });

  it("notes the rows it cannot read and adds up the rest", () => {
    expect(sumMilestones(["100", "", "abc", "50.5"])).toEqual({ sum: "150.50", unreadable: [1, 2] });
  });

  it("checks the milestones against the bid", () => {
    expect(checkMilestoneSum(["250", "500"], "750.00")).toEqual({ state: "matches", sum: "750.00" });
    expect(checkMilestoneSum(["250", "400"], "750")).toEqual({ state: "mismatch", sum: "650.00", difference: "100.00" });
    expect(checkMilestoneSum(["250", "600.01"], "750")).toEqual({ state: "mismatch", sum: "850.01", difference: "-100.01" });
    expect(checkMilestoneSum(["250", ""], "750")).toEqual({ state: "incomplete", sum: "250.00" });
    expect(checkMilestoneSum(["250"], "")).toEqual({ state: "no_total" });
    expect(checkMilestoneSum(["0.1", "0.2"], "0.30")).toMatchObject({ state: "matches" });
  });

  it("says how far off the milestones are, in either direction", () => {
    expect(sumCheckMessage(checkMilestoneSum(["250", "400"], "750"), "750")).toBe(
      "The milestones add up to $650.00, $100.00 less than your bid of $750.00. They must add up to the bid exactly.",
    );
    expect(sumCheckMessage(checkMilestoneSum(["500", "500"], "750"), "750")).toContain("$250.00 more than your bid");
    expect(sumCheckMessage(checkMilestoneSum(["750"], "750"), "750")).toBe("The milestones add up to your bid of $750.00.");
    expect(sumCheckMessage(checkMilestoneSum(["750", ""], "750"), "750")).toContain("Enter an amount for each");
    expect(sumCheckMessage(checkMilestoneSum(["750"], ""), "")).toBeNull();
  });

  it("adds up what escrow holds across milestones", () => {
    expect(escrowHeld([{ escrow: "250.00" }, { escrow: "0.00" }, { escrow: "0.10" }])).toBe("250.10");
    expect(escrowHeld([])).toBe("0.00");
  });

  it("works out what the wallet cannot cover", () => {
    expect(walletShortfall("525.00", "500.00")).toBe("25.00");
    expect(walletShortfall("525.00", "800.00")).toBe("0.00");
    expect(walletShortfall("525.00", "-5.00")).toBe("525.00");
    expect(walletShortfall("x", "1.00")).toBeNull();
  });
});

describe("status words", () => {
  it("labels known values and makes new ones readable", () => {
    expect(labelOf(proposalStatusLabels, "shortlisted")).toBe("Shortlisted");
    expect(labelOf(proposalStatusLabels, "on_hold")).toBe("On hold");
    expect(connectsKindLabel("spend")).toBe("Proposal sent");
    expect(connectsKindLabel("bonus_grant")).toBe("Bonus grant");
    expect(toneOf(offerStatusTones, "accepted")).toBe("badge--success");
    expect(toneOf(offerStatusTones, "mystery")).toBe("badge--neutral");
  });

  it("formats bids by type", () => {
    expect(formatBid({ bid_type: "fixed", bid_amount: "750.00", hourly_rate: null })).toBe("$750.00");
    expect(formatBid({ bid_type: "hourly", bid_amount: null, hourly_rate: "45.5" })).toBe("$45.50/hr");
  });
});

describe("who may do what", () => {
  it("lets the job owner move open proposals on, and nothing once final", () => {
    expect(proposalActions("submitted", "client")).toEqual({
      shortlist: true,
      archive: true,
      decline: true,
      sendOffer: true,
      withdraw: false,
    });
    expect(proposalActions("shortlisted", "client")).toMatchObject({ shortlist: false, archive: true });
    expect(proposalActions("archived", "client")).toMatchObject({ shortlist: true, archive: false, decline: true });
    for (const status of ["declined", "withdrawn", "hired"] as const) {
      expect(Object.values(proposalActions(status, "client")).some(Boolean)).toBe(false);
      expect(proposalActions(status, "freelancer").withdraw).toBe(false);
    }
  });

  it("lets the freelancer withdraw an open proposal only", () => {
    expect(proposalActions("submitted", "freelancer")).toEqual({
      shortlist: false,
      archive: false,
      decline: false,
      sendOffer: false,
      withdraw: true,
    });
    expect(Object.values(proposalActions("submitted", null)).some(Boolean)).toBe(false);
  });

  it("knows whose proposal it is", () => {
    const proposal = { job: { client_id: "c" }, freelancer: { id: "f" } } as Parameters<typeof proposalViewer>[0];
    expect(proposalViewer(proposal, "c")).toBe("client");
    expect(proposalViewer(proposal, "f")).toBe("freelancer");
    expect(proposalViewer(proposal, "x")).toBeNull();
    expect(proposalViewer(proposal, null)).toBeNull();
    const hire = { client: { id: "c" }, freelancer: { id: "f" } };
    expect(otherParty(hire, "c").id).toBe("f");
    expect(otherParty(hire, "f").id).toBe("c");
  });

  it("treats a pending offer past its expiry as closed", () => {
    const now = new Date("2026-05-01T12:00:00Z");
    expect(isOfferOpen({ status: "pending", expires_at: "2026-05-02T00:00:00Z" }, now)).toBe(true);
    expect(isOfferOpen({ status: "pending", expires_at: "2026-04-30T00:00:00Z" }, now)).toBe(false);
    expect(isOfferOpen({ status: "accepted", expires_at: "2026-05-02T00:00:00Z" }, now)).toBe(false);
  });

  it("picks the role to show from the account's roles", () => {
    expect(effectiveRole(["freelancer", "client"], null)).toBe("freelancer");
    expect(effectiveRole(["freelancer", "client"], "client")).toBe("client");
    expect(effectiveRole(["client"], "freelancer")).toBe("client");
    expect(effectiveRole(["admin"], null)).toBeNull();
  });
});

describe("list filters in the address bar", () => {
  it("reads my proposals' status, ignoring unknown ones", () => {
    expect(parseMyProposalsFilters(params("status=shortlisted"))).toEqual({ status: "shortlisted" });
    expect(parseMyProposalsFilters(params("status=active"))).toEqual({ status: null });
    expect(myProposalsFiltersToQueryString({ status: "hired" })).toBe("status=hired");
    expect(myProposalsFiltersToQueryString({ status: null })).toBe("");
  });

  it("reads the review screen's state, defaulting to newest proposals as a list", () => {
    expect(parseReviewFilters(params(""))).toEqual({ tab: "proposals", status: null, sort: "newest", view: "list" });
    expect(parseReviewFilters(params("tab=invitations&status=active&sort=best_match&view=compare"))).toEqual({
      tab: "invitations",
      status: "active",
      sort: "best_match",
      view: "compare",
    });
    expect(parseReviewFilters(params("tab=x&status=deleted&sort=price&view=grid"))).toEqual({
      tab: "proposals",
      status: null,
      sort: "newest",
      view: "list",
    });
  });

  it("writes back only what differs from the defaults, in a stable order", () => {
    expect(reviewFiltersToQueryString(parseReviewFilters(params("view=compare&sort=bid&status=shortlisted")))).toBe(
      "status=shortlisted&sort=bid&view=compare",
    );
    expect(reviewFiltersToQueryString(parseReviewFilters(params("sort=newest&view=list&tab=proposals")))).toBe("");
    expect(hrefWith("")).toBe(".");
    expect(hrefWith("status=hired")).toBe("?status=hired");
  });

  it("reads and writes role and status for offers, contracts and invitations", () => {
    expect(parseOfferFilters(params("role=client&status=pending"))).toEqual({ role: "client", status: "pending" });
    expect(parseContractFilters(params("role=admin&status=pending"))).toEqual({ role: null, status: null });
    expect(parseContractFilters(params("status=ended"))).toEqual({ role: null, status: "ended" });
    expect(parseInvitationFilters(params("status=declined&role=freelancer"))).toEqual({ role: "freelancer", status: "declined" });
    expect(roleFiltersToQueryString({ role: "client", status: "active" })).toBe("role=client&status=active");
  });
});

describe("API queries", () => {
  it("sends the status, a non-default sort and the cursor for the job's proposals", () => {
    const filters = parseReviewFilters(params("status=active&sort=bid"));
    expect(jobProposalsQuery(filters, null)).toEqual({ limit: 20, status: "active", sort: "bid" });
    expect(jobProposalsQuery(parseReviewFilters(params("")), "c2", 50)).toEqual({ limit: 50, cursor: "c2" });
  });

  it("leaves out what is not set", () => {
    expect(myProposalsQuery({ status: null }, null)).toEqual({ limit: 20 });
    expect(myProposalsQuery({ status: "submitted" }, "abc")).toEqual({ limit: 20, status: "submitted", cursor: "abc" });
    expect(offersQuery({ role: "client", status: null }, null)).toEqual({ limit: 20, role: "client" });
    expect(contractsQuery({ role: null, status: "active" }, "n")).toEqual({ limit: 20, status: "active", cursor: "n" });
    expect(invitationsQuery({ role: "freelancer", status: "pending" }, null)).toEqual({
      limit: 20,
      role: "freelancer",
      status: "pending",
    });
  });

  it("counts each status filter, active being submitted plus shortlisted", () => {
    const counts = { all: 9, submitted: 3, shortlisted: 2, archived: 1, declined: 1, withdrawn: 1, hired: 1 };
    expect(countFor(counts, null)).toBe(9);
    expect(countFor(counts, "active")).toBe(5);
    expect(countFor(counts, "archived")).toBe(1);
    expect(countFor(undefined, "archived")).toBeNull();
  });
});

describe("text", () => {
  it("cuts long text at a word, with an ellipsis", () => {
    expect(excerpt("Short and sweet.", 40)).toBe("Short and sweet.");
    expect(excerpt("I have built   many\nbooking pages for clinics", 24)).toBe("I have built many…");
    expect(excerpt("Supercalifragilistic", 10)).toBe("Supercalif…");
  });
});
