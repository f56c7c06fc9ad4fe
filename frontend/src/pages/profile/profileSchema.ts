import { z } from "zod";
import type { Availability, FreelancerProfile, FreelancerProfileRequest, LanguageLevel } from "../../api/types";
import { amountToCents, charCount } from "../jobs/jobSchema";

// The rules of PUT /me/freelancer-profile, checked before the request. The server checks
// them again; its field errors (`portfolio.0.url`) land on the same fields.
export const TITLE_MAX = 100;
export const OVERVIEW_MAX = 5_000;
export const RATE_MIN_CENTS = 300;
export const SKILLS_MIN = 1;
export const SKILLS_MAX = 15;
export const LIST_MAX = { portfolio: 20, employment: 20, education: 10, certifications: 20, languages: 10 } as const;
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export const PHOTO_TYPES = ["image/png", "image/jpeg", "image/webp", "image/gif"] as const;

export const availabilityLabels: Record<Availability, string> = {
  less_than_30: "Less than 30 hrs/week",
  "30_plus": "More than 30 hrs/week",
  as_needed: "As needed, open to offers",
  not_available: "Not available for new work",
};

export const languageLevelLabels: Record<LanguageLevel, string> = {
  basic: "Basic",
  conversational: "Conversational",
  fluent: "Fluent",
  native: "Native or bilingual",
};

const maxChars = (max: number, what: string) =>
  z
    .string()
    .trim()
    .refine((s) => charCount(s) <= max, { error: `Keep the ${what} to ${max.toLocaleString("en-US")} characters or fewer.` });

const required = (max: number, what: string) =>
  maxChars(max, what).refine((s) => s.length > 0, { error: `Enter the ${what}.` });

