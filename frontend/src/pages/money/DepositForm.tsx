import { useState } from "react";
import { Link } from "react-router";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { deposit } from "../../api/money";
import { ApiError } from "../../api/problem";
import type { PaymentMethod } from "../../api/types";
import { Alert } from "../../components/feedback";
import { Field, FieldErrorText } from "../../components/fields";
import { applyApiErrors } from "../../lib/formErrors";
import { IdempotencyKeys, submitIdempotently } from "../../lib/idempotency";
import { formatMoney } from "../../lib/money";
import { moneyKeys, useFeePreview, useMoneyMoved } from "../../lib/moneyQueries";
import { positiveAmount, typedAmount } from "./amountSchema";
import { moneyErrorMessage } from "./moneyErrors";
import { AmountInput, CardName, cardName, expiry, Money, Quote, QuoteLine } from "./parts";

const depositSchema = z.object({
  payment_method_id: z.string().min(1, { error: "Choose the card to charge." }),
  amount: positiveAmount,
});
type DepositValues = z.input<typeof depositSchema>;
type DepositData = z.output<typeof depositSchema>;
const depositFields = ["payment_method_id", "amount"] as const;

const action = { noun: "deposit", button: "Deposit" };

interface Done {
  amount: string;
  replayed: boolean;
}

/** Charge a saved card and add exactly that amount to the available balance. */
export function DepositForm({ cards }: { cards: PaymentMethod[] }) {
  const queryClient = useQueryClient();
  const moneyMoved = useMoneyMoved();
  const [keys] = useState(() => new IdempotencyKeys());
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    control,
    formState: { errors, isSubmitting },
  } = useForm<DepositValues, unknown, DepositData>({
    resolver: zodResolver(depositSchema),
    defaultValues: { payment_method_id: cards[0]?.id ?? "", amount: "" },
  });

  const [cardId, amountText] = useWatch({ control, name: ["payment_method_id", "amount"] });
  const amount = typedAmount(amountText);
  const card = cards.find((c) => c.id === cardId) ?? null;
  const fees = useFeePreview(amount, "client");
  const retrying = amount !== null && keys.isRetry({ payment_method_id: cardId, amount });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    setDone(null);
    const payload = { payment_method_id: values.payment_method_id, amount: values.amount };
    try {
      const { result, replayed } = await submitIdempotently(keys, payload, (key) => deposit(payload, key));
      moneyMoved(result.wallet);
      setDone({ amount: result.amount, replayed });
      reset({ payment_method_id: values.payment_method_id, amount: "" });
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        setFormError("That card is no longer saved. Choose another card.");
        void queryClient.invalidateQueries({ queryKey: moneyKeys.paymentMethods });
      } else if (error instanceof ApiError && error.status === 422) {
        setFormError(applyApiErrors(error, depositFields, setError));
      } else {
        setFormError(moneyErrorMessage(error, action));
      }
    }
  });

  const cardErrorId = "deposit-card-error";
  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-labelledby="deposit-title">
      <h2 id="deposit-title">Add money</h2>
      <p className="muted small form-section__intro">
        Deposit from a saved card to fund your contracts. Deposits have no fee.
      </p>
      <div className="form-live" aria-live="polite">
        {done && (
          <Alert tone="success" live={false}>
            <p>
              {done.replayed
                ? `This deposit had already gone through, so your card was charged only once: ${formatMoney(done.amount)}.`
                : `${formatMoney(done.amount)} was added to your available balance.`}
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
        <legend>Pay with</legend>
        <div className="choice-group">
          {cards.map((c) => (
            <label key={c.id} className="choice">
              <input
                type="radio"
                value={c.id}
                aria-invalid={errors.payment_method_id ? true : undefined}
                aria-describedby={errors.payment_method_id ? cardErrorId : undefined}
                {...register("payment_method_id")}
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
        <FieldErrorText id={cardErrorId} error={errors.payment_method_id?.message} />
        <p className="field__hint">
          <Link to="/settings/payment-methods">Add or remove cards</Link>
        </p>
      </fieldset>
      <Field label="Amount (USD)" error={errors.amount?.message}>
        {({ id, describedBy, invalid }) => (
          <AmountInput id={id} placeholder="500.00" aria-invalid={invalid} aria-describedby={describedBy} {...register("amount")} />
        )}
      </Field>
      {amount !== null && (
        <Quote label="Summary">
          <QuoteLine term="Deposit">
            <Money amount={amount} />
          </QuoteLine>
          <QuoteLine term="Fee">No fee</QuoteLine>
          <QuoteLine term="You will be charged" total>
            <Money amount={amount} />
          </QuoteLine>
        </Quote>
      )}
      {amount !== null && (
        <p className="muted small quote__note" data-testid="deposit-charge">
          {card ? `Your ${cardName(card)}` : "Your card"} will be charged exactly {formatMoney(amount)}, and{" "}
          {formatMoney(amount)} will be added to your available balance.
          {fees.data && fees.data.total && !fees.updating && (
            <>
              {" "}
              Funding a milestone later adds the {fees.data.fee_percent}% marketplace fee: a {formatMoney(fees.data.amount)}{" "}
              milestone costs {formatMoney(fees.data.total)}.
            </>
          )}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button" disabled={isSubmitting}>
          {isSubmitting ? "Depositing…" : amount ? `Deposit ${formatMoney(amount)}` : "Deposit"}
        </button>
        {retrying && !isSubmitting && (
          <p className="muted small">Trying again is safe: this deposit will not be charged twice.</p>
        )}
      </div>
    </form>
  );
}
