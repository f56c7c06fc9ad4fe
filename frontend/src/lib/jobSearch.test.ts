import { describe, expect, it } from "vitest";
import {
  changeJobFilters,
  clearJobFilters,
  countJobFilters,
  emptyJobFilters,
  jobFiltersToQueryString,
  jobSearchQuery,
  parseJobFilters,
  type JobFilters,
} from "./jobSearch";

const CATEGORY = "0193a0c4-8d1e-7b8a-9b53-2d0f4b1f6a10";
const REACT = "9b1f2c3d-4e5f-5a6b-8c7d-0e1f2a3b4c5d";
const RUST = "1b1f2c3d-4e5f-5a6b-8c7d-0e1f2a3b4c5e";

const parse = (query: string) => parseJobFilters(new URLSearchParams(query));

/** Every filter set, to a value that differs from the empty state. */
const full: JobFilters = {
  q: "booking page",
  category_id: CATEGORY,
  skills: [REACT, RUST],
  job_type: "fixed",
  min_budget: "500",
  max_budget: "2500.50",
  min_rate: "20",
  max_rate: "60",
  experience_level: ["intermediate", "expert"],
  project_length: ["less_than_1_month", "3_to_6_months"],
  hours_per_week: "30_plus",
  proposals: ["0-4", "15+"],
  payment_verified: true,
  client_has_hires: true,
  client_country: "US",
  posted_within_days: 7,
  sort: "budget",
  cursor: "eyJpZCI6IjEyMyJ9",
};

describe("job search filters in the URL", () => {
  it("round-trips every filter", () => {
    const text = jobFiltersToQueryString(full);
    expect(parse(text)).toEqual(full);
    // And the text is stable: writing what was read gives the same string.
    expect(jobFiltersToQueryString(parse(text))).toBe(text);
  });

  it("writes lists with readable commas and encodes what must be encoded", () => {
    const text = jobFiltersToQueryString(full);
    expect(text).toContain(`skills=${REACT},${RUST}`);
    expect(text).toContain("experience_level=intermediate,expert");
    expect(text).toContain("proposals=0-4,15%2B");
    expect(text).toContain("q=booking%20page");
    expect(text.startsWith("q=")).toBe(true);
    expect(text.endsWith("cursor=eyJpZCI6IjEyMyJ9")).toBe(true);
  });

  it("writes nothing for the empty state, and drops empty values", () => {
    expect(jobFiltersToQueryString(emptyJobFilters)).toBe("");
    expect(
      jobFiltersToQueryString({ ...emptyJobFilters, q: "   ", skills: [], min_budget: null, payment_verified: false }),
    ).toBe("");
    expect(jobFiltersToQueryString({ ...emptyJobFilters, job_type: "hourly", experience_level: [] })).toBe(
      "job_type=hourly",
    );
  });

  it("reads an empty or unrelated query as the empty state", () => {
    expect(parse("")).toEqual(emptyJobFilters);
    expect(parse("utm_source=mail&page=2")).toEqual(emptyJobFilters);
    expect(parse("q=&skills=&experience_level=&cursor=")).toEqual(emptyJobFilters);
  });

  it("ignores malformed and unknown values instead of failing", () => {
    const f = parse(
      [
        "category_id=not-a-uuid",
        `skills=${REACT},nope,${REACT}`,
        "job_type=weekly",
        "min_budget=-5",
        "max_budget=12.345",
        "min_rate=abc",
        "experience_level=expert,guru,entry",
        "hours_per_week=40",
        "proposals=99",
        "payment_verified=yes",
        "client_has_hires=false",
        "client_country=USA",
        "posted_within_days=0",
        "sort=random",
      ].join("&"),
    );
    expect(f).toEqual({ ...emptyJobFilters, skills: [REACT], experience_level: ["entry", "expert"] });
    expect(parse("posted_within_days=366").posted_within_days).toBeNull();
    expect(parse("posted_within_days=365").posted_within_days).toBe(365);
  });

  it("normalises what it can: order of list values, case, a raw plus sign, long text", () => {
    const f = parse(`experience_level=expert,entry&client_country=de&skills=${REACT.toUpperCase()}&proposals=15+,0-4`);
    expect(f.experience_level).toEqual(["entry", "expert"]);
    expect(f.client_country).toBe("DE");
    expect(f.skills).toEqual([REACT]);
    expect(f.proposals).toEqual(["0-4", "15+"]);
    expect(parse(`q=${"a".repeat(250)}`).q).toHaveLength(200);
    expect(parse("q=%20%20react%20").q).toBe("react");
  });

  it("leaves out the default sort: relevance with text, newest without", () => {
    expect(parse("q=react&sort=relevance").sort).toBeNull();
    expect(parse("sort=newest").sort).toBeNull();
    // Relevance means nothing without text.
    expect(parse("sort=relevance").sort).toBeNull();
    expect(parse("q=react&sort=newest").sort).toBe("newest");
    expect(jobFiltersToQueryString({ ...emptyJobFilters, q: "react", sort: "relevance" })).toBe("q=react");
    expect(jobFiltersToQueryString({ ...emptyJobFilters, sort: "newest" })).toBe("");
    expect(jobFiltersToQueryString({ ...emptyJobFilters, sort: "budget" })).toBe("sort=budget");
  });
});

