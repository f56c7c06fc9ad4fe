import { Link } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { fetchSuggestedTalent } from "../../api/search";
import type { Job } from "../../api/types";
import { countryName, formatRate } from "../../lib/profiles";
import { useCountries } from "../../lib/queries";
import { rememberSkills } from "../../lib/skillNames";
import { emptyTalentFilters, talentFiltersToQueryString } from "../../lib/talentSearch";
import { Avatar } from "../profile/PhotoUpload";
import "../search/search.css";

const SHOWN = 5;

/** For the job's owner: freelancers whose skills and rate fit the job. */
export function SuggestedTalent({ job }: { job: Job }) {
  const countries = useCountries();
  const talent = useQuery({
    queryKey: ["suggested-talent", job.id, SHOWN],
    queryFn: ({ signal }) => fetchSuggestedTalent(job.id, SHOWN, signal),
  });
  const search = talentFiltersToQueryString({ ...emptyTalentFilters, skills: job.skills.map((s) => s.id) });
  return (
    <section className="card suggested-talent" aria-labelledby="suggested-talent-title" aria-busy={talent.isPending}>
      <h2 id="suggested-talent-title" className="job-detail__subhead">
        Suggested talent
      </h2>
      {talent.isPending ? (
        <p className="muted small suggested-talent__note" role="status">
          Finding freelancers who fit…
        </p>
      ) : talent.isError ? (
        <p className="muted small suggested-talent__note">
          Suggestions could not be loaded.{" "}
          <button type="button" className="link-button" onClick={() => void talent.refetch()}>
            Try again
          </button>
        </p>
      ) : talent.data.length === 0 ? (
        <p className="muted small suggested-talent__note">No freelancers fit this job’s skills yet.</p>
      ) : (
        <ul className="suggested-talent__list" aria-label="Suggested freelancers">
          {talent.data.map((f) => {
            const rate = formatRate(f.hourly_rate);
            return (
              <li key={f.id} className="suggested-talent__item">
                <Avatar src={f.photo_url} name={f.full_name} size="md" />
                <div className="suggested-talent__who">
                  <p className="suggested-talent__name">
                    <Link to={`/freelancers/${f.id}`}>{f.full_name}</Link>
                  </p>
                  {f.title && <p>{f.title}</p>}
                  <p className="muted">
                    {[rate, countryName(countries.data, f.country), f.jss != null ? `${f.jss}% Job Success` : null]
                      .filter(Boolean)
                      .join(" · ")}
                  </p>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <p className="small suggested-talent__note">
        <Link to={`/freelancers${search ? `?${search}` : ""}`} onClick={() => rememberSkills(job.skills)}>
          Search all freelancers with these skills
        </Link>
      </p>
    </section>
  );
}
