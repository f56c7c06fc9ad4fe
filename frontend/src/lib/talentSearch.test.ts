import { describe, expect, it } from "vitest";
import {
  changeTalentFilters,
  countTalentFilters,
  emptyTalentFilters,
  parseTalentFilters,
  talentFiltersToQueryString,
  talentSearchQuery,
  type TalentFilters,
} from "./talentSearch";
import { readPagerState } from "./urlState";

const REACT = "9b1f2c3d-4e5f-5a6b-8c7d-0e1f2a3b4c5d";
const parse = (query: string) => parseTalentFilters(new URLSearchParams(query));

const full: TalentFilters = {
  q: "clinic booking",
  skills: [REACT],
  min_rate: "30",
  max_rate: "80.5",
  min_jss: 90,
  country: "PT",
  english_level: "fluent",
  available_now: true,
  identity_verified: true,
  sort: "rate_desc",
  cursor: "c2",
};

describe("talent search filters in the URL", () => {
  it("round-trips every filter", () => {
    const text = talentFiltersToQueryString(full);
    expect(text).toBe(
      `q=clinic%20booking&skills=${REACT}&min_rate=30&max_rate=80.5&min_jss=90&country=PT&english_level=fluent&available_now=true&identity_verified=true&sort=rate_desc&cursor=c2`,
    );
    expect(parse(text)).toEqual(full);
  });

  it("writes nothing for the empty state and reads nothing from junk", () => {
    expect(talentFiltersToQueryString(emptyTalentFilters)).toBe("");
    expect(talentFiltersToQueryString({ ...emptyTalentFilters, sort: "relevance" })).toBe("");
    expect(parse("min_jss=101&english_level=klingon&available_now=1&country=X&sort=cheap&min_rate=1e3")).toEqual(
      emptyTalentFilters,
    );
    expect(parse("min_jss=0").min_jss).toBe(0);
  });

  it("goes back to the first page on any change but a page turn", () => {
    expect(changeTalentFilters(full, { min_jss: 80 }).cursor).toBeNull();
    expect(changeTalentFilters(full, { skills: [] }).cursor).toBeNull();
    expect(changeTalentFilters(full, { cursor: "c3" })).toEqual({ ...full, cursor: "c3" });
  });

  it("sorts by Job Success and filters by a minimum score", () => {
    const f = parse("sort=jss&min_jss=90");
    expect(f.sort).toBe("jss");
    expect(f.min_jss).toBe(90);
    expect(talentSearchQuery(f)).toEqual({ sort: "jss", min_jss: 90, limit: 20 });
    expect(parse("sort=best").sort).toBeNull();
  });

  it("counts filters and builds the API query", () => {
    expect(countTalentFilters(full)).toBe(7);
    expect(countTalentFilters({ ...emptyTalentFilters, q: "x" })).toBe(0);
    expect(talentSearchQuery({ ...emptyTalentFilters, skills: [REACT, REACT.replace("9b", "8b")], available_now: true })).toEqual({
      skills: `${REACT},${REACT.replace("9b", "8b")}`,
      available_now: true,
      limit: 20,
    });
  });
});

describe("the pager's history state", () => {
  it("reads the earlier pages' cursors and rejects anything else", () => {
    expect(readPagerState({ previous: [null, "c2"] })).toEqual({ previous: [null, "c2"] });
    expect(readPagerState(null)).toBeNull();
    expect(readPagerState({ previous: "c2" })).toBeNull();
    expect(readPagerState({ previous: [1] })).toBeNull();
  });
});
