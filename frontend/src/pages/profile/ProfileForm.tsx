import { useId, useState, type ReactNode } from "react";
import { Controller, useFieldArray, useForm, useWatch, type FieldErrors, type Path, type UseFormRegister } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { ApiError } from "../../api/problem";
import { Alert } from "../../components/feedback";
import { Field, FieldErrorText } from "../../components/fields";
import { applyApiErrors } from "../../lib/formErrors";
import { charCount } from "../jobs/jobSchema";
import { SkillsPicker } from "../jobs/SkillsPicker";
import {
  availabilityLabels,
  emptyItems,
  languageLevelLabels,
  LIST_MAX,
  OVERVIEW_MAX,
  profileFormFields,
  profileFormSchema,
  SKILLS_MAX,
  TITLE_MAX,
  type ListName,
  type ProfileFormData,
  type ProfileFormValues,
} from "./profileSchema";

interface ItemField {
  key: string;
  label: string;
  kind?: "text" | "url" | "date" | "year" | "textarea" | "level";
  wide?: boolean;
  placeholder?: string;
}

interface ListSpec {
  title: string;
  intro: string;
  /** What one entry is called, e.g. "project" ("Add a project", "Project 2"). */
  noun: string;
  fields: ItemField[];
}

export const listSpecs: Record<ListName, ListSpec> = {
  portfolio: {
    title: "Portfolio",
    intro: "Past work clients can look at.",
    noun: "project",
    fields: [
      { key: "title", label: "Project title", wide: true },
      { key: "url", label: "Link (optional)", kind: "url", placeholder: "https://" },
      { key: "completed_on", label: "Completed on (optional)", kind: "date" },
      { key: "description", label: "Description (optional)", kind: "textarea", wide: true },
    ],
  },
  employment: {
    title: "Employment history",
    intro: "Leave the end date empty for your current position.",
    noun: "position",
    fields: [
      { key: "company", label: "Company" },
      { key: "title", label: "Job title" },
      { key: "from", label: "From", kind: "date" },
      { key: "to", label: "To (optional)", kind: "date" },
      { key: "description", label: "Description (optional)", kind: "textarea", wide: true },
    ],
  },
  education: {
    title: "Education",
    intro: "Schools, degrees and courses.",
    noun: "school",
    fields: [
      { key: "school", label: "School", wide: true },
      { key: "degree", label: "Degree (optional)" },
      { key: "field_of_study", label: "Field of study (optional)" },
      { key: "start_year", label: "Start year (optional)", kind: "year" },
      { key: "end_year", label: "End year (optional)", kind: "year" },
    ],
  },
  certifications: {
    title: "Certifications",
    intro: "Certificates and licences.",
    noun: "certification",
    fields: [
      { key: "name", label: "Certification", wide: true },
      { key: "issuer", label: "Issuer (optional)" },
      { key: "issued_on", label: "Issued on (optional)", kind: "date" },
      { key: "url", label: "Link (optional)", kind: "url", placeholder: "https://", wide: true },
    ],
  },
  languages: {
    title: "Languages",
    intro: "The languages you work in, and how well.",
    noun: "language",
    fields: [
      { key: "language", label: "Language", placeholder: "e.g. English" },
      { key: "level", label: "Level", kind: "level" },
    ],
  },
};

