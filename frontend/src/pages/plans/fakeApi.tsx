// Test helpers for the plan screens: a fetch stub answering by method and path that also
// records the Idempotency-Key sent, and a render with a fresh query client and a router.
import { vi } from "vitest";
import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { problem } from "../security/fakeApi";

export { problem, respond } from "../security/fakeApi";

type Answer = Response | (() => Response) | Error;

export interface Sent {
  route: string;
  body: unknown;
  key: string | null;
}

/** Answers `"METHOD /path"` from the table (a list answers in turn; an Error fails the fetch). */
export function stubApi(routes: Record<string, Answer | Answer[]>) {
  const sent: Sent[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (request: Request) => {
      const route = `${request.method} ${new URL(request.url).pathname.replace(/^\/api\/v1/, "")}`;
      const text = await request.text();
      sent.push({ route, body: text ? (JSON.parse(text) as unknown) : undefined, key: request.headers.get("Idempotency-Key") });
      const entry = routes[route];
      const answer = Array.isArray(entry) ? (entry.length > 1 ? entry.shift() : entry[0]) : entry;
      if (!answer) return problem(404, "not_found", `No route for ${route}`);
      if (answer instanceof Error) throw answer;
      return typeof answer === "function" ? answer() : answer.clone();
    }),
  );
  return sent;
}

export function renderAt(path: string, pattern: string, ui: ReactNode) {
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path={pattern} element={ui} />
          <Route path="/settings/plan" element={<h1>The plan page</h1>} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return userEvent.setup();
}

export const user = {
  id: "00000000-0000-4000-8000-000000000002",
  email: "paula@example.com",
  full_name: "Paula Plus",
  country: "ES",
  timezone: "UTC",
  roles: ["freelancer"],
  email_verified: true,
  payment_verified: false,
  identity_verified: false,
  created_at: "2026-02-02T08:00:00Z",
};

export const card = {
  id: "11111111-1111-4111-8111-111111111111",
  brand: "visa",
  last4: "4242",
  exp_month: 12,
  exp_year: 2030,
  created_at: "2026-11-20T09:00:00Z",
};

export const freelancerBasic = {
  side: "freelancer",
  plan: "basic",
  plus_price: "19.99",
  plus_benefits: ["100 Connects a month instead of 10", "See the range of competing bids on every job"],
  current_period_end: null,
  cancel_at_period_end: false,
  payment_method_id: null,
  last_error: null,
};

export const freelancerPlus = {
  ...freelancerBasic,
  plan: "plus",
  current_period_end: "2026-12-26T12:00:00Z",
  payment_method_id: card.id,
};

export const clientBasic = {
  side: "client",
  plan: "basic",
  plus_price: "49.99",
  plus_benefits: ["A 3% marketplace fee instead of 5%"],
  current_period_end: null,
  cancel_at_period_end: false,
  payment_method_id: null,
  last_error: null,
};

export const wallet = (available: string) => ({ available, pending: "0.00", escrow: "0.00", currency: "USD" });
