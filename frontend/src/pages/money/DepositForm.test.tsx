import { afterEach, describe, expect, it, vi } from "vitest";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { PaymentMethod } from "../../api/types";
import { DepositForm } from "./DepositForm";

const card: PaymentMethod = {
  id: "11111111-1111-4111-8111-111111111111",
  brand: "visa",
  last4: "4242",
  exp_month: 12,
  exp_year: 2030,
  created_at: "2026-11-20T10:00:00Z",
};

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": status >= 400 ? "application/problem+json" : "application/json", ...headers },
  });
}

const wallet = { available: "500.00", pending: "0.00", escrow: "0.00", currency: "USD" };
const preview = { side: "client", amount: "500.00", fee_percent: "5", fee: "25.00", net: null, total: "525.00", currency: "USD" };

/** A fake API: deposits answer with `deposits()` in turn; the fee preview always answers. */
function stubApi(deposits: (() => Response | Promise<Response>)[]) {
  const sent: Request[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn((request: Request) => {
      const url = new URL(request.url);
      if (url.pathname === "/api/v1/wallet/deposits") {
        sent.push(request);
        const next = deposits.shift();
        if (!next) throw new Error("unexpected deposit");
        return Promise.resolve(next());
      }
      if (url.pathname === "/api/v1/fees/preview") return Promise.resolve(json(200, preview));
      return Promise.resolve(json(404, { type: "about:blank", title: "Not Found", status: 404, code: "not_found" }));
    }),
  );
  return sent;
}

function renderForm() {
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter>
        <DepositForm cards={[card]} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return userEvent.setup();
}

afterEach(() => vi.unstubAllGlobals());

describe("Deposit form", () => {
  it("quotes exactly what the card will be charged, with no fee", async () => {
    stubApi([]);
    const user = renderForm();
    await user.type(screen.getByLabelText("Amount (USD)"), "500");
    expect(screen.getByTestId("deposit-charge")).toHaveTextContent(
      "Your Visa ending in 4242 will be charged exactly $500.00, and $500.00 will be added to your available balance.",
    );
    expect(screen.getByText("No fee")).toBeInTheDocument();
    expect(await screen.findByText(/a \$500\.00 milestone costs \$525\.00/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Deposit $500.00" })).toBeEnabled();
  });

  it("retries a deposit whose answer was lost with the same Idempotency-Key", async () => {
    const sent = stubApi([
      () => Promise.reject(new TypeError("Failed to fetch")),
      () => json(201, { transaction_id: "t1", amount: "500.00", wallet }, { "Idempotent-Replayed": "true" }),
      () => json(201, { transaction_id: "t2", amount: "20.00", wallet: { ...wallet, available: "520.00" } }),
    ]);
    const user = renderForm();
    await user.type(screen.getByLabelText("Amount (USD)"), "500.00");
    await user.click(screen.getByRole("button", { name: "Deposit $500.00" }));
    expect(await screen.findByText(/We cannot tell whether your deposit went through/)).toBeInTheDocument();
    expect(screen.getByText("Trying again is safe: this deposit will not be charged twice.")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Deposit $500.00" }));
    expect(await screen.findByText(/This deposit had already gone through, so your card was charged only once/)).toBeInTheDocument();

    // A new deposit after that is a new submission.
    await user.type(screen.getByLabelText("Amount (USD)"), "20");
    await user.click(screen.getByRole("button", { name: "Deposit $20.00" }));
    expect(await screen.findByText("$20.00 was added to your available balance.")).toBeInTheDocument();

    const keys = sent.map((r) => r.headers.get("Idempotency-Key"));
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it("shows a declined card beside the form and takes a new key for the next try", async () => {
    const sent = stubApi([
      () => json(402, { type: "about:blank", title: "Payment Required", status: 402, code: "card_declined", detail: "declined" }),
      () => json(201, { transaction_id: "t1", amount: "500.00", wallet }),
    ]);
    const user = renderForm();
    await user.type(screen.getByLabelText("Amount (USD)"), "500");
    await user.click(screen.getByRole("button", { name: "Deposit $500.00" }));
    expect(await screen.findByText("The card was declined. Try another card, or ask your bank why.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Deposit $500.00" }));
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]?.headers.get("Idempotency-Key")).not.toBe(sent[0]?.headers.get("Idempotency-Key"));
  });

  it("puts the server's amount error on the amount field", async () => {
    stubApi([
      () =>
        json(422, {
          type: "about:blank",
          title: "Unprocessable",
          status: 422,
          code: "validation_failed",
          detail: "invalid",
          errors: [{ field: "amount", code: "range", message: "The most you can deposit at once is $10,000.00." }],
        }),
    ]);
    const user = renderForm();
    await user.type(screen.getByLabelText("Amount (USD)"), "20000");
    await user.click(screen.getByRole("button", { name: "Deposit $20,000.00" }));
    expect(await screen.findByText("The most you can deposit at once is $10,000.00.")).toBeInTheDocument();
    expect(screen.getByLabelText("Amount (USD)")).toHaveAttribute("aria-invalid", "true");
  });

  it("refuses what is not an amount before sending anything", async () => {
    const sent = stubApi([]);
    const user = renderForm();
    await user.type(screen.getByLabelText("Amount (USD)"), "12.345");
    await user.click(screen.getByRole("button", { name: "Deposit" }));
    expect(await screen.findByText("Enter an amount in US dollars, like 500 or 500.00.")).toBeInTheDocument();
    expect(sent).toHaveLength(0);
  });
});
