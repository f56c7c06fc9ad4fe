/** The browser's own IANA time zone (falls back to UTC). */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat(undefined, { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The zone if this browser knows it, else the browser's own. */
export function usableTimeZone(timeZone?: string | null): string {
  return timeZone && isValidTimeZone(timeZone) ? timeZone : browserTimeZone();
}

/** A timestamp in the reader's locale, in the given time zone (the user's, else the browser's). */
export function formatDateTime(iso: string, timeZone?: string | null, locale?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const zone = timeZone && isValidTimeZone(timeZone) ? timeZone : browserTimeZone();
  return new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: zone,
  }).format(date);
}

export function formatDate(iso: string, timeZone?: string | null, locale?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const zone = timeZone && isValidTimeZone(timeZone) ? timeZone : browserTimeZone();
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: zone }).format(date);
}

/** Every IANA zone this browser knows, sorted, always including the browser's own and UTC. */
export function timeZones(): string[] {
  let zones: string[];
  try {
    zones = Intl.supportedValuesOf("timeZone");
  } catch {
    zones = [];
  }
  const all = new Set([...zones, browserTimeZone(), "UTC"]);
  return [...all].sort((a, b) => a.localeCompare(b));
}

const RELATIVE_STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["minute", 60],
  ["hour", 60],
  ["day", 24],
  ["week", 7],
  ["month", 4.35],
  ["year", 12],
];

/** "3 hours ago", "yesterday", "2 weeks ago": how long ago a past moment was. */
export function formatTimeAgo(iso: string, now: Date = new Date(), locale?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let value = (now.getTime() - date.getTime()) / 60_000;
  if (value < 1) return "just now";
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  let unit: Intl.RelativeTimeFormatUnit = "minute";
  for (let i = 1; i < RELATIVE_STEPS.length; i++) {
    const step = RELATIVE_STEPS[i];
    if (!step || value < step[1]) break;
    value /= step[1];
    unit = step[0];
  }
  return format.format(-Math.floor(value), unit);
}
