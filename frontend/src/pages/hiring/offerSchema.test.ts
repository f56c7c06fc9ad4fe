import { describe, expect, it } from "vitest";
import type { Proposal } from "../../api/hiring";
import { offerDefaults, offerFormFields, offerSchema, toOfferRequest, type OfferFormValues } from "./offerSchema";

const proposal = {
  id: "p1",
  job: { id: "j1", title: "Booking page", job_type: "fixed", client_id: "c1", screening_questions: [] },
  freelancer: { id: "f1", full_name: "Ada Lovelace", hourly_rate: "40.00" },
  bid_amount: "750.00",
  hourly_rate: null,
  milestones: [],
} as unknown as Proposal;

function issues(v: OfferFormValues): Record<string, string> {
  const result = offerSchema.safeParse(v);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("offer form", () => {
  it("opens with the job's type and title and the proposal's bid as one milestone", () => {
    expect(offerDefaults(proposal)).toEqual({
      contract_type: "fixed",
      title: "Booking page",
      message: "",
      milestones: [{ title: "Booking page", amount: "750.00", due_date: "" }],
      hourly_rate: "40.00",
      weekly_limit_hours: "40",
      manual_time_allowed: false,
      payment_method_id: "",
    });
    const split = { ...proposal, milestones: [{ title: "Design", amount: "250.00" }, { title: "Build", amount: "500.00" }] };
    expect(offerDefaults(split).milestones).toEqual([
      { title: "Design", amount: "250.00", due_date: "" },
      { title: "Build", amount: "500.00", due_date: "" },
    ]);
  });

  it("needs every milestone named, at least $5.00 and with a real date if any", () => {
    const v = offerDefaults(proposal);
    expect(issues(v)).toEqual({});
    expect(
      issues({
        ...v,
        milestones: [
          { title: "", amount: "4.99", due_date: "2026-02-30" },
          { title: "Ok", amount: "5", due_date: "" },
        ],
      }),
    ).toEqual({
      "milestones.0.title": "Name this milestone.",
      "milestones.0.amount": "Enter at least $5.00.",
      "milestones.0.due_date": "Enter a real date, or leave it empty.",
    });
    expect(issues({ ...v, milestones: [] })).toEqual({ milestones: "Add at least one milestone." });
    const many = Array.from({ length: 21 }, () => ({ title: "M", amount: "5", due_date: "" }));
    expect(issues({ ...v, milestones: many })).toEqual({ milestones: "Use at most 20 milestones." });
  });

  it("checks the rate and the weekly limit of an hourly offer, not milestones", () => {
    const v: OfferFormValues = { ...offerDefaults(proposal), contract_type: "hourly", milestones: [] };
    expect(issues(v)).toEqual({});
    expect(issues({ ...v, hourly_rate: "2.99", weekly_limit_hours: "81" })).toEqual({
      hourly_rate: "Enter an hourly rate of at least $3.00.",
      weekly_limit_hours: "Enter a whole number of hours from 1 to 80.",
    });
    expect(Object.keys(issues({ ...v, weekly_limit_hours: "1.5" }))).toEqual(["weekly_limit_hours"]);
  });

  it("sends only the chosen type's terms, amounts in the API's form", () => {
    const v: OfferFormValues = {
      ...offerDefaults(proposal),
      title: "  ",
      message: " Welcome aboard ",
      milestones: [
        { title: "Design", amount: "250", due_date: "2026-12-01" },
        { title: "Build", amount: "$500", due_date: "" },
      ],
      payment_method_id: "pm1",
    };
    expect(toOfferRequest(v, "p1")).toEqual({
      proposal_id: "p1",
      contract_type: "fixed",
      message: "Welcome aboard",
      milestones: [
        { title: "Design", amount: "250.00", due_date: "2026-12-01" },
        { title: "Build", amount: "500.00" },
      ],
      payment_method_id: "pm1",
    });
    expect(toOfferRequest({ ...v, contract_type: "hourly", hourly_rate: "45", weekly_limit_hours: "20" }, "p1")).toEqual({
      proposal_id: "p1",
      contract_type: "hourly",
      message: "Welcome aboard",
      hourly_rate: "45.00",
      weekly_limit_hours: 20,
      manual_time_allowed: false,
    });
  });

  it("names each milestone's fields before the milestones as a whole (for server errors)", () => {
    expect(offerFormFields.indexOf("milestones.19.due_date")).toBeLessThan(offerFormFields.indexOf("milestones"));
  });
});
