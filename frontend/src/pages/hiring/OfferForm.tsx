import { useId, useState, type ReactNode } from "react";
import { Link, useNavigate } from "react-router";
import { useFieldArray, useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useQueryClient } from "@tanstack/react-query";
import { createOffer, type Proposal } from "../../api/hiring";
import { ApiError } from "../../api/problem";
import type { PaymentMethod } from "../../api/types";
import { Alert } from "../../components/feedback";
import { Field, FieldErrorText } from "../../components/fields";
import { applyApiErrors } from "../../lib/formErrors";
import { countText, sumMilestones, walletShortfall } from "../../lib/hiring";
import { hiringKeys, useOfferChanged } from "../../lib/hiringQueries";
import { IdempotencyKeys, submitIdempotently } from "../../lib/idempotency";
import { jobTypeLabels } from "../../lib/jobs";
import { formatMoney, toCents } from "../../lib/money";
import { useFeePreview, useMoneyMoved, useWallet } from "../../lib/moneyQueries";
import { typedAmount } from "../money/amountSchema";
import { moneyErrorMessage } from "../money/moneyErrors";
import { AmountInput, cardName, Money, Quote, QuoteLine } from "../money/parts";
import {
  OFFER_MILESTONE_MIN_CENTS,
  OFFER_MILESTONES_MAX,
  offerDefaults,
  offerFormFields,
  offerSchema,
  toOfferRequest,
  WEEKLY_LIMIT_MAX,
  WEEKLY_LIMIT_MIN,
  type OfferFormValues,
} from "./offerSchema";

interface FormProblem {
  title: string;
  message: string;
  link?: { to: string; text: string };
}

const action = { noun: "offer", button: "Send offer" };

/** Words for the refusals no field can fix. */
function refusal(error: unknown, proposal: Proposal, paidByCard: boolean): FormProblem | null {
  if (!(error instanceof ApiError)) return null;
  switch (error.code) {
    case "card_declined":
      return {
        title: "The card was declined",
        message: "No offer was sent and nothing was charged. Choose another card, or add money to your wallet first.",
        link: { to: "/settings/payment-methods", text: "Manage your cards" },
      };
    case "insufficient_funds":
      return paidByCard
        ? {
            title: "The card does not have enough funds",
            message: "No offer was sent and nothing was charged. Choose another card, or add money to your wallet first.",
          }
        : {
            title: "Your wallet does not cover the first milestone",
            message: "No offer was sent. Choose a card to pay what the wallet does not cover, or add money to your wallet.",
            link: { to: "/wallet", text: "Add money to your wallet" },
          };
    case "offer_pending":
      return {
        title: "This proposal already has an offer waiting for an answer",
        message: `Wait for ${proposal.freelancer.full_name} to answer it, or withdraw it to send a new one.`,
        link: proposal.offer_id ? { to: `/offers/${proposal.offer_id}`, text: "See the offer" } : { to: "/offers?role=client", text: "Your offers" },
      };
    case "invalid_proposal_state":
      return {
        title: "This proposal can no longer get an offer",
        message: "It has been declined, withdrawn, or the freelancer was hired from it.",
        link: { to: `/proposals/${proposal.id}`, text: "See the proposal" },
      };
    default:
      return null;
  }
}

