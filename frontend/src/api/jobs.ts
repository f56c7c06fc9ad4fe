// Job calls, typed with the wire enums from ./types (see the note there). Every cast in this
// file exists only because the generated enums spell the variants differently.
import { api, call } from ".";
import { NetworkError, toApiError } from "./problem";
import type {
  Category,
  CreateJobRequest,
  HoursPerWeek,
  Job,
  JobPage,
  JobStatus,
  JobType,
  ProjectLength,
  Skill,
  UpdateJobRequest,
} from "./types";

export async function fetchCategories(): Promise<Category[]> {
  return call(api.GET("/api/v1/categories"));
}

export async function searchSkills(q: string, limit = 8, signal?: AbortSignal): Promise<Skill[]> {
  const page = await call(api.GET("/api/v1/skills", { params: { query: { q, limit } }, signal }));
  return page.data;
}

export async function fetchJob(id: string): Promise<Job> {
  return (await call(api.GET("/api/v1/jobs/{id}", { params: { path: { id } } }))) as unknown as Job;
}

export async function createJob(body: CreateJobRequest & { draft: boolean }): Promise<Job> {
  return (await call(api.POST("/api/v1/jobs", { body: body as never }))) as unknown as Job;
}

export async function updateJob(id: string, body: UpdateJobRequest): Promise<Job> {
  return (await call(api.PATCH("/api/v1/jobs/{id}", { params: { path: { id } }, body: body as never }))) as unknown as Job;
}

export type JobAction = "publish" | "close" | "cancel";

export async function runJobAction(id: string, action: JobAction): Promise<Job> {
  const options = { params: { path: { id } } };
  const pending =
    action === "publish"
      ? api.POST("/api/v1/jobs/{id}/publish", options)
      : action === "close"
        ? api.POST("/api/v1/jobs/{id}/close", options)
        : api.POST("/api/v1/jobs/{id}/cancel", options);
  return (await call(pending)) as unknown as Job;
}

export async function fetchMyJobs(status: JobStatus | null, cursor: string | null, limit = 20): Promise<JobPage> {
  const query: Record<string, string | number> = { limit };
  if (status) query.status = status;
  if (cursor) query.cursor = cursor;
  return (await call(api.GET("/api/v1/me/jobs", { params: { query: query as never } }))) as unknown as JobPage;
}

export interface PayTerms {
  job_type: JobType;
  budget?: string | undefined;
  hourly_min?: string | undefined;
  hourly_max?: string | undefined;
  project_length: ProjectLength;
  hours_per_week: HoursPerWeek;
}

/**
 * GET /jobs/connects-cost: what a proposal to a job with these terms would cost. Not in
 * the OpenAPI document yet, so it is called with fetch (it is public: no token needed).
 */
export async function fetchConnectsCost(terms: PayTerms, signal?: AbortSignal): Promise<number> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(terms)) {
    if (typeof value === "string" && value !== "") params.set(key, value);
  }
  let response: Response;
  try {
    response = await fetch(`/api/v1/jobs/connects-cost?${params.toString()}`, {
      headers: { Accept: "application/json" },
      signal: signal ?? null,
    });
  } catch (cause) {
    throw new NetworkError(cause);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw toApiError(response, body);
  const cost = (body as { connects_cost?: unknown } | null)?.connects_cost;
  if (typeof cost !== "number") throw new Error("The Connects cost answer had no connects_cost.");
  return cost;
}
