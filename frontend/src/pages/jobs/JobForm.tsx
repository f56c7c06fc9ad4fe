import { useId, useState, type ReactNode } from "react";
import { Controller, useFieldArray, useForm, useWatch, type UseFormRegisterReturn } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { ApiError } from "../../api/problem";
import { Alert } from "../../components/feedback";
import { Field, FieldErrorText } from "../../components/fields";
import { applyApiErrors } from "../../lib/formErrors";
import { useCategories } from "../../lib/queries";
import {
  experienceHints,
  experienceLabels,
  hoursPerWeekLabels,
  projectLengthLabels,
  visibilityHints,
  visibilityLabels,
} from "../../lib/jobs";
import { ConnectsPreview } from "./ConnectsPreview";
import {
  charCount,
  DESCRIPTION_MAX,
  DESCRIPTION_MIN,
  jobFormFields,
  jobFormSchema,
  QUESTIONS_MAX,
  SKILLS_MAX,
  TITLE_MAX,
  TITLE_MIN,
  type JobFormData,
  type JobFormValues,
} from "./jobSchema";
import { SkillsPicker } from "./SkillsPicker";

export type SubmitIntent = "publish" | "draft" | "save";

interface JobFormProps {
  defaultValues: JobFormValues;
  /** Buttons to show: a new job can be posted or saved as a draft; an existing one saved. */
  mode: "create" | "edit";
  /** Send the data; throw the API's error to have it shown on the form. */
  onSubmit: (data: JobFormData, intent: SubmitIntent) => Promise<void>;
  /** Rendered beside the submit buttons (e.g. a link back). */
  secondaryAction?: ReactNode;
}

/** The server names a question's errors `screening_questions.N`; the form field is `.N.text`. */
function withQuestionFields(error: unknown): unknown {
  if (!(error instanceof ApiError) || !error.problem?.errors) return error;
  const errors = error.problem.errors.map((fe) => {
    const match = /^screening_questions[.[](\d+)\]?$/.exec(fe.field);
    return match ? { ...fe, field: `screening_questions.${match[1] ?? "0"}.text` } : fe;
  });
  return new ApiError(error.status, { ...error.problem, errors }, error.retryAfter);
}

/** Form-level wording for the refusals that no field can fix. */
function formMessage(error: unknown, fallback: string | null): string | null {
  if (error instanceof ApiError) {
    if (error.code === "email_unverified") return "Verify your email address before posting jobs. The link is in your inbox.";
    if (error.code === "client_role_required") return "Only client accounts can post jobs.";
    if (error.code === "job_not_editable") return "This job can no longer be edited: it is not a draft or open any more.";
  }
  return fallback;
}

function Counter({ value, min, max }: { value: string; min: number; max: number }) {
  const count = charCount(value.trim());
  const state = count > max ? "over" : count < min ? "under" : "ok";
  return (
    <span className="counter" data-state={state}>
      {count.toLocaleString("en-US")} / {max.toLocaleString("en-US")} characters
      {state === "under" && ` (at least ${min})`}.
    </span>
  );
}

interface ChoiceOption {
  value: string;
  title: string;
  description?: string;
}

