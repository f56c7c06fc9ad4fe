import { useEffect, useRef, useState } from "react";
import { reportContent, type FlagTarget, type ReportOutcome } from "../api/trust";
import { reportOutcomeText, REPORT_REASON_MAX } from "../lib/trust";
import { ActionDialog, type ActionDialogHandle } from "./ActionDialog";
import { Alert } from "./feedback";

const TARGET_WORDS: Record<FlagTarget, string> = { job: "job", profile: "profile", message: "message" };

/**
 * "Report" for anyone signed in: a dialog asks why, the report goes to the trust and
 * safety queue, and the answer (new, or already waiting) is said beside the button.
 */
export function ReportButton({
  targetType,
  targetId,
  subject,
  className = "button button--secondary button--small",
  label,
}: {
  targetType: FlagTarget;
  targetId: string;
  /** What is reported, read in the dialog ("Logo design for a bakery"). */
  subject: string;
  className?: string;
  /** The button's accessible name when "Report" alone is ambiguous (one per message). */
  label?: string;
}) {
  const dialog = useRef<ActionDialogHandle>(null);
  const [outcome, setOutcome] = useState<ReportOutcome | null>(null);
  // The dialog is only built when asked for: a thread has a Report button on every message.
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    if (asked > 0) dialog.current?.open();
  }, [asked]);
  const word = TARGET_WORDS[targetType];
  return (
    <div className="report">
      <button type="button" className={className} aria-label={label} onClick={() => setAsked((n) => n + 1)}>
        Report{targetType === "message" ? "" : ` ${word}`}
      </button>
      <div className="report__outcome" aria-live="polite">
        {outcome && (
          <Alert tone={outcome.created ? "success" : "info"} live={false}>
            <p>{reportOutcomeText(outcome.created)}</p>
          </Alert>
        )}
      </div>
      {asked > 0 && (
        <ActionDialog
          ref={dialog}
          title={`Report this ${word}`}
          subject={subject}
          body="Tell Worklane’s trust and safety team what is wrong. The person is not told who reported them."
          label="What is wrong?"
          field="reason"
          hint="For example: asks to be paid outside Worklane, a scam, abuse."
          required="Say what is wrong, so the team knows what to look for."
          max={REPORT_REASON_MAX}
          confirm="Send report"
          pending="Sending…"
          tone="primary"
          onSubmit={(reason) => reportContent(targetType, targetId, reason)}
          onDone={setOutcome}
        />
      )}
    </div>
  );
}
