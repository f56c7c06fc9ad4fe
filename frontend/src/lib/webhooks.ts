import { ApiError, errorMessage, fieldErrorMessage } from "../api/problem";
import type { DeliveryStatus } from "../api/webhooks";

/** What each event type means, in plain words, and the group it is listed under. */
const eventTypeInfo: Record<string, { group: string; label: string }> = {
  "proposal.received": { group: "hiring", label: "A proposal arrived on your job" },
  "invitation.received": { group: "hiring", label: "A client invited you to a job" },
  "offer.received": { group: "hiring", label: "You received an offer" },
  "offer.answered": { group: "hiring", label: "Your offer was accepted or declined" },
  "milestone.funded": { group: "work", label: "A milestone was funded" },
  "milestone.submitted": { group: "work", label: "Work was submitted for a milestone" },
  "milestone.approved": { group: "work", label: "A milestone was approved" },
  "milestone.changes_requested": { group: "work", label: "Changes were requested on a milestone" },
  "invoice.issued": { group: "work", label: "An hourly invoice was issued" },
  "payment.released": { group: "work", label: "A payment was released" },
  "dispute.opened": { group: "disputes", label: "A dispute was opened" },
  "dispute.updated": { group: "disputes", label: "A dispute has news" },
  "dispute.resolved": { group: "disputes", label: "A dispute was resolved" },
  "feedback.received": { group: "feedback", label: "You received feedback" },
};

const groupTitles: [key: string, title: string][] = [
  ["hiring", "Proposals, invitations and offers"],
  ["work", "Milestones, invoices and payments"],
  ["disputes", "Disputes"],
  ["feedback", "Feedback"],
  ["other", "Other events"],
];

export interface EventGroup {
  key: string;
  title: string;
  types: { type: string; label: string }[];
}

/** The event types the server offers, grouped for the form (in the server's order within a group). */
export function groupEventTypes(types: readonly string[]): EventGroup[] {
  return groupTitles
    .map(([key, title]) => ({
      key,
      title,
      types: types
        .filter((type) => (eventTypeInfo[type]?.group ?? "other") === key)
        .map((type) => ({ type, label: eventTypeInfo[type]?.label ?? type })),
    }))
    .filter((group) => group.types.length > 0);
}

export function eventTypeLabel(type: string): string {
  return eventTypeInfo[type]?.label ?? type;
}

/** What the form checks before sending: an absolute https address (the server checks the rest). */
export function urlProblem(value: string): string | null {
  const text = value.trim();
  if (!text) return "Enter the address Worklane should send events to.";
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "Enter a full address, like https://example.com/worklane/webhooks.";
  }
  if (url.protocol !== "https:") return "Use an https:// address: deliveries are only sent over HTTPS.";
  return null;
}

/** The server's refusal of a field, in words for this form (its own words when it has some). */
export function webhookFieldMessage(field: string, code: string, message: string): string {
  if (field === "url" && code === "private_address") {
    return "That address is on a private or reserved network. Webhooks go to public internet addresses only.";
  }
  if (field === "url" && code === "invalid_url") {
    return /https/i.test(message)
      ? "Use an https:// address: deliveries are only sent over HTTPS."
      : "Enter a full address, like https://example.com/worklane/webhooks.";
  }
  if (field === "events" && code === "unknown_event") {
    return `${fieldErrorMessage({ field, code, message })} Reload the page to see the current event types.`;
  }
  if (field === "events") return "Choose at least one event.";
  return fieldErrorMessage({ field, code, message });
}

/** Splits a failed create into messages for the url and events fields and one for the form. */
export function webhookErrors(error: unknown): { url?: string; events?: string; description?: string; form: string | null } {
  const out: { url?: string; events?: string; description?: string; form: string | null } = { form: null };
  if (!(error instanceof ApiError) || !error.problem) return { form: errorMessage(error) };
  const rest: string[] = [];
  for (const fe of error.problem.errors ?? []) {
    const field = fe.field.replace(/[[.].*$/, "");
    if ((field === "url" || field === "events" || field === "description") && out[field] === undefined) {
      out[field] = webhookFieldMessage(field, fe.code, fe.message);
    } else if (field !== "url" && field !== "events" && field !== "description") {
      rest.push(fieldErrorMessage(fe));
    }
  }
  if (rest.length > 0) out.form = rest.join(" ");
  else if (out.url === undefined && out.events === undefined && out.description === undefined) out.form = errorMessage(error);
  return out;
}

export const deliveryStatusBadges: Record<DeliveryStatus, { label: string; className: string }> = {
  pending: { label: "Pending", className: "badge badge--warning" },
  succeeded: { label: "Delivered", className: "badge badge--success" },
  failed: { label: "Failed", className: "badge badge--danger" },
};

/** The body as sent, indented for reading (as it came when it is not JSON). */
export function prettyJson(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** The Node.js check of a delivery, shown on the page and offered to copy. */
export const verifySnippet = `import { createHmac, timingSafeEqual } from "node:crypto";

// rawBody: the request body exactly as received (before JSON parsing);
// header: the Worklane-Signature header; secret: your whsec_… signing secret.
export function isFromWorklane(rawBody, header, secret) {
  const parts = header.split(",").map((part) => part.trim().split("="));
  const t = parts.find(([key]) => key === "t")?.[1];
  const signatures = parts.filter(([key]) => key === "v1").map(([, value]) => value);
  if (!t || signatures.length === 0) return false;
  // Refuse anything signed more than 5 minutes ago (or ahead): replays.
  if (Math.abs(Date.now() / 1000 - Number(t)) > 300) return false;
  const expected = createHmac("sha256", secret)
    .update(\`\${t}.\`)
    .update(rawBody)
    .digest();
  return signatures.some((hex) => {
    const given = Buffer.from(hex, "hex");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}`;
