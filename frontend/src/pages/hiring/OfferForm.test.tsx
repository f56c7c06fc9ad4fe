import { afterEach, describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { Proposal } from "../../api/hiring";
import type { PaymentMethod } from "../../api/types";
import { OfferForm } from "./OfferForm";

const card: PaymentMethod = {
  id: "11111111-1111-4111-8111-111111111111",
  brand: "visa",
  last4: "4242",
  exp_month: 12,
  exp_year: 2030,
  created_at: "2026-11-20T10:00:00Z",
};

const proposal = {
  id: "33333333-3333-4333-8333-333333333333",
  job: { id: "j1", title: "Booking page", job_type: "fixed", client_id: "c1", screening_questions: [] },
  freelancer: { id: "f1", full_name: "Ada Lovelace", hourly_rate: null },
  status: "shortlisted",
  bid_amount: "750.00",
  hourly_rate: null,
  milestones: [
    { title: "Design", amount: "250.00" },
    { title: "Build", amount: "500.00" },
  ],
  offer_id: null,
} as unknown as Proposal;

const offer = {
  id: "55555555-5555-4555-8555-555555555555",
  proposal_id: proposal.id,
  job: proposal.job,
  freelancer: { id: "f1", full_name: "Ada Lovelace" },
  client: { id: "c1", full_name: "Grace" },
  milestones: [{ id: "m1", position: 1, title: "Design", amount: "250.00", escrow: "250.00", status: "funded" }],
};

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": status >= 400 ? "application/problem+json" : "application/json" },
  });
}

const problem = (status: number, code: string) => json(status, { type: "about:blank", title: code, status, code, detail: code });

/** A fake API: offers answer with `offers()` in turn; the wallet and fee previews always answer. */
function stubApi(offers: (() => Response | Promise<Response>)[]) {
  const sent: Request[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn((request: Request) => {
      const url = new URL(request.url);
      if (url.pathname === "/api/v1/offers") {
        sent.push(request);
        const next = offers.shift();
        if (!next) throw new Error("unexpected offer");
        return Promise.resolve(next());
      }
      if (url.pathname === "/api/v1/wallet") return Promise.resolve(json(200, { available: "100.00", pending: "0.00", escrow: "0.00", currency: "USD" }));
      if (url.pathname === "/api/v1/fees/preview") {
        return Promise.resolve(json(200, { side: "client", amount: "250.00", fee_percent: "5", fee: "12.50", net: null, total: "262.50", currency: "USD" }));
      }
      return Promise.resolve(problem(404, "not_found"));
    }),
  );
  return sent;
}

function renderForm() {
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter initialEntries={["/offers/new"]}>
        <Routes>
          <Route path="/offers/new" element={<OfferForm proposal={proposal} cards={[card]} />} />
          <Route path="/offers/:id" element={<p>Offer page</p>} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return userEvent.setup();
}

afterEach(() => vi.unstubAllGlobals());

describe("Offer form", () => {
  it("starts from the proposal's milestones and says what is funded now and from where", async () => {
    stubApi([]);
    const user = renderForm();
    expect(screen.getByTestId("offer-total")).toHaveTextContent("Total: $750.00 in 2 milestones.");
    expect(await screen.findByText("$262.50")).toBeInTheDocument();
    expect(screen.getByText("The first milestone is funded now")).toBeInTheDocument();
    expect(await screen.findByTestId("funding-note")).toHaveTextContent("it is $162.50 short, so choose a card below");
    await user.selectOptions(screen.getByLabelText(/Card for what the wallet does not cover/), card.id);
    expect(screen.getByTestId("funding-note")).toHaveTextContent("your Visa ending in 4242 is charged the other $162.50.");
  });

  it("says plainly that a declined card sent nothing", async () => {
    const sent = stubApi([() => problem(402, "card_declined")]);
    const user = renderForm();
    await user.click(screen.getByRole("button", { name: "Send offer and fund the first milestone" }));
    expect(await screen.findByText("The card was declined")).toBeInTheDocument();
    expect(screen.getByText(/No offer was sent and nothing was charged/)).toBeInTheDocument();
    expect(sent).toHaveLength(1);
  });

  it("retries an offer whose answer was lost with the same Idempotency-Key", async () => {
    const sent = stubApi([() => Promise.reject(new TypeError("Failed to fetch")), () => json(201, offer)]);
    const user = renderForm();
    await user.click(screen.getByRole("button", { name: "Send offer and fund the first milestone" }));
    expect(await screen.findByText(/We cannot tell whether your offer went through/)).toBeInTheDocument();
    expect(screen.getByText("Trying again is safe: this offer will not be sent or charged twice.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Send offer and fund the first milestone" }));
    expect(await screen.findByText("Offer page")).toBeInTheDocument();
    const keys = sent.map((r) => r.headers.get("Idempotency-Key"));
    expect(keys[0]).toBeTruthy();
    expect(keys[1]).toBe(keys[0]);
    expect(await sent[1]?.json()).toEqual({
      proposal_id: proposal.id,
      contract_type: "fixed",
      title: "Booking page",
      milestones: [
        { title: "Design", amount: "250.00" },
        { title: "Build", amount: "500.00" },
      ],
    });
  });
});
