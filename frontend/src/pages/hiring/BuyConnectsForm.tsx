import { useId, useState } from "react";
import { Link } from "react-router";
import { useQueryClient } from "@tanstack/react-query";
import { purchaseConnects, type ConnectsBundle, type ConnectsPurchase } from "../../api/hiring";
import { ApiError, problemToFormErrors } from "../../api/problem";
import type { PaymentMethod } from "../../api/types";
import { Alert } from "../../components/feedback";
import { FieldErrorText } from "../../components/fields";
import { hiringKeys } from "../../lib/hiringQueries";
import { IdempotencyKeys, submitIdempotently } from "../../lib/idempotency";
import { connectsText } from "../../lib/jobs";
import { compareAmounts, formatMoney } from "../../lib/money";
import { useMoneyMoved, useWallet } from "../../lib/moneyQueries";
import { moneyErrorMessage } from "../money/moneyErrors";
import { CardName, expiry } from "../money/parts";

const EARNINGS = "earnings";
const action = { noun: "purchase", button: "Buy" };

interface Done {
  purchase: ConnectsPurchase;
  replayed: boolean;
}

/** Buy a bundle of Connects from the available earnings or a saved card (with an Idempotency-Key). */
export function BuyConnectsForm({ bundles, cards, cardsFailed }: { bundles: ConnectsBundle[]; cards: PaymentMethod[]; cardsFailed: boolean }) {
  const queryClient = useQueryClient();
  const moneyMoved = useMoneyMoved();
  const wallet = useWallet();
  const formId = useId();
  const [keys] = useState(() => new IdempotencyKeys());
  const [bundle, setBundle] = useState<number | null>(bundles[0]?.connects ?? null);
  const [payWith, setPayWith] = useState<string>(EARNINGS);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Done | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [bundleError, setBundleError] = useState<string | null>(null);

  const chosen = bundles.find((b) => b.connects === bundle) ?? null;
  const available = wallet.data?.available ?? null;
  const earningsShort = chosen !== null && available !== null && compareAmounts(available, chosen.price) < 0;
  const payload = chosen ? { bundle: chosen.connects, ...(payWith !== EARNINGS ? { payment_method_id: payWith } : {}) } : null;
  const retrying = payload !== null && keys.isRetry(payload);

  const submit = async (event: React.SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(null);
    setFormError(null);
    setBundleError(null);
    if (!payload || !chosen) {
      setBundleError("Choose a bundle.");
      return;
    }
    setBusy(true);
    try {
      const { result, replayed } = await submitIdempotently(keys, payload, (key) => purchaseConnects(payload, key));
      setDone({ purchase: result, replayed });
      moneyMoved();
      void queryClient.invalidateQueries({ queryKey: hiringKeys.connects });
    } catch (error) {
      if (error instanceof ApiError && error.code === "insufficient_funds" && payWith === EARNINGS) {
        setFormError(
          `Your available earnings${available ? ` (${formatMoney(available)})` : ""} do not cover ${formatMoney(chosen.price)}. Pay with a saved card instead, or choose a smaller bundle.`,
        );
      } else if (error instanceof ApiError && error.status === 422) {
        const { fields, form } = problemToFormErrors(error, ["bundle", "payment_method_id"] as const);
        setBundleError(fields.bundle ?? null);
        setFormError(fields.payment_method_id ?? form);
      } else if (error instanceof ApiError && error.status === 404 && payWith !== EARNINGS) {
        setFormError("That card is no longer saved. Choose another way to pay.");
      } else {
        setFormError(moneyErrorMessage(error, action));
      }
    } finally {
      setBusy(false);
    }
  };

  const bundleErrorId = `${formId}-bundle-error`;
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby={`${formId}-title`}>
      <h2 id={`${formId}-title`}>Buy Connects</h2>
      <div className="form-live" aria-live="polite">
        {done && (
          <Alert tone="success" live={false}>
            <p>
              {done.replayed
                ? `This purchase had already gone through, so you were charged only once: ${connectsText(done.purchase.connects)} for ${formatMoney(done.purchase.price)}.`
                : `You bought ${connectsText(done.purchase.connects)} for ${formatMoney(done.purchase.price)}.`}{" "}
              Your balance is now {connectsText(done.purchase.balance)}.
            </p>
          </Alert>
        )}
        {formError && (
          <Alert tone="error" live={false}>
            <p>{formError}</p>
          </Alert>
        )}
      </div>
      <fieldset className="field">
        <legend>Bundle</legend>
        <div className="bundle-choices">
          {bundles.map((b) => (
            <label key={b.connects} className="choice">
              <input
                type="radio"
                name={`${formId}-bundle`}
                value={b.connects}
                checked={bundle === b.connects}
                aria-invalid={bundleError ? true : undefined}
                aria-describedby={bundleError ? bundleErrorId : undefined}
                onChange={() => setBundle(b.connects)}
              />
              <span>
                <span className="choice__title">{connectsText(b.connects)}</span>
                <span className="choice__desc">{formatMoney(b.price)}</span>
              </span>
            </label>
          ))}
        </div>
        <FieldErrorText id={bundleErrorId} error={bundleError ?? undefined} />
      </fieldset>
      <fieldset className="field">
        <legend>Pay with</legend>
        <div className="choice-group">
          <label className="choice">
            <input type="radio" name={`${formId}-pay`} value={EARNINGS} checked={payWith === EARNINGS} onChange={() => setPayWith(EARNINGS)} />
            <span>
              <span className="choice__title">Available earnings</span>
              <span className="choice__desc">
                {available !== null ? `${formatMoney(available)} available` : wallet.isError ? "Balance not available now" : "Loading your balance…"}
                {earningsShort && " (not enough for this bundle)"}
              </span>
            </span>
          </label>
          {cards.map((c) => (
            <label key={c.id} className="choice">
              <input type="radio" name={`${formId}-pay`} value={c.id} checked={payWith === c.id} onChange={() => setPayWith(c.id)} />
              <span>
                <span className="choice__title">
                  <CardName card={c} />
                </span>
                <span className="choice__desc">Expires {expiry(c)}</span>
              </span>
            </label>
          ))}
        </div>
        <p className="field__hint">
          {cardsFailed ? "Your saved cards could not be loaded. " : ""}
          <Link to="/settings/payment-methods">{cards.length > 0 ? "Add or remove cards" : "Add a card"}</Link>
        </p>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy || !chosen}>
          {busy ? "Buying…" : chosen ? `Buy ${connectsText(chosen.connects)} for ${formatMoney(chosen.price)}` : "Buy"}
        </button>
        {retrying && !busy && <p className="muted small">Trying again is safe: you will not be charged twice.</p>}
      </div>
    </form>
  );
}
