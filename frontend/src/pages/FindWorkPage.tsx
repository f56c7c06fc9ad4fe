import { useCallback, useEffect } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { searchJobs } from "../api/search";
import { useAuthState } from "../auth/useAuth";
import { EmptyState } from "../components/feedback";
import { usePageTitle } from "../components/usePageTitle";
import {
  changeJobFilters,
  clearJobFilters,
  countJobFilters,
  JOB_SORTS,
  jobFiltersToQueryString,
  jobSearchQuery,
  parseJobFilters,
  type JobFilters,
} from "../lib/jobSearch";
import { countryName } from "../lib/profiles";
import { useCategories, useCountries } from "../lib/queries";
import { rememberSkills } from "../lib/skillNames";
import { BestMatches } from "./search/BestMatches";
import { FilterPanel } from "./search/FilterPanel";
import { JobCard } from "./search/JobCard";
import { JobFilterFields } from "./search/JobFilterFields";
import { Pager } from "./search/Pager";
import { SearchError, SearchSkeleton } from "./search/ResultStates";
import { SearchBox } from "./search/SearchBox";
import { useResultsFocus } from "./search/useResultsFocus";
import { useUrlFilters, type FilterCodec } from "./search/useUrlFilters";
import "./jobs/jobs.css";
import "./profile/profile.css";
import "./search/search.css";

const codec: FilterCodec<JobFilters> = {
  parse: parseJobFilters,
  write: jobFiltersToQueryString,
  change: changeJobFilters,
};

function jobsText(n: number): string {
  return `${n.toLocaleString()} job${n === 1 ? "" : "s"}`;
}

export default function FindWorkPage() {
  const auth = useAuthState();
  const user = auth.status === "signed_in" ? auth.user : null;
  const countries = useCountries();
  const categories = useCategories();
  const { filters, queryString, hrefFor, update, pager } = useUrlFilters(codec);
  usePageTitle(filters.q ? `Jobs for “${filters.q}”` : "Find work");

  const results = useQuery({
    queryKey: ["job-search", queryString],
    queryFn: ({ signal }) => searchJobs(jobSearchQuery(filters), signal),
    placeholderData: keepPreviousData,
    // Invite-only and hidden jobs depend on who asks: wait for a stored session.
    enabled: auth.status !== "restoring",
  });

  useEffect(() => {
    if (results.data) rememberSkills(results.data.data.flatMap((job) => job.skills));
  }, [results.data]);

  const { headingRef, moveToResults, afterTurn } = useResultsFocus(!results.isPending && !results.isPlaceholderData);

  const onSearch = useCallback(
    (q: string, options: { replace: boolean }) => update({ q }, options),
    [update],
  );

  const active = countJobFilters(filters);
  const searching = filters.q !== "" || active > 0;
  const showBestMatches = user?.roles.includes("freelancer") === true && queryString === "";
  const clear = () => update(clearJobFilters(filters));
  const nameOf = (code: string) => countryName(countries.data, code);
  const page = results.data;
  const heading = showBestMatches ? "Most recent jobs" : filters.q ? `Results for “${filters.q}”` : "Jobs";

  return (
    <div className="search-page">
      <header className="page-header">
        <h1>Find work</h1>
        <p>Search open jobs by what they need, what they pay and who is hiring.</p>
      </header>
      <SearchBox value={filters.q} label="Search jobs" placeholder="Search jobs" onSearch={onSearch} />

      <div className="search-layout">
        <FilterPanel
          active={active}
          onClear={clear}
          showResultsLabel={page ? `Show ${jobsText(page.total)}` : "Show results"}
          onShowResults={moveToResults}
        >
          <JobFilterFields
            filters={filters}
            facets={page?.facets ?? null}
            categories={categories.data}
            countries={countries.data}
            update={update}
          />
        </FilterPanel>

        <div className="search-results">
          {showBestMatches && <BestMatches countryName={nameOf} timeZone={user.timezone} />}
          <section aria-labelledby="results-title" aria-busy={results.isFetching}>
            <div className="search-results__bar">
              <div>
                <h2 id="results-title" ref={headingRef} tabIndex={-1}>
                  {heading}
                </h2>
                <p className="search-count" aria-live="polite" aria-atomic="true">
                  {!page ? "" : results.isPlaceholderData ? "Searching…" : jobsText(page.total)}
                </p>
              </div>
              <div className="search-sort">
                <label htmlFor="job-sort">Sort by</label>
                <select
                  id="job-sort"
                  className="select"
                  value={filters.sort ?? (filters.q ? "relevance" : "newest")}
                  onChange={(event) => update({ sort: JOB_SORTS.find((s) => s === event.target.value) ?? null })}
                >
                  {filters.q && <option value="relevance">Best match</option>}
                  <option value="newest">Newest</option>
                  <option value="budget">Highest budget</option>
                </select>
              </div>
            </div>

            {results.isError ? (
              <SearchError error={results.error} onRetry={() => void results.refetch()} onClear={active > 0 ? clear : null} />
            ) : !page ? (
              <SearchSkeleton label="Searching jobs…" />
            ) : page.data.length === 0 ? (
              searching ? (
                <EmptyState title="No jobs match your search">
                  <p>Try other words, or fewer filters.</p>
                  {active > 0 && (
                    <button type="button" className="button button--secondary" onClick={clear}>
                      Clear filters
                    </button>
                  )}
                </EmptyState>
              ) : (
                <EmptyState title="No open jobs right now">
                  <p>New jobs appear here as soon as clients post them.</p>
                </EmptyState>
              )
            ) : (
              <>
                <ul
                  className="search-list search-results__list"
                  aria-label="Jobs found"
                  data-stale={results.isPlaceholderData}
                >
                  {page.data.map((job) => (
                    <JobCard key={job.id} job={job} countryName={nameOf} timeZone={user?.timezone} />
                  ))}
                </ul>
                <Pager
                  label="Pages of jobs"
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
