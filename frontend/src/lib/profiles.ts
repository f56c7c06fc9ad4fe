import type { CompanySize, Country } from "../api/types";

export const companySizeLabels: Record<CompanySize, string> = {
  just_me: "Just me",
  "2_to_9": "2–9 people",
  "10_to_99": "10–99 people",
  "100_to_999": "100–999 people",
  "1000_plus": "1,000+ people",
};

export function countryName(countries: Country[] | undefined, code: string): string {
  return countries?.find((c) => c.code === code)?.name ?? code;
}

/** The time now in a zone, like "3:45 PM" (null when the zone is unknown). */
export function localTime(timeZone: string, now: Date = new Date(), locale?: string): string | null {
  try {
    return new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit", timeZone }).format(now);
  } catch {
    return null;
  }
}

/** "$45.00/hr" from a wire amount. */
export function formatRate(amount: string | null | undefined): string | null {
  if (!amount) return null;
  const n = Number(amount);
  if (!Number.isFinite(n)) return null;
  return `$${n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}/hr`;
}

export function formatUsd(amount: string): string {
  const n = Number(amount);
  return Number.isFinite(n) ? `$${n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}` : amount;
}

export function monthYear(iso: string, locale?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(date);
}

const earnedBands: Record<string, string> = {
  under_1k: "Under $1K earned",
  "1k_plus": "$1K+ earned",
  "10k_plus": "$10K+ earned",
  "100k_plus": "$100K+ earned",
  "1m_plus": "$1M+ earned",
};

export function earnedBandLabel(band: string): string | null {
  return earnedBands[band] ?? null;
}

const badges: Record<string, { label: string; description: string }> = {
  top_rated: { label: "Top Rated", description: "a Job Success Score of 90% or more and $1,000 or more earned in the last 12 months" },
  rising_talent: { label: "Rising Talent", description: "new on Worklane, with a complete profile and a verified identity" },
};

/** What a badge means, for its accessible label and tooltip ("" for a badge we do not know). */
export function badgeDescription(badge: string): string {
  return badges[badge]?.description ?? "";
}

export function badgeLabel(badge: string): string {
  const known = badges[badge];
  if (known) return known.label;
  return badge
    .split("_")
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(" ");
}
