import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { z } from "zod";
import { addPaymentMethod } from "../../api/money";
import { ApiError } from "../../api/problem";
import type { PaymentMethod } from "../../api/types";
import { Alert } from "../../components/feedback";
import { Field } from "../../components/fields";
import { applyApiErrors } from "../../lib/formErrors";
import { plainMoneyErrorMessage } from "./moneyErrors";

export const SANDBOX_CARDS = [
  { number: "4242 4242 4242 4242", outcome: "is accepted" },
  { number: "4000 0000 0000 0002", outcome: "is declined" },
  { number: "4000 0000 0000 9995", outcome: "has insufficient funds" },
] as const;

/** The card's digits, without the spaces and dashes people type. */
export function cardDigits(text: string): string {
  return text.replace(/[\s-]/g, "");
}

function cardSchema(now: Date) {
  const thisYear = now.getFullYear();
  const thisMonth = now.getMonth() + 1;
  return z
    .object({
      card_number: z
        .string()
        .trim()
        .refine((s) => /^\d{12,19}$/.test(cardDigits(s)), { error: "Enter the 12 to 19 digits on the front of the card." }),
      exp_month: z.string().regex(/^(0?[1-9]|1[0-2])$/, { error: "Choose the month." }),
      exp_year: z.string().regex(/^\d{4}$/, { error: "Choose the year." }),
      cvc: z.string().trim().regex(/^\d{3,4}$/, { error: "Enter the 3 or 4 digit security code." }),
    })
    .refine((v) => Number(v.exp_year) > thisYear || (Number(v.exp_year) === thisYear && Number(v.exp_month) >= thisMonth), {
      path: ["exp_month"],
      error: "This card has expired.",
    });
}
type CardValues = z.input<ReturnType<typeof cardSchema>>;
const cardFields = ["card_number", "exp_month", "exp_year", "cvc"] as const;

const months = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, "0"));

/** Add a card: verified by the gateway (a zero-amount authorisation) before it is saved. */
export function AddCardForm({ onAdded }: { onAdded: (card: PaymentMethod) => void }) {
  const [now] = useState(() => new Date());
  const schema = useMemo(() => cardSchema(now), [now]);
  const years = useMemo(() => Array.from({ length: 16 }, (_, i) => String(now.getFullYear() + i)), [now]);
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<CardValues>({
    resolver: zodResolver(schema),
    defaultValues: { card_number: "", exp_month: "", exp_year: "", cvc: "" },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      const card = await addPaymentMethod({
        card_number: cardDigits(values.card_number),
        exp_month: Number(values.exp_month),
        exp_year: Number(values.exp_year),
        cvc: values.cvc.trim(),
      });
      reset();
      onAdded(card);
    } catch (error) {
      if (error instanceof ApiError && error.status === 422) {
        setFormError(applyApiErrors(error, cardFields, setError));
      } else {
        setFormError(plainMoneyErrorMessage(error));
      }
    }
  });

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-labelledby="add-card-title">
      <h2 id="add-card-title">Add a card</h2>
      <div className="sandbox-hint">
        <p className="sandbox-hint__title">Test cards (sandbox payments)</p>
        <ul>
          {SANDBOX_CARDS.map((card) => (
            <li key={card.number}>
              <code>{card.number}</code> {card.outcome}
            </li>
          ))}
        </ul>
        <p>Use any future expiry date and any 3-digit security code.</p>
      </div>
      <Field label="Card number" error={errors.card_number?.message}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            className="input"
            inputMode="numeric"
            autoComplete="cc-number"
            placeholder="4242 4242 4242 4242"
            aria-invalid={invalid}
            aria-describedby={describedBy}
            {...register("card_number")}
          />
        )}
      </Field>
      <div className="form-row form-row--3">
        <Field label="Expiry month" error={errors.exp_month?.message}>
          {({ id, describedBy, invalid }) => (
            <select id={id} className="select" autoComplete="cc-exp-month" aria-invalid={invalid} aria-describedby={describedBy} {...register("exp_month")}>
              <option value="">Month</option>
              {months.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Expiry year" error={errors.exp_year?.message}>
          {({ id, describedBy, invalid }) => (
            <select id={id} className="select" autoComplete="cc-exp-year" aria-invalid={invalid} aria-describedby={describedBy} {...register("exp_year")}>
              <option value="">Year</option>
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Security code" error={errors.cvc?.message}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              className="input"
              inputMode="numeric"
              autoComplete="cc-csc"
              maxLength={4}
              aria-invalid={invalid}
              aria-describedby={describedBy}
              {...register("cvc")}
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
          {isSubmitting ? "Checking the card…" : "Add card"}
        </button>
        <p className="muted small">We check the card with a zero-amount authorisation; nothing is charged.</p>
      </div>
    </form>
  );
}
