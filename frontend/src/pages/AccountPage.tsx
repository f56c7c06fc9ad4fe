import { useMemo, useState } from "react";
import { Link } from "react-router";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { z } from "zod";
import { api, call, session } from "../api";
import { errorMessage } from "../api/problem";
import type { Country, User } from "../api/types";
import { Alert, Loading } from "../components/feedback";
import { Field } from "../components/fields";
import { usePageTitle } from "../components/usePageTitle";
import { applyApiErrors } from "../lib/formErrors";
import { formatDate, timeZones } from "../lib/format";
import { useCountries, useMe } from "../lib/queries";
import "./account.css";

const roleNames: Record<User["roles"][number], string> = {
  client: "Client",
  freelancer: "Freelancer",
  admin: "Admin",
};

function VerificationBanner({ email }: { email: string }) {
  const resend = useMutation({ mutationFn: () => call(api.POST("/api/v1/auth/resend-verification")) });
  return (
    <div className="alert alert--warning verify-banner">
      <p className="alert__title">Please verify your email address</p>
      <p>
        We sent a link to {email}. Until you open it you cannot post jobs, send proposals or move money.
      </p>
      <div aria-live="polite">
        {resend.isSuccess && <p className="verify-banner__result">A new link is on its way. Only the newest link works.</p>}
        {resend.isError && <p className="verify-banner__result verify-banner__result--error">{errorMessage(resend.error)}</p>}
      </div>
      <button
        type="button"
        className="button button--secondary button--small"
        disabled={resend.isPending}
        onClick={() => resend.mutate()}
      >
        {resend.isPending ? "Sending…" : "Resend verification email"}
      </button>
    </div>
  );
}

const profileSchema = z.object({
  full_name: z.string().trim().min(1, { error: "Enter your full name." }).max(100, { error: "Use at most 100 characters." }),
  country: z.string().regex(/^[A-Z]{2}$/, { error: "Choose your country." }),
  timezone: z.string().min(1, { error: "Choose your time zone." }),
});
type ProfileValues = z.input<typeof profileSchema>;
type ProfileData = z.output<typeof profileSchema>;
const profileFields = ["full_name", "country", "timezone"] as const;

function ProfileSection({ user }: { user: User }) {
  const countries = useCountries();
  // Mount the form once the country options exist, so the saved country is selected.
  if (countries.isPending) return <Loading label="Loading your details…" />;
  const options = countries.data ?? [{ code: user.country, name: user.country }];
  return (
    <>
      {countries.isError && (
        <Alert tone="warning">
          <p>The list of countries could not be loaded, so your country cannot be changed right now.</p>
        </Alert>
      )}
      <ProfileForm user={user} countries={options} />
    </>
  );
}

