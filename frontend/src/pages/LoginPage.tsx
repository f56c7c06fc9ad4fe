import { useState } from "react";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { z } from "zod";
import { ApiError } from "../api/problem";
import { signIn, useAuthState } from "../auth/useAuth";
import { Alert } from "../components/feedback";
import { Field } from "../components/fields";
import { usePageTitle } from "../components/usePageTitle";
import { applyApiErrors } from "../lib/formErrors";
import { useFlash } from "../lib/flash";
import { safeNextPath } from "../lib/redirect";
import { TotpStep } from "./login/TotpStep";
import "./forms.css";

const loginSchema = z.object({
  email: z.string().trim().min(1, { error: "Enter your email address." }),
  password: z.string().min(1, { error: "Enter your password." }),
});
type LoginValues = z.input<typeof loginSchema>;
type LoginData = z.output<typeof loginSchema>;
const loginFields = ["email", "password"] as const;

function needsTotp(error: unknown): boolean {
  return error instanceof ApiError && error.code === "totp_required";
}

export default function LoginPage() {
  usePageTitle("Sign in");
  const auth = useAuthState();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get("next"));
  const expired = params.get("expired") === "1";
  const [formError, setFormError] = useState<string | null>(null);
  const flash = useFlash();
  // Two-factor accounts: the first step's email and password, kept in memory for the code step.
  const [codeStep, setCodeStep] = useState<{ email: string; password: string } | null>(null);

  const {
    register,
    handleSubmit,
    setError,
    setValue,
    formState: { errors, isSubmitting, isSubmitSuccessful },
  } = useForm<LoginValues, unknown, LoginData>({
    resolver: zodResolver(loginSchema),
    defaultValues: { email: "", password: "" },
  });

  const onSubmit = handleSubmit(async ({ email, password }) => {
    setFormError(null);
    try {
      await signIn({ email, password });
      await navigate(next, { replace: true });
    } catch (error) {
      if (needsTotp(error)) {
        setCodeStep({ email, password });
        return;
      }
      setFormError(applyApiErrors(error, loginFields, setError));
    }
  });

  // Already signed in (e.g. opened /login in a second tab): go on.
  if (auth.status === "signed_in" && !isSubmitting && !isSubmitSuccessful && !codeStep) {
    return <Navigate to={next} replace />;
  }

  return (
    <div className="narrow">
      <header className="page-header">
        <h1>Sign in to Worklane</h1>
        <p>Welcome back.</p>
      </header>
      {expired && (
        <Alert tone="info">
          <p>You were signed out. Please sign in again.</p>
        </Alert>
      )}
      {flash && (
        <Alert tone="info">
          <p>{flash}</p>
        </Alert>
      )}
      <div className="card">
        {codeStep ? (
          <TotpStep
            email={codeStep.email}
            password={codeStep.password}
            onBack={() => {
              setCodeStep(null);
              setValue("password", "");
            }}
            onSignedIn={async () => {
              await navigate(next, { replace: true });
            }}
          />
        ) : (
          <form className="form" onSubmit={onSubmit} noValidate>
            <div className="form-live" aria-live="assertive">
              {formError && (
                <Alert tone="error" live={false}>
                  <p>{formError}</p>
                </Alert>
              )}
            </div>
            <Field label="Email" error={errors.email?.message}>
              {({ id, describedBy, invalid }) => (
                <input
                  id={id}
                  className="input"
                  type="email"
                  autoComplete="username"
                  aria-invalid={invalid}
                  aria-describedby={describedBy}
                  {...register("email")}
                />
              )}
            </Field>
            <Field label="Password" error={errors.password?.message}>
              {({ id, describedBy, invalid }) => (
                <input
                  id={id}
                  className="input"
                  type="password"
                  autoComplete="current-password"
                  aria-invalid={invalid}
                  aria-describedby={describedBy}
                  {...register("password")}
                />
              )}
            </Field>
            <button type="submit" className="button button--block" disabled={isSubmitting}>
              {isSubmitting ? "Signing in…" : "Sign in"}
            </button>
          </form>
        )}
      </div>
      <p className="form-aside">
        New to Worklane? <Link to="/signup">Create an account</Link>
      </p>
    </div>
  );
}
