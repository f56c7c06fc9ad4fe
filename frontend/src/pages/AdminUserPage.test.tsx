import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { session } from "../api";
import type { User } from "../api/types";
import { polyfillDialog } from "../test/dialog";
import AdminUserPage from "./AdminUserPage";

const PERSON = "22222222-2222-4222-8222-222222222222";
const admin: User = {
  id: "00000000-0000-0000-0000-0000000000ad",
  email: "admin@example.com",
  full_name: "Worklane Support",
  country: "DE",
  timezone: "UTC",
  roles: ["admin"],
  email_verified: true,
  payment_verified: false,
  identity_verified: false,
  created_at: "2024-01-01T00:00:00Z",
};
const member: User = { ...admin, id: PERSON, email: "sam@example.com", full_name: "Sam Member", roles: ["freelancer"] };
const person = {
  ...member,
  status: "active",
  suspended_at: null,
  suspension_reason: null,
};
const activity = { open_jobs: 0, active_contracts: 2, open_flags: 1, live_sessions: 3, last_sign_in_at: "2026-11-26T09:00:00Z" };

function respond(status: number, body: unknown) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": status >= 400 ? "application/problem+json" : "application/json" },
  });
}

function stubApi(me: User, suspend: (reason: string) => Response) {
  const calls: string[] = [];
  let current: unknown = { user: person, activity };
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: Request) => {
      const { pathname } = new URL(input.url);
      calls.push(`${input.method} ${pathname}`);
      if (pathname === "/api/v1/me") return respond(200, me);
      if (pathname === `/api/v1/admin/users/${PERSON}`) return respond(200, current);
      if (pathname === `/api/v1/admin/users/${PERSON}/suspend`) {
        const answer = suspend(((await input.json()) as { reason: string }).reason);
        if (answer.ok) current = await answer.clone().json();
        return answer;
      }
      return respond(404, { type: "about:blank", title: "Not Found", status: 404, code: "not_found", detail: "" });
    }),
  );
  return calls;
}

function renderPage(me: User) {
  session.signIn({ access_token: "a", refresh_token: "r", token_type: "Bearer", expires_in: 900, user: me });
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter initialEntries={[`/admin/users/${PERSON}`]}>
        <Routes>
          <Route path="/admin/users/:id" element={<AdminUserPage />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return userEvent.setup();
}

beforeAll(polyfillDialog);
afterEach(() => {
  session.clear();
  vi.unstubAllGlobals();
});

describe("a person in the admin console", () => {
  it("shows the account, its activity and the admin sub-navigation", async () => {
    stubApi(admin, () => respond(500, {}));
    renderPage(admin);
    expect(await screen.findByRole("heading", { level: 1, name: /Sam Member/ })).toBeInTheDocument();
    expect(screen.getByRole("navigation", { name: "Admin" })).toBeInTheDocument();
    expect(screen.getByText("Signed-in sessions").nextSibling).toHaveTextContent("3");
    expect(screen.getByRole("link", { name: "Freelancer profile" })).toHaveAttribute("href", `/freelancers/${PERSON}`);
    expect(screen.queryByRole("link", { name: "Client page" })).not.toBeInTheDocument();
  });

  it("suspends only with a reason, then shows the suspension", async () => {
    const reasons: string[] = [];
    stubApi(admin, (reason) => {
      reasons.push(reason);
      return respond(200, {
        user: { ...person, status: "suspended", suspended_at: "2026-11-26T10:00:00Z", suspension_reason: reason },
        activity: { ...activity, live_sessions: 0 },
      });
    });
    const ue = renderPage(admin);
    await ue.click(await screen.findByRole("button", { name: "Suspend…" }));
    const dialog = screen.getByRole("dialog", { name: "Suspend this account" });
    await ue.click(within(dialog).getByRole("button", { name: "Suspend account" }));
    expect(within(dialog).getByText("Give a reason; the person is told it.")).toBeVisible();
    expect(reasons).toEqual([]);
    await ue.type(within(dialog).getByLabelText("Reason"), "Off-platform payments");
    await ue.click(within(dialog).getByRole("button", { name: "Suspend account" }));
    expect(await screen.findByText("Sam Member is suspended and signed out everywhere.")).toBeInTheDocument();
    expect(reasons).toEqual(["Off-platform payments"]);
    expect(screen.getByTestId("suspension-reason")).toHaveTextContent("Off-platform payments");
    expect(screen.getByRole("button", { name: "Reinstate" })).toBeInTheDocument();
  });

  it("says why the server refused a suspension (409)", async () => {
    stubApi(admin, () => respond(409, { type: "about:blank", title: "Conflict", status: 409, code: "already_suspended", detail: "This account is already suspended." }));
    const ue = renderPage(admin);
    await ue.click(await screen.findByRole("button", { name: "Suspend…" }));
    const dialog = screen.getByRole("dialog", { name: "Suspend this account" });
    await ue.type(within(dialog).getByLabelText("Reason"), "Spam");
    await ue.click(within(dialog).getByRole("button", { name: "Suspend account" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("This account is already suspended.");
  });

  it("keeps everyone but admins out, without asking for the account", async () => {
    const calls = stubApi(member, () => respond(500, {}));
    renderPage(member);
    expect(await screen.findByRole("heading", { name: "This page is for Worklane admins" })).toBeInTheDocument();
    expect(calls).not.toContain(`GET /api/v1/admin/users/${PERSON}`);
  });
});