function Section({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  const id = useId();
  return (
    <section className="card form-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {intro && <p className="muted small form-section__intro">{intro}</p>}
      <div className="form">{children}</div>
    </section>
  );
}

/** What funding the first milestone costs now, and where the money comes from. */
function FundingQuote({ first, cardId, cards }: { first: string | null; cardId: string; cards: PaymentMethod[] }) {
  const fees = useFeePreview(first, "client");
  const wallet = useWallet();
  const total = fees.data?.total ?? null;
  const shortfall = total && wallet.data && !fees.updating ? walletShortfall(total, wallet.data.available) : null;
  const card = cards.find((c) => c.id === cardId) ?? null;
  if (first === null) {
    return <p className="muted small">Enter the first milestone’s amount to see what is funded now.</p>;
  }
  return (
    <>
      <Quote label="The first milestone is funded now" busy={fees.updating}>
        <QuoteLine term="First milestone">
          <Money amount={first} />
        </QuoteLine>
        <QuoteLine term={fees.data ? `Marketplace fee (${fees.data.fee_percent}%)` : "Marketplace fee"}>
          {fees.data ? <Money amount={fees.data.fee} /> : fees.isError ? "Not available now" : "…"}
        </QuoteLine>
        <QuoteLine term="Charged now" total>
          {total ? <Money amount={total} /> : fees.isError ? "Not available now" : "…"}
        </QuoteLine>
      </Quote>
      <p className="muted small quote__note" data-testid="funding-note">
        It is held in escrow until you approve the work; the other milestones are funded later, one at a time. Your
        wallet pays first
        {wallet.data ? <> ({formatMoney(wallet.data.available)} available)</> : null}
        {shortfall !== null && toCents(shortfall) !== 0
          ? card
            ? `; your ${cardName(card)} is charged the other ${formatMoney(shortfall)}.`
            : `; it is ${formatMoney(shortfall)} short, so choose a card below or add money to your wallet.`
          : "."}
      </p>
    </>
  );
}

/** The offer: contract type, title, message, and milestones (fixed) or rate and limit (hourly). */
export function OfferForm({ proposal, cards }: { proposal: Proposal; cards: PaymentMethod[] }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const offerChanged = useOfferChanged();
  const moneyMoved = useMoneyMoved();
  const formId = useId();
  const [keys] = useState(() => new IdempotencyKeys());
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    clearErrors,
    formState: { errors, isSubmitting },
  } = useForm<OfferFormValues>({
    resolver: zodResolver(offerSchema),
    defaultValues: offerDefaults(proposal),
  });
  const milestones = useFieldArray({ control, name: "milestones" });
  const [contractType, rows, rate, cardId] = useWatch({
    control,
    name: ["contract_type", "milestones", "hourly_rate", "payment_method_id"],
  });
  const fixed = contractType === "fixed";
  const { sum, unreadable } = sumMilestones(rows.map((r) => r.amount));
  const first = rows[0] ? typedAmount(rows[0].amount) : null;
  const rateAmount = fixed ? null : typedAmount(rate);
  const hourlyFees = useFeePreview(rateAmount, "client");
  const everything = useWatch({ control });
  const retrying = keys.isRetry(toOfferRequest({ ...offerDefaults(proposal), ...everything } as OfferFormValues, proposal.id));

  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    const body = toOfferRequest(values, proposal.id);
    try {
      const { result: offer, replayed } = await submitIdempotently(keys, body, (key) => createOffer(body, key));
      offerChanged(offer);
      moneyMoved();
      const firstFunded = offer.milestones.find((m) => m.position === Math.min(...offer.milestones.map((x) => x.position)));
      const flash = replayed
        ? "This offer had already been sent, so nothing was sent or charged twice."
        : firstFunded
          ? `Your offer was sent to ${offer.freelancer.full_name}. ${formatMoney(firstFunded.amount)} for the first milestone is in escrow.`
          : `Your offer was sent to ${offer.freelancer.full_name}.`;
      await navigate(`/offers/${offer.id}`, { state: { flash } });
    } catch (error) {
      const known = refusal(error, proposal, Boolean(values.payment_method_id));
      if (known) {
        setProblem(known);
        if (error instanceof ApiError && error.status === 409) {
          void queryClient.invalidateQueries({ queryKey: hiringKeys.proposal(proposal.id) });
        }
        return;
      }
      if (error instanceof ApiError && error.status === 422) {
        const message = applyApiErrors(error, offerFormFields, setError);
        if (message) setProblem({ title: "The offer was not sent", message });
        return;
      }
      setProblem({ title: "The offer was not sent", message: moneyErrorMessage(error, action) });
    }
  });

  const milestoneError = errors.milestones?.message ?? errors.milestones?.root?.message;
  const typeErrorId = `${formId}-type-error`;

  return (
    <form className="job-form" onSubmit={onSubmit} noValidate aria-label={`Offer to ${proposal.freelancer.full_name}`}>
      <div className="form-live" aria-live="polite">
        {problem && (
          <Alert tone="error" live={false} title={problem.title}>
            <p>{problem.message}</p>
            {problem.link && (
              <p>
                <Link to={problem.link.to}>{problem.link.text}</Link>
              </p>
            )}
          </Alert>
        )}
      </div>

      <Section title="The contract">
        <fieldset className="field">
          <legend>How will you pay?</legend>
          <div className="choice-group">
            {(["fixed", "hourly"] as const).map((type) => (
              <label key={type} className="choice">
                <input
                  type="radio"
                  value={type}
                  aria-describedby={errors.contract_type ? typeErrorId : undefined}
                  {...register("contract_type", { onChange: () => clearErrors() })}
                />
                <span>
                  <span className="choice__title">
                    {jobTypeLabels[type]}
                    {type === proposal.job.job_type ? " (the job’s type)" : ""}
                  </span>
                  <span className="choice__desc">
                    {type === "fixed" ? "Milestones, each funded into escrow before the work on it." : "Pay for the hours logged, up to a weekly limit."}
                  </span>
                </span>
              </label>
            ))}
          </div>
          <FieldErrorText id={typeErrorId} error={errors.contract_type?.message} />
        </fieldset>
        <Field label="Contract title" error={errors.title?.message} hint="Leave it empty to use the job’s title.">
          {({ id, describedBy, invalid }) => (
            <input id={id} className="input" aria-invalid={invalid} aria-describedby={describedBy} {...register("title")} />
          )}
        </Field>
        <Field label="Message to the freelancer (optional)" error={errors.message?.message}>
          {({ id, describedBy, invalid }) => (
            <textarea id={id} className="input textarea textarea--answer" rows={4} aria-invalid={invalid} aria-describedby={describedBy} {...register("message")} />
          )}
        </Field>
      </Section>

      {fixed ? (
        <Section
          title="Milestones"
          intro={`Up to ${OFFER_MILESTONES_MAX}, each at least ${formatMoney((OFFER_MILESTONE_MIN_CENTS / 100).toFixed(2))}. The first is funded when you send the offer.`}
        >
          <ol className="milestone-rows" aria-label="Milestones">
            {milestones.fields.map((row, index) => {
              const n = index + 1;
              const ids = {
                title: `${formId}-m-${row.id}-title`,
                amount: `${formId}-m-${row.id}-amount`,
                due: `${formId}-m-${row.id}-due`,
              };
              const e = errors.milestones?.[index];
              return (
                <li key={row.id} className="milestone-row">
                  <div className="field milestone-row__title">
                    <label htmlFor={ids.title}>
                      Milestone {n}
                      <span className="visually-hidden"> name</span>
                    </label>
                    <input
                      id={ids.title}
                      className="input"
                      aria-invalid={e?.title ? true : undefined}
                      aria-describedby={e?.title ? `${ids.title}-error` : undefined}
                      {...register(`milestones.${index}.title`)}
                    />
                    <FieldErrorText id={`${ids.title}-error`} error={e?.title?.message} />
                  </div>
                  <div className="field milestone-row__amount">
                    <label htmlFor={ids.amount}>
                      Amount<span className="visually-hidden"> of milestone {n}</span>
                    </label>
                    <AmountInput
                      id={ids.amount}
                      placeholder="250.00"
                      aria-invalid={e?.amount ? true : undefined}
                      aria-describedby={e?.amount ? `${ids.amount}-error` : undefined}
                      {...register(`milestones.${index}.amount`)}
                    />
                    <FieldErrorText id={`${ids.amount}-error`} error={e?.amount?.message} />
                  </div>
                  <div className="field milestone-row__due">
                    <label htmlFor={ids.due}>
                      Due date<span className="visually-hidden"> of milestone {n}</span> (optional)
                    </label>
                    <input
                      id={ids.due}
                      type="date"
                      className="input"
                      aria-invalid={e?.due_date ? true : undefined}
                      aria-describedby={e?.due_date ? `${ids.due}-error` : undefined}
                      {...register(`milestones.${index}.due_date`)}
                    />
                    <FieldErrorText id={`${ids.due}-error`} error={e?.due_date?.message} />
                  </div>
                  <button
                    type="button"
                    className="button button--secondary button--small milestone-row__remove"
                    disabled={milestones.fields.length <= 1}
                    aria-label={`Remove milestone ${n}`}
                    onClick={() => milestones.remove(index)}
                  >
                    Remove
                  </button>
                </li>
              );
            })}
          </ol>
          <FieldErrorText id={`${formId}-milestones-error`} error={milestoneError} />
          <div>
            <button
              type="button"
              className="button button--secondary button--small"
              disabled={milestones.fields.length >= OFFER_MILESTONES_MAX}
              onClick={() => milestones.append({ title: "", amount: "", due_date: "" })}
            >
              Add a milestone
            </button>
          </div>
          <p className="milestone-sum" role="status" aria-live="polite" data-testid="offer-total">
            Total: {formatMoney(sum)} in {countText(rows.length, "milestone", "milestones")}
            {unreadable.length > 0 ? ` (${countText(unreadable.length, "amount", "amounts")} still to enter)` : ""}.
            {proposal.bid_amount && ` The proposal’s bid was ${formatMoney(proposal.bid_amount)}.`}
          </p>
          <FundingQuote first={first} cardId={cardId} cards={cards} />
          <Field
            label="Card for what the wallet does not cover (optional)"
            error={errors.payment_method_id?.message}
            hint={
              <>
                Your wallet is used first. <Link to="/settings/payment-methods">Add a card</Link>
              </>
            }
          >
            {({ id, describedBy, invalid }) => (
              <select id={id} className="select" aria-invalid={invalid} aria-describedby={describedBy} {...register("payment_method_id")}>
                <option value="">Wallet only</option>
                {cards.map((c) => (
                  <option key={c.id} value={c.id}>
                    {cardName(c)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </Section>
      ) : (
        <Section title="Hourly terms" intro="Nothing is charged when you send an hourly offer.">
          <div className="form-row">
            <Field label="Hourly rate (USD)" error={errors.hourly_rate?.message} hint="At least $3.00 an hour.">
              {({ id, describedBy, invalid }) => (
                <AmountInput id={id} placeholder="45.00" aria-invalid={invalid} aria-describedby={describedBy} {...register("hourly_rate")} />
              )}
            </Field>
            <Field label="Weekly limit (hours)" error={errors.weekly_limit_hours?.message} hint={`${WEEKLY_LIMIT_MIN} to ${WEEKLY_LIMIT_MAX} hours.`}>
              {({ id, describedBy, invalid }) => (
                <input
                  id={id}
                  className="input"
                  type="number"
                  inputMode="numeric"
                  min={WEEKLY_LIMIT_MIN}
                  max={WEEKLY_LIMIT_MAX}
                  step={1}
                  aria-invalid={invalid}
                  aria-describedby={describedBy}
                  {...register("weekly_limit_hours")}
                />
              )}
            </Field>
          </div>
          <label className="check">
            <input type="checkbox" {...register("manual_time_allowed")} />
            <span>Allow the freelancer to add time manually</span>
          </label>
          {rateAmount !== null && (
            <Quote label="Each hour" busy={hourlyFees.updating}>
              <QuoteLine term="Rate">
                <Money amount={rateAmount} />
              </QuoteLine>
              <QuoteLine term={hourlyFees.data ? `Marketplace fee (${hourlyFees.data.fee_percent}%)` : "Marketplace fee"}>
                {hourlyFees.data ? <Money amount={hourlyFees.data.fee} /> : "…"}
              </QuoteLine>
              <QuoteLine term="You pay per hour" total>
                {hourlyFees.data?.total ? <Money amount={hourlyFees.data.total} /> : "…"}
              </QuoteLine>
            </Quote>
          )}
        </Section>
      )}

      <div className="form-actions job-form__actions">
        <button type="submit" className="button" disabled={isSubmitting}>
          {isSubmitting ? "Sending…" : fixed ? "Send offer and fund the first milestone" : "Send offer"}
        </button>
        <Link className="button button--secondary" to={`/proposals/${proposal.id}`}>
          Back to the proposal
        </Link>
        {retrying && !isSubmitting && (
          <p className="muted small">Trying again is safe: this offer will not be sent or charged twice.</p>
        )}
      </div>
    </form>
  );
}
