import { useRef, useState } from "react";
import { Link } from "react-router";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { removePaymentMethod } from "../api/money";
import { errorMessage } from "../api/problem";
import type { PaymentMethod } from "../api/types";
import { Alert, EmptyState, Loading } from "../components/feedback";
import { usePageTitle } from "../components/usePageTitle";
import { formatDate } from "../lib/format";
import { moneyKeys, usePaymentMethods } from "../lib/moneyQueries";
import { useFreshUser } from "../lib/queries";
import { AddCardForm } from "./money/AddCardForm";
import { ConfirmDialog, type ConfirmDialogHandle } from "./money/ConfirmDialog";
import { CardName, cardName, expiry } from "./money/parts";
import "./jobs/jobs.css";
import "./money/money.css";

function CardRow({ card, timeZone, onRemoved }: { card: PaymentMethod; timeZone: string | undefined; onRemoved: (card: PaymentMethod) => void }) {
  const confirm = useRef<ConfirmDialogHandle>(null);
  const remove = useMutation({ mutationFn: () => removePaymentMethod(card.id), onSuccess: () => onRemoved(card) });
  return (
    <li className="method-row">
      <div className="method-row__main">
        <p className="method-row__name">
          <CardName card={card} />
        </p>
        <p className="muted small">
          Expires {expiry(card)} · added <time dateTime={card.created_at}>{formatDate(card.created_at, timeZone)}</time>
        </p>
        {remove.isError && (
          <p className="field__error" role="alert">
            {errorMessage(remove.error)}
          </p>
        )}
      </div>
      <button
        type="button"
        className="button button--danger-quiet button--small"
        disabled={remove.isPending}
        aria-label={`Remove ${cardName(card)}`}
        onClick={() => confirm.current?.open()}
      >
        {remove.isPending ? "Removing…" : "Remove"}
      </button>
      <ConfirmDialog
        ref={confirm}
        title={`Remove ${cardName(card)}?`}
        body="You will no longer be able to deposit from this card. Deposits already made are not affected."
        confirm="Remove card"
        keep="Keep the card"
        onConfirm={() => remove.mutate()}
      />
    </li>
  );
}

export default function PaymentMethodsPage() {
  usePageTitle("Payment methods");
  const user = useFreshUser();
  const queryClient = useQueryClient();
  const cards = usePaymentMethods();
  const [message, setMessage] = useState<string | null>(null);

  const changed = (text: string) => {
    setMessage(text);
    void queryClient.invalidateQueries({ queryKey: moneyKeys.paymentMethods });
  };

  return (
    <div className="money-page">
      <p className="back-link">
        <Link to="/wallet">
          <span aria-hidden="true">← </span>Your wallet
        </Link>
      </p>
      <header className="page-header">
        <h1>Payment methods</h1>
        <p>The cards you deposit money from. Card numbers go to the payment provider; we keep only the brand and the last four digits.</p>
      </header>
      <div className="form-live" aria-live="polite">
        {message && (
          <Alert tone="success" live={false}>
            <p>{message}</p>
          </Alert>
        )}
      </div>
      <section className="card" aria-labelledby="cards-title">
        <h2 id="cards-title">Your cards</h2>
        {cards.isPending ? (
          <Loading label="Loading your cards…" />
        ) : cards.isError ? (
          <Alert tone="error" title="We could not load your cards">
            <p>{errorMessage(cards.error)}</p>
            <button type="button" className="button button--secondary button--small" onClick={() => void cards.refetch()}>
              Try again
            </button>
          </Alert>
        ) : cards.data.length === 0 ? (
          <EmptyState title="No cards yet">
            <p>Add a card below to deposit money into your wallet.</p>
          </EmptyState>
        ) : (
          <ul className="method-list" aria-label="Saved cards">
            {cards.data.map((card) => (
              <CardRow
                key={card.id}
                card={card}
                timeZone={user?.timezone}
                onRemoved={(removed) => changed(`${cardName(removed)} was removed.`)}
              />
            ))}
          </ul>
        )}
      </section>
      <section className="card">
        {user && !user.email_verified ? (
          <>
            <h2>Add a card</h2>
            <Alert tone="warning" title="Verify your email address first">
              <p>
                Cards can be added once your email address is verified. Open the link we sent to {user.email}, or ask for
                a new one on <Link to="/account">your account page</Link>.
              </p>
            </Alert>
          </>
        ) : (
          <AddCardForm
            onAdded={(card) => {
              queryClient.setQueryData<PaymentMethod[]>(moneyKeys.paymentMethods, (old) => [card, ...(old ?? [])]);
              changed(`${cardName(card)} is saved. You can deposit from it in your wallet.`);
            }}
          />
        )}
      </section>
    </div>
  );
}
