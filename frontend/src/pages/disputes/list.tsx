import { Link } from "react-router";
import type { Dispute, DisputeStatusFilter } from "../../api/disputes";
import { requestText } from "../../lib/disputes";
import { formatDateTime } from "../../lib/format";
import { Money } from "../money/parts";
import { DisputeStatusBadge } from "./parts";

export const STATUS_FILTERS: { value: DisputeStatusFilter | "all"; label: string }[] = [
  { value: "unresolved", label: "Unresolved" },
  { value: "awaiting_response", label: "Awaiting response" },
  { value: "in_mediation", label: "In mediation" },
  { value: "resolved", label: "Resolved" },
];

export function parseStatus(value: string | null, fallback: DisputeStatusFilter | "all"): DisputeStatusFilter | "all" {
  return STATUS_FILTERS.some((f) => f.value === value) || value === "all" ? (value as DisputeStatusFilter | "all") : fallback;
}

export function DisputeRow({ dispute, to, timeZone }: { dispute: Dispute; to: string; timeZone?: string | null | undefined }) {
  return (
    <li className="card" data-testid="dispute-row">
      <div className="dispute-row">
        <h2 className="job-row__title">
          <Link to={to}>{dispute.contract_title}</Link>
        </h2>
        <DisputeStatusBadge status={dispute.status} />
      </div>
      <p className="small muted">
        <Money amount={dispute.amount} /> in escrow · <span data-testid="dispute-request">{requestText(dispute)}</span> · opened{" "}
        {formatDateTime(dispute.created_at, timeZone)}
      </p>
    </li>
  );
}

