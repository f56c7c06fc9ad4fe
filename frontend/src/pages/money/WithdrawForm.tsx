import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { withdraw } from "../../api/money";
import type { WithdrawalMethod } from "../../api/types";
import { ApiError, errorMessage } from "../../api/problem";
import { Alert } from "../../components/feedback";
import { Field } from "../../components/fields";
import { formatDateTime } from "../../lib/format";
import { applyApiErrors } from "../../lib/formErrors";
import { IdempotencyKeys, submitIdempotently } from "../../lib/idempotency";
import { compareAmounts, formatMoney, subtractAmounts, toCents } from "../../lib/money";
import { moneyKeys, useMoneyMoved } from "../../lib/moneyQueries";
import { positiveAmount, typedAmount } from "./amountSchema";
import { moneyErrorMessage } from "./moneyErrors";
import { AmountInput, bankName, Money, Quote, QuoteLine } from "./parts";
import { isUsable } from "./WithdrawalMethods";

const withdrawSchema = z.object({
  withdrawal_method_id: z.string().min(1, { error: "Choose the bank account to pay into." }),
  amount: positiveAmount,
});
type WithdrawValues = z.input<typeof withdrawSchema>;
type WithdrawData = z.output<typeof withdrawSchema>;
const withdrawFields = ["withdrawal_method_id", "amount"] as const;

const action = { noun: "withdrawal", button: "Withdraw" };

/** What a withdrawal of `amount` to `method` costs and pays out, or why it cannot be made. */
export function withdrawalQuote(amount: string, method: WithdrawalMethod, available: string | null) {
  const net = subtractAmounts(amount, method.fee);
  let problem: string | null = null;
  if (compareAmounts(amount, method.minimum) < 0) {
    problem = `The smallest withdrawal to this account is ${formatMoney(method.minimum)}.`;
  } else if (net === null || (toCents(net) ?? 0) <= 0) {
    problem = `The amount must be more than this account’s ${formatMoney(method.fee)} fee.`;
  } else if (available !== null && compareAmounts(amount, available) > 0) {
    problem = `You have ${formatMoney(available)} available to withdraw.`;
  }
  return { fee: method.fee, net, problem };
}

interface Done {
  amount: string;
  net: string;
  fee: string;
  account: string;
  replayed: boolean;
}

