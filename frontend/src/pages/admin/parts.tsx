import type { FlagStatus, Standing } from "../../api/trust";

export function StandingBadge({ status }: { status: Standing }) {
  return (
    <span className={`badge ${status === "suspended" ? "badge--danger" : "badge--success"}`} data-testid="standing">
      {status === "suspended" ? "Suspended" : "Active"}
    </span>
  );
}

export function FlagStatusBadge({ status }: { status: FlagStatus }) {
  const tone = status === "open" ? "badge--warning" : status === "actioned" ? "badge--danger" : "badge--neutral";
  const label = status === "open" ? "Open" : status === "actioned" ? "Actioned" : "Dismissed";
  return <span className={`badge ${tone}`}>{label}</span>;
}
