import { Link } from "react-router";
import { EmptyState, Loading } from "../components/feedback";
import { usePageTitle } from "../components/usePageTitle";
import { usePaymentMethods } from "../lib/moneyQueries";
import { usePlans } from "../lib/plans";
import { useFreshUser } from "../lib/queries";
import { LoadError } from "./hiring/parts";
import { PlanCard } from "./plans/PlanCard";
import "./account.css";
import "./jobs/jobs.css";
import "./money/money.css";
import "./security/security.css";
import "./plans/plans.css";

export default function PlanPage() {
  usePageTitle("Your plan");
  const user = useFreshUser();
  const plans = usePlans();
  const cards = usePaymentMethods();

  return (
    <div className="account plans">
      <header className="page-header">
        <h1>Your plan</h1>
        <p>Basic is free. Plus costs a monthly fee and gives more on each side of the marketplace; cancel any time.</p>
      </header>
      {!user || plans.isPending || cards.isPending ? (
        <Loading label="Loading your plan…" />
      ) : plans.isError ? (
        <LoadError title="We could not load your plan" error={plans.error} onRetry={() => void plans.refetch()} />
      ) : plans.data.length === 0 ? (
        <EmptyState title="No plans for this account">
          <p>Plans are for freelancers and clients.</p>
        </EmptyState>
      ) : (
        plans.data.map((plan) => (
          <PlanCard key={plan.side} plan={plan} user={user} cards={cards.data ?? []} cardsFailed={cards.isError} />
        ))
      )}
      <p className="muted small account-foot">
        Back to <Link to="/account">your account</Link> · <Link to="/settings/security">Security</Link> ·{" "}
        <Link to="/settings/notifications">Notification settings</Link> · <Link to="/settings/integrations">Integrations</Link>
      </p>
    </div>
  );
}
