// Friendly aliases for the generated OpenAPI schema (src/api/schema.d.ts).
// Only names live here; every shape comes from the generated file.
import type { components } from "./schema";

type Schemas = components["schemas"];

export type User = Schemas["User"];
export type Role = User["roles"][number];
export type SignupRequest = Schemas["SignupRequest"];
export type LoginRequest = Schemas["LoginRequest"];
export type TokenResponse = Schemas["TokenResponse"];
export type Country = Schemas["Country"];
export type DevMail = Schemas["DevMail"];
export type Problem = Schemas["Problem"];
export type FieldError = NonNullable<Problem["errors"]>[number];

// Jobs. The generated enums for these fields name the Rust variants ("Draft", "Fixed",
// "LessThan1Month") while the API sends and accepts the snake_case wire values listed in
// API.md ("draft", "fixed", "less_than_1_month"). Until the document says so too, the
// wire values are spelled out here and replace the generated ones.
export type JobType = "fixed" | "hourly";
export type ExperienceLevel = "entry" | "intermediate" | "expert";
export type ProjectLength = "less_than_1_month" | "1_to_3_months" | "3_to_6_months" | "more_than_6_months";
export type HoursPerWeek = "less_than_30" | "30_plus";
export type Visibility = "public" | "invite_only";
export type JobStatus = "draft" | "open" | "filled" | "closed" | "cancelled" | "expired" | "removed";

interface JobWireEnums {
  job_type: JobType;
  experience_level: ExperienceLevel;
  project_length: ProjectLength;
  hours_per_week: HoursPerWeek;
  visibility: Visibility;
}
type WithWireEnums<T> = Omit<T, keyof JobWireEnums | "status"> & JobWireEnums;

export type Job = WithWireEnums<Schemas["Job"]> & { status: JobStatus };
export type JobPage = Omit<Schemas["JobPage"], "data"> & { data: Job[] };
export type CreateJobRequest = WithWireEnums<Schemas["CreateJobRequest"]>;
export type UpdateJobRequest = Partial<Omit<Schemas["UpdateJobRequest"], keyof JobWireEnums>> & Partial<JobWireEnums>;
export type Category = Schemas["Category"];
export type Skill = Schemas["Skill"];
export type SkillRef = Schemas["SkillRef"];
