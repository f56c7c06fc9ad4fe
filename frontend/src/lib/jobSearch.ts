// The "Find work" search as it lives in the address bar: every filter, the text and the
// sort are query parameters named as GET /jobs names them, so a search can be shared,
// reloaded and walked back through with the browser's Back button.
import type { JobSearchQuery, JobSort, ProposalsBucket } from "../api/search";
import type { ExperienceLevel, HoursPerWeekName, JobTypeName, ProjectLengthName } from "../api/types";
import {
  readAmount,
  readCountry,
  readCursor,
  readFlag,
  readInt,
  readList,
  readOne,
  readText,
  readUuid,
  isUuid,
  toQueryString,
} from "./urlState";

export const QUERY_MAX = 200;
export const PAGE_SIZE = 20;

export const JOB_TYPES: readonly JobTypeName[] = ["fixed", "hourly"];
export const EXPERIENCE_LEVELS: readonly ExperienceLevel[] = ["entry", "intermediate", "expert"];
export const PROJECT_LENGTHS: readonly ProjectLengthName[] = [
  "less_than_1_month",
  "1_to_3_months",
  "3_to_6_months",
  "more_than_6_months",
];
export const HOURS_PER_WEEK: readonly HoursPerWeekName[] = ["less_than_30", "30_plus"];
export const PROPOSALS_BUCKETS: readonly ProposalsBucket[] = ["0-4", "5-9", "10-14", "15+"];
export const JOB_SORTS: readonly JobSort[] = ["relevance", "newest", "budget"];
/** The "Posted within" choices, in days. */
export const POSTED_WITHIN: readonly number[] = [1, 3, 7, 14, 30];

export interface JobFilters {
  q: string;
  category_id: string | null;
  skills: string[];
  job_type: JobTypeName | null;
  min_budget: string | null;
  max_budget: string | null;
  min_rate: string | null;
  max_rate: string | null;
  experience_level: ExperienceLevel[];
  project_length: ProjectLengthName[];
  hours_per_week: HoursPerWeekName | null;
  proposals: ProposalsBucket[];
  /** Only clients with a verified payment method. */
  payment_verified: boolean;
  /** Only clients who have hired before. */
  client_has_hires: boolean;
  client_country: string | null;
  posted_within_days: number | null;
  /** null: the default for the text (see `defaultJobSort`). */
  sort: JobSort | null;
  cursor: string | null;
}

export const emptyJobFilters: JobFilters = {
  q: "",
  category_id: null,
  skills: [],
  job_type: null,
  min_budget: null,
  max_budget: null,
  min_rate: null,
  max_rate: null,
  experience_level: [],
  project_length: [],
  hours_per_week: null,
  proposals: [],
  payment_verified: false,
  client_has_hires: false,
  client_country: null,
  posted_within_days: null,
  sort: null,
  cursor: null,
};

/** What the server sorts by when no sort is asked for. */
export function defaultJobSort(q: string): JobSort {
  return q ? "relevance" : "newest";
}

/** null when `sort` is what the server would use anyway, or means nothing without text. */
function normalSort(sort: JobSort | null, q: string): JobSort | null {
  if (sort === null || sort === defaultJobSort(q)) return null;
  if (sort === "relevance" && !q) return null;
  return sort;
}

export function parseJobFilters(params: URLSearchParams): JobFilters {
  const q = readText(params, "q", QUERY_MAX);
  // A raw "+" in a query string reads as a space: "15 " is the "15+" bucket.
  const proposals = new URLSearchParams({ proposals: (params.get("proposals") ?? "").replace(/(\d) (?=,|$)/g, "$1+") });
  return {
    q,
    category_id: readUuid(params, "category_id"),
    skills: readList<string>(params, "skills", isUuid).map((id) => id.toLowerCase()),
    job_type: readOne(params, "job_type", JOB_TYPES),
    min_budget: readAmount(params, "min_budget"),
    max_budget: readAmount(params, "max_budget"),
    min_rate: readAmount(params, "min_rate"),
    max_rate: readAmount(params, "max_rate"),
    experience_level: readList(params, "experience_level", EXPERIENCE_LEVELS),
    project_length: readList(params, "project_length", PROJECT_LENGTHS),
    hours_per_week: readOne(params, "hours_per_week", HOURS_PER_WEEK),
    proposals: readList(proposals, "proposals", PROPOSALS_BUCKETS),
    payment_verified: readFlag(params, "payment_verified"),
    client_has_hires: readFlag(params, "client_has_hires"),
    client_country: readCountry(params, "client_country"),
    posted_within_days: readInt(params, "posted_within_days", 1, 365),
    sort: normalSort(readOne(params, "sort", JOB_SORTS), q),
    cursor: readCursor(params),
  };
}

