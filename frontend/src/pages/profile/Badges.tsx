import { badgeDescription, badgeLabel } from "../../lib/profiles";
import { JSS_EXPLANATION } from "../../lib/feedback";
import "./badges.css";

/** Top Rated / Rising Talent (and identity), each with what it means for screen readers and on hover. */
export function Badges({ badges, identityVerified = false, className = "" }: { badges: string[]; identityVerified?: boolean; className?: string }) {
  if (badges.length === 0 && !identityVerified) return null;
  return (
    <ul className={`badge-list ${className}`.trim()} aria-label="Badges">
      {badges.map((b) => {
        const description = badgeDescription(b);
        return (
          <li key={b}>
            <span className={`rep-badge rep-badge--${b}`} title={description || undefined} data-testid="reputation-badge">
              <span aria-hidden="true">{b === "top_rated" ? "★" : "↗"}</span>
              {badgeLabel(b)}
              {description && <span className="visually-hidden">: {description}</span>}
            </span>
          </li>
        );
      })}
      {identityVerified && (
        <li>
          <span className="badge badge--brand">Identity verified</span>
        </li>
      )}
    </ul>
  );
}

/** "What is Job Success?": the explanation, opened on demand (keyboard and touch too). */
export function JssExplanation() {
  return (
    <details className="jss-explain">
      <summary>What is Job Success?</summary>
      <p>{JSS_EXPLANATION}</p>
    </details>
  );
}
