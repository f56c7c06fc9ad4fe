import { useId, useRef, useState } from "react";
import { Link } from "react-router";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { cancelPlan, upgradePlan, type Plan } from "../../api/plans";
import { ApiError, errorMessage } from "../../api/problem";
import type { PaymentMethod, User } from "../../api/types";
import { Alert } from "../../components/feedback";
import { hiringKeys } from "../../lib/hiringQueries";
import { IdempotencyKeys, submitIdempotently } from "../../lib/idempotency";
import { formatDate } from "../../lib/format";
import { formatMoney } from "../../lib/money";
import { useMoneyMoved } from "../../lib/moneyQueries";
import { basicBenefits, monthlyPrice, planKeys, planState, planStatusText, planTitle, plusBenefits, sideLabels } from "../../lib/plans";
import { Badge } from "../hiring/parts";
import { ConfirmDialog, type ConfirmDialogHandle } from "../money/ConfirmDialog";
import { cardName } from "../money/parts";
import { UpgradeForm } from "./UpgradeForm";

function Option({ name, price, benefits, current }: { name: string; price: string; benefits: string[]; current: boolean }) {
  return (
    <li className={current ? "plan-option plan-option--current" : "plan-option"} aria-current={current ? "true" : undefined}>
      <div className="plan-option__head">
        <h3 className="plan-option__name">{name}</h3>
        {current && <Badge label="Your plan" tone="badge--success" />}
      </div>
      <p className="plan-option__price">{price}</p>
      <ul className="plan-option__benefits">
        {benefits.map((b) => (
          <li key={b}>{b}</li>
        ))}
      </ul>
    </li>
  );
}

interface Props {
  plan: Plan;
  user: User;
  cards: PaymentMethod[];
  cardsFailed: boolean;
}

