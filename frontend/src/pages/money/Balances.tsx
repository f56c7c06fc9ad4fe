import { errorMessage } from "../../api/problem";
import type { User } from "../../api/types";
import { Alert } from "../../components/feedback";
import { useWallet } from "../../lib/moneyQueries";
import { Money } from "./parts";

function escrowText(roles: User["roles"]): string {
  const client = roles.includes("client");
  const freelancer = roles.includes("freelancer");
  if (client && !freelancer) return "Money you funded into milestones, held until you approve the work.";
  if (freelancer && !client) return "Your clients’ funded milestones, held until they approve your work.";
  return "Money held for funded milestones until the work is approved.";
}

/** Available, pending and escrow, each with a line on what it means. */
export function Balances({ user }: { user: User }) {
  const wallet = useWallet();
  const cards = [
    {
      key: "available" as const,
      title: "Available",
      text: user.roles.includes("freelancer")
        ? "Yours to spend on contracts or withdraw to your bank."
        : "Yours to spend on contracts right away.",
    },
    {
      key: "pending" as const,
      title: "Pending",
      text: "Released payments in their security period: 5 days for fixed-price work, 10 days after the billed week for hourly work. Then they become available.",
    },
    { key: "escrow" as const, title: "In escrow", text: escrowText(user.roles) },
  ];
  return (
    <section aria-labelledby="balances-title" className="balances-section">
      <h2 id="balances-title" className="visually-hidden">
        Balances
      </h2>
      {wallet.isError ? (
        <Alert tone="error" title="We could not load your balances">
          <p>{errorMessage(wallet.error)}</p>
          <button type="button" className="button button--secondary button--small" onClick={() => void wallet.refetch()}>
            Try again
          </button>
        </Alert>
      ) : (
        <ul className="balances" aria-busy={wallet.isPending}>
          {cards.map((card) => (
            <li key={card.key} className="balance card">
              <h3 className="balance__title">{card.title}</h3>
              <p className="balance__amount" data-testid={`balance-${card.key}`}>
                {wallet.data ? (
                  <Money amount={wallet.data[card.key]} currency={wallet.data.currency} />
                ) : (
                  <span className="muted">Loading…</span>
                )}
              </p>
              <p className="balance__text">{card.text}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
