import { useState } from "react";
import { Link } from "react-router";
import { useQueryClient } from "@tanstack/react-query";
import type { WithdrawalMethod } from "../api/types";
import { errorMessage } from "../api/problem";
import { Alert, EmptyState, Loading } from "../components/feedback";
import { usePageTitle } from "../components/usePageTitle";
import { formatDateTime } from "../lib/format";
import { moneyKeys, useIdentityDocuments, useWallet, useWithdrawalMethods } from "../lib/moneyQueries";
import { useFreshUser } from "../lib/queries";
import { useNow } from "../lib/useNow";
import { BankAccountForm } from "./money/BankAccountForm";
import { IdentityNotice } from "./money/IdentityNotice";
import { bankName, Money } from "./money/parts";
import { WithdrawalList } from "./money/WithdrawalList";
import { isUsable, WithdrawalMethodList } from "./money/WithdrawalMethods";
import { WithdrawForm } from "./money/WithdrawForm";
import "./jobs/jobs.css";
import "./money/money.css";

function Retry({ title, error, onRetry }: { title: string; error: unknown; onRetry: () => void }) {
  return (
    <Alert tone="error" title={title}>
      <p>{errorMessage(error)}</p>
      <button type="button" className="button button--secondary button--small" onClick={onRetry}>
        Try again
      </button>
    </Alert>
  );
}

export default function WithdrawalsPage() {
  usePageTitle("Withdrawals");
  const user = useFreshUser();
  const queryClient = useQueryClient();
  const now = useNow();
  const wallet = useWallet();
  const identity = useIdentityDocuments();
  const methods = useWithdrawalMethods();
  const [message, setMessage] = useState<string | null>(null);
  const timeZone = user?.timezone;

  const methodsChanged = (text: string) => {
    setMessage(text);
    void queryClient.invalidateQueries({ queryKey: moneyKeys.withdrawalMethods });
  };

  let withdrawBody: React.ReactNode;
  if (identity.isPending || methods.isPending) {
    withdrawBody = <Loading label="Checking what you can withdraw…" />;
  } else if (identity.isError) {
    withdrawBody = <Retry title="We could not check your identity verification" error={identity.error} onRetry={() => void identity.refetch()} />;
  } else if (!identity.data.identity_verified) {
    withdrawBody = (
      <>
        <h2>Withdraw</h2>
        <IdentityNotice identity={identity.data} timeZone={timeZone} />
      </>
    );
  } else if (methods.isError) {
    withdrawBody = <Retry title="We could not load your bank accounts" error={methods.error} onRetry={() => void methods.refetch()} />;
  } else if (methods.data.length === 0) {
    withdrawBody = (
      <>
        <h2>Withdraw</h2>
        <EmptyState title="Add a bank account to withdraw to">
          <p>Add one below. For your security, a new account can be used 3 days after you add it.</p>
        </EmptyState>
      </>
    );
  } else if (!methods.data.some((m) => isUsable(m, now))) {
    const soonest = [...methods.data].sort((a, b) => a.usable_from.localeCompare(b.usable_from))[0];
    withdrawBody = (
      <>
        <h2>Withdraw</h2>
        <Alert tone="info" title="Your bank account is not ready yet">
          <p>
            For your security, a new account can be used 3 days after it is added.
            {soonest && (
              <>
                {" "}
                Your {bankName(soonest)} can be used from{" "}
                <time dateTime={soonest.usable_from}>{formatDateTime(soonest.usable_from, timeZone)}</time>.
              </>
            )}
          </p>
        </Alert>
      </>
    );
  } else {
    withdrawBody = (
      <WithdrawForm methods={methods.data} available={wallet.data?.available ?? null} now={now} timeZone={timeZone} />
    );
  }

  return (
    <div className="money-page">
      <p className="back-link">
        <Link to="/wallet">
          <span aria-hidden="true">← </span>Your wallet
        </Link>
      </p>
      <header className="page-header page-header--split">
        <div>
          <h1>Withdrawals</h1>
          <p>Move your available balance to your bank account.</p>
        </div>
        <p className="withdraw-available" aria-live="polite">
          <span className="muted small">Available to withdraw</span>{" "}
          <strong data-testid="available-to-withdraw">
            {wallet.data ? <Money amount={wallet.data.available} currency={wallet.data.currency} /> : wallet.isError ? "—" : "…"}
          </strong>
        </p>
      </header>
      {identity.data?.identity_verified && (
        <p className="identity-verified">
          <span className="badge badge--success" data-testid="identity-status">
            <span aria-hidden="true">✓</span> Identity verified
          </span>
        </p>
      )}
      <section className="card">{withdrawBody}</section>

      <section className="card" aria-labelledby="banks-title">
        <h2 id="banks-title">Bank accounts</h2>
        <div className="form-live" aria-live="polite">
          {message && (
            <Alert tone="success" live={false}>
              <p>{message}</p>
            </Alert>
          )}
        </div>
        {methods.isPending ? (
          <Loading label="Loading your bank accounts…" />
        ) : methods.isError ? (
          <Retry title="We could not load your bank accounts" error={methods.error} onRetry={() => void methods.refetch()} />
        ) : methods.data.length === 0 ? (
          <p className="muted">No bank accounts yet.</p>
        ) : (
          <WithdrawalMethodList
            methods={methods.data}
            now={now}
            timeZone={timeZone}
            onRemoved={(removed) => methodsChanged(`Your ${bankName(removed)} was removed.`)}
          />
        )}
        <div className="bank-form">
          <BankAccountForm
            defaultHolder={user?.full_name ?? ""}
            onAdded={(method) => {
              queryClient.setQueryData<WithdrawalMethod[]>(moneyKeys.withdrawalMethods, (old) => [method, ...(old ?? [])]);
              methodsChanged(
                `Your ${bankName(method)} is saved. You can withdraw to it from ${formatDateTime(method.usable_from, timeZone)}.`,
              );
            }}
          />
        </div>
      </section>

      <section className="card" aria-labelledby="withdrawals-title">
        <h2 id="withdrawals-title">Your withdrawals</h2>
        <WithdrawalList methods={methods.data ?? []} timeZone={timeZone} />
      </section>
    </div>
  );
}
