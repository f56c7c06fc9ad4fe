import { useInfiniteQuery } from "@tanstack/react-query";
import { fetchWithdrawals, type WithdrawalStatus } from "../../api/money";
import type { WithdrawalMethod } from "../../api/types";
import { errorMessage } from "../../api/problem";
import { Alert, EmptyState, Loading } from "../../components/feedback";
import { formatDateTime } from "../../lib/format";
import { moneyKeys } from "../../lib/moneyQueries";
import { BankName, Money } from "./parts";

const statusText: Record<WithdrawalStatus, { label: string; tone: string; note: string | null }> = {
  processing: { label: "Processing", tone: "badge--info", note: null },
  paid: { label: "Paid", tone: "badge--success", note: null },
  returned: {
    label: "Returned",
    tone: "badge--danger",
    note: "The bank sent this payout back. The amount is in your available balance again; check the account details.",
  },
};

function statusOf(status: string) {
  return statusText[status as WithdrawalStatus] as (typeof statusText)[WithdrawalStatus] | undefined;
}

/** The user's withdrawals, newest first, with their fee and status. */
export function WithdrawalList({ methods, timeZone }: { methods: WithdrawalMethod[]; timeZone: string | undefined }) {
  const withdrawals = useInfiniteQuery({
    queryKey: moneyKeys.withdrawals,
    queryFn: ({ pageParam }) => fetchWithdrawals(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? null,
  });
  const all = withdrawals.data?.pages.flatMap((p) => p.data) ?? [];

  if (withdrawals.isPending) return <Loading label="Loading your withdrawals…" />;
  if (withdrawals.isError && all.length === 0) {
    return (
      <Alert tone="error" title="We could not load your withdrawals">
        <p>{errorMessage(withdrawals.error)}</p>
        <button type="button" className="button button--secondary button--small" onClick={() => void withdrawals.refetch()}>
          Try again
        </button>
      </Alert>
    );
  }
  if (all.length === 0) {
    return (
      <EmptyState title="No withdrawals yet">
        <p>Money you withdraw to your bank appears here, with its fee and progress.</p>
      </EmptyState>
    );
  }
  return (
    <>
      <ul className="method-list" aria-label="Withdrawals">
        {all.map((w) => {
          const method = methods.find((m) => m.id === w.withdrawal_method_id);
          const status = statusOf(w.status);
          return (
            <li key={w.id} className="method-row withdrawal-row" data-testid="withdrawal" data-withdrawal-id={w.id}>
              <div className="method-row__main">
                <p className="method-row__name">
                  <Money amount={w.amount} /> to {method ? <BankName method={method} /> : "a removed bank account"}
                </p>
                <p className="muted small">
                  Fee <Money amount={w.fee} /> · you receive <Money amount={w.net_amount} /> ·{" "}
                  <time dateTime={w.created_at}>{formatDateTime(w.created_at, timeZone)}</time>
                  {w.status === "paid" && w.settled_at && (
                    <>
                      {" "}
                      · paid <time dateTime={w.settled_at}>{formatDateTime(w.settled_at, timeZone)}</time>
                    </>
                  )}
                </p>
                {status?.note && <p className="small withdrawal-row__note">{status.note}</p>}
              </div>
              <span className={`badge ${status?.tone ?? "badge--neutral"}`} data-testid="withdrawal-status">
                {status?.label ?? w.status}
              </span>
            </li>
          );
        })}
      </ul>
      <div className="job-list__more" aria-live="polite">
        {withdrawals.isFetchNextPageError && <p className="field__error">{errorMessage(withdrawals.error)}</p>}
        {withdrawals.hasNextPage && (
          <button
            type="button"
            className="button button--secondary"
            disabled={withdrawals.isFetchingNextPage}
            onClick={() => void withdrawals.fetchNextPage()}
          >
            {withdrawals.isFetchingNextPage ? "Loading…" : "Load more withdrawals"}
          </button>
        )}
      </div>
    </>
  );
}
