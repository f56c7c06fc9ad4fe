import { Link } from "react-router";
import type { FreelancerSummary } from "../../api/search";
import { earnedBandLabel, formatRate, formatUsd } from "../../lib/profiles";
import { Stars } from "../../components/Stars";
import { jssText } from "../../lib/feedback";
import { Badges } from "../profile/Badges";
import { Avatar } from "../profile/PhotoUpload";
import { availabilityLabels } from "../profile/profileSchema";
import { SkillChips } from "./SkillChips";

/** "$10K+ earned" from a band, or "$12,500.00 earned" from an amount; null for nothing yet. */
export function earnedText(totalEarned: string): string | null {
  const band = earnedBandLabel(totalEarned);
  if (band) return band;
  const n = Number(totalEarned);
  return Number.isFinite(n) && n > 0 ? `${formatUsd(totalEarned)} earned` : null;
}

interface FreelancerCardProps {
  freelancer: FreelancerSummary;
  countryName: (code: string) => string;
}

/** One freelancer in a list of search results. */
export function FreelancerCard({ freelancer: f, countryName }: FreelancerCardProps) {
  const rate = formatRate(f.hourly_rate);
  const earned = earnedText(f.total_earned);
  return (
    <li className="result-card talent-card card">
      <div className="talent-card__avatar">
        <Avatar src={f.photo_url} name={f.full_name} size="md" />
      </div>
      <div className="talent-card__head">
        <h3 className="talent-card__name">
          <Link to={`/freelancers/${f.id}`}>{f.full_name}</Link>
        </h3>
        {f.title && <p className="talent-card__title">{f.title}</p>}
      </div>
      <div className="talent-card__body">
        <dl className="result-card__terms">
          <div>
            <dt className="visually-hidden">Hourly rate</dt>
            <dd>{rate ?? "Rate not set"}</dd>
          </div>
          <div>
            <dt className="visually-hidden">Country</dt>
            <dd>{countryName(f.country)}</dd>
          </div>
          <div>
            <dt className="visually-hidden">Job Success</dt>
            <dd data-testid="talent-jss" className={f.jss == null ? "fact-empty" : undefined}>
              {jssText(f.jss)}
            </dd>
          </div>
          {f.rating && (
            <div>
              <dt className="visually-hidden">Rating</dt>
              <dd className="talent-card__rating">
                <Stars rating={f.rating} label={`Rating ${f.rating} out of 5`} />
                <span aria-hidden="true">{f.rating}</span>
              </dd>
            </div>
          )}
          {earned && (
            <div>
              <dt className="visually-hidden">Earnings</dt>
              <dd>{earned}</dd>
            </div>
          )}
        </dl>
        {f.snippet && <p className="result-card__snippet">{f.snippet}</p>}
        <SkillChips skills={f.skills} />
        <div className="result-card__footer">
          <Badges badges={f.badges ?? []} identityVerified={f.identity_verified} />
          <span>{availabilityLabels[f.availability]}</span>
        </div>
      </div>
    </li>
  );
}
