import { describe, expect, it } from "vitest";
import type { FreelancerProfile } from "../../api/types";
import {
  emptyItems,
  missingParts,
  photoProblem,
  profileFormSchema,
  profileToForm,
  toProfileRequest,
  type ProfileFormValues,
} from "./profileSchema";

const base: ProfileFormValues = {
  title: "Full-stack developer",
  overview: "I build things.",
  hourly_rate: "45",
  availability: "as_needed",
  skill_ids: [{ id: "s1", name: "React" }],
  portfolio: [],
  employment: [],
  education: [],
  certifications: [],
  languages: [],
};

function issues(values: ProfileFormValues): Record<string, string> {
  const result = profileFormSchema.safeParse(values);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
}

const profile: FreelancerProfile = {
  id: "f1",
  full_name: "Fern Freelancer",
  country: "PT",
  timezone: "Europe/Lisbon",
  title: "",
  overview: "",
  hourly_rate: null,
  availability: "as_needed",
  skills: [],
  portfolio: [],
  employment: [],
  education: [],
  certifications: [],
  languages: [],
  photo_url: null,
  completeness: 0,
  identity_verified: false,
  reputation: { rating: null, reviews: 0, job_success_score: null, total_earned_band: "none_yet", hours_worked: 0, badges: [] },
  member_since: "2026-11-26T00:00:00Z",
  updated_at: "2026-11-26T00:00:00Z",
};

describe("the profile form's rules", () => {
  it("accepts a minimal profile", () => {
    expect(issues(base)).toEqual({});
  });

  it("needs 1 to 15 skills", () => {
    expect(issues({ ...base, skill_ids: [] })).toEqual({ skill_ids: "Add at least one skill." });
    const many = Array.from({ length: 16 }, (_, i) => ({ id: `s${i}`, name: `Skill ${i}` }));
    expect(issues({ ...base, skill_ids: many })).toEqual({ skill_ids: "Add at most 15 skills." });
  });

  it("checks the hourly rate: empty is allowed, otherwise an amount of at least 3.00", () => {
    expect(issues({ ...base, hourly_rate: "" })).toEqual({});
    expect(issues({ ...base, hourly_rate: "2.99" })).toEqual({ hourly_rate: "The hourly rate must be at least $3.00." });
    expect(issues({ ...base, hourly_rate: "ten" })).toEqual({ hourly_rate: "Enter an amount in US dollars, like 45 or 45.00." });
    expect(issues({ ...base, hourly_rate: "3" })).toEqual({});
  });

  it("limits the title and overview by characters as the server counts them", () => {
    expect(issues({ ...base, title: "x".repeat(100) })).toEqual({});
    expect(issues({ ...base, title: "x".repeat(101) })).toEqual({ title: "Keep the title to 100 characters or fewer." });
    expect(issues({ ...base, overview: "😀".repeat(5000) })).toEqual({});
    expect(issues({ ...base, overview: "x".repeat(5001) })).toEqual({ overview: "Keep the overview to 5,000 characters or fewer." });
  });

  it("checks each list entry's fields with nested paths", () => {
    const values: ProfileFormValues = {
      ...base,
      portfolio: [{ ...emptyItems.portfolio, title: "Shop", url: "shop.example" }],
      employment: [{ ...emptyItems.employment, company: "Acme", title: "Dev", from: "2024-05-01", to: "2023-01-01" }],
      education: [{ ...emptyItems.education, school: "Uni", start_year: "2019", end_year: "2015" }],
      certifications: [{ ...emptyItems.certifications }],
      languages: [
        { language: "English", level: "fluent" },
        { language: " english ", level: "native" },
      ],
    };
    expect(issues(values)).toEqual({
      "portfolio.0.url": "Enter a web address starting with http:// or https://.",
      "employment.0.to": "The end date cannot be before the start date.",
      "education.0.end_year": "The end year cannot be before the start year.",
      "certifications.0.name": "Enter the certification name.",
      "languages.1.language": "This language is already listed.",
    });
  });

  it("limits the number of entries per list", () => {
    const languages = Array.from({ length: 11 }, (_, i) => ({ language: `Language ${i}`, level: "basic" as const }));
    expect(issues({ ...base, languages })).toEqual({ languages: "Add at most 10 languages." });
  });
});

describe("the profile request", () => {
  it("sends the whole profile with empty optional fields as null", () => {
    const data = profileFormSchema.parse({
      ...base,
      hourly_rate: " 45.50 ",
      portfolio: [{ title: " Shop ", description: "", url: "", completed_on: "2025-03-01" }],
      education: [{ school: "Uni", degree: "", field_of_study: "Maths", start_year: "2015", end_year: "" }],
      languages: [{ language: " English ", level: "native" }],
    });
    expect(toProfileRequest(data)).toEqual({
      title: "Full-stack developer",
      overview: "I build things.",
      hourly_rate: "45.50",
      availability: "as_needed",
      skill_ids: ["s1"],
      portfolio: [{ title: "Shop", description: "", url: null, completed_on: "2025-03-01" }],
      employment: [],
      education: [{ school: "Uni", degree: null, field_of_study: "Maths", start_year: 2015, end_year: null }],
      certifications: [],
      languages: [{ language: "English", level: "native" }],
    });
  });

  it("turns a loaded profile back into form values", () => {
    const values = profileToForm({
      ...profile,
      hourly_rate: "45.00",
      skills: [{ id: "s1", name: "React" }],
      education: [{ school: "Uni", start_year: 2015 }],
    });
    expect(values.hourly_rate).toBe("45.00");
    expect(values.skill_ids).toEqual([{ id: "s1", name: "React" }]);
    expect(values.education).toEqual([{ school: "Uni", degree: "", field_of_study: "", start_year: "2015", end_year: "" }]);
  });
});

describe("completeness hints and photo checks", () => {
  it("lists what an empty profile lacks, and nothing once it is filled in", () => {
    expect(missingParts(profile)).toContain("Add a profile photo");
    expect(missingParts(profile)).toContain("List the languages you speak");
    const full: FreelancerProfile = {
      ...profile,
      photo_url: "/photo",
      title: "Dev",
      overview: "Hello",
      hourly_rate: "40.00",
      skills: [{ id: "s1", name: "React" }],
      portfolio: [{ title: "Shop" }],
      employment: [{ company: "Acme", title: "Dev", from: "2020-01-01" }],
      education: [{ school: "Uni" }],
      languages: [{ language: "English", level: "fluent" }],
    };
    expect(missingParts(full)).toEqual([]);
  });

  it("accepts PNG, JPEG, WebP and GIF up to 5 MB", () => {
    expect(photoProblem({ type: "image/png", size: 1000 })).toBeNull();
    expect(photoProblem({ type: "image/webp", size: 5 * 1024 * 1024 })).toBeNull();
    expect(photoProblem({ type: "image/svg+xml", size: 1000 })).toBe("Choose a PNG, JPEG, WebP or GIF image.");
    expect(photoProblem({ type: "image/jpeg", size: 5 * 1024 * 1024 + 1 })).toMatch(/larger than 5 MB/);
  });
});
