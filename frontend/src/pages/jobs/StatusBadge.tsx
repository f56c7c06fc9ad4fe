import type { JobStatus } from "../../api/types";
import { statusLabels, statusTone } from "../../lib/jobs";

export function StatusBadge({ status }: { status: JobStatus }) {
  return (
    <span className={`badge ${statusTone(status)}`} data-testid="job-status">
      {statusLabels[status]}
    </span>
  );
}