describe("changing the filters", () => {
  const onPage3: JobFilters = { ...emptyJobFilters, q: "logo", job_type: "fixed", cursor: "page-3" };

  it("goes back to the first page when a filter, the text or the sort changes", () => {
    expect(changeJobFilters(onPage3, { experience_level: ["expert"] }).cursor).toBeNull();
    expect(changeJobFilters(onPage3, { q: "logo design" }).cursor).toBeNull();
    expect(changeJobFilters(onPage3, { sort: "newest" }).cursor).toBeNull();
    expect(jobFiltersToQueryString(changeJobFilters(onPage3, { payment_verified: true }))).toBe(
      "q=logo&job_type=fixed&payment_verified=true",
    );
  });

  it("keeps the filters when only the page changes", () => {
    const next = changeJobFilters(onPage3, { cursor: "page-4" });
    expect(next).toEqual({ ...onPage3, cursor: "page-4" });
  });

  it("drops the other type's pay range when the job type changes", () => {
    const both: JobFilters = { ...emptyJobFilters, min_budget: "100", max_budget: "900", min_rate: "20", max_rate: "50" };
    expect(changeJobFilters(both, { job_type: "hourly" })).toMatchObject({
      job_type: "hourly",
      min_budget: null,
      max_budget: null,
      min_rate: "20",
      max_rate: "50",
    });
    expect(changeJobFilters(both, { job_type: "fixed" })).toMatchObject({ min_budget: "100", min_rate: null, max_rate: null });
    expect(changeJobFilters(both, { job_type: null })).toMatchObject({ min_budget: "100", min_rate: "20" });
  });

  it("forgets a sort that becomes the default", () => {
    const byNewest = changeJobFilters({ ...emptyJobFilters, q: "logo" }, { sort: "newest" });
    expect(byNewest.sort).toBe("newest");
    expect(changeJobFilters(byNewest, { q: "" }).sort).toBeNull();
  });

  it("clears every filter but keeps the text", () => {
    expect(clearJobFilters(full)).toEqual({ ...emptyJobFilters, q: "booking page" });
  });

  it("counts the filters that are on", () => {
    expect(countJobFilters(emptyJobFilters)).toBe(0);
    expect(countJobFilters({ ...emptyJobFilters, q: "x", sort: "budget", cursor: "c" })).toBe(0);
    expect(countJobFilters(full)).toBe(13);
  });
});

describe("the GET /jobs query", () => {
  it("sends lists comma-separated and leaves out what is not set", () => {
    expect(jobSearchQuery(full)).toEqual({
      q: "booking page",
      category_id: CATEGORY,
      skills: `${REACT},${RUST}`,
      job_type: "fixed",
      min_budget: "500",
      max_budget: "2500.50",
      min_rate: "20",
      max_rate: "60",
      experience_level: "intermediate,expert",
      project_length: "less_than_1_month,3_to_6_months",
      hours_per_week: "30_plus",
      proposals: "0-4,15+",
      payment_verified: true,
      client_has_hires: true,
      client_country: "US",
      posted_within_days: 7,
      sort: "budget",
      cursor: "eyJpZCI6IjEyMyJ9",
      limit: 20,
    });
    expect(jobSearchQuery(emptyJobFilters)).toEqual({ limit: 20 });
  });
});
