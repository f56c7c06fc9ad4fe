import { Link } from "react-router";
import type { IdentityDocumentList } from "../../api/types";
import { formatDate } from "../../lib/format";

/** Why withdrawals wait for identity verification, and where the user stands. */
export function IdentityNotice({ identity, timeZone }: { identity: IdentityDocumentList; timeZone: string | undefined }) {
  const latest = identity.data.reduce<IdentityDocumentList["data"][number] | null>(
    (newest, doc) => (!newest || doc.created_at > newest.created_at ? doc : newest),
    null,
  );
  let text: React.ReactNode;
  let action = "Verify your identity";
  if (latest?.status === "pending") {
    text = (
      <>
        We are reviewing the document you uploaded on{" "}
        <time dateTime={latest.created_at}>{formatDate(latest.created_at, timeZone)}</time>. You can withdraw as soon as it
        is approved.
      </>
    );
    action = "See your verification";
  } else if (latest?.status === "rejected") {
    text = (
      <>
        Your last document was not accepted{latest.reason ? `: ${latest.reason}` : "."} Please upload a new one.
      </>
    );
    action = "Upload a new document";
  } else {
    text = "Withdrawals need a verified identity. Upload a photo or scan of your ID card, passport or driving licence; our team reviews it, usually within a day.";
  }
  return (
    <div className="alert alert--warning identity-notice" data-testid="identity-notice">
      <p className="alert__title">Verify your identity to withdraw</p>
      <p>{text}</p>
      <Link className="button button--secondary button--small" to="/settings/identity">
        {action}
      </Link>
    </div>
  );
}
