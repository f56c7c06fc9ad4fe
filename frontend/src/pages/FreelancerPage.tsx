import type { ReactNode } from "react";
import { Link, useParams } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { ApiError, errorMessage } from "../api/problem";
import { fetchFreelancer } from "../api/profiles";
import type { FreelancerProfile } from "../api/types";
import { useCurrentUser } from "../auth/useAuth";
import { Alert, EmptyState, Loading } from "../components/feedback";
import { usePageTitle } from "../components/usePageTitle";
import { countryName, earnedBandLabel, formatRate, localTime, monthYear } from "../lib/profiles";
import { useCountries } from "../lib/queries";
import { PlainText } from "../components/PlainText";
import { Stars } from "../components/Stars";
import { jssText, ratingSummary } from "../lib/feedback";
import { Badges, JssExplanation } from "./profile/Badges";
import { Reviews } from "./profile/Reviews";
import { None } from "./profile/ClientCard";
import { Avatar } from "./profile/PhotoUpload";
import { availabilityLabels, languageLevelLabels } from "./profile/profileSchema";
import { InviteToJob } from "./hiring/InviteToJob";
import { ReportButton } from "../components/ReportButton";
import "./jobs/jobs.css";
import "./profile/profile.css";
import "./hiring/hiring.css";

function Block({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="card profile-block">
      <h2>{title}</h2>
      {children}
    </section>
  );
}

function yearRange(start: number | null | undefined, end: number | null | undefined): string | null {
  if (start && end) return `${start}–${end}`;
  if (start) return `${start}–`;
  if (end) return String(end);
  return null;
}

function Reputation({ profile }: { profile: FreelancerProfile }) {
  const r = profile.reputation;
  const band = earnedBandLabel(r.total_earned_band);
  const rating = ratingSummary(r.rating, r.reviews);
  return (
    <section className="card profile-block reputation" aria-labelledby="reputation-title" data-testid="reputation">
      <h2 id="reputation-title">Reputation</h2>
      <dl className="job-terms">
        <div>
          <dt>Job Success</dt>
          <dd data-testid="reputation-jss">{r.job_success_score != null ? jssText(r.job_success_score) : <None>{jssText(null)}</None>}</dd>
        </div>
        <div>
          <dt>Rating</dt>
          <dd data-testid="reputation-rating">
            {rating && r.rating ? (
              <>
                <Stars rating={r.rating} label={`Average rating ${r.rating} out of 5`} /> {rating}
              </>
            ) : (
              <None>No reviews yet</None>
            )}
          </dd>
        </div>
        <div>
          <dt>Total earned</dt>
          <dd>{band ?? <None>No earnings on Worklane yet</None>}</dd>
        </div>
        <div>
          <dt>Hours worked</dt>
          <dd>{r.hours_worked > 0 ? r.hours_worked.toLocaleString("en-US") : <None>No hours logged yet</None>}</dd>
        </div>
      </dl>
      <JssExplanation />
      <Badges badges={r.badges} identityVerified={profile.identity_verified} className="profile-badges" />
    </section>
  );
}

