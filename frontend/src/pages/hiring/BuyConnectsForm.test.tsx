import { afterEach, describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { PaymentMethod } from "../../api/types";
import { BuyConnectsForm } from "./BuyConnectsForm";

const card: PaymentMethod = {
  id: "11111111-1111-4111-8111-111111111111",
  brand: "visa",
  last4: "4242",
  exp_month: 12,
  exp_year: 2030,
  created_at: "2026-11-20T10:00:00Z",
};

const bundles = [
  { connects: 10, price: "1.50" },
  { connects: 40, price: "6.00" },
];

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": status >= 400 ? "application/problem+json" : "application/json", ...headers },
  });
}

function stubApi(purchases: (() => Response | Promise<Response>)[]) {
  const sent: Request[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn((request: Request) => {
      const url = new URL(request.url);
      if (url.pathname === "/api/v1/me/connects/purchase") {
        sent.push(request);
        const next = purchases.shift();
        if (!next) throw new Error("unexpected purchase");
        return Promise.resolve(next());
      }
      if (url.pathname === "/api/v1/wallet") return Promise.resolve(json(200, { available: "2.00", pending: "0.00", escrow: "0.00", currency: "USD" }));
      return Promise.resolve(json(404, { type: "about:blank", title: "Not Found", status: 404, code: "not_found" }));
    }),
  );
  return sent;
}

function renderForm() {
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter>
        <BuyConnectsForm bundles={bundles} cards={[card]} cardsFailed={false} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return userEvent.setup();
}

afterEach(() => vi.unstubAllGlobals());

describe("Buy Connects", () => {
  it("explains when the earnings do not cover the bundle, then buys with a card", async () => {
    const sent = stubApi([
      () => json(402, { type: "about:blank", title: "Payment Required", status: 402, code: "insufficient_funds", detail: "x" }),
      () => json(201, { connects: 40, price: "6.00", balance: 52, transaction_id: "t1" }),
    ]);
    const user = renderForm();
    await user.click(screen.getByLabelText(/40 Connects/));
    expect(await screen.findByText(/not enough for this bundle/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Buy 40 Connects for $6.00" }));
    expect(
      await screen.findByText("Your available earnings ($2.00) do not cover $6.00. Pay with a saved card instead, or choose a smaller bundle."),
    ).toBeInTheDocument();
    await user.click(screen.getByLabelText(/Visa/));
    await user.click(screen.getByRole("button", { name: "Buy 40 Connects for $6.00" }));
    expect(await screen.findByText(/You bought 40 Connects for \$6\.00\. Your balance is now 52 Connects\./)).toBeInTheDocument();
    expect(await sent[0]?.json()).toEqual({ bundle: 40 });
    expect(await sent[1]?.json()).toEqual({ bundle: 40, payment_method_id: card.id });
    // A refusal closes the submission: the next one has a new key.
    expect(sent[1]?.headers.get("Idempotency-Key")).not.toBe(sent[0]?.headers.get("Idempotency-Key"));
  });

  it("retries a purchase whose answer was lost with the same key, and says it was charged once", async () => {
    const sent = stubApi([
      () => json(503, { type: "about:blank", title: "Unavailable", status: 503, code: "unavailable" }),
      () => json(201, { connects: 10, price: "1.50", balance: 22, transaction_id: "t1" }, { "Idempotent-Replayed": "true" }),
    ]);
    const user = renderForm();
    await user.click(screen.getByRole("button", { name: "Buy 10 Connects for $1.50" }));
    expect(await screen.findByText(/We cannot tell whether your purchase went through/)).toBeInTheDocument();
    expect(screen.getByText("Trying again is safe: you will not be charged twice.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Buy 10 Connects for $1.50" }));
    expect(await screen.findByText(/This purchase had already gone through, so you were charged only once/)).toBeInTheDocument();
    expect(sent[1]?.headers.get("Idempotency-Key")).toBe(sent[0]?.headers.get("Idempotency-Key"));
  });
});
