import { describe, expect, it } from "vitest";
import { compareAmounts, formatMoney, formatSignedMoney, fromCents, parseAmount, subtractAmounts, toCents } from "./money";

describe("parseAmount", () => {
  it("reads what people type into the API's two-decimal form", () => {
    expect(parseAmount("500")).toBe("500.00");
    expect(parseAmount("500.5")).toBe("500.50");
    expect(parseAmount(" 125.50 ")).toBe("125.50");
    expect(parseAmount("$1,250.00")).toBe("1250.00");
    expect(parseAmount("US$ 99")).toBe("99.00");
    expect(parseAmount("99 USD")).toBe("99.00");
    expect(parseAmount("0.99")).toBe("0.99");
    expect(parseAmount(".5")).toBe("0.50");
    expect(parseAmount("007")).toBe("7.00");
  });

  it("takes a decimal comma, and dots or spaces that group thousands", () => {
    expect(parseAmount("12,5")).toBe("12.50");
    expect(parseAmount("12,50")).toBe("12.50");
    expect(parseAmount("1.250,50")).toBe("1250.50");
    expect(parseAmount("1 250,50")).toBe("1250.50");
    expect(parseAmount("1\u202f250.00")).toBe("1250.00");
  });

  it("reads a comma before three digits as grouping, not as a decimal mark", () => {
    expect(parseAmount("1,250")).toBe("1250.00");
    expect(parseAmount("1,000,000")).toBe("1000000.00");
  });

  it("refuses what is not a plain non-negative amount of cents", () => {
    for (const text of ["", " ", "abc", "-5", "1.234", "1e3", "12.", "1,25,0", "0x10", "Infinity", "12 34.5.6", "$"]) {
      expect(parseAmount(text), text).toBeNull();
    }
    expect(parseAmount("12345678901")).toBeNull();
    expect(parseAmount("1234567890")).toBe("1234567890.00");
  });
});

describe("cents", () => {
  it("turns wire amounts into whole cents and back without floating point", () => {
    expect(toCents("125.50")).toBe(12550);
    expect(toCents("0.1")).toBe(10);
    expect(toCents("3")).toBe(300);
    expect(toCents("-50.00")).toBe(-5000);
    expect(toCents("-0.00")).toBe(0);
    expect(toCents("19.99")).toBe(1999);
    expect(toCents("12.345")).toBeNull();
    expect(toCents("twelve")).toBeNull();
    expect(fromCents(12550)).toBe("125.50");
    expect(fromCents(-5000)).toBe("-50.00");
    expect(fromCents(7)).toBe("0.07");
    expect(fromCents(0)).toBe("0.00");
    expect(() => fromCents(0.5)).toThrow(RangeError);
  });

  it("subtracts exactly where floats would not (0.30 − 0.10 = 0.20)", () => {
    expect(subtractAmounts("0.30", "0.10")).toBe("0.20");
    expect(subtractAmounts("100.00", "2.50")).toBe("97.50");
    expect(subtractAmounts("1.00", "2.50")).toBe("-1.50");
    expect(subtractAmounts("1.00", "x")).toBeNull();
  });

  it("compares amounts", () => {
    expect(compareAmounts("100.00", "99.99")).toBe(1);
    expect(compareAmounts("1", "1.00")).toBe(0);
    expect(compareAmounts("0.99", "1.00")).toBe(-1);
  });
});

describe("formatMoney", () => {
  it("formats the exact decimal in the reader's locale", () => {
    expect(formatMoney("125.50", "USD", "en-US")).toBe("$125.50");
    expect(formatMoney("1250", "USD", "en-US")).toBe("$1,250.00");
    expect(formatMoney("-50.00", "USD", "en-US")).toBe("-$50.00");
    expect(formatMoney("500.00", "USD", "de-DE")).toBe("500,00\u00a0$");
    // Beyond what a double holds exactly: still every digit.
    expect(formatMoney("9007199254740.99", "USD", "en-US")).toBe("$9,007,199,254,740.99");
  });

  it("shows the sign on ledger lines", () => {
    expect(formatSignedMoney("500.00", "USD", "en-US")).toBe("+$500.00");
    expect(formatSignedMoney("-50.00", "USD", "en-US")).toBe("-$50.00");
    expect(formatSignedMoney("0.00", "USD", "en-US")).toBe("$0.00");
  });

  it("shows what it cannot read as sent", () => {
    expect(formatMoney("n/a")).toBe("n/a");
    expect(formatSignedMoney("")).toBe("");
  });
});