/** A radio group with a legend and an error the radios point to. */
function ChoiceGroup({
  legend,
  options,
  registration,
  error,
  columns = 2,
}: {
  legend: string;
  options: ChoiceOption[];
  registration: UseFormRegisterReturn;
  error?: string | undefined;
  columns?: 2 | 3;
}) {
  const errorId = useId();
  return (
    <fieldset className="field">
      <legend>{legend}</legend>
      <div className={`choice-group choice-group--${columns}`}>
        {options.map((option) => (
          <label key={option.value} className="choice">
            <input
              type="radio"
              value={option.value}
              aria-describedby={error ? errorId : undefined}
              aria-invalid={error ? true : undefined}
              {...registration}
            />
            <span>
              <span className="choice__title">{option.title}</span>
              {option.description && <span className="choice__desc">{option.description}</span>}
            </span>
          </label>
        ))}
      </div>
      <FieldErrorText id={errorId} error={error} />
    </fieldset>
  );
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

function entries<K extends string>(labels: Record<K, string>, hints?: Record<K, string>): ChoiceOption[] {
  return (Object.keys(labels) as K[]).map((value) => ({
    value,
    title: labels[value],
    ...(hints ? { description: hints[value] } : {}),
  }));
}

export function JobForm({ defaultValues, mode, onSubmit, secondaryAction }: JobFormProps) {
  const [formError, setFormError] = useState<string | null>(null);
  const [intent, setIntent] = useState<SubmitIntent | null>(null);
  const categories = useCategories();

  const {
    register,
    control,
    handleSubmit,
    setError,
    clearErrors,
    formState: { errors, isSubmitting },
  } = useForm<JobFormValues, unknown, JobFormData>({
    resolver: zodResolver(jobFormSchema),
    defaultValues,
  });
  const questions = useFieldArray({ control, name: "screening_questions" });
  const [title, description, jobType, budget, hourlyMin, hourlyMax, projectLength, hoursPerWeek] =
    useWatch({
      control,
      name: ["title", "description", "job_type", "budget", "hourly_min", "hourly_max", "project_length", "hours_per_week"],
    });

  const submit = (which: SubmitIntent) =>
    handleSubmit(async (data) => {
      setFormError(null);
      setIntent(which);
      try {
        await onSubmit(data, which);
      } catch (error) {
        setFormError(formMessage(error, applyApiErrors(withQuestionFields(error), jobFormFields, setError)));
      } finally {
        setIntent(null);
      }
    });

  const payError = (name: "budget" | "hourly_min" | "hourly_max") => errors[name]?.message;
  const busy = isSubmitting;

  return (
    <form className="job-form" onSubmit={submit(mode === "create" ? "publish" : "save")} noValidate>
      <div className="form-live" aria-live="polite">
        {formError && (
          <Alert tone="error" live={false} title={mode === "create" ? "The job was not posted" : "The changes were not saved"}>
            <p>{formError}</p>
          </Alert>
        )}
      </div>

      <Section title="Title and description" intro="A clear title and a full description bring better proposals.">
        <Field
          label="Job title"
          error={errors.title?.message}
          hint={<Counter value={title} min={TITLE_MIN} max={TITLE_MAX} />}
        >
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              className="input"
              maxLength={TITLE_MAX + 20}
              placeholder="e.g. Build a booking page for a small dental clinic"
              aria-invalid={invalid}
              aria-describedby={describedBy}
              {...register("title")}
            />
          )}
        </Field>
        <Field
          label="Description"
          error={errors.description?.message}
          hint={
            <>
              <Counter value={description} min={DESCRIPTION_MIN} max={DESCRIPTION_MAX} />
              <span className="counter__note"> Plain text. Blank lines start a new paragraph.</span>
            </>
          }
        >
          {({ id, describedBy, invalid }) => (
            <textarea
              id={id}
              className="input textarea"
              rows={9}
              placeholder="What needs doing, what you already have, and what a great result looks like."
              aria-invalid={invalid}
              aria-describedby={describedBy}
              {...register("description")}
            />
          )}
        </Field>
      </Section>

      <Section title="Category and skills">
        <Field
          label="Category"
          error={errors.category_id?.message ?? (categories.isError ? "The categories could not be loaded. Reload the page to try again." : undefined)}
        >
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              className="select"
              aria-invalid={invalid}
              aria-describedby={describedBy}
              disabled={categories.isPending}
              {...register("category_id")}
            >
              <option value="">{categories.isPending ? "Loading categories…" : "Choose a category"}</option>
              {categories.data?.map((category) => (
                <optgroup key={category.id} label={category.name}>
                  <option value={category.id}>{category.name} (any)</option>
                  {category.subcategories.map((sub) => (
                    <option key={sub.id} value={sub.id}>
                      {sub.name}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          )}
        </Field>
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

      <Section title="Pay">
        <ChoiceGroup
          legend="How will you pay?"
          options={[
            { value: "fixed", title: "Fixed price", description: "One price for the whole project, paid by milestones." },
            { value: "hourly", title: "Hourly", description: "Pay for the hours worked, within a rate range." },
          ]}
          registration={register("job_type", {
            onChange: () => clearErrors(["budget", "hourly_min", "hourly_max"]),
          })}
          error={errors.job_type?.message}
        />
        {jobType === "fixed" ? (
          <Field label="Budget (USD)" error={payError("budget")} hint="The total you will pay, at least $5.00.">
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
                  placeholder="750.00"
                  aria-invalid={invalid}
                  aria-describedby={describedBy}
                  {...register("budget")}
                />
              </div>
            )}
          </Field>
        ) : (
          <div className="form-row">
            <Field label="Lowest hourly rate (USD)" error={payError("hourly_min")} hint="At least $3.00 an hour.">
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
                    placeholder="25.00"
                    aria-invalid={invalid}
                    aria-describedby={describedBy}
                    {...register("hourly_min")}
                  />
                  <span className="amount__suffix" aria-hidden="true">
                    /hr
                  </span>
                </div>
              )}
            </Field>
            <Field label="Highest hourly rate (USD)" error={payError("hourly_max")} hint="Not below the lowest rate.">
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
                    {...register("hourly_max")}
                  />
                  <span className="amount__suffix" aria-hidden="true">
                    /hr
                  </span>
                </div>
              )}
            </Field>
          </div>
        )}
        <ConnectsPreview
          values={{
            job_type: jobType,
            budget,
            hourly_min: hourlyMin,
            hourly_max: hourlyMax,
            project_length: projectLength,
            hours_per_week: hoursPerWeek,
          }}
        />
      </Section>

      <Section title="Scope">
        <ChoiceGroup
          legend="Experience level"
          columns={3}
          options={entries(experienceLabels, experienceHints)}
          registration={register("experience_level")}
          error={errors.experience_level?.message}
        />
        <div className="form-row">
          <Field label="Project length" error={errors.project_length?.message}>
            {({ id, describedBy, invalid }) => (
              <select id={id} className="select" aria-invalid={invalid} aria-describedby={describedBy} {...register("project_length")}>
                {entries(projectLengthLabels).map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.title}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Hours per week" error={errors.hours_per_week?.message}>
            {({ id, describedBy, invalid }) => (
              <select id={id} className="select" aria-invalid={invalid} aria-describedby={describedBy} {...register("hours_per_week")}>
                {entries(hoursPerWeekLabels).map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.title}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      </Section>

      <Section title="Visibility and screening">
        <ChoiceGroup
          legend="Who can see this job?"
          options={entries(visibilityLabels, visibilityHints)}
          registration={register("visibility")}
          error={errors.visibility?.message}
        />
        <fieldset className="field questions">
          <legend>Screening questions (optional)</legend>
          <p className="field__hint">Freelancers answer these with their proposal. Up to {QUESTIONS_MAX}.</p>
          {questions.fields.length > 0 && (
            <ol className="questions__list">
              {questions.fields.map((question, index) => (
                <li key={question.id} className="questions__item">
                  <Field label={`Question ${index + 1}`} error={errors.screening_questions?.[index]?.text?.message}>
                    {({ id, describedBy, invalid }) => (
                      <div className="questions__row">
                        <input
                          id={id}
                          className="input"
                          placeholder="e.g. Which similar projects have you delivered?"
                          aria-invalid={invalid}
                          aria-describedby={describedBy}
                          {...register(`screening_questions.${index}.text`)}
                        />
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          aria-label={`Remove question ${index + 1}`}
                          onClick={() => questions.remove(index)}
                        >
                          Remove
                        </button>
                      </div>
                    )}
                  </Field>
                </li>
              ))}
            </ol>
          )}
          <FieldErrorText id="screening-questions-error" error={errors.screening_questions?.message} />
          <div>
            <button
              type="button"
              className="button button--secondary button--small"
              disabled={questions.fields.length >= QUESTIONS_MAX}
              onClick={() => questions.append({ text: "" })}
            >
              {questions.fields.length >= QUESTIONS_MAX ? `${QUESTIONS_MAX} questions is the most` : "Add a question"}
            </button>
          </div>
        </fieldset>
      </Section>

      <div className="form-actions job-form__actions">
        {mode === "create" ? (
          <>
            <button type="submit" className="button" disabled={busy}>
              {intent === "publish" ? "Posting…" : "Post job"}
            </button>
            <button type="button" className="button button--secondary" disabled={busy} onClick={submit("draft")}>
              {intent === "draft" ? "Saving…" : "Save as draft"}
            </button>
          </>
        ) : (
          <button type="submit" className="button" disabled={busy}>
            {intent === "save" ? "Saving…" : "Save changes"}
          </button>
        )}
        {secondaryAction}
      </div>
    </form>
  );
}