/** The query string for the address bar (no "?"): only what is set, in a fixed order. */
export function jobFiltersToQueryString(filters: JobFilters): string {
  const f = filters;
  return toQueryString([
    ["q", f.q.trim()],
    ["category_id", f.category_id],
    ["skills", f.skills],
    ["job_type", f.job_type],
    ["min_budget", f.min_budget],
    ["max_budget", f.max_budget],
    ["min_rate", f.min_rate],
    ["max_rate", f.max_rate],
    ["experience_level", EXPERIENCE_LEVELS.filter((v) => f.experience_level.includes(v))],
    ["project_length", PROJECT_LENGTHS.filter((v) => f.project_length.includes(v))],
    ["hours_per_week", f.hours_per_week],
    ["proposals", PROPOSALS_BUCKETS.filter((v) => f.proposals.includes(v))],
    ["payment_verified", f.payment_verified],
    ["client_has_hires", f.client_has_hires],
    ["client_country", f.client_country],
    ["posted_within_days", f.posted_within_days],
    ["sort", normalSort(f.sort, f.q.trim())],
    ["cursor", f.cursor],
  ]);
}

/**
 * The filters after a change. Any change but a page turn starts again from the first
 * page; choosing a job type drops the pay range of the other type.
 */
export function changeJobFilters(current: JobFilters, change: Partial<JobFilters>): JobFilters {
  const next: JobFilters = { ...current, ...change, cursor: change.cursor ?? null };
  if (change.job_type === "hourly") {
    next.min_budget = null;
    next.max_budget = null;
  } else if (change.job_type === "fixed") {
    next.min_rate = null;
    next.max_rate = null;
  }
  next.sort = normalSort(next.sort, next.q.trim());
  return next;
}

/** The filters with the text kept and everything else cleared. */
export function clearJobFilters(current: JobFilters): JobFilters {
  return { ...emptyJobFilters, q: current.q };
}

/** How many filters are on (the text and the sort are not filters). */
export function countJobFilters(f: JobFilters): number {
  return [
    f.category_id !== null,
    f.skills.length > 0,
    f.job_type !== null,
    f.min_budget !== null || f.max_budget !== null,
    f.min_rate !== null || f.max_rate !== null,
    f.experience_level.length > 0,
    f.project_length.length > 0,
    f.hours_per_week !== null,
    f.proposals.length > 0,
    f.payment_verified,
    f.client_has_hires,
    f.client_country !== null,
    f.posted_within_days !== null,
  ].filter(Boolean).length;
}

/** The GET /jobs query for these filters. */
export function jobSearchQuery(f: JobFilters, limit = PAGE_SIZE): JobSearchQuery {
  const q = f.q.trim();
  const query: JobSearchQuery = { limit };
  if (q) query.q = q;
  if (f.category_id) query.category_id = f.category_id;
  if (f.skills.length > 0) query.skills = f.skills.join(",");
  if (f.job_type) query.job_type = f.job_type;
  if (f.min_budget) query.min_budget = f.min_budget;
  if (f.max_budget) query.max_budget = f.max_budget;
  if (f.min_rate) query.min_rate = f.min_rate;
  if (f.max_rate) query.max_rate = f.max_rate;
  if (f.experience_level.length > 0) query.experience_level = f.experience_level.join(",");
  if (f.project_length.length > 0) query.project_length = f.project_length.join(",");
  if (f.hours_per_week) query.hours_per_week = f.hours_per_week;
  if (f.proposals.length > 0) query.proposals = f.proposals.join(",");
  if (f.payment_verified) query.payment_verified = true;
  if (f.client_has_hires) query.client_has_hires = true;
  if (f.client_country) query.client_country = f.client_country;
  if (f.posted_within_days !== null) query.posted_within_days = f.posted_within_days;
  const sort = normalSort(f.sort, q);
  if (sort) query.sort = sort;
  if (f.cursor) query.cursor = f.cursor;
  return query;
}
