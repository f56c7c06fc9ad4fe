// Search and recommendation calls: GET /jobs, GET /freelancers, GET /me/recommended-jobs,
// GET /jobs/{id}/suggested-talent.
//
// TODO: switch to schema.d.ts types once generated. openapi/openapi.json describes these
// endpoints since 832230d, but `npm run gen:api` cannot read it yet (dangling $refs to
// JobSortName, TalentSortName and EnglishLevel) and it has lost POST /jobs (which
// createJob needs). Until then their shapes are written here by hand from the agreed
// contract, in the same `paths` layout openapi-typescript emits. Fields the server may leave out are
// optional here too (as the generated types will have them), so callers already cope. To switch: run `npm run gen:api`,
// delete `SearchPaths` and `searchApi` (use `api` from "."), and turn the interfaces below
// into aliases of `components["schemas"][...]` in types.ts. The callers keep working.
import { call, session } from ".";
import { createApi } from "./client";
import type {
  Availability,
  ExperienceLevel,
  HoursPerWeekName,
  JobTypeName,
  LanguageLevel,
  Problem,
  ProjectLengthName,
  SkillRef,
} from "./types";

/** The proposals a job has received, as a bucket (the wire type is a plain string). */
export type ProposalsBucket = "0-4" | "5-9" | "10-14" | "15+";
export type JobSort = "relevance" | "newest" | "budget";
export type TalentSort = "relevance" | "rating" | "jss" | "rate" | "rate_desc";

/** GET /jobs query. Lists are comma-separated; amounts are decimal strings. */
export interface JobSearchQuery {
  q?: string;
  category_id?: string;
  /** Skill ids, comma-separated: jobs with any of them. */
  skills?: string;
  job_type?: JobTypeName;
  min_budget?: string;
  max_budget?: string;
  min_rate?: string;
  max_rate?: string;
  /** Comma-separated ExperienceLevel values. */
  experience_level?: string;
  /** Comma-separated ProjectLengthName values. */
  project_length?: string;
  hours_per_week?: HoursPerWeekName;
  /** Comma-separated ProposalsBucket values. */
  proposals?: string;
  payment_verified?: boolean;
  client_has_hires?: boolean;
  /** ISO 3166-1 alpha-2. */
  client_country?: string;
  /** 1–365. */
  posted_within_days?: number;
  /** Default: relevance when `q` is given, else newest. */
  sort?: JobSort;
  cursor?: string;
  /** 1–100, default 20. */
  limit?: number;
}

export interface JobSummary {
  id: string;
  title: string;
  /** The start of the description (about 300 characters). */
  snippet: string;
  category: { id: string; name: string };
  skills: SkillRef[];
  job_type: JobTypeName;
  budget?: string | null;
  hourly_min?: string | null;
  hourly_max?: string | null;
  experience_level: ExperienceLevel;
  project_length: ProjectLengthName;
  hours_per_week: HoursPerWeekName;
  connects_cost: number;
  /** A ProposalsBucket label. */
  proposals: string;
  /** RFC 3339. */
  published_at?: string | null;
  client: { id: string; country: string; payment_verified: boolean; has_hires: boolean };
}

export interface FacetCount<V extends string> {
  value: V;
  count: number;
}

export interface JobFacets {
  category: (FacetCount<string> & { name: string })[];
  job_type: FacetCount<JobTypeName>[];
  experience_level: FacetCount<ExperienceLevel>[];
}

export interface JobSearchPage {
  data: JobSummary[];
  next_cursor?: string | null;
  total: number;
  facets: JobFacets;
}

/** GET /freelancers query. */
export interface TalentSearchQuery {
  q?: string;
  /** Skill ids, comma-separated. */
  skills?: string;
  min_rate?: string;
  max_rate?: string;
  /** 0–100. */
  min_jss?: number;
  /** ISO 3166-1 alpha-2. */
  country?: string;
  /** At least this level. */
  english_level?: LanguageLevel;
  available_now?: boolean;
  identity_verified?: boolean;
  sort?: TalentSort;
  cursor?: string;
  limit?: number;
}

export interface FreelancerSummary {
  id: string;
  full_name: string;
  title: string;
  /** The start of the overview. */
  snippet: string;
  hourly_rate?: string | null;
  country: string;
  skills: SkillRef[];
  photo_url?: string | null;
  availability: Availability;
  identity_verified: boolean;
  jss?: number | null;
  rating?: string | null;
  /** A band: none_yet, under_1k, 1k_plus, 10k_plus, 100k_plus, 1m_plus. */
  total_earned: string;
  /** rising_talent, top_rated. */
  badges?: string[];
}

export interface TalentSearchPage {
  data: FreelancerSummary[];
  next_cursor?: string | null;
  total: number;
}

interface Json<T> {
  headers: Record<string, unknown>;
  content: { "application/json": T };
}
interface ProblemResponse {
  headers: Record<string, unknown>;
  content: { "application/problem+json": Problem };
}
interface ErrorResponses {
  400: ProblemResponse;
  401: ProblemResponse;
  403: ProblemResponse;
  404: ProblemResponse;
  429: ProblemResponse;
  500: ProblemResponse;
  503: ProblemResponse;
}
interface GetOperation<Query, Body, Path = never> {
  parameters: { query?: Query; header?: never; cookie?: never } & ([Path] extends [never] ? { path?: never } : { path: Path });
  requestBody?: never;
  responses: { 200: Json<Body> } & ErrorResponses;
}
interface GetOnly<Operation> {
  parameters: { query?: never; header?: never; path?: never; cookie?: never };
  get: Operation;
  put?: never;
  post?: never;
  delete?: never;
  options?: never;
  head?: never;
  patch?: never;
  trace?: never;
}

/** The four endpoints, as openapi-typescript would describe them. */
interface SearchPaths {
  "/api/v1/jobs": GetOnly<GetOperation<JobSearchQuery, JobSearchPage>>;
  "/api/v1/freelancers": GetOnly<GetOperation<TalentSearchQuery, TalentSearchPage>>;
  "/api/v1/me/recommended-jobs": GetOnly<GetOperation<{ limit?: number }, { data: JobSummary[] }>>;
  "/api/v1/jobs/{id}/suggested-talent": GetOnly<GetOperation<{ limit?: number }, { data: FreelancerSummary[] }, { id: string }>>;
}

/** The shared session's client (Bearer header, silent refresh), typed for these paths. */
const searchApi = createApi<SearchPaths>(session);

export async function searchJobs(query: JobSearchQuery, signal?: AbortSignal): Promise<JobSearchPage> {
  return call(searchApi.GET("/api/v1/jobs", { params: { query }, signal }));
}

export async function searchFreelancers(query: TalentSearchQuery, signal?: AbortSignal): Promise<TalentSearchPage> {
  return call(searchApi.GET("/api/v1/freelancers", { params: { query }, signal }));
}

/** Best matches for the signed-in freelancer. */
export async function fetchRecommendedJobs(limit = 5, signal?: AbortSignal): Promise<JobSummary[]> {
  const page = await call(searchApi.GET("/api/v1/me/recommended-jobs", { params: { query: { limit } }, signal }));
  return page.data;
}

/** Freelancers who fit a job (its owner only). */
export async function fetchSuggestedTalent(jobId: string, limit = 5, signal?: AbortSignal): Promise<FreelancerSummary[]> {
  const page = await call(
    searchApi.GET("/api/v1/jobs/{id}/suggested-talent", { params: { path: { id: jobId }, query: { limit } }, signal }),
  );
  return page.data;
}
