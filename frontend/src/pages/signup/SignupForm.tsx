import { useEffect, useMemo, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { api, call } from "../../api";
import type { User } from "../../api/types";
import { Alert } from "../../components/feedback";
import { Field, FieldErrorText } from "../../components/fields";
import { applyApiErrors } from "../../lib/formErrors";
import { browserTimeZone, timeZones } from "../../lib/format";
import { passwordStrength } from "../../lib/password";
import { localeCountry, useCountries } from "../../lib/queries";
import { signupFields, signupSchema, type SignupData, type SignupValues } from "./schema";

export interface SignupResult {
  user: User;
  password: string;
}

function PasswordStrengthHint({ password }: { password: string }) {
  const strength = passwordStrength(password);
  return (
    <span className="strength" data-score={strength.score}>
      <span className="strength__bar" aria-hidden="true">
        <span />
        <span />
        <span />
        <span />
      </span>
      <span aria-live="polite">{strength.label || "10 to 128 characters. A few unrelated words make a strong passphrase."}</span>
    </span>
  );
}

export function SignupForm({ onSignedUp }: { onSignedUp: (result: SignupResult) => Promise<void> | void }) {
  const countries = useCountries();
  const zones = useMemo(() => timeZones(), []);
  const [formError, setFormError] = useState<string | null>(null);
  const [showPassword, setShowPassword] = useState(false);

  const {
    register,
    handleSubmit,
    setError,
    setValue,
    getValues,
    control,
    formState: { errors, isSubmitting },
  } = useForm<SignupValues, unknown, SignupData>({
    resolver: zodResolver(signupSchema),
    defaultValues: { email: "", password: "", full_name: "", country: "", timezone: browserTimeZone(), roles: [] },
    mode: "onTouched",
  });

  // Pre-select the country of the browser's locale once the list arrives.
  useEffect(() => {
    if (!countries.data || getValues("country")) return;
    const guess = localeCountry();
    if (guess && countries.data.some((c) => c.code === guess)) setValue("country", guess);
  }, [countries.data, getValues, setValue]);

  const password = useWatch({ control, name: "password" });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      const user = await call(api.POST("/api/v1/auth/signup", { body: values }));
      await onSignedUp({ user, password: values.password });
    } catch (error) {
      setFormError(applyApiErrors(error, signupFields, setError));
    }
  });

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-describedby={formError ? "signup-error" : undefined}>
      <div id="signup-error" className="form-live" aria-live="assertive">
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
            autoComplete="email"
            aria-invalid={invalid}
            aria-describedby={describedBy}
            {...register("email")}
          />
        )}
      </Field>

      <Field label="Password" error={errors.password?.message} hint={<PasswordStrengthHint password={password} />}>
        {({ id, describedBy, invalid }) => (
          <div className="password-input">
            <input
              id={id}
              className="input"
              type={showPassword ? "text" : "password"}
              autoComplete="new-password"
              aria-invalid={invalid}
              aria-describedby={describedBy}
              {...register("password")}
            />
            <button
              type="button"
              className="button button--secondary button--small"
              aria-pressed={showPassword}
              onClick={() => setShowPassword((v) => !v)}
            >
              {showPassword ? "Hide" : "Show"}
              <span className="visually-hidden"> password</span>
            </button>
          </div>
        )}
      </Field>

      <Field label="Full name" error={errors.full_name?.message}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            className="input"
            type="text"
            autoComplete="name"
            aria-invalid={invalid}
            aria-describedby={describedBy}
            {...register("full_name")}
          />
        )}
      </Field>

      <div className="form-row">
        <Field
          label="Country"
          error={errors.country?.message}
          hint={countries.isError ? "The country list could not be loaded." : undefined}
        >
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              className="select"
              autoComplete="country"
              aria-invalid={invalid}
              aria-describedby={describedBy}
              disabled={!countries.data}
              {...register("country")}
            >
              <option value="">{countries.isPending ? "Loading countries…" : "Choose a country"}</option>
              {countries.data?.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>

        <Field label="Time zone" error={errors.timezone?.message}>
          {({ id, describedBy, invalid }) => (
            <select id={id} className="select" aria-invalid={invalid} aria-describedby={describedBy} {...register("timezone")}>
              {zones.map((z) => (
                <option key={z} value={z}>
                  {z.replaceAll("_", " ")}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {countries.isError && (
        <Alert tone="error">
          <p>We could not load the list of countries.</p>
          <button type="button" className="button button--secondary button--small" onClick={() => void countries.refetch()}>
            Try again
          </button>
        </Alert>
      )}

      <fieldset className="field" aria-describedby={errors.roles ? "roles-error" : undefined}>
        <legend>How will you use Worklane?</legend>
        <div className="choice-group">
          <label className="choice">
            <input type="checkbox" value="client" {...register("roles")} />
            <span>
              <span className="choice__title">I want to hire</span>
              <span className="choice__desc">Post jobs and work with freelancers (client).</span>
            </span>
          </label>
          <label className="choice">
            <input type="checkbox" value="freelancer" {...register("roles")} />
            <span>
              <span className="choice__title">I want to work</span>
              <span className="choice__desc">Find jobs and send proposals (freelancer).</span>
            </span>
          </label>
        </div>
        <FieldErrorText id="roles-error" error={errors.roles?.message ?? errors.roles?.root?.message} />
      </fieldset>

      <div className="form-actions">
        <button type="submit" className="button button--block" disabled={isSubmitting}>
          {isSubmitting ? "Creating your account…" : "Create account"}
        </button>
      </div>
    </form>
  );
}
