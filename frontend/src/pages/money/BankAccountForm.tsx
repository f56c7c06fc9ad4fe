import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { z } from "zod";
import { addWithdrawalMethod } from "../../api/money";
import type { WithdrawalMethod } from "../../api/types";
import { ApiError } from "../../api/problem";
import { Alert } from "../../components/feedback";
import { Field } from "../../components/fields";
import { applyApiErrors } from "../../lib/formErrors";
import { plainMoneyErrorMessage } from "./moneyErrors";

const digits = (text: string) => text.replace(/[\s-]/g, "");

const bankSchema = z.object({
  account_holder: z
    .string()
    .trim()
    .min(1, { error: "Enter the name on the account." })
    .max(100, { error: "Use at most 100 characters." }),
  routing_number: z
    .string()
    .transform(digits)
    .refine((s) => /^\d{9}$/.test(s), { error: "Enter the 9-digit routing number." }),
  account_number: z
    .string()
    .transform(digits)
    .refine((s) => /^\d{4,17}$/.test(s), { error: "Enter the account number: 4 to 17 digits." }),
});
type BankValues = z.input<typeof bankSchema>;
type BankData = z.output<typeof bankSchema>;
const bankFields = ["account_holder", "routing_number", "account_number"] as const;

/** Add a (sandbox) bank account to withdraw to; it can be used 3 days later. */
export function BankAccountForm({ defaultHolder, onAdded }: { defaultHolder: string; onAdded: (method: WithdrawalMethod) => void }) {
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<BankValues, unknown, BankData>({
    resolver: zodResolver(bankSchema),
    defaultValues: { account_holder: defaultHolder, routing_number: "", account_number: "" },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      const method = await addWithdrawalMethod(values);
      reset({ account_holder: defaultHolder, routing_number: "", account_number: "" });
      onAdded(method);
    } catch (error) {
      if (error instanceof ApiError && error.status === 422) {
        setFormError(applyApiErrors(error, bankFields, setError));
      } else {
        setFormError(plainMoneyErrorMessage(error));
      }
    }
  });

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-labelledby="add-bank-title">
      <h3 id="add-bank-title">Add a bank account</h3>
      <div className="sandbox-hint">
        <p className="sandbox-hint__title">Sandbox bank accounts</p>
        <p>
          Any 9-digit routing number works. Payouts to an account number ending in <code>0002</code> are returned by the
          bank, to try what happens then.
        </p>
      </div>
      <Field label="Account holder" error={errors.account_holder?.message}>
        {({ id, describedBy, invalid }) => (
          <input id={id} className="input" autoComplete="name" aria-invalid={invalid} aria-describedby={describedBy} {...register("account_holder")} />
        )}
      </Field>
      <div className="form-row">
        <Field label="Routing number" error={errors.routing_number?.message} hint="9 digits.">
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              className="input"
              inputMode="numeric"
              autoComplete="off"
              placeholder="110000000"
              aria-invalid={invalid}
              aria-describedby={describedBy}
              {...register("routing_number")}
            />
          )}
        </Field>
        <Field label="Account number" error={errors.account_number?.message} hint="4 to 17 digits.">
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              className="input"
              inputMode="numeric"
              autoComplete="off"
              placeholder="000123456789"
              aria-invalid={invalid}
              aria-describedby={describedBy}
              {...register("account_number")}
            />
          )}
        </Field>
      </div>
      <div className="form-live" aria-live="polite">
        {formError && (
          <Alert tone="error" live={false}>
            <p>{formError}</p>
          </Alert>
        )}
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={isSubmitting}>
          {isSubmitting ? "Adding…" : "Add bank account"}
        </button>
        <p className="muted small">For your security, a new account can be used 3 days after you add it.</p>
      </div>
    </form>
  );
}
