// Money in the SPA: amounts travel as decimal strings ("125.50", "-50.00") and are only
// ever turned into whole cents for arithmetic, never into floating-point dollars.
// Formatting hands the exact decimal string to Intl, so nothing is rounded on the way.

/** A wire amount: an optional minus, digits, and at most two decimals. */
const WIRE_AMOUNT = /^-?\d{1,13}(\.\d{1,2})?$/;

/** The most a typed amount may have before the decimal point (the server's NUMERIC fits it). */
const MAX_WHOLE_DIGITS = 10;

/**
 * Read an amount a person typed: "500", "500.5", "$1,250.00", "1 250,50" or "12,5" (a
 * decimal comma). Returns the API's form with two decimals ("1250.00"), or null when the
 * text is not a non-negative amount of at most two decimals.
 */
export function parseAmount(text: string): string | null {
  let s = text.trim().replace(/^(US)?\$\s*/i, "").replace(/\s*(USD)?$/i, "");
  // Spaces (including narrow and non-breaking ones) only ever group thousands.
  s = s.replace(/[\s\u00a0\u202f]/g, "");
  if (s === "") return null;
  let whole: string;
  let fraction: string;
  let match: RegExpExecArray | null;
  if ((match = /^(\d{1,3}(?:,\d{3})+)(?:\.(\d{1,2}))?$/.exec(s))) {
    // 1,250 or 1,250.50: commas group thousands.
    whole = (match[1] ?? "").replaceAll(",", "");
    fraction = match[2] ?? "";
  } else if ((match = /^(\d{1,3}(?:\.\d{3})+),(\d{1,2})$/.exec(s))) {
    // 1.250,50: dots group thousands, the comma is the decimal mark.
    whole = (match[1] ?? "").replaceAll(".", "");
    fraction = match[2] ?? "";
  } else if ((match = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(s))) {
    // 1250, 1250.5 or 1250,5. ("1,250" is taken as thousands above.)
    whole = match[1] ?? "";
    fraction = match[2] ?? "";
  } else if ((match = /^[.,](\d{1,2})$/.exec(s))) {
    whole = "0";
    fraction = match[1] ?? "";
  } else {
    return null;
  }
  whole = whole.replace(/^0+(?=\d)/, "");
  if (whole.length > MAX_WHOLE_DIGITS) return null;
  return `${whole}.${fraction.padEnd(2, "0")}`;
}

/** A wire amount ("-50.00", "125.5", "3") as whole cents; null when it is not one. */
export function toCents(amount: string): number | null {
  const s = amount.trim();
  if (!WIRE_AMOUNT.test(s)) return null;
  const negative = s.startsWith("-");
  const [whole = "0", fraction = ""] = (negative ? s.slice(1) : s).split(".");
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  return negative && cents !== 0 ? -cents : cents;
}

/** Whole cents as a wire amount: 12550 -> "125.50", -5000 -> "-50.00". */
export function fromCents(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`Not a whole number of cents: ${cents}`);
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  const fraction = String(abs % 100).padStart(2, "0");
  return `${sign}${Math.floor(abs / 100)}.${fraction}`;
}

/** a − b, exactly; null when either is not an amount. */
/** a + b in whole cents, as a wire amount; null if either is unreadable. */
export function addAmounts(a: string, b: string): string | null {
  const x = toCents(a);
  const y = toCents(b);
  return x === null || y === null ? null : fromCents(x + y);
}

export function subtractAmounts(a: string, b: string): string | null {
  const x = toCents(a);
  const y = toCents(b);
  return x === null || y === null ? null : fromCents(x - y);
}

/** Negative, zero or positive as a is below, equal to or above b (unreadable amounts count as zero). */
export function compareAmounts(a: string, b: string): number {
  return Math.sign((toCents(a) ?? 0) - (toCents(b) ?? 0));
}

function formatter(currency: string, locale: string | undefined, signed: boolean): Intl.NumberFormat {
  try {
    return new Intl.NumberFormat(locale, {
      style: "currency",
      currency,
      signDisplay: signed ? "exceptZero" : "auto",
    });
  } catch {
    // An unknown currency code: still show the amount, in US dollars' shape.
    return new Intl.NumberFormat(locale, { style: "currency", currency: "USD", signDisplay: signed ? "exceptZero" : "auto" });
  }
}

/**
 * A wire amount as money in the reader's locale: "125.50" -> "$125.50" (en-US) or
 * "125,50 $" (de-DE). The decimal string goes to Intl as it is (no float on the way);
 * anything unreadable is shown as sent.
 */
export function formatMoney(amount: string, currency = "USD", locale?: string): string {
  const s = amount.trim();
  if (!WIRE_AMOUNT.test(s)) return amount;
  return formatter(currency, locale, false).format(s as Intl.StringNumericLiteral);
}

/** Like formatMoney, with the sign always shown: "+$500.00", "-$50.00", "$0.00". */
export function formatSignedMoney(amount: string, currency = "USD", locale?: string): string {
  const s = amount.trim();
  if (!WIRE_AMOUNT.test(s)) return amount;
  return formatter(currency, locale, true).format(s as Intl.StringNumericLiteral);
}
