import { describe, expect, it } from "vitest";
import type { Job } from "../../api/types";
import { payTermsFor } from "./ConnectsPreview";
import {
  amountToCents,
  changedFields,
  emptyJobForm,
  jobFormSchema,
  jobToFormValues,
  toJobRequest,
  type JobFormValues,
} from "./jobSchema";

const valid: JobFormValues = {
  ...emptyJobForm,
  title: "Build a booking page",
  description: "We need a booking page for a small dental clinic, with reminders by email.",
  category_id: "c1",
  skill_ids: [{ id: "s1", name: "React" }],
  budget: "750",
};

function errorsOf(values: JobFormValues): Record<string, string> {
  const result = jobFormSchema.safeParse(values);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("job form rules", () => {
  it("accepts a complete fixed-price job", () => {
    expect(errorsOf(valid)).toEqual({});
  });

  it("checks the title and description lengths, after trimming", () => {
    const errors = errorsOf({ ...valid, title: "   short   ", description: "x".repeat(49) });
    expect(errors.title).toMatch(/at least 10/);
    expect(errors.description).toMatch(/at least 50/);
    expect(errorsOf({ ...valid, title: "t".repeat(121) }).title).toMatch(/120/);
    expect(errorsOf({ ...valid, title: "t".repeat(120) }).title).toBeUndefined();
    expect(errorsOf({ ...valid, description: "d".repeat(10_001) }).description).toMatch(/10,000/);
  });

  it("counts an emoji as one character", () => {
    expect(errorsOf({ ...valid, title: "🚀".repeat(10) }).title).toBeUndefined();
    expect(errorsOf({ ...valid, title: "🚀".repeat(9) }).title).toMatch(/at least 10/);
  });

  it("needs a category and 1 to 15 skills", () => {
    const skills = Array.from({ length: 16 }, (_, i) => ({ id: `s${i}`, name: `Skill ${i}` }));
    expect(errorsOf({ ...valid, category_id: "" }).category_id).toBe("Choose a category.");
    expect(errorsOf({ ...valid, skill_ids: [] }).skill_ids).toBe("Add at least one skill.");
    expect(errorsOf({ ...valid, skill_ids: skills }).skill_ids).toMatch(/at most 15/);
    expect(errorsOf({ ...valid, skill_ids: skills.slice(0, 15) }).skill_ids).toBeUndefined();
  });

  it("needs a fixed budget of at least 5.00", () => {
    expect(errorsOf({ ...valid, budget: "" }).budget).toBe("Enter the budget.");
    expect(errorsOf({ ...valid, budget: "4.99" }).budget).toMatch(/at least \$5\.00/);
    expect(errorsOf({ ...valid, budget: "5" }).budget).toBeUndefined();
    expect(errorsOf({ ...valid, budget: "12.345" }).budget).toMatch(/like 750/);
    expect(errorsOf({ ...valid, budget: "$20" }).budget).toMatch(/like 750/);
  });

  it("checks only the chosen pay type's amounts", () => {
    // Hourly: the leftover (invalid) budget no longer matters, the rates do.
    const hourly = { ...valid, job_type: "hourly" as const, budget: "1" };
    const errors = errorsOf(hourly);
    expect(errors.budget).toBeUndefined();
    expect(errors.hourly_min).toBe("Enter the lowest rate.");
    expect(errors.hourly_max).toBe("Enter the highest rate.");
    // Fixed: leftover rates are ignored.
    expect(errorsOf({ ...valid, hourly_min: "1", hourly_max: "x" })).toEqual({});
  });

  it("needs hourly rates of at least 3.00 with the highest not below the lowest", () => {
    const hourly = { ...valid, job_type: "hourly" as const };
    expect(errorsOf({ ...hourly, hourly_min: "2.99", hourly_max: "10" }).hourly_min).toMatch(/at least \$3\.00/);
    expect(errorsOf({ ...hourly, hourly_min: "30", hourly_max: "25" }).hourly_max).toMatch(/cannot be below/);
    expect(errorsOf({ ...hourly, hourly_min: "25", hourly_max: "25.00" })).toEqual({});
  });

  it("allows up to 5 non-empty screening questions", () => {
    const q = (text: string) => ({ text });
    expect(errorsOf({ ...valid, screening_questions: [q("Why you?"), q("  ")] })["screening_questions.1.text"]).toBe(
      "Write the question or remove it.",
    );
    expect(errorsOf({ ...valid, screening_questions: Array.from({ length: 6 }, () => q("Why?")) }).screening_questions).toMatch(
      /at most 5/,
    );
  });

  it("reads amounts exactly", () => {
    expect(amountToCents("750")).toBe(75000);
    expect(amountToCents("0.5")).toBe(50);
    expect(amountToCents(" 19.99 ")).toBe(1999);
    expect(amountToCents("1e3")).toBeNull();
    expect(amountToCents("-5")).toBeNull();
  });
});

describe("pay field switching", () => {
  it("sends only the chosen type's amounts", () => {
    const fixed = jobFormSchema.parse({ ...valid, hourly_min: "20", hourly_max: "40" });
    const body = toJobRequest(fixed);
    expect(body).toMatchObject({ job_type: "fixed", budget: "750" });
    expect(body).not.toHaveProperty("hourly_min");
    expect(body).not.toHaveProperty("hourly_max");

    const hourly = jobFormSchema.parse({ ...valid, job_type: "hourly", hourly_min: "20", hourly_max: "40" });
    const hourlyBody = toJobRequest(hourly);
    expect(hourlyBody).toMatchObject({ job_type: "hourly", hourly_min: "20", hourly_max: "40" });
    expect(hourlyBody).not.toHaveProperty("budget");
  });

  it("prices the job only once the pay is acceptable", () => {
    const base = { project_length: "1_to_3_months", hours_per_week: "less_than_30" } as const;
    expect(payTermsFor({ ...base, job_type: "fixed", budget: "4", hourly_min: "", hourly_max: "" })).toBeNull();
    expect(payTermsFor({ ...base, job_type: "fixed", budget: "500", hourly_min: "", hourly_max: "" })).toEqual({
      ...base,
      job_type: "fixed",
      budget: "500",
    });
    expect(payTermsFor({ ...base, job_type: "hourly", budget: "500", hourly_min: "30", hourly_max: "20" })).toBeNull();
    expect(payTermsFor({ ...base, job_type: "hourly", budget: "500", hourly_min: "20", hourly_max: "30" })).toEqual({
      ...base,
      job_type: "hourly",
      hourly_min: "20",
      hourly_max: "30",
    });
  });
});

describe("editing sends only what changed", () => {
  const job: Job = {
    id: "j1",
    client_id: "u1",
    title: "Build a booking page",
    description: valid.description,
    category_id: "c1",
    skills: [{ id: "s1", name: "React" }],
    job_type: "fixed",
    budget: "750.00",
    hourly_min: null,
    hourly_max: null,
    experience_level: "intermediate",
    project_length: "1_to_3_months",
    hours_per_week: "less_than_30",
    visibility: "public",
    screening_questions: ["Why you?"],
    connects_cost: 6,
    proposals_count: 0,
    status: "open",
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    published_at: "2026-01-01T00:00:00Z",
  };
  const before = jobFormSchema.parse(jobToFormValues(job));

  it("finds no changes in an untouched job", () => {
    expect(changedFields(before, before)).toEqual({});
  });

  it("sends the changed fields only", () => {
    const after = jobFormSchema.parse({
      ...jobToFormValues(job),
      title: "Build a booking page, quickly",
      skill_ids: [
        { id: "s1", name: "React" },
        { id: "s2", name: "CSS" },
      ],
      budget: "800.00",
      screening_questions: [],
    });
    expect(changedFields(before, after)).toEqual({
      title: "Build a booking page, quickly",
      skill_ids: ["s1", "s2"],
      budget: "800.00",
      screening_questions: [],
    });
  });

  it("sends the new pay type with its amounts when switching", () => {
    const after = jobFormSchema.parse({ ...jobToFormValues(job), job_type: "hourly", hourly_min: "20", hourly_max: "35" });
    expect(changedFields(before, after)).toEqual({ job_type: "hourly", hourly_min: "20", hourly_max: "35" });
  });
});
