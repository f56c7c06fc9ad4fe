// Feedback on an ended contract: the form (public rating and comment, private score),
// then yours and the double-blind wait, then both once revealed.
import { useEffect, useId, useRef, useState } from "react";
import { Controller, useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchContractFeedback, leaveFeedback } from "../../api/feedback";
import { ApiError, errorMessage, problemToFormErrors } from "../../api/problem";
import type { Contract, ContractFeedback, FeedbackEntry } from "../../api/types";
import { Alert } from "../../components/feedback";
import { FieldErrorText } from "../../components/fields";
import { PlainText } from "../../components/PlainText";
import { StarInput, Stars } from "../../components/Stars";
import {
  COMMENT_MAX,
  feedbackFormFields,
  feedbackFormSchema,
  feedbackStage,
  noTheirsText,
  PRIVATE_SCORES,
  privateScoreEnds,
  ratingWords,
  theirsWrittenText,
  toLeaveFeedback,
  waitingText,
  type FeedbackFormValues,
} from "../../lib/feedback";
import { formatDate, formatDateTime } from "../../lib/format";
import type { Viewer } from "../../lib/delivery";
import { applyApiErrors } from "../../lib/formErrors";
import { CharCounter } from "../hiring/CharCounter";
import "./feedback.css";

export const feedbackKey = (contractId: string) => ["contract-feedback", contractId] as const;

/** Words for the 409s of POST /contracts/{id}/feedback. */
function feedbackErrorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    switch (error.code) {
      case "feedback_already_given":
        return "You have already left feedback on this contract. It is shown now.";
      case "feedback_window_closed":
        return "The 14 days for feedback on this contract are over, so it can no longer be left.";
      case "contract_not_ended":
        return "Feedback can be left once the contract has ended.";
      default:
        break;
    }
  }
  return errorMessage(error);
}

function Entry({ entry, title, own, timeZone }: { entry: FeedbackEntry; title: string; own: boolean; timeZone: string | undefined }) {
  return (
    <article className="feedback-entry" aria-label={title} data-testid={own ? "feedback-mine" : "feedback-theirs"}>
      <h3 className="feedback-entry__title">{title}</h3>
      <p className="feedback-entry__rating">
        <Stars rating={entry.rating} />{" "}
        <span data-testid="feedback-rating">
          {entry.rating} / 5 · {ratingWords[entry.rating] ?? ""}
        </span>
      </p>
      <div className="feedback-entry__comment" data-testid="feedback-comment">
        <PlainText text={entry.comment} />
      </div>
      <p className="muted small">
        Written <time dateTime={entry.created_at}>{formatDate(entry.created_at, timeZone)}</time>
      </p>
      {own && entry.private_score != null && (
        <p className="muted small" data-testid="feedback-private-score">
          Your private score: {entry.private_score} / 10 (only Worklane sees it).
        </p>
      )}
    </article>
  );
}