/** One side's plan: Basic and Plus side by side, where it stands, and upgrade, cancel or keep Plus. */
export function PlanCard({ plan, user, cards, cardsFailed }: Props) {
  const queryClient = useQueryClient();
  const moneyMoved = useMoneyMoved();
  const titleId = useId();
  const confirm = useRef<ConfirmDialogHandle>(null);
  const upgradeRef = useRef<HTMLButtonElement>(null);
  const [upgrading, setUpgrading] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [keepKeys] = useState(() => new IdempotencyKeys());
  const state = planState(plan);
  const plusName = planTitle(plan.side, "plus");
  const end = plan.current_period_end ? formatDate(plan.current_period_end, user.timezone) : null;
  const payer = plan.payment_method_id ? cards.find((c) => c.id === plan.payment_method_id) : undefined;
  const payerName = plan.payment_method_id ? (payer ? cardName(payer) : "your saved card") : null;

  const changed = (next: Plan) => {
    queryClient.setQueryData<Plan[]>(planKeys.mine, (old) => old?.map((p) => (p.side === next.side ? next : p)));
    if (next.side === "freelancer") {
      void queryClient.invalidateQueries({ queryKey: hiringKeys.connects });
      void queryClient.invalidateQueries({ queryKey: ["bid-range"] });
    }
  };
  const refused = (error: unknown) => {
    // The plan changed elsewhere (another tab): show how it is now.
    if (error instanceof ApiError && error.status === 409) void queryClient.invalidateQueries({ queryKey: planKeys.mine });
  };

  const cancel = useMutation({
    mutationFn: () => cancelPlan(plan.side),
    onMutate: () => setMessage(null),
    onSuccess: (next) => {
      changed(next);
      const until = next.current_period_end ? formatDate(next.current_period_end, user.timezone) : "the end of the paid month";
      setMessage(`${plusName} is cancelled: you keep it until ${until}, then you are on Basic. Nothing more is charged.`);
    },
    onError: refused,
  });
  const keep = useMutation({
    // Upgrading again while the paid month runs keeps Plus without a charge.
    mutationFn: () => submitIdempotently(keepKeys, { side: plan.side, keep: true }, (key) => upgradePlan(plan.side, null, key)),
    onMutate: () => setMessage(null),
    onSuccess: ({ result }) => {
      changed(result);
      const on = result.current_period_end ? ` on ${formatDate(result.current_period_end, user.timezone)}` : "";
      setMessage(`You keep ${plusName}. Nothing was charged now; it renews${on} for ${formatMoney(result.plus_price)}.`);
    },
    onError: refused,
  });

  const actionError = cancel.isError ? cancel.error : keep.isError ? keep.error : null;
  const actionErrorText =
    actionError instanceof ApiError && actionError.code === "not_plus"
      ? "You are on Basic already: there is nothing to cancel."
      : actionError
        ? errorMessage(actionError)
        : null;

  return (
    <section className="card plan-card" aria-labelledby={titleId} data-testid={`plan-${plan.side}`}>
      <div className="security-section__head">
        <h2 id={titleId}>{sideLabels[plan.side]} plan</h2>
        <Badge
          label={state === "basic" ? "Basic" : state === "ending" ? "Plus, ending" : "Plus"}
          tone={state === "basic" ? "badge--neutral" : state === "ending" ? "badge--warning" : "badge--success"}
          testId={`plan-${plan.side}-badge`}
        />
      </div>
      <p className="plan-card__intro">
        {plan.side === "freelancer" ? "For finding work: Connects and what others bid." : "For hiring: the fee on what you fund."}
      </p>
      {plan.last_error && state === "basic" && (
        <Alert tone="warning" title="Your Plus renewal did not go through" live={false}>
          <p>
            {plan.last_error} You are back on Basic; we also emailed you. Upgrade again to get {plusName} back.
          </p>
        </Alert>
      )}
      <ul className="plan-options" aria-label={`${sideLabels[plan.side]} plans`}>
        <Option name="Basic" price="Free" benefits={basicBenefits[plan.side]} current={state === "basic"} />
        <Option name="Plus" price={monthlyPrice(plan)} benefits={plusBenefits(plan)} current={state !== "basic"} />
      </ul>
      <p className="plan-card__status" data-testid={`plan-${plan.side}-status`}>
        {planStatusText(plan, payerName, user.timezone)}
      </p>
      <div className="form-live" aria-live="polite">
        {message && (
          <Alert tone="success" live={false}>
            <p>{message}</p>
          </Alert>
        )}
        {actionErrorText && (
          <Alert tone="error" live={false}>
            <p>{actionErrorText}</p>
          </Alert>
        )}
      </div>
      {state === "basic" &&
        (upgrading ? (
          !user.email_verified ? (
            <Alert tone="warning" title="Verify your email address first">
              <p>
                Plans can be paid for once your email address is verified. Open the link we sent to {user.email}, or ask for
                a new one on <Link to="/account">your account page</Link>.
              </p>
            </Alert>
          ) : (
            <UpgradeForm
              plan={plan}
              cards={cards}
              cardsFailed={cardsFailed}
              onUpgraded={(next, replayed) => {
                setUpgrading(false);
                changed(next);
                moneyMoved();
                const on = next.current_period_end ? ` It renews on ${formatDate(next.current_period_end, user.timezone)}.` : "";
                setMessage(
                  replayed
                    ? `This upgrade had already gone through, so you were charged only once. You are on ${plusName}.${on}`
                    : `You are on ${plusName}: ${formatMoney(next.plus_price)} was charged.${on}${
                        next.side === "freelancer" ? " 90 more Connects are in your balance." : ""
                      }`,
                );
              }}
              onCancel={() => {
                setUpgrading(false);
                requestAnimationFrame(() => upgradeRef.current?.focus());
              }}
            />
          )
        ) : (
          <div className="form-actions">
            <button
              ref={upgradeRef}
              type="button"
              className="button"
              onClick={() => {
                setMessage(null);
                setUpgrading(true);
              }}
            >
              Upgrade to {plusName}
            </button>
          </div>
        ))}
      {state === "renewing" && (
        <div className="form-actions">
          <button type="button" className="button button--danger-quiet" disabled={cancel.isPending} onClick={() => confirm.current?.open()}>
            {cancel.isPending ? "Cancelling…" : `Cancel ${plusName}`}
          </button>
        </div>
      )}
      {state === "ending" && (
        <div className="form-actions">
          <button type="button" className="button" disabled={keep.isPending} onClick={() => keep.mutate()}>
            {keep.isPending ? "Keeping Plus…" : "Keep Plus"}
          </button>
          <p className="muted small">Nothing is charged now{end ? `; it renews on ${end}` : ""}.</p>
        </div>
      )}
      <ConfirmDialog
        ref={confirm}
        title={`Cancel ${plusName}?`}
        body={`You keep Plus until ${end ?? "the end of the paid month"}, then you are on Basic${
          plan.side === "freelancer" ? " (10 Connects a month, competing bids hidden)" : " (a 5% marketplace fee)"
        }. Nothing more is charged.`}
        confirm="Cancel Plus"
        keep="Keep my plan"
        onConfirm={() => cancel.mutate()}
      />
    </section>
  );
}
