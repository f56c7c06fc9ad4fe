import { describe, expect, it } from "vitest";
import type { WithdrawalMethod } from "../../api/types";
import { withdrawalQuote } from "./WithdrawForm";

const method: WithdrawalMethod = {
  id: "m1",
  account_holder: "Diego Álvarez",
  bank_last4: "6789",
  usable_from: "2026-11-20T10:00:00Z",
  fee: "1.00",
  minimum: "1.00",
  created_at: "2026-11-17T10:00:00Z",
};

describe("withdrawalQuote", () => {
  it("takes the account's fee off the amount, to the cent", () => {
    expect(withdrawalQuote("100.00", method, "250.00")).toEqual({ fee: "1.00", net: "99.00", problem: null });
    expect(withdrawalQuote("0.30", { ...method, fee: "0.10", minimum: "0.20" }, null)).toEqual({
      fee: "0.10",
      net: "0.20",
      problem: null,
    });
  });

  it("says why a withdrawal cannot be made", () => {
    expect(withdrawalQuote("0.50", method, "250.00").problem).toBe("The smallest withdrawal to this account is $1.00.");
    expect(withdrawalQuote("1.00", method, "250.00").problem).toBe("The amount must be more than this account’s $1.00 fee.");
    expect(withdrawalQuote("300.00", method, "250.00").problem).toBe("You have $250.00 available to withdraw.");
  });
});