const URL_RE = /^https?:\/\/[^\s/$.?#][^\s]*$/i;
const optionalUrl = z
  .string()
  .trim()
  .refine((s) => s === "" || URL_RE.test(s), { error: "Enter a web address starting with http:// or https://." });
const optionalDate = z
  .string()
  .trim()
  .refine((s) => s === "" || /^\d{4}-\d{2}-\d{2}$/.test(s), { error: "Enter a date." });
const optionalYear = z
  .string()
  .trim()
  .refine((s) => s === "" || (/^\d{4}$/.test(s) && Number(s) >= 1900 && Number(s) <= 2100), {
    error: "Enter a year, like 2019.",
  });

const portfolioItem = z.object({
  title: required(100, "project title"),
  description: maxChars(2_000, "description"),
  url: optionalUrl,
  completed_on: optionalDate,
});

const employmentItem = z
  .object({
    company: required(100, "company"),
    title: required(100, "job title"),
    from: z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Enter the start date." }),
    to: optionalDate,
    description: maxChars(2_000, "description"),
  })
  .refine((e) => e.to === "" || e.from === "" || e.to >= e.from, {
    path: ["to"],
    error: "The end date cannot be before the start date.",
  });

const educationItem = z
  .object({
    school: required(100, "school"),
    degree: maxChars(100, "degree"),
    field_of_study: maxChars(100, "field of study"),
    start_year: optionalYear,
    end_year: optionalYear,
  })
  .refine((e) => e.start_year === "" || e.end_year === "" || Number(e.end_year) >= Number(e.start_year), {
    path: ["end_year"],
    error: "The end year cannot be before the start year.",
  });

const certificationItem = z.object({
  name: required(100, "certification name"),
  issuer: maxChars(100, "issuer"),
  issued_on: optionalDate,
  url: optionalUrl,
});

const languageItem = z.object({
  language: required(50, "language"),
  level: z.enum(["basic", "conversational", "fluent", "native"], { error: "Choose a level." }),
});

const listOf = <T extends z.ZodType>(item: T, max: number, what: string) =>
  z.array(item).max(max, { error: `Add at most ${max} ${what}.` });

export const profileFormSchema = z
  .object({
    title: maxChars(TITLE_MAX, "title"),
    overview: maxChars(OVERVIEW_MAX, "overview"),
    hourly_rate: z.string().trim(),
    availability: z.enum(["less_than_30", "30_plus", "as_needed", "not_available"], { error: "Choose your availability." }),
    skill_ids: z
      .array(z.object({ id: z.string(), name: z.string() }))
      .min(SKILLS_MIN, { error: "Add at least one skill." })
      .max(SKILLS_MAX, { error: `Add at most ${SKILLS_MAX} skills.` }),
    portfolio: listOf(portfolioItem, LIST_MAX.portfolio, "portfolio items"),
    employment: listOf(employmentItem, LIST_MAX.employment, "positions"),
    education: listOf(educationItem, LIST_MAX.education, "schools"),
    certifications: listOf(certificationItem, LIST_MAX.certifications, "certifications"),
    languages: listOf(languageItem, LIST_MAX.languages, "languages"),
  })
  .superRefine((v, ctx) => {
    if (v.hourly_rate === "") return;
    const cents = amountToCents(v.hourly_rate);
    if (cents === null) {
      ctx.addIssue({ code: "custom", path: ["hourly_rate"], message: "Enter an amount in US dollars, like 45 or 45.00." });
    } else if (cents < RATE_MIN_CENTS) {
      ctx.addIssue({ code: "custom", path: ["hourly_rate"], message: "The hourly rate must be at least $3.00." });
    }
    const seen = new Set<string>();
    v.languages.forEach((l, i) => {
      const key = l.language.trim().toLowerCase();
      if (key && seen.has(key)) {
        ctx.addIssue({ code: "custom", path: ["languages", i, "language"], message: "This language is already listed." });
      }
      seen.add(key);
    });
  });

export type ProfileFormValues = z.input<typeof profileFormSchema>;
export type ProfileFormData = z.output<typeof profileFormSchema>;
export type ListName = keyof typeof LIST_MAX;

export const profileFormFields = [
  "title",
  "overview",
  "hourly_rate",
  "availability",
  "skill_ids",
  "portfolio",
  "employment",
  "education",
  "certifications",
  "languages",
] as const;

export const emptyItems = {
  portfolio: { title: "", description: "", url: "", completed_on: "" },
  employment: { company: "", title: "", from: "", to: "", description: "" },
  education: { school: "", degree: "", field_of_study: "", start_year: "", end_year: "" },
  certifications: { name: "", issuer: "", issued_on: "", url: "" },
  languages: { language: "", level: "fluent" as LanguageLevel },
};

const text = (value: string | null | undefined) => value ?? "";
const year = (value: number | null | undefined) => (value == null ? "" : String(value));

export function profileToForm(p: FreelancerProfile): ProfileFormValues {
  return {
    title: p.title,
    overview: p.overview,
    hourly_rate: text(p.hourly_rate),
    availability: p.availability,
    skill_ids: p.skills.map((s) => ({ id: s.id, name: s.name })),
    portfolio: p.portfolio.map((i) => ({
      title: i.title,
      description: text(i.description),
      url: text(i.url),
      completed_on: text(i.completed_on),
    })),
    employment: p.employment.map((e) => ({
      company: e.company,
      title: e.title,
      from: e.from,
      to: text(e.to),
      description: text(e.description),
    })),
    education: p.education.map((e) => ({
      school: e.school,
      degree: text(e.degree),
      field_of_study: text(e.field_of_study),
      start_year: year(e.start_year),
      end_year: year(e.end_year),
    })),
    certifications: p.certifications.map((c) => ({
      name: c.name,
      issuer: text(c.issuer),
      issued_on: text(c.issued_on),
      url: text(c.url),
    })),
    languages: p.languages.map((l) => ({ language: l.language, level: l.level })),
  };
}

const orNull = (s: string) => (s === "" ? null : s);
const yearOrNull = (s: string) => (s === "" ? null : Number(s));

/** The PUT body for valid form data (the whole profile: PUT replaces it). */
export function toProfileRequest(d: ProfileFormData): FreelancerProfileRequest {
  return {
    title: d.title,
    overview: d.overview,
    hourly_rate: orNull(d.hourly_rate),
    availability: d.availability,
    skill_ids: d.skill_ids.map((s) => s.id),
    portfolio: d.portfolio.map((i) => ({
      title: i.title,
      description: i.description,
      url: orNull(i.url),
      completed_on: orNull(i.completed_on),
    })),
    employment: d.employment.map((e) => ({
      company: e.company,
      title: e.title,
      from: e.from,
      to: orNull(e.to),
      description: e.description,
    })),
    education: d.education.map((e) => ({
      school: e.school,
      degree: orNull(e.degree),
      field_of_study: orNull(e.field_of_study),
      start_year: yearOrNull(e.start_year),
      end_year: yearOrNull(e.end_year),
    })),
    certifications: d.certifications.map((c) => ({
      name: c.name,
      issuer: orNull(c.issuer),
      issued_on: orNull(c.issued_on),
      url: orNull(c.url),
    })),
    languages: d.languages.map((l) => ({ language: l.language.trim(), level: l.level })),
  };
}

/** What the saved profile still lacks, as short hints for the completeness meter. */
export function missingParts(p: FreelancerProfile): string[] {
  const missing: string[] = [];
  if (!p.photo_url) missing.push("Add a profile photo");
  if (!p.title.trim()) missing.push("Write a professional title");
  if (!p.overview.trim()) missing.push("Write an overview of your work");
  if (!p.hourly_rate) missing.push("Set your hourly rate");
  if (p.skills.length === 0) missing.push("Choose your skills");
  if (p.portfolio.length === 0) missing.push("Show a piece of work in your portfolio");
  if (p.employment.length === 0) missing.push("Add your employment history");
  if (p.education.length === 0) missing.push("Add your education");
  if (p.languages.length === 0) missing.push("List the languages you speak");
  return missing;
}

/** Client-side photo check, before the upload (the server checks again). */
export function photoProblem(file: { type: string; size: number }): string | null {
  if (!(PHOTO_TYPES as readonly string[]).includes(file.type)) return "Choose a PNG, JPEG, WebP or GIF image.";
  if (file.size > PHOTO_MAX_BYTES) return "The photo is larger than 5 MB. Choose a smaller image.";
  if (file.size === 0) return "The file is empty.";
  return null;
}