/** The message at a dotted path of react-hook-form's error tree. */
function errorAt(errors: FieldErrors<ProfileFormValues>, path: string): string | undefined {
  let node: unknown = errors;
  for (const part of path.split(".")) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  if (typeof node === "object" && node !== null && "message" in node && typeof node.message === "string") return node.message;
  return undefined;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function Section({ title, intro, children }: { title: string; intro?: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="card form-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {intro && <p className="muted small form-section__intro">{intro}</p>}
      <div className="form">{children}</div>
    </section>
  );
}

function ListSection({
  name,
  control,
  register,
  errors,
}: {
  name: ListName;
  control: ReturnType<typeof useForm<ProfileFormValues, unknown, ProfileFormData>>["control"];
  register: UseFormRegister<ProfileFormValues>;
  errors: FieldErrors<ProfileFormValues>;
}) {
  const spec = listSpecs[name];
  const list = useFieldArray({ control, name });
  const max = LIST_MAX[name];
  const noun = spec.noun;
  return (
    <Section title={spec.title} intro={spec.intro}>
      {list.fields.length === 0 ? (
        <p className="muted small profile-list__empty">No {noun === "position" ? "positions" : `${noun}s`} added yet.</p>
      ) : (
        <ol className="profile-list" aria-label={spec.title}>
          {list.fields.map((item, index) => (
            <li key={item.id} className="profile-list__item">
              <fieldset className="profile-list__fieldset">
                <legend className="profile-list__legend">
                  {capitalise(noun)} {index + 1}
                </legend>
                <div className="profile-list__grid">
                  {spec.fields.map((f) => {
                    const path = `${name}.${index}.${f.key}`;
                    // The paths are built from the list specs above, which mirror the schema.
                    const registration = register(path as Path<ProfileFormValues>);
                    return (
                      <div key={f.key} className={f.wide || f.kind === "textarea" ? "profile-list__wide" : undefined}>
                        <Field label={f.label} error={errorAt(errors, path)}>
                          {({ id, describedBy, invalid }) =>
                            f.kind === "textarea" ? (
                              <textarea
                                id={id}
                                className="input textarea textarea--short"
                                rows={3}
                                aria-invalid={invalid}
                                aria-describedby={describedBy}
                                {...registration}
                              />
                            ) : f.kind === "level" ? (
                              <select id={id} className="select" aria-invalid={invalid} aria-describedby={describedBy} {...registration}>
                                {Object.entries(languageLevelLabels).map(([value, text]) => (
                                  <option key={value} value={value}>
                                    {text}
                                  </option>
                                ))}
                              </select>
                            ) : (
                              <input
                                id={id}
                                className="input"
                                type={f.kind === "url" ? "url" : f.kind === "date" ? "date" : "text"}
                                inputMode={f.kind === "year" ? "numeric" : undefined}
                                placeholder={f.placeholder ?? (f.kind === "year" ? "e.g. 2019" : undefined)}
                                aria-invalid={invalid}
                                aria-describedby={describedBy}
                                {...registration}
                              />
                            )
                          }
                        </Field>
                      </div>
                    );
                  })}
                </div>
                <div>
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    aria-label={`Remove ${noun} ${index + 1}`}
                    onClick={() => list.remove(index)}
                  >
                    Remove
                  </button>
                </div>
              </fieldset>
            </li>
          ))}
        </ol>
      )}
      <FieldErrorText id={`${name}-error`} error={errorAt(errors, name) ?? errorAt(errors, `${name}.root`)} />
      <div>
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={list.fields.length >= max}
          onClick={() => list.append({ ...emptyItems[name] })}
        >
          {list.fields.length >= max ? `${max} is the most` : `Add ${noun === "education" ? "" : "a "}${noun}`}
        </button>
      </div>
    </Section>
  );
}

/** Every field path the form has, nested ones first, so a server error finds its own field. */
function fieldPaths(values: ProfileFormValues): Path<ProfileFormValues>[] {
  const nested: string[] = [];
  for (const name of Object.keys(listSpecs) as ListName[]) {
    values[name].forEach((_, index) => {
      for (const f of listSpecs[name].fields) nested.push(`${name}.${index}.${f.key}`);
    });
  }
  return [...(nested as Path<ProfileFormValues>[]), ...profileFormFields];
}

function formMessage(error: unknown, fallback: string | null): string | null {
  if (error instanceof ApiError && error.code === "freelancer_role_required") {
    return "Only freelancer accounts have a freelancer profile.";
  }
  return fallback;
}

interface ProfileFormProps {
  defaultValues: ProfileFormValues;
  /**
   * Send the data; resolve with the values the server kept (the form shows them), or
   * throw the API's error to have it shown on the form.
   */
  onSubmit: (data: ProfileFormData) => Promise<ProfileFormValues | undefined>;
  /** A status shown beside the save button (e.g. "Saved."). */
  status?: string | null;
}

export function ProfileForm({ defaultValues, onSubmit, status }: ProfileFormProps) {
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    getValues,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<ProfileFormValues, unknown, ProfileFormData>({
    resolver: zodResolver(profileFormSchema),
    defaultValues,
  });
  const [title, overview] = useWatch({ control, name: ["title", "overview"] });

  const submit = handleSubmit(async (data) => {
    setFormError(null);
    try {
      const kept = await onSubmit(data);
      if (kept) reset(kept);
    } catch (error) {
      setFormError(formMessage(error, applyApiErrors(error, fieldPaths(getValues()), setError)));
    }
  });

  return (
    <form className="job-form profile-form" onSubmit={submit} noValidate aria-label="Freelancer profile">
      <div className="form-live" aria-live="polite">
        {formError && (
          <Alert tone="error" live={false} title="The profile was not saved">
            <p>{formError}</p>
          </Alert>
        )}
      </div>

      <Section title="The basics" intro="What clients see first.">
        <Field
          label="Professional title"
          error={errors.title?.message}
          hint={`${charCount(title.trim())} / ${TITLE_MAX} characters.`}
        >
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              className="input"
              placeholder="e.g. Full-stack developer for booking and payments"
              aria-invalid={invalid}
              aria-describedby={describedBy}
              {...register("title")}
            />
          )}
        </Field>
        <Field
          label="Overview"
          error={errors.overview?.message}
          hint={`${charCount(overview.trim()).toLocaleString("en-US")} / ${OVERVIEW_MAX.toLocaleString("en-US")} characters. Plain text; blank lines start a new paragraph.`}
        >
          {({ id, describedBy, invalid }) => (
            <textarea
              id={id}
              className="input textarea"
              rows={8}
              placeholder="What you do best, who you have done it for, and how you work."
              aria-invalid={invalid}
              aria-describedby={describedBy}
              {...register("overview")}
            />
          )}
        </Field>
        <div className="form-row">
          <Field label="Hourly rate (USD)" error={errors.hourly_rate?.message} hint="At least $3.00 an hour.">
            {({ id, describedBy, invalid }) => (
              <div className="amount">
                <span className="amount__unit" aria-hidden="true">
                  $
                </span>
                <input
                  id={id}
                  className="input"
                  inputMode="decimal"
                  autoComplete="off"
                  placeholder="45.00"
                  aria-invalid={invalid}
                  aria-describedby={describedBy}
                  {...register("hourly_rate")}
                />
                <span className="amount__suffix" aria-hidden="true">
                  /hr
                </span>
              </div>
            )}
          </Field>
          <Field label="Availability" error={errors.availability?.message}>
            {({ id, describedBy, invalid }) => (
              <select id={id} className="select" aria-invalid={invalid} aria-describedby={describedBy} {...register("availability")}>
                {Object.entries(availabilityLabels).map(([value, text]) => (
                  <option key={value} value={value}>
                    {text}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Controller
          control={control}
          name="skill_ids"
          render={({ field }) => (
            <Field
              label="Skills"
              error={errors.skill_ids?.message ?? errors.skill_ids?.root?.message}
              hint={`Choose 1 to ${SKILLS_MAX} skills (${field.value.length} chosen). Type to search; use the arrow keys and Enter to pick.`}
            >
              {({ id, describedBy, invalid }) => (
                <SkillsPicker
                  id={id}
                  fieldRef={field.ref}
                  value={field.value}
                  onChange={field.onChange}
                  onBlur={field.onBlur}
                  describedBy={describedBy}
                  invalid={invalid}
                />
              )}
            </Field>
          )}
        />
      </Section>

      {(Object.keys(listSpecs) as ListName[]).map((name) => (
        <ListSection key={name} name={name} control={control} register={register} errors={errors} />
      ))}

      <div className="form-actions job-form__actions">
        <button type="submit" className="button" disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : "Save profile"}
        </button>
        <p className="profile-form__saved" role="status">
          {status}
        </p>
      </div>
    </form>
  );
}
