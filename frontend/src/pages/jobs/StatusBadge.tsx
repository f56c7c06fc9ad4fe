import type { JobStatusName } from "../../api/types";
import { statusLabels, statusTone } from "../../lib/jobs";

export function StatusBadge({ status }: { status: JobStatusName }) {
  return (
    <span className={`badge ${statusTone(status)}`} data-testid="job-status">
      {statusLabels[status]}
    </span>
  );
}