function ProfileForm({ user, countries }: { user: User; countries: Country[] }) {
  const queryClient = useQueryClient();
  const zones = useMemo(() => {
    const all = timeZones();
    return all.includes(user.timezone) ? all : [user.timezone, ...all];
  }, [user.timezone]);
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<ProfileValues, unknown, ProfileData>({
    resolver: zodResolver(profileSchema),
    defaultValues: { full_name: user.full_name, country: user.country, timezone: user.timezone },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    setSaved(false);
    try {
      const updated = await call(api.PATCH("/api/v1/me", { body: values }));
      session.setUser(updated);
      queryClient.setQueryData(["me"], updated);
      reset({ full_name: updated.full_name, country: updated.country, timezone: updated.timezone });
      setSaved(true);
    } catch (error) {
      setFormError(applyApiErrors(error, profileFields, setError));
    }
  });

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-labelledby="profile-title">
      <h2 id="profile-title">Edit your details</h2>
      <div className="form-live" aria-live="polite">
        {saved && !isDirty && (
          <Alert tone="success" live={false}>
            <p>Your details are saved.</p>
          </Alert>
        )}
        {formError && (
          <Alert tone="error" live={false}>
            <p>{formError}</p>
          </Alert>
        )}
      </div>
      <Field label="Full name" error={errors.full_name?.message}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            className="input"
            autoComplete="name"
            aria-invalid={invalid}
            aria-describedby={describedBy}
            {...register("full_name")}
          />
        )}
      </Field>
      <div className="form-row">
        <Field label="Country" error={errors.country?.message}>
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              className="select"
              autoComplete="country"
              aria-invalid={invalid}
              aria-describedby={describedBy}
              {...register("country")}
            >
              {countries.map((c) => (
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
      <div className="form-actions">
        <button type="submit" className="button" disabled={isSubmitting || !isDirty}>
          {isSubmitting ? "Saving…" : "Save changes"}
        </button>
      </div>
    </form>
  );
}

function AccountSummary({ user }: { user: User }) {
  const countries = useCountries();
  const countryName = countries.data?.find((c) => c.code === user.country)?.name ?? user.country;
  return (
    <section className="card" aria-labelledby="summary-title">
      <div className="account-head">
        <div>
          <h2 id="summary-title">{user.full_name}</h2>
          <p className="muted account-email">{user.email}</p>
        </div>
        {user.email_verified ? (
          <span className="badge badge--success" data-testid="email-status">
            <span aria-hidden="true">✓</span> Email verified
          </span>
        ) : (
          <span className="badge badge--warning" data-testid="email-status">
            Email not verified
          </span>
        )}
      </div>
      <dl className="facts">
        <div>
          <dt>Roles</dt>
          <dd>{user.roles.map((r) => roleNames[r]).join(", ") || "None"}</dd>
        </div>
        <div>
          <dt>Country</dt>
          <dd>{countryName}</dd>
        </div>
        <div>
          <dt>Time zone</dt>
          <dd>{user.timezone.replaceAll("_", " ")}</dd>
        </div>
        <div>
          <dt>Member since</dt>
          <dd>
            <time dateTime={user.created_at}>{formatDate(user.created_at, user.timezone)}</time>
          </dd>
        </div>
      </dl>
    </section>
  );
}

function MoneyLinks({ user }: { user: User }) {
  const freelancer = user.roles.includes("freelancer");
  const client = user.roles.includes("client");
  const links = [
    { to: "/wallet", title: "Wallet", text: "Balances, transactions, CSV export and yearly reports.", show: true },
    { to: "/settings/payment-methods", title: "Payment methods", text: "The cards you deposit money from.", show: client },
    { to: "/withdrawals", title: "Withdrawals", text: "Bank accounts and payouts of your earnings.", show: freelancer },
    {
      to: "/settings/identity",
      title: "Identity verification",
      text: "Upload an ID document; needed before your first withdrawal.",
      show: freelancer,
    },
  ].filter((l) => l.show);
  return (
    <section className="card" aria-labelledby="money-links-title">
      <h2 id="money-links-title">Money and verification</h2>
      <ul className="account-links">
        {links.map((l) => (
          <li key={l.to}>
            <Link to={l.to}>{l.title}</Link>
            <span className="muted small">{l.text}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function SettingsLinks() {
  return (
    <section className="card" aria-labelledby="settings-links-title">
      <h2 id="settings-links-title">Plan, security, notifications and integrations</h2>
      <ul className="account-links">
        <li>
          <Link to="/settings/plan">Plan</Link>
          <span className="muted small">Basic or Plus: more Connects and the competing bids, or a lower fee on what you fund.</span>
        </li>
        <li>
          <Link to="/settings/security">Security</Link>
          <span className="muted small">Two-factor sign-in, where you are signed in, and access tokens for the API.</span>
        </li>
        <li>
          <Link to="/settings/notifications">Notification settings</Link>
          <span className="muted small">Which notifications we also send to your email address.</span>
        </li>
        <li>
          <Link to="/settings/integrations">Integrations</Link>
          <span className="muted small">Webhooks: events sent to your own systems as they happen.</span>
        </li>
      </ul>
    </section>
  );
}

export default function AccountPage() {
  usePageTitle("Your account");
  const me = useMe();

  if (me.isPending) return <Loading label="Loading your account…" />;
  if (me.isError) {
    return (
      <div className="narrow">
        <Alert tone="error" title="We could not load your account">
          <p>{errorMessage(me.error)}</p>
          <button type="button" className="button button--secondary button--small" onClick={() => void me.refetch()}>
            Try again
          </button>
        </Alert>
      </div>
    );
  }
  const user = me.data;
  return (
    <div className="account">
      <header className="page-header">
        <h1>Your account</h1>
        <p>Your sign-in details and how others see your name and location.</p>
      </header>
      {!user.email_verified && <VerificationBanner email={user.email} />}
      <AccountSummary user={user} />
      <section className="card">
        <ProfileSection user={user} />
      </section>
      <MoneyLinks user={user} />
      <SettingsLinks />
      <p className="muted small account-foot">
        Looking for the verification email? In development it lands in the{" "}
        <Link to="/dev/mailbox">development mailbox</Link>.
      </p>
    </div>
  );
}
