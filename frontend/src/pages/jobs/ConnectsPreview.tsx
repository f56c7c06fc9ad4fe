import type { ReactNode } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { fetchConnectsCost, type PayTerms } from "../../api/jobs";
import { useDebounced } from "../../lib/useDebounced";
import { connectsText } from "../../lib/jobs";
import { amountToCents, BUDGET_MIN_CENTS, RATE_MIN_CENTS, type JobFormValues } from "./jobSchema";

type PayValues = Pick<JobFormValues, "job_type" | "budget" | "hourly_min" | "hourly_max" | "project_length" | "hours_per_week">;

/** The terms to price, or null while the pay is not yet something the server would accept. */
export function payTermsFor(values: PayValues): PayTerms | null {
  const base = { job_type: values.job_type, project_length: values.project_length, hours_per_week: values.hours_per_week };
  if (values.job_type === "fixed") {
    const budget = amountToCents(values.budget);
    return budget !== null && budget >= BUDGET_MIN_CENTS ? { ...base, budget: values.budget.trim() } : null;
  }
  const low = amountToCents(values.hourly_min);
  const high = amountToCents(values.hourly_max);
  if (low === null || high === null || low < RATE_MIN_CENTS || high < low) return null;
  return { ...base, hourly_min: values.hourly_min.trim(), hourly_max: values.hourly_max.trim() };
}

/** "Proposals to this job cost N Connects", priced by the server as the pay is typed. */
export function ConnectsPreview({ values }: { values: PayValues }) {
  const current = payTermsFor(values);
  // Debounce a string: a fresh terms object every render would restart the wait forever.
  const key = useDebounced(current ? JSON.stringify(current) : null, 400);
  const terms = key ? (JSON.parse(key) as PayTerms) : null;
  const cost = useQuery({
    queryKey: ["connects-cost", key],
    queryFn: ({ signal }) => (terms ? fetchConnectsCost(terms, signal) : Promise.resolve(null)),
    enabled: terms !== null,
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
  });

  // The figure shown belongs to older terms while the new ones are typed or priced.
  const updating = current !== null && (JSON.stringify(current) !== key || cost.isFetching);

  let text: ReactNode;
  if (!current) text = "Enter the pay to see what a proposal to this job will cost freelancers.";
  else if (!terms) text = "Working out the Connects cost…";
  else if (cost.isError) text = "The Connects cost could not be worked out right now.";
  else if (cost.data == null) text = "Working out the Connects cost…";
  else
    text = (
      <>
        Proposals to this job cost <strong>{connectsText(cost.data)}</strong>.
      </>
    );

  return (
    <div className="connects-preview" data-testid="connects-preview" data-updating={updating || undefined}>
      <span className="connects-preview__icon" aria-hidden="true">
        ◆
      </span>
      <div>
        <p role="status" aria-live="polite" aria-atomic="true" aria-busy={updating}>
          {text}
        </p>
        <p className="muted small">Freelancers spend Connects to send a proposal; jobs of higher value cost more.</p>
      </div>
    </div>
  );
}
