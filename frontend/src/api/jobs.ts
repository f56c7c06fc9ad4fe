// Job calls through the typed client.
import { api, call } from ".";
import type { operations } from "./schema";
import type { Category, CreateJobRequest, Job, JobPage, JobStatusName, Skill, UpdateJobRequest } from "./types";

export async function fetchCategories(): Promise<Category[]> {
  return call(api.GET("/api/v1/categories"));
}

export async function searchSkills(q: string, limit = 8, signal?: AbortSignal): Promise<Skill[]> {
  const page = await call(api.GET("/api/v1/skills", { params: { query: { q, limit } }, signal }));
  return page.data;
}

export async function fetchJob(id: string): Promise<Job> {
  return call(api.GET("/api/v1/jobs/{id}", { params: { path: { id } } }));
}

export async function createJob(body: CreateJobRequest & { draft: boolean }): Promise<Job> {
  return call(api.POST("/api/v1/jobs", { body }));
}

export async function updateJob(id: string, body: UpdateJobRequest): Promise<Job> {
  return call(api.PATCH("/api/v1/jobs/{id}", { params: { path: { id } }, body }));
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
  return call(pending);
}

export async function fetchMyJobs(status: JobStatusName | null, cursor: string | null, limit = 20): Promise<JobPage> {
  return call(
    api.GET("/api/v1/me/jobs", {
      params: { query: { limit, ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) } },
    }),
  );
}

/** The query of GET /jobs/connects-cost: a job's pay terms. */
export type PayTerms = operations["connects_cost"]["parameters"]["query"];

/** GET /jobs/connects-cost: what a proposal to a job with these terms would cost. */
export async function fetchConnectsCost(terms: PayTerms, signal?: AbortSignal): Promise<number> {
  const cost = await call(api.GET("/api/v1/jobs/connects-cost", { params: { query: terms }, signal }));
  return cost.connects_cost;
}
