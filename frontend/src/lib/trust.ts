// Trust and safety, the parts with rules: report wording, what a flag links to, the audit
// log's filter in the URL, and the sign-ups chart's scale.
import type { ActorKind, AuditQuery, DayCount, FlagStatus, QueuedFlag, Standing } from "../api/trust";

export const REPORT_REASON_MAX = 1000;
export const SUSPEND_REASON_MAX = 500;
export const REMOVE_REASON_MAX = 500;
export const RESOLVE_NOTE_MAX = 1000;

/** What a report's answer means to the person who sent it: 201 new, 200 already waiting. */
export function reportOutcomeText(created: boolean): string {
  return created ? "Thanks — our trust and safety team will review it." : "You already reported this; it is waiting for review.";
}

export const FLAG_STATUSES: readonly { value: FlagStatus; label: string }[] = [
  { value: "open", label: "Open" },
  { value: "dismissed", label: "Dismissed" },
  { value: "actioned", label: "Actioned" },
];

export function parseFlagStatus(value: string | null): FlagStatus {
  return FLAG_STATUSES.some((s) => s.value === value) ? (value as FlagStatus) : "open";
}

export function parseStanding(value: string | null): Standing | null {
  return value === "active" || value === "suspended" ? value : null;
}

export const actorKindLabels: Record<ActorKind, string> = {
  user: "User",
  admin: "Admin",
  token: "Access token",
  system: "Worklane",
  anonymous: "Not signed in",
};

/** Where a flagged thing can be seen, and how to name it (a deleted message has no label). */
export function flagTargetView(flag: Pick<QueuedFlag, "target_type" | "target_id" | "target">): {
  kind: string;
  text: string;
  to: string | null;
} {
  const label = flag.target.label?.trim() || null;
  switch (flag.target_type) {
    case "job":
      return { kind: "Job", text: label ?? "A job", to: `/jobs/${flag.target_id}` };
    case "profile":
      return { kind: "Profile", text: label ?? flag.target.owner?.full_name ?? "A person", to: `/admin/users/${flag.target_id}` };
    case "message":
      return { kind: "Message", text: label ?? "This message was deleted.", to: null };
  }
}

export function openFlagsText(count: number): string {
  if (count === 0) return "No open flags on this";
  return count === 1 ? "1 open flag on this" : `${count.toLocaleString("en-US")} open flags on this`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const AUDIT_TEXT_FIELDS = ["action", "actor_id", "target_id", "request_id", "ip"] as const;
export const AUDIT_TIME_FIELDS = ["since", "until"] as const;
export type AuditField = (typeof AUDIT_TEXT_FIELDS)[number] | (typeof AUDIT_TIME_FIELDS)[number];

/** The filter as the form holds it: text, and local date-times as `<input type="datetime-local">` gives them. */
export type AuditForm = Record<AuditField, string>;

export const EMPTY_AUDIT_FORM: AuditForm = { action: "", actor_id: "", target_id: "", request_id: "", ip: "", since: "", until: "" };

export function auditFormFromParams(params: URLSearchParams): AuditForm {
  const form = { ...EMPTY_AUDIT_FORM };
  for (const key of Object.keys(form) as AuditField[]) form[key] = params.get(key) ?? "";
  return form;
}

/** The form's problems before asking the server: ids must be UUIDs, times real, since before until. */
export function auditFormErrors(form: AuditForm): Partial<Record<AuditField, string>> {
  const errors: Partial<Record<AuditField, string>> = {};
  for (const key of ["actor_id", "target_id"] as const) {
    const v = form[key].trim();
    if (v && !UUID.test(v)) errors[key] = "Enter a full id, like 1f0c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b.";
  }
  for (const key of AUDIT_TIME_FIELDS) {
    if (form[key] && Number.isNaN(new Date(form[key]).getTime())) errors[key] = "Enter a date and time.";
  }
  if (!errors.since && !errors.until && form.since && form.until && new Date(form.since) > new Date(form.until)) {
    errors.until = "“Until” must be after “Since”.";
  }
  return errors;
}

/** The query the API takes: empty fields left out, local times turned into RFC 3339 (UTC). */
export function auditQuery(form: AuditForm): AuditQuery {
  const query: AuditQuery = {};
  for (const key of AUDIT_TEXT_FIELDS) {
    const v = form[key].trim();
    if (v) query[key] = v;
  }
  for (const key of AUDIT_TIME_FIELDS) {
    const date = form[key] ? new Date(form[key]) : null;
    if (date && !Number.isNaN(date.getTime())) query[key] = date.toISOString();
  }
  return query;
}

export interface Bar {
  date: string;
  count: number;
  /** Height as a share of the tallest day, 0–100. */
  percent: number;
}

/** The sign-ups chart: each day's height against the busiest day (an all-zero month stays flat). */
export function signupBars(days: readonly DayCount[]): { bars: Bar[]; max: number; total: number } {
  const max = days.reduce((m, d) => Math.max(m, d.count), 0);
  const total = days.reduce((sum, d) => sum + d.count, 0);
  const bars = days.map((d) => ({ date: d.date, count: d.count, percent: max === 0 ? 0 : Math.round((d.count / max) * 100) }));
  return { bars, max, total };
}

/** A UTC calendar day ("2026-11-26") as the reader says it ("Nov 26"). */
export function shortDay(date: string, locale?: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  return new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", timeZone: "UTC" }).format(d);
}
