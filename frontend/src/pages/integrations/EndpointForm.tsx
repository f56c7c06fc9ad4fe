import { useEffect, useId, useRef, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { z } from "zod";
import { createWebhook, type CreatedWebhook } from "../../api/webhooks";
import { Alert, Loading } from "../../components/feedback";
import { Field, FieldErrorText } from "../../components/fields";
import { groupEventTypes, urlProblem, webhookErrors } from "../../lib/webhooks";
import { LoadError } from "../hiring/parts";
import { useEventTypes } from "./useEventTypes";

const endpointSchema = z.object({
  url: z.string().superRefine((value, ctx) => {
    const problem = urlProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }),
  description: z.string().trim().max(200, { error: "Use at most 200 characters." }),
  events: z.array(z.string(), { error: "Choose at least one event." }).min(1, { error: "Choose at least one event." }),
});
type EndpointValues = z.input<typeof endpointSchema>;
type EndpointData = z.output<typeof endpointSchema>;

function EventsFieldset({
  types,
  chosen,
  error,
  register,
  onChooseAll,
}: {
  types: readonly string[];
  chosen: readonly string[];
  error: string | undefined;
  register: ReturnType<typeof useForm<EndpointValues, unknown, EndpointData>>["register"];
  onChooseAll: (all: boolean) => void;
}) {
  const errorId = useId();
  const allRef = useRef<HTMLInputElement>(null);
  const all = types.length > 0 && types.every((t) => chosen.includes(t));
  const some = !all && chosen.length > 0;
  useEffect(() => {
    if (allRef.current) allRef.current.indeterminate = some;
  }, [some]);
  return (
    <fieldset className="field webhook-events" aria-describedby={error ? errorId : undefined}>
      <legend>Events to send</legend>
      <label className="webhook-events__all">
        <input ref={allRef} type="checkbox" checked={all} onChange={(event) => onChooseAll(event.target.checked)} />
        <span>
          All events <span className="muted small">({chosen.length} of {types.length} chosen)</span>
        </span>
      </label>
      {groupEventTypes(types).map((group) => (
        <fieldset key={group.key} className="webhook-events__group">
          <legend>{group.title}</legend>
          <div className="choice-group">
            {group.types.map((t) => (
              <label key={t.type} className="choice">
                <input type="checkbox" value={t.type} {...register("events")} />
                <span>
                  <span className="choice__title">{t.label}</span>
                  <code className="choice__desc webhook-events__type">{t.type}</code>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <FieldErrorText id={errorId} error={error} />
    </fieldset>
  );
}

/** Registers a webhook endpoint; hands the answer (with its secret, shown once) on. */
export function EndpointForm({ onCreated, onCancel }: { onCreated: (webhook: CreatedWebhook) => void; onCancel: () => void }) {
  const eventTypes = useEventTypes();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    control,
    setFocus,
    formState: { errors, isSubmitting, isSubmitted },
  } = useForm<EndpointValues, unknown, EndpointData>({
    resolver: zodResolver(endpointSchema),
    defaultValues: { url: "", description: "", events: [] },
  });
  useEffect(() => {
    setFocus("url");
  }, [setFocus]);
  const chosen = useWatch({ control, name: "events" });

  const onSubmit = handleSubmit(async ({ url, description, events }) => {
    setFormError(null);
    try {
      const created = await createWebhook({ url: url.trim(), events, ...(description ? { description } : {}) });
      onCreated(created);
    } catch (error) {
      const found = webhookErrors(error);
      let first = true;
      for (const field of ["url", "description", "events"] as const) {
        const message = found[field];
        if (message === undefined) continue;
        setError(field, { type: "server", message }, { shouldFocus: first });
        first = false;
      }
      setFormError(found.form);
    }
  });

  return (
    <form className="form webhook-form" onSubmit={onSubmit} noValidate aria-labelledby="new-endpoint-title">
      <h3 id="new-endpoint-title">Add an endpoint</h3>
      <div className="form-live" aria-live="assertive">
        {formError && (
          <Alert tone="error" live={false}>
            <p>{formError}</p>
          </Alert>
        )}
      </div>
      <Field
        label="Endpoint URL"
        error={errors.url?.message}
        hint="An https:// address on the public internet that answers POST requests, like https://example.com/worklane/webhooks."
      >
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            className="input"
            type="url"
            inputMode="url"
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            maxLength={2000}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            {...register("url")}
          />
        )}
      </Field>
      <Field label="Description (optional)" error={errors.description?.message} hint="What it is for, like “Accounting sync”.">
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            className="input"
            autoComplete="off"
            maxLength={200}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            {...register("description")}
          />
        )}
      </Field>
      {eventTypes.isPending ? (
        <Loading label="Loading the event types…" />
      ) : eventTypes.isError ? (
        <LoadError title="The event types could not be loaded" error={eventTypes.error} onRetry={() => void eventTypes.refetch()} />
      ) : (
        <EventsFieldset
          types={eventTypes.data}
          chosen={chosen}
          error={errors.events?.message}
          register={register}
          onChooseAll={(all) => setValue("events", all ? [...eventTypes.data] : [], { shouldValidate: isSubmitted })}
        />
      )}
      <div className="form-actions">
        <button type="submit" className="button" disabled={isSubmitting || !eventTypes.isSuccess}>
          {isSubmitting ? "Adding…" : "Add endpoint"}
        </button>
        <button type="button" className="button button--secondary" disabled={isSubmitting} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
