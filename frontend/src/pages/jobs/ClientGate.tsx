import type { ReactNode } from "react";
import { Link } from "react-router";
import { errorMessage } from "../../api/problem";
import type { User } from "../../api/types";
import { Alert, Loading } from "../../components/feedback";
import { useMe } from "../../lib/queries";

/**
 * Shows its children only to verified clients. Everyone else learns why they cannot post
 * jobs and what to do, instead of filling in a form the server would refuse.
 */
export function ClientGate({ children }: { children: (user: User) => ReactNode }) {
  const me = useMe();
  if (me.isPending) return <Loading label="Checking your account…" />;
  if (me.isError) {
    return (
      <Alert tone="error" title="We could not load your account">
        <p>{errorMessage(me.error)}</p>
        <button type="button" className="button button--secondary button--small" onClick={() => void me.refetch()}>
          Try again
        </button>
      </Alert>
    );
  }
  const user = me.data;
  if (!user.roles.includes("client")) {
    return (
      <div className="gate card">
        <h2>Posting jobs needs a client account</h2>
        <p>
          Your account is set up to find work as a freelancer. Jobs are posted by clients: sign up for a client account
          with another email address to hire on Worklane.
        </p>
        <div className="form-actions">
          <Link className="button" to="/account">
            Go to your account
          </Link>
        </div>
      </div>
    );
  }
  if (!user.email_verified) {
    return (
      <div className="gate card">
        <h2>Verify your email address first</h2>
        <p>
          We sent a verification link to <strong>{user.email}</strong>. Once you open it you can post jobs. You can ask
          for a new link on your account page.
        </p>
        <div className="form-actions">
          <Link className="button" to="/account">
            Go to your account
          </Link>
        </div>
      </div>
    );
  }
  return <>{children(user)}</>;
}
