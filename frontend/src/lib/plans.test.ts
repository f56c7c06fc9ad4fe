import { describe, expect, it } from "vitest";
import type { Plan } from "../api/plans";
import { monthlyPrice, planState, planStatusText, planTitle, plusBenefits } from "./plans";

const basic: Plan = {
  side: "freelancer",
  plan: "basic",
  plus_price: "19.99",
  plus_benefits: ["100 Connects a month instead of 10"],
  current_period_end: null,
  cancel_at_period_end: false,
  payment_method_id: null,
  last_error: null,
};
const plus: Plan = { ...basic, plan: "plus", current_period_end: "2026-12-26T12:00:00Z" };

describe("plans", () => {
  it("names the plan and its price", () => {
    expect(planTitle("freelancer", "plus")).toBe("Freelancer Plus");
    expect(planTitle("client", "basic")).toBe("Client Basic");
    expect(monthlyPrice({ plus_price: "49.99" })).toBe("$49.99 a month");
  });

  it("tells Basic, renewing Plus and cancelled Plus apart", () => {
    expect(planState(basic)).toBe("basic");
    expect(planState(plus)).toBe("renewing");
    expect(planState({ ...plus, cancel_at_period_end: true })).toBe("ending");
    // Basic stays Basic whatever the flag says.
    expect(planState({ ...basic, cancel_at_period_end: true })).toBe("basic");
  });

  it("says when Plus renews, to what, and when a cancelled one ends", () => {
    expect(planStatusText(plus, "Visa ending in 4242", "UTC")).toBe(
      "Renews on December 26, 2026 for $19.99, charged to Visa ending in 4242. Cancel any time before then.",
    );
    expect(planStatusText(plus, null, "UTC")).toContain("charged to your wallet");
    expect(planStatusText({ ...plus, cancel_at_period_end: true }, null, "UTC")).toBe(
      "Ends on December 26, 2026. You keep Plus until then; after that you are on Basic and nothing more is charged.",
    );
    expect(planStatusText(basic, null, "UTC")).toBe("You are on Basic: 10 free Connects a month.");
    expect(planStatusText({ ...basic, side: "client" }, null, "UTC")).toContain("5% marketplace fee");
  });

  it("dates the renewal in the reader's time zone", () => {
    const late = { ...plus, current_period_end: "2026-12-26T23:30:00Z" };
    expect(planStatusText(late, null, "Asia/Tokyo")).toContain("December 27, 2026");
  });

  it("falls back to its own words when the server lists no benefits", () => {
    expect(plusBenefits({ ...basic, plus_benefits: [] })[0]).toBe("100 Connects a month instead of 10");
    expect(plusBenefits({ ...basic, side: "client", plus_benefits: [] })).toEqual(["A 3% marketplace fee instead of 5%"]);
    expect(plusBenefits(basic)).toEqual(["100 Connects a month instead of 10"]);
  });
});
