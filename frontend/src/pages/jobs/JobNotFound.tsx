import { Link } from "react-router";
import { usePageTitle } from "../../components/usePageTitle";

/** Missing, hidden (a draft or invite-only job of someone else) and deleted jobs look alike. */
export function JobNotFound() {
  usePageTitle("Job not found");
  return (
    <div className="narrow not-found">
      <p className="muted small">Error 404</p>
      <h1>We could not find that job</h1>
      <p>It may have been removed, or it is not visible to you. Check the link and try again.</p>
      <div className="form-actions">
        <Link className="button" to="/">
          Go to the home page
        </Link>
      </div>
    </div>
  );
}