/** From the available balance to a bank account, with the fee and what arrives shown first. */
export function WithdrawForm({
  methods,
  available,
  now,
  timeZone,
}: {
  methods: WithdrawalMethod[];
  available: string | null;
  now: number;
  timeZone: string | undefined;
}) {
  const queryClient = useQueryClient();
  const moneyMoved = useMoneyMoved();
  const [keys] = useState(() => new IdempotencyKeys());
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const firstUsable = methods.find((m) => isUsable(m, now));
  const {
    register,
    handleSubmit,
    setError,
    reset,
    control,
    formState: { errors, isSubmitting },
  } = useForm<WithdrawValues, unknown, WithdrawData>({
    resolver: zodResolver(withdrawSchema),
    defaultValues: { withdrawal_method_id: firstUsable?.id ?? "", amount: "" },
  });
  const [methodId, amountText] = useWatch({ control, name: ["withdrawal_method_id", "amount"] });
  const amount = typedAmount(amountText);
  const method = methods.find((m) => m.id === methodId) ?? null;
  const quote = amount && method ? withdrawalQuote(amount, method, available) : null;
  const retrying = amount !== null && keys.isRetry({ withdrawal_method_id: methodId, amount });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    setDone(null);
    const chosen = methods.find((m) => m.id === values.withdrawal_method_id);
    const check = chosen ? withdrawalQuote(values.amount, chosen, available) : null;
    if (check?.problem) {
      setError("amount", { type: "client", message: check.problem }, { shouldFocus: true });
      return;
    }
    const payload = { withdrawal_method_id: values.withdrawal_method_id, amount: values.amount };
    try {
      const { result, replayed } = await submitIdempotently(keys, payload, (key) => withdraw(payload, key));
      moneyMoved();
      setDone({
        amount: result.amount,
        net: result.net_amount,
        fee: result.fee,
        account: chosen ? bankName(chosen) : "your bank account",
        replayed,
      });
      reset({ withdrawal_method_id: values.withdrawal_method_id, amount: "" });
    } catch (error) {
      if (error instanceof ApiError && error.code === "identity_not_verified") {
        void queryClient.invalidateQueries({ queryKey: moneyKeys.identity });
      }
      if (error instanceof ApiError && error.code === "method_not_usable_yet") {
        setError("withdrawal_method_id", { type: "server", message: errorMessage(error) }, { shouldFocus: true });
        void queryClient.invalidateQueries({ queryKey: moneyKeys.withdrawalMethods });
      } else if (error instanceof ApiError && error.status === 422) {
        setFormError(applyApiErrors(error, withdrawFields, setError));
      } else {
        setFormError(moneyErrorMessage(error, action));
        if (error instanceof ApiError && error.code === "insufficient_funds") void queryClient.invalidateQueries({ queryKey: moneyKeys.wallet });
      }
    }
  });

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-labelledby="withdraw-title">
      <h2 id="withdraw-title">Withdraw</h2>
      <div className="form-live" aria-live="polite">
        {done && (
          <Alert tone="success" live={false}>
            <p>
              {done.replayed
                ? `This withdrawal had already been made, so nothing was withdrawn twice: ${formatMoney(done.amount)}.`
                : `Your withdrawal of ${formatMoney(done.amount)} is on its way: ${formatMoney(done.net)} to your ${done.account} after the ${formatMoney(done.fee)} fee.`}
            </p>
          </Alert>
        )}
        {formError && (
          <Alert tone="error" live={false}>
            <p>{formError}</p>
          </Alert>
        )}
      </div>
      <Field label="Pay into" error={errors.withdrawal_method_id?.message}>
        {({ id, describedBy, invalid }) => (
          <select id={id} className="select" aria-invalid={invalid} aria-describedby={describedBy} {...register("withdrawal_method_id")}>
            {!firstUsable && <option value="">No account is ready yet</option>}
            {methods.map((m) => {
              const usable = isUsable(m, now);
              return (
                <option key={m.id} value={m.id} disabled={!usable}>
                  {bankName(m)}
                  {usable ? ` (fee ${formatMoney(m.fee)})` : ` (usable from ${formatDateTime(m.usable_from, timeZone)})`}
                </option>
              );
            })}
          </select>
        )}
      </Field>
      <Field
        label="Amount (USD)"
        error={errors.amount?.message}
        hint={
          <>
            {available !== null && <>Available: {formatMoney(available)}. </>}
            {method && <>The smallest withdrawal to this account is {formatMoney(method.minimum)}.</>}
          </>
        }
      >
        {({ id, describedBy, invalid }) => (
          <AmountInput id={id} placeholder="100.00" aria-invalid={invalid} aria-describedby={describedBy} {...register("amount")} />
        )}
      </Field>
      {amount !== null && method && quote && (
        <Quote label="Summary">
          <QuoteLine term="Withdrawal">
            <Money amount={amount} />
          </QuoteLine>
          <QuoteLine term="Withdrawal fee">
            <Money amount={quote.fee} />
          </QuoteLine>
          <QuoteLine term="You receive" total>
            {quote.net !== null && (toCents(quote.net) ?? 0) > 0 ? <Money amount={quote.net} /> : "Nothing"}
          </QuoteLine>
        </Quote>
      )}
      {quote?.problem && (
        <p className="muted small quote__note" role="status">
          {quote.problem}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button" disabled={isSubmitting || !firstUsable}>
          {isSubmitting ? "Withdrawing…" : amount ? `Withdraw ${formatMoney(amount)}` : "Withdraw"}
        </button>
        {retrying && !isSubmitting && <p className="muted small">Trying again is safe: this withdrawal will not be made twice.</p>}
      </div>
    </form>
  );
}
