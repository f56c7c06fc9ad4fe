// The "Find talent" search as it lives in the address bar (parameters named as
// GET /freelancers names them).
import type { TalentSearchQuery, TalentSort } from "../api/search";
import type { LanguageLevel } from "../api/types";
import { PAGE_SIZE, QUERY_MAX } from "./jobSearch";
import {
  isUuid,
  readAmount,
  readCountry,
  readCursor,
  readFlag,
  readInt,
  readList,
  readOne,
  readText,
  toQueryString,
} from "./urlState";

export const TALENT_SORTS: readonly TalentSort[] = ["relevance", "rating", "jss", "rate", "rate_desc"];
export const ENGLISH_LEVELS: readonly LanguageLevel[] = ["basic", "conversational", "fluent", "native"];
/** The "Job Success Score" choices, as minimum percentages. */
export const MIN_JSS_CHOICES: readonly number[] = [50, 70, 80, 90, 95];

export interface TalentFilters {
  q: string;
  skills: string[];
  min_rate: string | null;
  max_rate: string | null;
  min_jss: number | null;
  country: string | null;
  english_level: LanguageLevel | null;
  available_now: boolean;
  identity_verified: boolean;
  /** null: best match first (the server's default). */
  sort: TalentSort | null;
  cursor: string | null;
}

export const emptyTalentFilters: TalentFilters = {
  q: "",
  skills: [],
  min_rate: null,
  max_rate: null,
  min_jss: null,
  country: null,
  english_level: null,
  available_now: false,
  identity_verified: false,
  sort: null,
  cursor: null,
};

function normalSort(sort: TalentSort | null): TalentSort | null {
  return sort === "relevance" ? null : sort;
}

export function parseTalentFilters(params: URLSearchParams): TalentFilters {
  return {
    q: readText(params, "q", QUERY_MAX),
    skills: readList<string>(params, "skills", isUuid).map((id) => id.toLowerCase()),
    min_rate: readAmount(params, "min_rate"),
    max_rate: readAmount(params, "max_rate"),
    min_jss: readInt(params, "min_jss", 0, 100),
    country: readCountry(params, "country"),
    english_level: readOne(params, "english_level", ENGLISH_LEVELS),
    available_now: readFlag(params, "available_now"),
    identity_verified: readFlag(params, "identity_verified"),
    sort: normalSort(readOne(params, "sort", TALENT_SORTS)),
    cursor: readCursor(params),
  };
}

export function talentFiltersToQueryString(f: TalentFilters): string {
  return toQueryString([
    ["q", f.q.trim()],
    ["skills", f.skills],
    ["min_rate", f.min_rate],
    ["max_rate", f.max_rate],
    ["min_jss", f.min_jss],
    ["country", f.country],
    ["english_level", f.english_level],
    ["available_now", f.available_now],
    ["identity_verified", f.identity_verified],
    ["sort", normalSort(f.sort)],
    ["cursor", f.cursor],
  ]);
}

/** The filters after a change: anything but a page turn starts again from the first page. */
export function changeTalentFilters(current: TalentFilters, change: Partial<TalentFilters>): TalentFilters {
  const next: TalentFilters = { ...current, ...change, cursor: change.cursor ?? null };
  next.sort = normalSort(next.sort);
  return next;
}

export function clearTalentFilters(current: TalentFilters): TalentFilters {
  return { ...emptyTalentFilters, q: current.q };
}

export function countTalentFilters(f: TalentFilters): number {
  return [
    f.skills.length > 0,
    f.min_rate !== null || f.max_rate !== null,
    f.min_jss !== null,
    f.country !== null,
    f.english_level !== null,
    f.available_now,
    f.identity_verified,
  ].filter(Boolean).length;
}

/** The GET /freelancers query for these filters. */
export function talentSearchQuery(f: TalentFilters, limit = PAGE_SIZE): TalentSearchQuery {
  const q = f.q.trim();
  const query: TalentSearchQuery = { limit };
  if (q) query.q = q;
  if (f.skills.length > 0) query.skills = f.skills.join(",");
  if (f.min_rate) query.min_rate = f.min_rate;
  if (f.max_rate) query.max_rate = f.max_rate;
  if (f.min_jss !== null) query.min_jss = f.min_jss;
  if (f.country) query.country = f.country;
  if (f.english_level) query.english_level = f.english_level;
  if (f.available_now) query.available_now = true;
  if (f.identity_verified) query.identity_verified = true;
  const sort = normalSort(f.sort);
  if (sort) query.sort = sort;
  if (f.cursor) query.cursor = f.cursor;
  return query;
}
