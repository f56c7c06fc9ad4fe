import { Link } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { fetchRecommendedJobs } from "../../api/search";
import { JobCard } from "./JobCard";

const SHOWN = 5;

/** "Best matches for you": jobs that fit the signed-in freelancer's skills and rate. */
export function BestMatches({ countryName, timeZone }: { countryName: (code: string) => string; timeZone: string | undefined }) {
  const matches = useQuery({
    queryKey: ["recommended-jobs", SHOWN],
    queryFn: ({ signal }) => fetchRecommendedJobs(SHOWN, signal),
  });
  return (
    <section className="best-matches" aria-labelledby="best-matches-title" aria-busy={matches.isPending}>
      <div className="best-matches__head">
        <h2 id="best-matches-title">Best matches for you</h2>
        <p>Open jobs that fit your skills and rate.</p>
      </div>
      {matches.isPending ? (
        <p className="muted small" role="status">
          Finding your best matches…
        </p>
      ) : matches.isError ? (
        <p className="muted small">
          Your best matches could not be loaded.{" "}
          <button type="button" className="link-button" onClick={() => void matches.refetch()}>
            Try again
          </button>
        </p>
      ) : matches.data.length === 0 ? (
        <p className="muted small">
          No matches yet. <Link to="/me/profile">Add skills and a rate to your profile</Link> and jobs that fit will show
          here.
        </p>
      ) : (
        <ul className="search-list" aria-label="Best matches">
          {matches.data.map((job) => (
            <JobCard key={job.id} job={job} countryName={countryName} timeZone={timeZone} />
          ))}
        </ul>
      )}
    </section>
  );
}
