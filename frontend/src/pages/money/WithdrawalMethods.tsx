import { useRef } from "react";
import { useMutation } from "@tanstack/react-query";
import { removeWithdrawalMethod } from "../../api/money";
import type { WithdrawalMethod } from "../../api/types";
import { errorMessage } from "../../api/problem";
import { formatDate, formatDateTime } from "../../lib/format";
import { ConfirmDialog, type ConfirmDialogHandle } from "./ConfirmDialog";
import { BankName, bankName, Money } from "./parts";

export function isUsable(method: WithdrawalMethod, now: number): boolean {
  const from = Date.parse(method.usable_from);
  return Number.isNaN(from) || from <= now;
}

function MethodRow({
  method,
  now,
  timeZone,
  onRemoved,
}: {
  method: WithdrawalMethod;
  now: number;
  timeZone: string | undefined;
  onRemoved: (method: WithdrawalMethod) => void;
}) {
  const confirm = useRef<ConfirmDialogHandle>(null);
  const remove = useMutation({ mutationFn: () => removeWithdrawalMethod(method.id), onSuccess: () => onRemoved(method) });
  const usable = isUsable(method, now);
  return (
    <li className="method-row" data-testid="withdrawal-method">
      <div className="method-row__main">
        <p className="method-row__name">
          <BankName method={method} />{" "}
          {usable ? (
            <span className="badge badge--success">Ready</span>
          ) : (
            <span className="badge badge--warning">
              Usable from <time dateTime={method.usable_from}>{formatDateTime(method.usable_from, timeZone)}</time>
            </span>
          )}
        </p>
        <p className="muted small">
          {method.account_holder} · fee <Money amount={method.fee} /> per withdrawal · minimum <Money amount={method.minimum} /> ·
          added <time dateTime={method.created_at}>{formatDate(method.created_at, timeZone)}</time>
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
        aria-label={`Remove ${bankName(method)}`}
        onClick={() => confirm.current?.open()}
      >
        {remove.isPending ? "Removing…" : "Remove"}
      </button>
      <ConfirmDialog
        ref={confirm}
        title={`Remove ${bankName(method)}?`}
        body="You will no longer be able to withdraw to this account. Withdrawals already made are not affected. If you add it again, the 3-day wait starts over."
        confirm="Remove account"
        keep="Keep the account"
        onConfirm={() => remove.mutate()}
      />
    </li>
  );
}

export function WithdrawalMethodList({
  methods,
  now,
  timeZone,
  onRemoved,
}: {
  methods: WithdrawalMethod[];
  now: number;
  timeZone: string | undefined;
  onRemoved: (method: WithdrawalMethod) => void;
}) {
  return (
    <ul className="method-list" aria-label="Bank accounts">
      {methods.map((method) => (
        <MethodRow key={method.id} method={method} now={now} timeZone={timeZone} onRemoved={onRemoved} />
      ))}
    </ul>
  );
}
