import { afterEach, describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import { CompetingBids } from "./CompetingBids";
import { freelancerBasic, freelancerPlus, problem, renderAt, respond, stubApi } from "../plans/fakeApi";

afterEach(() => vi.unstubAllGlobals());

const fixed = { id: "22222222-2222-4222-8222-222222222222", job_type: "fixed" as const };
const hourly = { ...fixed, job_type: "hourly" as const };
const renderBids = (job: typeof fixed | typeof hourly = fixed) => renderAt("/jobs/x", "/jobs/x", <CompetingBids job={job} />);

describe("CompetingBids", () => {
  it("shows a Plus freelancer the low, average and high bid and how many", async () => {
    stubApi({
      "GET /me/plans": respond(200, { data: [freelancerPlus] }),
      [`GET /jobs/${fixed.id}/bid-range`]: respond(200, { low: "450.00", high: "900.00", average: "640.00", count: 3 }),
    });
    renderBids();
    const figures = await screen.findByTestId("bid-range");
    expect(within(figures).getAllByRole("term").map((t) => t.textContent)).toEqual(["Low", "Average", "High"]);
    expect(within(figures).getAllByRole("definition").map((d) => d.textContent)).toEqual(["$450.00", "$640.00", "$900.00"]);
    expect(screen.getByText(/From 3 proposals \(fixed totals/)).toBeInTheDocument();
  });

  it("shows hourly bids as rates", async () => {
    stubApi({
      "GET /me/plans": respond(200, { data: [freelancerPlus] }),
      [`GET /jobs/${fixed.id}/bid-range`]: respond(200, { low: "30.00", high: "30.00", average: "30.00", count: 1 }),
    });
    renderBids(hourly);
    expect(await screen.findAllByText("$30.00/hr")).toHaveLength(3);
    expect(screen.getByText(/From 1 proposal \(hourly rates/)).toBeInTheDocument();
  });

  it("says when nobody has bid yet", async () => {
    stubApi({
      "GET /me/plans": respond(200, { data: [freelancerPlus] }),
      [`GET /jobs/${fixed.id}/bid-range`]: respond(200, { low: null, high: null, average: null, count: 0 }),
    });
    renderBids();
    expect(await screen.findByText("No bids yet. Yours would be the first.")).toBeInTheDocument();
  });

  it("shows a Basic freelancer a way to Plus without asking for the range", async () => {
    const sent = stubApi({ "GET /me/plans": respond(200, { data: [freelancerBasic] }) });
    renderBids();
    expect(await screen.findByRole("link", { name: "See Freelancer Plus" })).toHaveAttribute("href", "/settings/plan");
    expect(sent.map((s) => s.route)).toEqual(["GET /me/plans"]);
  });

  it("falls back to the teaser when the plan is unknown and the range needs Plus", async () => {
    stubApi({
      "GET /me/plans": problem(500, "internal", "Something went wrong."),
      [`GET /jobs/${fixed.id}/bid-range`]: problem(403, "plus_required", "Freelancer Plus shows the competing bids."),
    });
    renderBids();
    expect(await screen.findByRole("link", { name: "See Freelancer Plus" })).toBeInTheDocument();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("says when the range could not be loaded", async () => {
    stubApi({
      "GET /me/plans": respond(200, { data: [freelancerPlus] }),
      [`GET /jobs/${fixed.id}/bid-range`]: problem(500, "internal", "Something went wrong."),
    });
    renderBids();
    expect(await screen.findByText("The competing bids could not be loaded")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Try again" })).toBeInTheDocument();
  });
});
