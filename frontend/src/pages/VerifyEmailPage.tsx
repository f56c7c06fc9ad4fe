import { useEffect } from "react";
import { Link, useSearchParams } from "react-router";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { api, call, session } from "../api";
import { ApiError, errorMessage } from "../api/problem";
import { useAuthState } from "../auth/useAuth";
import { Alert, Loading } from "../components/feedback";
import { usePageTitle } from "../components/usePageTitle";

export default function VerifyEmailPage() {
  usePageTitle("Verify your email");
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const auth = useAuthState();
  const queryClient = useQueryClient();

  // A query (not a mutation) so that remounts and StrictMode share one request: the token
  // is single-use, and a second POST would report it as already used.
  const verification = useQuery({
    queryKey: ["verify-email", token],
    queryFn: () => call(api.POST("/api/v1/auth/verify-email", { body: { token } })),
    enabled: token !== "",
    retry: false,
    staleTime: Infinity,
    gcTime: Infinity,
  });

  // The signed-in user (if it is the one verified) is now verified too.
  useEffect(() => {
    const verified = verification.data;
    if (!verified) return;
    const current = session.getState();
    if (current.status === "signed_in" && current.user.id === verified.id) session.setUser(verified);
    void queryClient.invalidateQueries({ queryKey: ["me"] });
  }, [verification.data, queryClient]);

  const signedIn = auth.status === "signed_in";

  let body;
  if (!token) {
    body = (
      <Alert tone="error" title="This link is incomplete">
        <p>The verification link has no token. Open the link from the email again, or copy all of it.</p>
      </Alert>
    );
  } else if (verification.isPending) {
    body = <Loading label="Verifying your email address…" />;
  } else if (verification.isError) {
    const invalid = verification.error instanceof ApiError && verification.error.code === "invalid_token";
    body = (
      <Alert tone="error" title="We could not verify your email">
        <p>
          {invalid
            ? "This link is invalid, has already been used or has expired. Request a new one from your account page."
            : errorMessage(verification.error)}
        </p>
      </Alert>
    );
  } else {
    body = (
      <Alert tone="success" title="Your email is verified">
        <p>
          Thank you, {verification.data.full_name}. <strong>{verification.data.email}</strong> is confirmed.
        </p>
      </Alert>
    );
  }

  return (
    <div className="narrow">
      <header className="page-header">
        <h1>Email verification</h1>
      </header>
      <div className="card">
        <div aria-live="polite">{body}</div>
        {!verification.isPending || !token ? (
          <p className="verify-next">
            {signedIn ? (
              <Link className="button" to="/account">
                Go to your account
              </Link>
            ) : (
              <Link className="button" to="/login?next=%2Faccount">
                Sign in to your account
              </Link>
            )}
          </p>
        ) : null}
      </div>
    </div>
  );
}
