import { z } from "zod";
import { parseAmount, toCents } from "../../lib/money";

/** A typed amount of US dollars, read into the API's form ("500.00"); more than zero. */
export const positiveAmount = z.string().transform((text, ctx) => {
  const amount = parseAmount(text);
  if (amount === null) {
    ctx.addIssue({ code: "custom", message: "Enter an amount in US dollars, like 500 or 500.00." });
    return z.NEVER;
  }
  if (toCents(amount) === 0) {
    ctx.addIssue({ code: "custom", message: "Enter an amount above $0.00." });
    return z.NEVER;
  }
  return amount;
});

/** The amount typed so far, when it is one above zero (for live quotes); else null. */
export function typedAmount(text: string): string | null {
  const amount = parseAmount(text);
  return amount !== null && toCents(amount) !== 0 ? amount : null;
}
