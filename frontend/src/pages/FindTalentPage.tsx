import { useCallback, useEffect } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { searchFreelancers } from "../api/search";
import { useAuthState } from "../auth/useAuth";
import { EmptyState } from "../components/feedback";
import { usePageTitle } from "../components/usePageTitle";
import { countryName } from "../lib/profiles";
import { useCountries } from "../lib/queries";
import { rememberSkills } from "../lib/skillNames";
import {
  changeTalentFilters,
  clearTalentFilters,
  countTalentFilters,
  parseTalentFilters,
  TALENT_SORTS,
  talentFiltersToQueryString,
  talentSearchQuery,
  type TalentFilters,
} from "../lib/talentSearch";
import { FilterPanel } from "./search/FilterPanel";
import { FreelancerCard } from "./search/FreelancerCard";
import { Pager } from "./search/Pager";
import { SearchError, SearchSkeleton } from "./search/ResultStates";
import { SearchBox } from "./search/SearchBox";
import { TalentFilterFields } from "./search/TalentFilterFields";
import { useResultsFocus } from "./search/useResultsFocus";
import { useUrlFilters, type FilterCodec } from "./search/useUrlFilters";
import "./jobs/jobs.css";
import "./profile/profile.css";
import "./search/search.css";

const codec: FilterCodec<TalentFilters> = {
  parse: parseTalentFilters,
  write: talentFiltersToQueryString,
  change: changeTalentFilters,
};

function freelancersText(n: number): string {
  return `${n.toLocaleString()} freelancer${n === 1 ? "" : "s"}`;
}

export default function FindTalentPage() {
  const auth = useAuthState();
  const countries = useCountries();
  const { filters, queryString, hrefFor, update, pager } = useUrlFilters(codec);
  usePageTitle(filters.q ? `Talent for “${filters.q}”` : "Find talent");

  const results = useQuery({
    queryKey: ["talent-search", queryString],
    queryFn: ({ signal }) => searchFreelancers(talentSearchQuery(filters), signal),
    placeholderData: keepPreviousData,
    enabled: auth.status !== "restoring",
  });

  useEffect(() => {
    if (results.data) rememberSkills(results.data.data.flatMap((f) => f.skills));
  }, [results.data]);

  const { headingRef, moveToResults, afterTurn } = useResultsFocus(!results.isPending && !results.isPlaceholderData);

  const onSearch = useCallback(
    (q: string, options: { replace: boolean }) => update({ q }, options),
    [update],
  );

  const active = countTalentFilters(filters);
  const clear = () => update(clearTalentFilters(filters));
  const nameOf = (code: string) => countryName(countries.data, code);
  const page = results.data;

  return (
    <div className="search-page">
      <header className="page-header">
        <h1>Find talent</h1>
        <p>Search freelancers by skill, rate, track record and location.</p>
      </header>
      <SearchBox
        value={filters.q}
        label="Search freelancers"
        placeholder="Search freelancers"
        onSearch={onSearch}
      />

      <div className="search-layout">
        <FilterPanel
          active={active}
          onClear={clear}
          showResultsLabel={page ? `Show ${freelancersText(page.total)}` : "Show results"}
          onShowResults={moveToResults}
        >
          <TalentFilterFields filters={filters} countries={countries.data} update={update} />
        </FilterPanel>

        <div className="search-results">
          <section aria-labelledby="results-title" aria-busy={results.isFetching}>
            <div className="search-results__bar">
              <div>
                <h2 id="results-title" ref={headingRef} tabIndex={-1}>
                  {filters.q ? `Results for “${filters.q}”` : "Freelancers"}
                </h2>
                <p className="search-count" aria-live="polite" aria-atomic="true">
                  {!page ? "" : results.isPlaceholderData ? "Searching…" : freelancersText(page.total)}
                </p>
              </div>
              <div className="search-sort">
                <label htmlFor="talent-sort">Sort by</label>
                <select
                  id="talent-sort"
                  className="select"
                  value={filters.sort ?? "relevance"}
                  onChange={(event) => update({ sort: TALENT_SORTS.find((s) => s === event.target.value) ?? null })}
                >
                  <option value="relevance">Best match</option>
                  <option value="rating">Highest rated</option>
                  <option value="jss">Job Success</option>
                  <option value="rate">Lowest rate</option>
                  <option value="rate_desc">Highest rate</option>
                </select>
              </div>
            </div>

            {results.isError ? (
              <SearchError error={results.error} onRetry={() => void results.refetch()} onClear={active > 0 ? clear : null} />
            ) : !page ? (
              <SearchSkeleton label="Searching freelancers…" />
            ) : page.data.length === 0 ? (
              <EmptyState title="No freelancers match your search">
                <p>Try other words, or fewer filters.</p>
                {active > 0 && (
                  <button type="button" className="button button--secondary" onClick={clear}>
                    Clear filters
                  </button>
                )}
              </EmptyState>
            ) : (
              <>
                <ul
                  className="search-list search-results__list"
                  aria-label="Freelancers found"
                  data-stale={results.isPlaceholderData}
                >
                  {page.data.map((f) => (
                    <FreelancerCard key={f.id} freelancer={f} countryName={nameOf} />
                  ))}
                </ul>
                <Pager
                  label="Pages of freelancers"
                  cursor={filters.cursor}
                  nextCursor={page.next_cursor ?? null}
                  pager={pager}
                  hrefFor={(cursor) => hrefFor({ cursor })}
                  onTurn={afterTurn}
                />
              </>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}
