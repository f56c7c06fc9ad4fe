import { ApiError, errorMessage } from "../../api/problem";
import { outcomeOf } from "../../lib/idempotency";

/** Words for the codes the money endpoints answer with; null for any other failure. */
function knownMessage(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  switch (error.code) {
    case "card_declined":
      return "The card was declined. Try another card, or ask your bank why.";
    case "insufficient_funds":
      return error.status === 402
        ? "The card does not have enough funds for this amount. Try a smaller amount or another card."
        : "Your available balance is too low for this withdrawal.";
    case "identity_not_verified":
      return "Verify your identity before you withdraw: upload an ID document and wait for our review.";
    case "email_unverified":
      return "Verify your email address first: open the link we sent you, then try again.";
    default:
      return null;
  }
}

/** A failed request that moves no money (adding a card or a bank account). */
export function plainMoneyErrorMessage(error: unknown): string {
  return knownMessage(error) ?? errorMessage(error);
}

/** What was being done, in the words the messages use. */
interface Action {
  /** "deposit", "withdrawal". */
  noun: string;
  /** The submit button's first word, to say which button to press again. */
  button: string;
}

/**
 * The sentence for a failed money-moving request. When the outcome is unknown (no answer,
 * a server error, the first attempt still running) it says that pressing the button
 * again is safe: the retry carries the same idempotency key.
 */
export function moneyErrorMessage(error: unknown, action: Action): string {
  if (error instanceof ApiError && error.code === "idempotency_in_progress") {
    return `Your ${action.noun} is still being processed. Wait a few seconds, then press “${action.button}” again to see how it ended; it will not be made twice.`;
  }
  const known = knownMessage(error);
  if (known) return known;
  if (outcomeOf(error) === "unknown") {
    return `${errorMessage(error)} We cannot tell whether your ${action.noun} went through. Press “${action.button}” again: if it did, it will not be made twice.`;
  }
  return errorMessage(error);
}
