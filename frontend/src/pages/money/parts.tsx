import type { ReactNode } from "react";
import type { PaymentMethod, WithdrawalMethod } from "../../api/types";
import { formatMoney } from "../../lib/money";

const brandNames: Record<string, string> = {
  visa: "Visa",
  mastercard: "Mastercard",
  amex: "American Express",
  discover: "Discover",
};

/** "Visa •••• 4242" (the dots are not read out: "Visa ending in 4242"). */
export function cardName(card: Pick<PaymentMethod, "brand" | "last4">): string {
  return `${brandNames[card.brand] ?? "Card"} ending in ${card.last4}`;
}

export function CardName({ card }: { card: Pick<PaymentMethod, "brand" | "last4"> }) {
  const brand = brandNames[card.brand] ?? "Card";
  return (
    <>
      {brand} <span aria-hidden="true">•••• </span>
      <span className="visually-hidden">ending in </span>
      {card.last4}
    </>
  );
}

export function bankName(method: Pick<WithdrawalMethod, "bank_last4">): string {
  return `Bank account ending in ${method.bank_last4}`;
}

export function BankName({ method }: { method: Pick<WithdrawalMethod, "bank_last4"> }) {
  return (
    <>
      Bank account <span aria-hidden="true">•••• </span>
      <span className="visually-hidden">ending in </span>
      {method.bank_last4}
    </>
  );
}

/** "12/2030". */
export function expiry(card: Pick<PaymentMethod, "exp_month" | "exp_year">): string {
  return `${String(card.exp_month).padStart(2, "0")}/${card.exp_year}`;
}

/** Money in the reader's locale, kept on one line and in tabular figures. */
export function Money({ amount, currency = "USD" }: { amount: string; currency?: string | undefined }) {
  return <span className="money">{formatMoney(amount, currency)}</span>;
}

/** A text input for US dollars with a "$" in front. */
export function AmountInput(props: React.InputHTMLAttributes<HTMLInputElement> & { ref?: React.Ref<HTMLInputElement> }) {
  return (
    <div className="amount">
      <span className="amount__unit" aria-hidden="true">
        $
      </span>
      <input className="input" inputMode="decimal" autoComplete="off" {...props} />
    </div>
  );
}

/** The lines of a quote: what is charged or paid, fees, and the result. */
export function Quote({ label, children, busy }: { label: string; children: ReactNode; busy?: boolean }) {
  return (
    <div className="quote" data-updating={busy || undefined}>
      <p className="quote__title">{label}</p>
      {/* One live region for the whole quote, read once it has settled. */}
      <dl className="quote__lines" aria-live="polite" aria-atomic="true" aria-busy={busy}>
        {children}
      </dl>
    </div>
  );
}

export function QuoteLine({ term, children, total }: { term: string; children: ReactNode; total?: boolean }) {
  return (
    <div className={total ? "quote__line quote__line--total" : "quote__line"}>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
