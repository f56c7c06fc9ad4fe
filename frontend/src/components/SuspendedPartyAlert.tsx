import { Alert } from "./feedback";
import "./trust.css";

/** Shown wherever the other side of a deal has been suspended by a Worklane admin. */
export function SuspendedPartyAlert({ party }: { party: { full_name: string; suspended: boolean } | null | undefined }) {
  if (!party?.suspended) return null;
  return (
    <div className="suspended-party" data-testid="suspended-party">
      <Alert tone="warning" live={false} title={`${party.full_name}’s account is suspended by Worklane`}>
        <p>
          Work with them is on hold while Worklane looks into it. Money in escrow stays protected: nothing is released
          or lost while the account is suspended. If you have questions, contact Worklane support.
        </p>
      </Alert>
    </div>
  );
}
