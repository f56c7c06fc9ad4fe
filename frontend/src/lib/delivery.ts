// Contract delivery in the SPA: what each side may do with a milestone or a contract in
// each state, the automatic deadline in words, and the arithmetic of hourly time
// (10-minute segments, weeks that start on Monday in UTC, wall times in a time zone).
import type { Contract, InvoiceStatus, SubmissionOutcome, TimeEntry, Timesheet } from "../api/types";
import { formatDateTime } from "./format";
import type { Tone } from "./hiring";
import { parseAmount, toCents } from "./money";

export type Viewer = "client" | "freelancer";

// ---------- fixed price: milestones ----------

export interface MilestoneActions {
  /** Client: move the amount into escrow. */
  fund: boolean;
  /** Client: change the title, amount or due date, move it, or delete it (unfunded only). */
  edit: boolean;
  /** Client: release the escrow (with an optional bonus). */
  approve: boolean;
  requestChanges: boolean;
  /** Client: ask for a funded, unsubmitted milestone's money back. */
  requestRefund: boolean;
  /** Freelancer: deliver work. */
  submit: boolean;
  /** Freelancer: give the money back to the client. */
  agreeRefund: boolean;
}

const NONE: MilestoneActions = {
  fund: false,
  edit: false,
  approve: false,
  requestChanges: false,
  requestRefund: false,
  submit: false,
  agreeRefund: false,
};

/**
 * The milestone state machine of the server, seen from one side: pending -> funded ->
 * submitted -> approved (or changes requested -> submitted again); a funded milestone
 * without a submission may be asked back (refund requested -> refunded). An ended
 * contract takes no more actions.
 */
export function milestoneActions(status: string, viewer: Viewer, contractStatus: string): MilestoneActions {
  if (contractStatus === "ended") return NONE;
  if (viewer === "client") {
    return {
      ...NONE,
      fund: status === "pending",
      edit: status === "pending",
      approve: status === "submitted",
      requestChanges: status === "submitted",
      requestRefund: status === "funded",
    };
  }
  return {
    ...NONE,
    submit: status === "funded" || status === "changes_requested",
    agreeRefund: status === "refund_requested",
  };
}

/** Any action at all, to decide whether to show an actions row. */
export function hasAny(actions: MilestoneActions): boolean {
  return Object.values(actions).some(Boolean);
}

/** What happens on its own at the milestone's deadline, in words; null when nothing is pending. */
export function deadlineText(milestone: { status: string; deadline?: string | null }, timeZone?: string | null): string | null {
  if (!milestone.deadline) return null;
  const when = formatDateTime(milestone.deadline, timeZone);
  switch (milestone.status) {
    case "submitted":
      return `Released automatically on ${when} if the client does not answer.`;
    case "refund_requested":
      return `Refunded automatically on ${when} if the freelancer does not answer.`;
    default:
      return `Settled automatically on ${when}.`;
  }
}

/** The milestones in the contract's order. */
export function inOrder<M extends { position: number }>(milestones: readonly M[]): M[] {
  return [...milestones].sort((a, b) => a.position - b.position);
}

/** Whether a pending milestone can move up or down (only among unfunded neighbours). */
export function moves(ordered: readonly { status: string }[], index: number): { up: boolean; down: boolean } {
  const pending = (i: number) => ordered[i]?.status === "pending";
  return { up: pending(index) && pending(index - 1), down: pending(index) && pending(index + 1) };
}

// ---------- the contract ----------

export interface ContractActions {
  pause: boolean;
  resume: boolean;
  end: boolean;
  /** Hourly: change the rate (client up, freelancer down) or, for the client, the weekly limit. */
  changeTerms: boolean;
  /** Fixed price: the client adds milestones and pays bonuses. */
  addMilestone: boolean;
  bonus: boolean;
  /** Hourly: the freelancer logs time. */
  logTime: boolean;
}

