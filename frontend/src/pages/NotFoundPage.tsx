import { Link, useLocation } from "react-router";
import { usePageTitle } from "../components/usePageTitle";

export default function NotFoundPage() {
  usePageTitle("Page not found");
  const { pathname } = useLocation();
  return (
    <div className="narrow not-found">
      <p className="muted small">Error 404</p>
      <h1>We could not find that page</h1>
      <p>
        There is nothing at <code>{pathname}</code>. The link may be old or mistyped.
      </p>
      <div className="form-actions">
        <Link className="button" to="/">
          Go to the home page
        </Link>
      </div>
    </div>
  );
}
