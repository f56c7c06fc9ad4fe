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
