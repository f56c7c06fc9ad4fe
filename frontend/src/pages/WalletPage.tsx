import { Link } from "react-router";
import { errorMessage } from "../api/problem";
import type { User } from "../api/types";
import { Alert, EmptyState, Loading } from "../components/feedback";
import { usePageTitle } from "../components/usePageTitle";
import { usePaymentMethods } from "../lib/moneyQueries";
import { useFreshUser } from "../lib/queries";
import { Balances } from "./money/Balances";
import { DepositForm } from "./money/DepositForm";
import { TransactionHistory } from "./money/TransactionHistory";
import { YearReport } from "./money/YearReport";
import "./jobs/jobs.css";
import "./search/search.css";
import "./money/money.css";

function DepositSection({ user }: { user: User }) {
  const cards = usePaymentMethods();
  let body;
  if (!user.email_verified) {
    body = (
      <>
        <h2>Add money</h2>
        <Alert tone="warning" title="Verify your email address first">
          <p>
            Money can move once your email address is verified. Open the link we sent to {user.email}, or ask for a new
            one on <Link to="/account">your account page</Link>.
          </p>
        </Alert>
      </>
    );
  } else if (cards.isPending) {
    body = <Loading label="Loading your cards…" />;
  } else if (cards.isError) {
    body = (
      <>
        <h2>Add money</h2>
        <Alert tone="error" title="We could not load your cards">
          <p>{errorMessage(cards.error)}</p>
          <button type="button" className="button button--secondary button--small" onClick={() => void cards.refetch()}>
            Try again
          </button>
        </Alert>
      </>
    );
  } else if (cards.data.length === 0) {
    body = (
      <>
        <h2>Add money</h2>
        <EmptyState title="Add a card to deposit money">
          <p>Deposits are charged to a saved card. Adding one also gives you the “payment verified” badge.</p>
          <p className="empty__action">
            <Link className="button" to="/settings/payment-methods">
              Add a card
            </Link>
          </p>
        </EmptyState>
      </>
    );
  } else {
    body = <DepositForm cards={cards.data} />;
  }
  return <section className="card">{body}</section>;
}

export default function WalletPage() {
  usePageTitle("Wallet");
  const user = useFreshUser();
  if (!user) return <Loading label="Loading your wallet…" />;
  const client = user.roles.includes("client");
  const freelancer = user.roles.includes("freelancer");
  return (
    <div className="wallet">
      <header className="page-header page-header--split">
        <div>
          <h1>Wallet</h1>
          <p>Your balances, every transaction, and yearly totals.</p>
        </div>
        <div className="form-actions">
          {client && (
            <Link className="button button--secondary" to="/settings/payment-methods">
              Payment methods
            </Link>
          )}
          {freelancer && (
            <Link className="button" to="/withdrawals">
              Withdraw
            </Link>
          )}
        </div>
      </header>
      <Balances user={user} />
      {client && <DepositSection user={user} />}
      <TransactionHistory timeZone={user.timezone} />
      <YearReport user={user} />
    </div>
  );
}
