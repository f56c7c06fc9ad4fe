import { ApiError, errorMessage } from "../../api/problem";
import { outcomeOf } from "../../lib/idempotency";

/** What was being done, for the sentences below. */
export type DeliveryStep = "fund" | "approve" | "bonus" | "end" | "time" | "other";

/**
 * Words for the codes of the delivery endpoints. Money-moving steps whose outcome is
 * unknown say that trying again is safe (the retry carries the same Idempotency-Key).
 */
export function deliveryErrorMessage(error: unknown, step: DeliveryStep = "other"): string {
  if (error instanceof ApiError) {
    switch (error.code) {
      case "invalid_milestone_state":
        return "This milestone has moved on since the page was loaded (the other side or the clock acted). Its latest state is shown now.";
      case "invalid_contract_state":
        return "The contract has changed since the page was loaded. Its latest state is shown now.";
      case "not_your_action":
        return "The other side of the contract takes this step, not you.";
      case "contract_ended":
        return "This contract has ended, so nothing more can change on it.";
      case "contract_paused":
        return "The contract is paused: time can be logged again once the client resumes it.";
      case "week_invoiced":
        return "That week has been invoiced, so its time can no longer change.";
      case "too_many_milestones":
        return "This contract has as many milestones as it can have.";
      case "card_declined":
        return "The card was declined, and nothing was charged. Choose another card, or add money to your wallet first.";
      case "insufficient_funds":
        if (error.status === 402) return "The card does not have enough funds, and nothing was charged. Choose another card.";
        if (step === "approve") {
          return "Your wallet does not cover the bonus, so nothing was released. Lower the bonus or leave it out, or add money to your wallet.";
        }
        if (step === "bonus") return "Your wallet does not cover this bonus. Add money to your wallet first, then pay it.";
        return "Your wallet does not cover it. Choose a card to pay what the wallet lacks, or add money to your wallet.";
      case "escrow_outstanding":
        return "Money is still held in escrow on this contract. Approve the funded milestones, or get them refunded (or wait for their automatic release), and let open invoices be released; then end the contract.";
      case "idempotency_in_progress":
        return "This is still being processed. Wait a few seconds and press the button again to see how it ended; nothing moves twice.";
      default:
        break;
    }
  }
  if ((step === "fund" || step === "approve" || step === "bonus") && outcomeOf(error) === "unknown") {
    return `${errorMessage(error)} We cannot tell whether it went through. Press the button again: if it did, nothing is charged or paid twice.`;
  }
  return errorMessage(error);
}

/** Codes after which the page's copy of the contract is out of date. */
export function isStale(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    ["invalid_milestone_state", "invalid_contract_state", "contract_ended", "contract_paused", "week_invoiced"].includes(error.code ?? "")
  );
}