function FreelancerView({ profile }: { profile: FreelancerProfile }) {
  const countries = useCountries();
  const me = useCurrentUser();
  const time = localTime(profile.timezone);
  const rate = formatRate(profile.hourly_rate);
  return (
    <article className="freelancer" aria-labelledby="freelancer-name">
      {me?.id === profile.id && (
        <p className="back-link">
          <Link to="/me/profile">← Edit your profile</Link>
        </p>
      )}
      <header className="card freelancer__header">
        <Avatar src={profile.photo_url ? `${profile.photo_url}?v=${encodeURIComponent(profile.updated_at)}` : null} name={profile.full_name} />
        <div className="freelancer__intro">
          <h1 id="freelancer-name">{profile.full_name}</h1>
          {profile.title ? <p className="freelancer__title">{profile.title}</p> : <p className="muted">No title yet</p>}
          <p className="muted small">
            {countryName(countries.data, profile.country)}
            {time && (
              <>
                {" · "}
                <span>{time} local time</span>
              </>
            )}
            {" · Member since "}
            {monthYear(profile.member_since)}
          </p>
          {me && me.id !== profile.id && (
            <div className="profile-report">
              <ReportButton targetType="profile" targetId={profile.id} subject={profile.full_name} />
            </div>
          )}
        </div>
        <dl className="freelancer__facts">
          <div>
            <dt>Hourly rate</dt>
            <dd className="job-terms__pay">{rate ?? <None>Not set</None>}</dd>
          </div>
          <div>
            <dt>Availability</dt>
            <dd>{availabilityLabels[profile.availability]}</dd>
          </div>
        </dl>
      </header>
      {me && me.id !== profile.id && me.roles.includes("client") && (
        <InviteToJob freelancer={{ id: profile.id, full_name: profile.full_name }} />
      )}
      <div className="job-detail__layout">
        <div className="freelancer__main">
          <Block title="Overview">
            {profile.overview.trim() ? <PlainText text={profile.overview} /> : <p className="muted">No overview yet.</p>}
          </Block>
          <Block title="Skills">
            {profile.skills.length > 0 ? (
              <ul className="chips" aria-label="Skills">
                {profile.skills.map((s) => (
                  <li key={s.id} className="chip chip--static">
                    {s.name}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">No skills listed yet.</p>
            )}
          </Block>
          <Reviews side="freelancer" id={profile.id} rating={profile.reputation.rating} count={profile.reputation.reviews} />
          {profile.portfolio.length > 0 && (
            <Block title="Portfolio">
              <ul className="profile-entries">
                {profile.portfolio.map((item, i) => (
                  <li key={i}>
                    <h3>
                      {item.url ? (
                        <a href={item.url} rel="noopener noreferrer nofollow" target="_blank">
                          {item.title}
                          <span className="visually-hidden"> (opens in a new tab)</span>
                        </a>
                      ) : (
                        item.title
                      )}
                    </h3>
                    {item.completed_on && <p className="muted small">Completed {monthYear(item.completed_on)}</p>}
                    {item.description && <PlainText text={item.description} />}
                  </li>
                ))}
              </ul>
            </Block>
          )}
          {profile.employment.length > 0 && (
            <Block title="Employment history">
              <ul className="profile-entries">
                {profile.employment.map((e, i) => (
                  <li key={i}>
                    <h3>
                      {e.title} · {e.company}
                    </h3>
                    <p className="muted small">
                      {monthYear(e.from)} – {e.to ? monthYear(e.to) : "Present"}
                    </p>
                    {e.description && <PlainText text={e.description} />}
                  </li>
                ))}
              </ul>
            </Block>
          )}
          {profile.education.length > 0 && (
            <Block title="Education">
              <ul className="profile-entries">
                {profile.education.map((e, i) => (
                  <li key={i}>
                    <h3>{e.school}</h3>
                    <p className="muted small">
                      {[e.degree, e.field_of_study, yearRange(e.start_year, e.end_year)].filter(Boolean).join(" · ")}
                    </p>
                  </li>
                ))}
              </ul>
            </Block>
          )}
          {profile.certifications.length > 0 && (
            <Block title="Certifications">
              <ul className="profile-entries">
                {profile.certifications.map((c, i) => (
                  <li key={i}>
                    <h3>
                      {c.url ? (
                        <a href={c.url} rel="noopener noreferrer nofollow" target="_blank">
                          {c.name}
                          <span className="visually-hidden"> (opens in a new tab)</span>
                        </a>
                      ) : (
                        c.name
                      )}
                    </h3>
                    <p className="muted small">{[c.issuer, c.issued_on ? monthYear(c.issued_on) : null].filter(Boolean).join(" · ")}</p>
                  </li>
                ))}
              </ul>
            </Block>
          )}
        </div>
        <aside className="freelancer__aside">
          <Reputation profile={profile} />
          <Block title="Languages">
            {profile.languages.length > 0 ? (
              <ul className="profile-languages">
                {profile.languages.map((l) => (
                  <li key={l.language}>
                    <strong>{l.language}</strong>: {languageLevelLabels[l.level]}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">No languages listed yet.</p>
            )}
          </Block>
        </aside>
      </div>
    </article>
  );
}

export default function FreelancerPage() {
  const { id = "" } = useParams();
  const profile = useQuery({ queryKey: ["freelancer", id], queryFn: () => fetchFreelancer(id) });
  usePageTitle(profile.data?.full_name ?? (profile.isError ? "Freelancer" : "Loading profile"));

  if (profile.isPending) return <Loading label="Loading the profile…" />;
  if (profile.isError) {
    if (profile.error instanceof ApiError && (profile.error.status === 404 || profile.error.status === 400)) {
      return (
        <div className="narrow">
          <h1>Profile not found</h1>
          <EmptyState title="There is no freelancer at this address.">
            <p>The link may be wrong, or the profile is no longer public.</p>
          </EmptyState>
        </div>
      );
    }
    return (
      <div className="narrow">
        <Alert tone="error" title="We could not load the profile">
          <p>{errorMessage(profile.error)}</p>
          <button type="button" className="button button--secondary button--small" onClick={() => void profile.refetch()}>
            Try again
          </button>
        </Alert>
      </div>
    );
  }
  return <FreelancerView profile={profile.data} />;
}
