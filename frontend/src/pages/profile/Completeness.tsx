import { useId } from "react";
import type { FreelancerProfile } from "../../api/types";
import { missingParts } from "./profileSchema";

/** The server's completeness percentage as a bar, with what is still missing. */
export function Completeness({ profile }: { profile: FreelancerProfile }) {
  const labelId = useId();
  const missing = missingParts(profile);
  const percent = Math.max(0, Math.min(100, profile.completeness));
  return (
    <section className="card completeness" aria-labelledby={labelId}>
      <h2 id={labelId} className="completeness__title">
        Profile completeness
      </h2>
      <p className="completeness__figure" data-testid="completeness">
        {percent}%
      </p>
      <div
        className="completeness__bar"
        role="progressbar"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}% complete`}
      >
        <span style={{ width: `${percent}%` }} />
      </div>
      {missing.length > 0 && percent < 100 ? (
        <>
          <p className="small completeness__lead">To complete your profile:</p>
          <ul className="completeness__hints small">
            {missing.map((hint) => (
              <li key={hint}>{hint}</li>
            ))}
          </ul>
        </>
      ) : (
        <p className="small muted">Your profile is complete. Clients see everything they need.</p>
      )}
    </section>
  );
}
