import { useState } from "react";
import { Link } from "react-router";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { errorMessage } from "../api/problem";
import { fetchMyClientProfile, saveClientProfile } from "../api/profiles";
import type { ClientProfile } from "../api/types";
import { useCurrentUser } from "../auth/useAuth";
import { Alert, Loading } from "../components/feedback";
import { Field } from "../components/fields";
import { usePageTitle } from "../components/usePageTitle";
import { applyApiErrors } from "../lib/formErrors";
import { companySizeLabels } from "../lib/profiles";
import { charCount } from "./jobs/jobSchema";
import "./jobs/jobs.css";
import "./profile/profile.css";

const clientFormSchema = z.object({
  company_name: z
    .string()
    .trim()
    .refine((s) => charCount(s) <= 100, { error: "Keep the company name to 100 characters or fewer." }),
  description: z
    .string()
    .trim()
    .refine((s) => charCount(s) <= 5_000, { error: "Keep the description to 5,000 characters or fewer." }),
  company_size: z.enum(["", "just_me", "2_to_9", "10_to_99", "100_to_999", "1000_plus"]),
  website: z
    .string()
    .trim()
    .refine((s) => s === "" || /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(s), {
      error: "Enter a web address starting with http:// or https://.",
    }),
});
type ClientFormValues = z.input<typeof clientFormSchema>;
const clientFields = ["company_name", "description", "company_size", "website"] as const;

function CompanyForm({ profile }: { profile: ClientProfile }) {
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ClientFormValues>({
    resolver: zodResolver(clientFormSchema),
    defaultValues: {
      company_name: profile.company_name,
      description: profile.description,
      company_size: profile.company_size ?? "",
      website: profile.website ?? "",
    },
  });
  const submit = handleSubmit(async (data) => {
    setFormError(null);
    setSaved(false);
    try {
      const updated = await saveClientProfile({
        company_name: data.company_name,
        description: data.description,
        company_size: data.company_size === "" ? null : data.company_size,
        website: data.website === "" ? null : data.website,
      });
      queryClient.setQueryData(["my-client-profile"], updated);
      queryClient.setQueryData(["client", updated.id], updated);
      setSaved(true);
    } catch (error) {
      setFormError(applyApiErrors(error, clientFields, setError));
    }
  });
  return (
    <form className="card form" onSubmit={submit} noValidate aria-label="Company profile">
      <div className="form-live" aria-live="polite">
        {formError && (
          <Alert tone="error" live={false} title="The profile was not saved">
            <p>{formError}</p>
          </Alert>
        )}
        {saved && (
          <Alert tone="success" live={false}>
            <p>Your company profile is saved.</p>
          </Alert>
        )}
      </div>
      <Field label="Company name" error={errors.company_name?.message} hint="Leave empty if you hire as an individual.">
        {({ id, describedBy, invalid }) => (
          <input id={id} className="input" aria-invalid={invalid} aria-describedby={describedBy} {...register("company_name")} />
        )}
      </Field>
      <Field label="About the company" error={errors.description?.message} hint="Plain text; blank lines start a new paragraph.">
        {({ id, describedBy, invalid }) => (
          <textarea
            id={id}
            className="input textarea textarea--short"
            rows={6}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            {...register("description")}
          />
        )}
      </Field>
      <div className="form-row">
        <Field label="Company size" error={errors.company_size?.message}>
          {({ id, describedBy, invalid }) => (
            <select id={id} className="select" aria-invalid={invalid} aria-describedby={describedBy} {...register("company_size")}>
              <option value="">Not given</option>
              {Object.entries(companySizeLabels).map(([value, text]) => (
                <option key={value} value={value}>
                  {text}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Website" error={errors.website?.message}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              className="input"
              type="url"
              placeholder="https://"
              aria-invalid={invalid}
              aria-describedby={describedBy}
              {...register("website")}
            />
          )}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : "Save company profile"}
        </button>
        <Link to={`/clients/${profile.id}`}>View public profile</Link>
      </div>
    </form>
  );
}

export default function MyCompanyPage() {
  usePageTitle("Company profile");
  const user = useCurrentUser();
  const isClient = user?.roles.includes("client") ?? false;
  const profile = useQuery({ queryKey: ["my-client-profile"], queryFn: fetchMyClientProfile, enabled: isClient });

  let body;
  if (!isClient) {
    body = (
      <div className="gate card">
        <h2>Company profiles are for clients</h2>
        <p>Your account finds work as a freelancer. Your freelancer profile is where clients learn about you.</p>
        <div className="form-actions">
          <Link className="button" to="/me/profile">
            Edit your profile
          </Link>
        </div>
      </div>
    );
  } else if (profile.isPending) {
    body = <Loading label="Loading your company profile…" />;
  } else if (profile.isError) {
    body = (
      <Alert tone="error" title="We could not load your company profile">
        <p>{errorMessage(profile.error)}</p>
        <button type="button" className="button button--secondary button--small" onClick={() => void profile.refetch()}>
          Try again
        </button>
      </Alert>
    );
  } else {
    body = <CompanyForm profile={profile.data} />;
  }
  return (
    <div className="job-page job-page--form">
      <header className="page-header">
        <h1>Company profile</h1>
        <p>Freelancers see this next to your jobs.</p>
      </header>
      {body}
    </div>
  );
}
