import { describe, expect, it } from "vitest";
import {
  changeHistoryFilters,
  countHistoryFilters,
  historyFiltersToQueryString,
  historyQuery,
  isIsoDate,
  parseHistoryFilters,
  transactionTypeLabel,
} from "./walletHistory";

const parse = (qs: string) => parseHistoryFilters(new URLSearchParams(qs));

describe("wallet history in the address bar", () => {
  it("reads the type, the date range and the page", () => {
    expect(parse("type=deposit&from=2026-01-01&to=2026-03-31&cursor=abc")).toEqual({
      type: "deposit",
      from: "2026-01-01",
      to: "2026-03-31",
      cursor: "abc",
    });
  });

  it("ignores what it cannot use, and turns a reversed range round", () => {
    expect(parse("type=bonus&from=2026-02-30&to=yesterday")).toEqual({ type: null, from: null, to: null, cursor: null });
    expect(parse("from=2026-05-01&to=2026-04-01")).toMatchObject({ from: "2026-04-01", to: "2026-05-01" });
  });

  it("writes back only what is set, in a stable order", () => {
    const filters = parse("to=2026-03-31&type=withdrawal_fee&from=2026-01-01");
    expect(historyFiltersToQueryString(filters)).toBe("type=withdrawal_fee&from=2026-01-01&to=2026-03-31");
    expect(historyFiltersToQueryString(parse(""))).toBe("");
  });

  it("goes back to the first page when a filter changes, not on a page turn", () => {
    const filters = parse("type=deposit&cursor=abc");
    expect(changeHistoryFilters(filters, { from: "2026-01-01" }).cursor).toBeNull();
    expect(changeHistoryFilters(filters, { cursor: "def" }).cursor).toBe("def");
    expect(countHistoryFilters(parse("type=deposit&from=2026-01-01&to=2026-01-31"))).toBe(2);
  });

  it("builds the API query, without paging for the CSV", () => {
    const filters = parse("type=deposit&from=2026-01-01&cursor=abc");
    expect(historyQuery(filters)).toEqual({ type: "deposit", from: "2026-01-01", limit: 25, cursor: "abc" });
    expect(historyQuery(filters, null)).toEqual({ type: "deposit", from: "2026-01-01" });
  });
});

describe("helpers", () => {
  it("knows real calendar dates", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate("2026-1-01")).toBe(false);
  });

  it("labels known and unknown line types", () => {
    expect(transactionTypeLabel("escrow_release")).toBe("Payment released");
    expect(transactionTypeLabel("connects_purchase")).toBe("Connects purchase");
    expect(transactionTypeLabel("marketplace_fee_refund")).toBe("Marketplace fee refunded");
    expect(parse("type=connects_purchase").type).toBe("connects_purchase");
    expect(transactionTypeLabel("plan_upgrade")).toBe("Plan upgrade");
  });
});
