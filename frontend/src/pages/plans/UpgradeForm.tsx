import { useId, useState } from "react";
import { Link } from "react-router";
import { useQueryClient } from "@tanstack/react-query";
import { upgradePlan, type Plan } from "../../api/plans";
import { ApiError, problemToFormErrors } from "../../api/problem";
import type { PaymentMethod } from "../../api/types";
import { Alert } from "../../components/feedback";
import { FieldErrorText } from "../../components/fields";
import { IdempotencyKeys, submitIdempotently } from "../../lib/idempotency";
import { compareAmounts, formatMoney } from "../../lib/money";
import { moneyKeys, useWallet } from "../../lib/moneyQueries";
import { planTitle, sideLabels } from "../../lib/plans";
import { moneyErrorMessage } from "../money/moneyErrors";
import { CardName, cardName, expiry, Money, Quote, QuoteLine } from "../money/parts";

export const WALLET = "wallet";

/** The words for a refused or failed upgrade. */
export function upgradeErrorMessage(error: unknown, plan: Plan, payWith: string, available: string | null, button: string): string {
  const price = formatMoney(plan.plus_price);
  if (error instanceof ApiError) {
    switch (error.code) {
      case "insufficient_funds":
        return `Your wallet has ${available !== null ? formatMoney(available) : "too little"} available, less than the ${price} this month costs. Pay with a saved card instead.`;
      case "card_declined":
        return "The card was declined. Try another card or pay from your wallet, or ask your bank why.";
      case "already_plus":
        return `You are on ${planTitle(plan.side, "plus")} already: nothing was charged.`;
      case "wrong_role":
        return `${planTitle(plan.side, "plus")} is for ${plan.side}s. Your account does not have the ${sideLabels[plan.side].toLowerCase()} side.`;
      case "email_unverified":
        return "Verify your email address first: open the link we sent you, then upgrade.";
    }
    if (error.status === 404 && payWith !== WALLET) return "That card is no longer saved. Choose another way to pay.";
  }
  return moneyErrorMessage(error, { noun: "upgrade", button });
}

interface Props {
  plan: Plan;
  cards: PaymentMethod[];
  cardsFailed: boolean;
  onUpgraded: (plan: Plan, replayed: boolean) => void;
  onCancel: () => void;
}

/** Choose the wallet or a saved card, see what is charged now and monthly, and pay the first month. */
export function UpgradeForm({ plan, cards, cardsFailed, onUpgraded, onCancel }: Props) {
  const queryClient = useQueryClient();
  const wallet = useWallet();
  const formId = useId();
  const [keys] = useState(() => new IdempotencyKeys());
  const available = wallet.data?.available ?? null;
  const walletShort = available !== null && compareAmounts(available, plan.plus_price) < 0;
  const [payWith, setPayWith] = useState<string>(WALLET);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [payError, setPayError] = useState<string | null>(null);

  const title = planTitle(plan.side, "plus");
  const price = formatMoney(plan.plus_price);
  const button = `Pay ${price} and upgrade`;
  const card = cards.find((c) => c.id === payWith) ?? null;
  const payload = payWith === WALLET ? null : { payment_method_id: payWith };
  const retrying = keys.isRetry({ side: plan.side, payload });

  const submit = async (event: React.SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    setPayError(null);
    setBusy(true);
    try {
      const { result, replayed } = await submitIdempotently(keys, { side: plan.side, payload }, (key) => upgradePlan(plan.side, payload, key));
      onUpgraded(result, replayed);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404 && payWith !== WALLET) {
        void queryClient.invalidateQueries({ queryKey: moneyKeys.paymentMethods });
      }
      if (error instanceof ApiError && error.code === "insufficient_funds") {
        void wallet.refetch();
        setPayError(upgradeErrorMessage(error, plan, payWith, available, button));
      } else if (error instanceof ApiError && error.status === 422) {
        const { fields, form } = problemToFormErrors(error, ["payment_method_id"] as const);
        setPayError(fields.payment_method_id ?? null);
        setFormError(fields.payment_method_id ? null : form);
      } else {
        setFormError(upgradeErrorMessage(error, plan, payWith, available, button));
      }
    } finally {
      setBusy(false);
    }
  };

  const payErrorId = `${formId}-pay-error`;
  return (
    <form className="form plan-upgrade" onSubmit={submit} noValidate aria-labelledby={`${formId}-title`}>
      <h3 id={`${formId}-title`}>Upgrade to {title}</h3>
      <div className="form-live" aria-live="polite">
        {formError && (
          <Alert tone="error" live={false}>
            <p>{formError}</p>
          </Alert>
        )}
      </div>
      <fieldset className="field">
        <legend>Pay with</legend>
        <div className="choice-group">
          <label className="choice">
            <input
              type="radio"
              name={`${formId}-pay`}
              value={WALLET}
              checked={payWith === WALLET}
              aria-invalid={payError ? true : undefined}
              aria-describedby={payError ? payErrorId : undefined}
              onChange={() => setPayWith(WALLET)}
            />
            <span>
              <span className="choice__title">Your wallet</span>
              <span className="choice__desc">
                {available !== null ? `${formatMoney(available)} available` : wallet.isError ? "Balance not available now" : "Loading your balance…"}
                {walletShort && " (not enough for this month)"}
              </span>
            </span>
          </label>
          {cards.map((c) => (
            <label key={c.id} className="choice">
              <input
                type="radio"
                name={`${formId}-pay`}
                value={c.id}
                checked={payWith === c.id}
                aria-invalid={payError ? true : undefined}
                aria-describedby={payError ? payErrorId : undefined}
                onChange={() => setPayWith(c.id)}
              />
              <span>
                <span className="choice__title">
                  <CardName card={c} />
                </span>
                <span className="choice__desc">Expires {expiry(c)}</span>
              </span>
            </label>
          ))}
        </div>
        <FieldErrorText id={payErrorId} error={payError ?? undefined} />
        <p className="field__hint">
          {cardsFailed ? "Your saved cards could not be loaded. " : ""}
          <Link to="/settings/payment-methods">{cards.length > 0 ? "Add or remove cards" : "Add a card"}</Link>
        </p>
      </fieldset>
      <Quote label="Summary">
        <QuoteLine term="Charged now">
          <Money amount={plan.plus_price} />
        </QuoteLine>
        <QuoteLine term="Then every month" total>
          <Money amount={plan.plus_price} />
        </QuoteLine>
      </Quote>
      <p className="muted small quote__note" data-testid="upgrade-charge">
        {card ? `Your ${cardName(card)}` : "Your wallet"} is charged {price} now for the first month, and {price} again each month
        until you cancel. Cancelling keeps Plus until the paid month ends.
        {plan.side === "freelancer" && " You get 90 more Connects right away, and 100 a month from then on."}
      </p>
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Upgrading…" : button}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel} disabled={busy}>
          Not now
        </button>
        {retrying && !busy && <p className="muted small">Trying again is safe: you will not be charged twice.</p>}
      </div>
    </form>
  );
}
