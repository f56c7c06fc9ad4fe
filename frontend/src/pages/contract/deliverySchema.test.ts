import { describe, expect, it } from "vitest";
import { bonusFormSchema, milestoneFormSchema, toMilestonePatch, toNewMilestone } from "./deliverySchema";

function issues(schema: typeof milestoneFormSchema | typeof bonusFormSchema, v: unknown): Record<string, string> {
  const result = schema.safeParse(v);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("milestone form", () => {
  it("needs a name, at least $5.00 and a real date or none", () => {
    expect(issues(milestoneFormSchema, { title: " ", amount: "4.99", due_date: "2026-02-30" })).toEqual({
      title: "Name the milestone.",
      amount: "Enter at least $5.00.",
      due_date: "Enter a real date, or leave it empty.",
    });
    expect(issues(milestoneFormSchema, { title: "Launch", amount: "1,250.50", due_date: "" })).toEqual({});
  });

  it("sends new milestones in the API's form, and edits as only what changed", () => {
    expect(toNewMilestone({ title: " Launch ", amount: "1,250.5", due_date: "" })).toEqual({ title: "Launch", amount: "1250.50" });
    const was = { title: "Launch", amount: "250.00", due_date: "2026-12-31" };
    expect(toMilestonePatch({ title: "Launch", amount: "250", due_date: "2026-12-31" }, was)).toEqual({});
    expect(toMilestonePatch({ title: "Go live", amount: "300", due_date: "" }, was)).toEqual({
      title: "Go live",
      amount: "300.00",
      due_date: "",
    });
  });
});

describe("bonus form", () => {
  it("needs an amount above zero", () => {
    expect(issues(bonusFormSchema, { amount: "0", message: "" })).toHaveProperty("amount");
    expect(issues(bonusFormSchema, { amount: "50", message: "Thanks!" })).toEqual({});
  });
});