export function contractActions(contract: Pick<Contract, "status" | "contract_type">, viewer: Viewer): ContractActions {
  const open = contract.status !== "ended";
  const hourly = contract.contract_type === "hourly";
  const client = viewer === "client";
  return {
    pause: client && hourly && contract.status === "active",
    resume: client && hourly && contract.status === "paused",
    end: open,
    changeTerms: open && hourly,
    addMilestone: open && client && !hourly,
    bonus: open && client,
    logTime: !client && hourly && contract.status === "active",
  };
}

/** An ended contract's feedback window: still open (until `until`) or closed (since `until`). */
export function feedbackWindow(until: string | null | undefined, now: number = Date.now()): { open: boolean; until: string } | null {
  if (!until) return null;
  const end = Date.parse(until);
  if (Number.isNaN(end)) return null;
  return { open: now < end, until };
}

/**
 * Whether a new hourly rate is allowed for this side: the client may only raise it,
 * the freelancer may only lower it. Null when allowed, else the reason.
 */
export function rateChangeProblem(current: string | null | undefined, typed: string, viewer: Viewer): string | null {
  const next = parseAmount(typed);
  const nextCents = next === null ? null : toCents(next);
  if (nextCents === null || nextCents <= 0) return "Enter the new rate in US dollars, like 45 or 45.00.";
  const now = current ? toCents(current) : null;
  if (now === null) return null;
  if (nextCents === now) return "That is the rate already.";
  if (viewer === "client" && nextCents < now) return "As the client you can raise the rate, not lower it.";
  if (viewer === "freelancer" && nextCents > now) return "As the freelancer you can lower the rate, not raise it.";
  return null;
}

// ---------- hourly: durations ----------

export const SEGMENT_MINUTES = 10;
export const MAX_ENTRY_MINUTES = 24 * 60;
export const HOUR_CHOICES = Array.from({ length: 25 }, (_, h) => h);
export const MINUTE_CHOICES = [0, 10, 20, 30, 40, 50];

/** 90 -> { hours: 1, minutes: 30 }. */
export function splitMinutes(total: number): { hours: number; minutes: number } {
  const safe = Math.max(0, Math.floor(total));
  return { hours: Math.floor(safe / 60), minutes: safe % 60 };
}

export function joinMinutes(hours: number, minutes: number): number {
  return hours * 60 + minutes;
}

/** Why a duration cannot be logged, or null: whole 10-minute segments, 10 minutes to 24 hours. */
export function durationProblem(total: number): string | null {
  if (!Number.isInteger(total) || total % SEGMENT_MINUTES !== 0) return "Log time in steps of 10 minutes.";
  if (total < SEGMENT_MINUTES) return "Log at least 10 minutes.";
  if (total > MAX_ENTRY_MINUTES) return "One entry covers at most 24 hours.";
  return null;
}

/** 0 -> "0 min", 90 -> "1 h 30 min", 120 -> "2 h". */
export function formatMinutes(total: number): string {
  const { hours, minutes } = splitMinutes(total);
  if (hours === 0) return `${minutes} min`;
  return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
}

/** 90 -> "1.5 hours", 60 -> "1 hour": for billed totals. */
export function formatHours(total: number): string {
  const hours = Math.round((total / 60) * 100) / 100;
  return `${hours.toLocaleString("en-US")} ${hours === 1 ? "hour" : "hours"}`;
}

// ---------- hourly: weeks (Monday to Sunday, UTC, as the server bills them) ----------

const DAY_MS = 86_400_000;

function parseDay(day: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(t) ? null : t;
}

function toDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The Monday (UTC) of the week a moment or a day falls in. */
export function mondayOf(at: Date | string): string {
  const ms = typeof at === "string" ? (parseDay(at) ?? Date.parse(at)) : at.getTime();
  const d = new Date(ms);
  const midnight = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  const weekday = (d.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return toDay(midnight - weekday * DAY_MS);
}

export function addDays(day: string, days: number): string {
  const t = parseDay(day);
  return t === null ? day : toDay(t + days * DAY_MS);
}

export function addWeeks(monday: string, weeks: number): string {
  return addDays(monday, weeks * 7);
}

/** Whether `week` is a real YYYY-MM-DD day (the server takes any day of the week). */
export function isDay(value: string | null): value is string {
  if (value === null) return false;
  const t = parseDay(value);
  return t !== null && toDay(t) === value;
}

/** "Nov 23 – Nov 29, 2026" (the days of the week, in UTC as billed). */
export function weekLabel(monday: string, locale?: string): string {
  const start = parseDay(monday);
  if (start === null) return monday;
  const end = start + 6 * DAY_MS;
  const short = new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", timeZone: "UTC" });
  const year = new Intl.DateTimeFormat(locale, { year: "numeric", timeZone: "UTC" });
  return `${short.format(start)} – ${short.format(end)}, ${year.format(end)}`;
}

/** Where the week navigation may go: never past the current week. */
export function weekNavigation(shown: string, current: string): { previous: string; next: string | null; isCurrent: boolean } {
  const next = addWeeks(shown, 1);
  return { previous: addWeeks(shown, -1), next: next <= current ? next : null, isCurrent: shown >= current };
}

// ---------- hourly: wall times in the user's time zone ----------

function partsIn(ms: number, timeZone: string): Record<string, number> {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(ms));
  const out: Record<string, number> = {};
  for (const p of parts) if (p.type !== "literal") out[p.type] = Number(p.value);
  return out;
}

/** How far `timeZone` is ahead of UTC at that moment, in ms. */
function offsetAt(ms: number, timeZone: string): number {
  const p = partsIn(ms, timeZone);
  const asUtc = Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, (p.hour ?? 0) % 24, p.minute ?? 0, p.second ?? 0);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** A date (YYYY-MM-DD) and a time (HH:MM) on the clock in `timeZone`, as an ISO instant. */
export function zonedToIso(date: string, time: string, timeZone: string): string | null {
  const day = parseDay(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (day === null || !t) return null;
  const wall = day + (Number(t[1]) * 60 + Number(t[2])) * 60_000;
  let guess = wall - offsetAt(wall, timeZone);
  // Once more, in case the offset differs on the other side of a DST change.
  guess = wall - offsetAt(guess, timeZone);
  return new Date(guess).toISOString();
}

/** An instant as the date and time on the clock in `timeZone`. */
export function isoToZoned(iso: string, timeZone: string): { date: string; time: string } {
  const p = partsIn(Date.parse(iso), timeZone);
  const pad = (n: number | undefined) => String(n ?? 0).padStart(2, "0");
  return { date: `${p.year ?? 1970}-${pad(p.month)}-${pad(p.day)}`, time: `${pad((p.hour ?? 0) % 24)}:${pad(p.minute)}` };
}

// ---------- hourly: the timesheet ----------

/** Entries can change until their week is invoiced, on a contract that still runs. */
export function entryEditable(entry: Pick<TimeEntry, "invoice_id">, sheet: Pick<Timesheet, "invoice">, contractStatus: string): boolean {
  return contractStatus !== "ended" && !entry.invoice_id && !sheet.invoice;
}

/** Logged time beyond the weekly limit is not billed. */
export function overLimit(sheet: Pick<Timesheet, "logged_minutes" | "billed_minutes">): number {
  return Math.max(0, sheet.logged_minutes - sheet.billed_minutes);
}

// ---------- words ----------

export const invoiceStatusLabels: Record<InvoiceStatus, string> = {
  unpaid: "Not charged yet",
  in_review: "In review",
  released: "Released",
  disputed: "In dispute",
  refunded: "Refunded",
};

export const invoiceStatusTones: Record<InvoiceStatus, Tone> = {
  unpaid: "badge--warning",
  in_review: "badge--info",
  released: "badge--success",
  disputed: "badge--danger",
  refunded: "badge--neutral",
};

export const outcomeLabels: Record<SubmissionOutcome, string> = {
  approved: "Approved",
  changes_requested: "Changes requested",
  auto_released: "Released automatically",
};
