import { describe, expect, it } from "vitest";
import { emptyProposalForm, proposalFormFields, proposalSchema, toProposalRequest, type ProposalFormValues } from "./proposalSchema";

const letter = "I have built booking pages for three clinics and can start on Monday.";

function values(overrides: Partial<ProposalFormValues> = {}, questions = 1): ProposalFormValues {
  return { ...emptyProposalForm(questions), cover_letter: letter, estimated_duration: "1_to_3_months", answers: ["Yes"], ...overrides };
}

function issues(schema: ReturnType<typeof proposalSchema>, v: ProposalFormValues): Record<string, string> {
  const result = schema.safeParse(v);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("proposal form rules", () => {
  const fixed = proposalSchema("fixed", 1);
  const hourly = proposalSchema("hourly", 1);

  it("accepts a complete fixed-price proposal", () => {
    expect(issues(fixed, values({ bid_amount: "750" }))).toEqual({});
  });

  it("asks for the cover letter, the bid, the duration and every answer", () => {
    expect(issues(fixed, values({ cover_letter: "Hi", bid_amount: "", estimated_duration: "", answers: ["  "] }))).toEqual({
      cover_letter: "Write at least 50 characters for the cover letter.",
      bid_amount: "Enter your bid in US dollars, like 750 or 750.00.",
      estimated_duration: "Choose how long the work will take.",
      "answers.0": "Answer this question.",
    });
  });

  it("checks the rate, not the bid, for hourly jobs", () => {
    expect(issues(hourly, values({ hourly_rate: "45" }))).toEqual({});
    expect(Object.keys(issues(hourly, values({ hourly_rate: "0" })))).toEqual(["hourly_rate"]);
  });

  it("needs milestones that add up to the bid, each named and priced", () => {
    const split = (rows: { title: string; amount: string }[], bid = "750") =>
      issues(fixed, values({ bid_amount: bid, use_milestones: true, milestones: rows }));
    expect(
      split([
        { title: "Design", amount: "250" },
        { title: "Build", amount: "500.00" },
      ]),
    ).toEqual({});
    expect(
      split([
        { title: "Design", amount: "250" },
        { title: "Build", amount: "400" },
      ]),
    ).toEqual({ milestones: "The milestones must add up to your bid exactly." });
    expect(split([{ title: " ", amount: "x" }])).toEqual({
      "milestones.0.title": "Name this milestone.",
      "milestones.0.amount": "Enter an amount above $0.00.",
    });
    expect(split([])).toEqual({ milestones: "Add at least one milestone, or bid without milestones." });
  });

  it("ignores the milestone rows when the bid is not split", () => {
    expect(issues(fixed, values({ bid_amount: "750", use_milestones: false, milestones: [{ title: "", amount: "" }] }))).toEqual({});
  });
});

describe("toProposalRequest", () => {
  it("sends amounts in the API's form and only the job type's bid", () => {
    const v = values({
      bid_amount: "$1,250",
      hourly_rate: "45",
      use_milestones: true,
      milestones: [
        { title: " Design ", amount: "250" },
        { title: "Build", amount: "1000,00" },
      ],
    });
    expect(toProposalRequest(v, "fixed")).toEqual({
      cover_letter: letter,
      estimated_duration: "1_to_3_months",
      answers: ["Yes"],
      bid_amount: "1250.00",
      milestones: [
        { title: "Design", amount: "250.00" },
        { title: "Build", amount: "1000.00" },
      ],
    });
    expect(toProposalRequest({ ...v, use_milestones: false }, "fixed")).not.toHaveProperty("milestones");
    expect(toProposalRequest(v, "hourly")).toEqual({
      cover_letter: letter,
      estimated_duration: "1_to_3_months",
      answers: ["Yes"],
      hourly_rate: "45.00",
    });
  });

  it("names each answer field before the answers as a whole (for server errors)", () => {
    const fields = proposalFormFields(2);
    expect(fields.indexOf("answers.1")).toBeLessThan(fields.indexOf("answers"));
  });
});