function FeedbackForm({
  contract,
  otherName,
  onSaved,
}: {
  contract: Contract;
  otherName: string;
  onSaved: (result: ContractFeedback) => void;
}) {
  const id = useId();
  const [formError, setFormError] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const {
    register,
    handleSubmit,
    control,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<FeedbackFormValues>({
    resolver: zodResolver(feedbackFormSchema),
    defaultValues: { rating: "", comment: "", private_score: "" },
    shouldFocusError: false,
  });
  // The first field in error takes the focus (the first star or score of a radio group).
  const focusFirst = (form: EventTarget | null | undefined, fields: Partial<Record<(typeof feedbackFormFields)[number], unknown>>) => {
    const first = feedbackFormFields.find((f) => fields[f]);
    if (!first || !(form instanceof HTMLFormElement)) return;
    const name = first === "rating" ? `${id}-rating` : first;
    window.setTimeout(() => form.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"]`)?.focus(), 0);
  };
  const comment = useWatch({ control, name: "comment" });

  const onSubmit = handleSubmit(async (values, event) => {
    setFormError(null);
    try {
      onSaved(await leaveFeedback(contract.id, toLeaveFeedback(values)));
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 422) {
        setFormError(applyApiErrors(failure, feedbackFormFields, setError));
        const { fields } = problemToFormErrors(failure, feedbackFormFields);
        focusFirst((event as { target?: EventTarget } | undefined)?.target, fields);
      } else {
        setFormError(feedbackErrorMessage(failure));
        if (failure instanceof ApiError && failure.status === 409) void queryClient.invalidateQueries({ queryKey: feedbackKey(contract.id) });
      }
    }
  }, (invalid, event) => focusFirst((event as { target?: EventTarget } | undefined)?.target, invalid));

  const ratingHint = `${id}-rating-hint`;
  const ratingError = `${id}-rating-error`;
  const commentId = `${id}-comment`;
  const scoreHint = `${id}-score-hint`;
  const scoreError = `${id}-score-error`;
  const described = (hint: string, error: string, invalid: boolean) => (invalid ? `${hint} ${error}` : hint);

  return (
    <form className="feedback-form" onSubmit={onSubmit} noValidate aria-label="Your feedback">
      <fieldset className="field">
        <legend>Rating (public)</legend>
        <p className="field__hint" id={ratingHint}>
          How was working with {otherName}? Shown to them and on their profile.
        </p>
        <Controller
          control={control}
          name="rating"
          render={({ field }) => (
            <StarInput
              name={`${id}-rating`}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              inputRef={field.ref}
              invalid={Boolean(errors.rating)}
              describedBy={described(ratingHint, ratingError, Boolean(errors.rating))}
            />
          )}
        />
        <FieldErrorText id={ratingError} error={errors.rating?.message} />
      </fieldset>

      <div className="field">
        <label htmlFor={commentId}>Comment (public)</label>
        <textarea
          id={commentId}
          className="input textarea textarea--answer"
          rows={5}
          aria-invalid={errors.comment ? true : undefined}
          aria-describedby={`${commentId}-hint${errors.comment ? ` ${commentId}-error` : ""}`}
          {...register("comment")}
        />
        <p className="field__hint" id={`${commentId}-hint`}>
          What went well, and what could have gone better. Shown to {otherName} and on their profile (for contracts that paid at
          least $1.00). <CharCounter value={comment} min={1} max={COMMENT_MAX} />
        </p>
        <FieldErrorText id={`${commentId}-error`} error={errors.comment?.message} />
      </div>

      <fieldset className="field">
        <legend>How likely are you to recommend {otherName} to a friend or colleague? (private)</legend>
        <p className="field__hint" id={scoreHint}>
          0 is {privateScoreEnds[0].toLowerCase()}, 10 is {privateScoreEnds[10].toLowerCase()}. Only Worklane sees this score: it is
          never shown to {otherName} or anyone else.
        </p>
        <div className="score-scale">
          {PRIVATE_SCORES.map((n) => (
            <label key={n} className="score-scale__choice">
              <input
                type="radio"
                value={String(n)}
                aria-invalid={errors.private_score ? true : undefined}
                aria-describedby={described(scoreHint, scoreError, Boolean(errors.private_score))}
                {...register("private_score")}
              />
              <span aria-hidden="true">{n}</span>
              <span className="visually-hidden">{n === 0 || n === 10 ? `${n}: ${privateScoreEnds[n]}` : String(n)}</span>
            </label>
          ))}
        </div>
        <div className="score-scale__ends" aria-hidden="true">
          <span>{privateScoreEnds[0]}</span>
          <span>{privateScoreEnds[10]}</span>
        </div>
        <FieldErrorText id={scoreError} error={errors.private_score?.message} />
      </fieldset>

      {formError && (
        <p className="field__error" role="alert">
          {formError}
        </p>
      )}
      <div className="panel__actions">
        <button type="submit" className="button" disabled={isSubmitting}>
          {isSubmitting ? "Sending…" : "Leave feedback"}
        </button>
      </div>
    </form>
  );
}

/** The feedback card of an ended contract (nothing while it runs). */
export function FeedbackSection({ contract, viewer, timeZone }: { contract: Contract; viewer: Viewer; timeZone: string | undefined }) {
  const queryClient = useQueryClient();
  const feedback = useQuery({
    queryKey: feedbackKey(contract.id),
    queryFn: ({ signal }) => fetchContractFeedback(contract.id, signal),
    enabled: contract.status === "ended",
  });
  const statusRef = useRef<HTMLDivElement>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (saved) statusRef.current?.focus();
  }, [saved]);

  if (contract.status !== "ended") return null;
  const other = viewer === "client" ? contract.freelancer : contract.client;
  const titleId = `feedback-title-${contract.id}`;

  const onSaved = (result: ContractFeedback) => {
    queryClient.setQueryData(feedbackKey(contract.id), result);
    // The reveal may have put reviews on both profiles.
    void queryClient.invalidateQueries({ queryKey: ["reviews"] });
    void queryClient.invalidateQueries({ queryKey: ["freelancer"] });
    void queryClient.invalidateQueries({ queryKey: ["client"] });
    setSaved(true);
  };

  let body;
  if (feedback.isPending) {
    body = (
      <p className="muted small" role="status">
        Loading the feedback…
      </p>
    );
  } else if (feedback.isError) {
    body = (
      <Alert tone="error" title="We could not load the feedback">
        <p>{errorMessage(feedback.error)}</p>
        <button type="button" className="button button--secondary button--small" onClick={() => void feedback.refetch()}>
          Try again
        </button>
      </Alert>
    );
  } else {
    const stage = feedbackStage(feedback.data);
    const on = (iso: string) => formatDateTime(iso, timeZone);
    switch (stage.kind) {
      case "running":
        body = <p className="muted">Feedback can be left once the contract has ended.</p>;
        break;
      case "form":
        body = (
          <>
            <p className="muted small">
              You have until <time dateTime={stage.closesAt}>{on(stage.closesAt)}</time>. Feedback is double-blind: neither of you sees
              the other’s until both have written or the 14 days are over.
            </p>
            {stage.theirsWritten && (
              <p className="feedback-note" data-testid="feedback-theirs-written">
                {theirsWrittenText(other.full_name, on(stage.closesAt))}
              </p>
            )}
            <FeedbackForm contract={contract} otherName={other.full_name} onSaved={onSaved} />
          </>
        );
        break;
      case "waiting":
        body = (
          <>
            <p className="feedback-note" data-testid="feedback-waiting">
              {waitingText(other.full_name, on(stage.closesAt))}
            </p>
            <Entry entry={stage.mine} title="Your feedback" own timeZone={timeZone} />
          </>
        );
        break;
      case "revealed":
        body = (
          <>
            {stage.theirs ? (
              <Entry entry={stage.theirs} title={`${other.full_name}’s feedback`} own={false} timeZone={timeZone} />
            ) : (
              <p className="muted">{noTheirsText(other.full_name)}</p>
            )}
            {stage.mine ? (
              <Entry entry={stage.mine} title="Your feedback" own timeZone={timeZone} />
            ) : (
              <p className="muted">You did not leave feedback before the window closed.</p>
            )}
          </>
        );
        break;
      case "closed":
        body = (
          <p className="muted" data-testid="feedback-closed">
            {stage.closesAt ? (
              <>
                The feedback window closed on <time dateTime={stage.closesAt}>{on(stage.closesAt)}</time>, and no feedback was left on
                this contract.
              </>
            ) : (
              "Feedback can no longer be left on this contract."
            )}
          </p>
        );
        break;
    }
  }

  return (
    <section className="card feedback" aria-labelledby={titleId} data-testid="feedback-section">
      <h2 id={titleId}>Feedback</h2>
      <div ref={statusRef} tabIndex={-1} className="feedback__status" role="status" aria-live="polite">
        {saved && <p className="feedback-saved">Thank you: your feedback is saved.</p>}
      </div>
      {body}
    </section>
  );
}
