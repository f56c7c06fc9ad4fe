import { useRef } from "react";
import { canDisputeInvoice, type Party } from "../../lib/disputes";
import { OpenDisputeDialog, type OpenDisputeHandle } from "./OpenDisputeDialog";

/** "Dispute" on an hourly invoice: only the client, while it is in review. */
export function InvoiceDisputeButton({ invoice, viewer, label }: { invoice: { id: string; status: string; amount: string; review_until?: string | null }; viewer: Party; label: string }) {
  const ref = useRef<OpenDisputeHandle>(null);
  if (!canDisputeInvoice(invoice, viewer)) return null;
  return (
    <>
      <button type="button" className="button button--danger-quiet button--small" aria-label={`Dispute the invoice for ${label}`} onClick={() => ref.current?.open()}>
        Dispute
      </button>
      <OpenDisputeDialog ref={ref} invoiceId={invoice.id} amount={invoice.amount} role={viewer} />
    </>
  );
}
