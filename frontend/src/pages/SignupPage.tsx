import { useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { useMutation } from "@tanstack/react-query";
import { api, call } from "../api";
import { errorMessage } from "../api/problem";
import { signIn, useCurrentUser } from "../auth/useAuth";
import { Alert } from "../components/feedback";
import { usePageTitle } from "../components/usePageTitle";
import { SignupForm, type SignupResult } from "./signup/SignupForm";
import "./forms.css";

function CheckEmail({ email, signedIn }: { email: string; signedIn: boolean }) {
  const titleRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => titleRef.current?.focus(), []);
  const resend = useMutation({
    mutationFn: () => call(api.POST("/api/v1/auth/resend-verification")),
  });
  return (
    <section className="card narrow" aria-labelledby="check-title">
      <h1 id="check-title" tabIndex={-1} ref={titleRef}>
        Check your email
      </h1>
      <p>
        Your account is ready. We sent a verification link to <strong>{email}</strong>. Open it to confirm the
        address. Until then you can sign in and edit your profile, but not post jobs, send proposals or move money.
      </p>
      {!signedIn && (
        <Alert tone="warning">
          <p>
            We could not sign you in automatically. <Link to="/login">Sign in</Link> with your new password.
          </p>
        </Alert>
      )}
      <div aria-live="polite">
        {resend.isSuccess && (
          <Alert tone="success" live={false}>
            <p>We sent a new link. Only the newest link works.</p>
          </Alert>
        )}
        {resend.isError && (
          <Alert tone="error" live={false}>
            <p>{errorMessage(resend.error)}</p>
          </Alert>
        )}
      </div>
      <div className="form-actions check-actions">
        {signedIn && (
          <Link className="button" to="/account">
            Go to your account
          </Link>
        )}
        {signedIn && (
          <button
            type="button"
            className="button button--secondary"
            disabled={resend.isPending}
            onClick={() => resend.mutate()}
          >
            {resend.isPending ? "Sending…" : "Resend the email"}
          </button>
        )}
      </div>
      <p className="muted small">
        Running Worklane locally? Mail is kept in the{" "}
        <Link to={`/dev/mailbox?to=${encodeURIComponent(email)}`}>development mailbox</Link>.
      </p>
    </section>
  );
}

export default function SignupPage() {
  usePageTitle("Sign up");
  const [done, setDone] = useState<{ email: string } | null>(null);
  const user = useCurrentUser();

  const onSignedUp = async ({ user: created, password }: SignupResult) => {
    try {
      await signIn({ email: created.email, password });
    } catch {
      // The account exists; the check-email screen offers a manual sign-in.
    }
    setDone({ email: created.email });
  };

  if (done) return <CheckEmail email={done.email} signedIn={user !== null} />;

  return (
    <div className="narrow">
      <header className="page-header">
        <h1>Create your Worklane account</h1>
        <p>One account lets you hire, work, or both.</p>
      </header>
      <div className="card">
        <SignupForm onSignedUp={onSignedUp} />
      </div>
      <p className="form-aside">
        Already have an account? <Link to="/login">Sign in</Link>
      </p>
    </div>
  );
}
