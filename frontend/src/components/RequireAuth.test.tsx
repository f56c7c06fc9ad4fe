import { afterEach, describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { session } from "../api";
import LoginPage from "../pages/LoginPage";
import { RequireAuth } from "./RequireAuth";

const user = {
  id: "00000000-0000-0000-0000-000000000002",
  email: "lin@example.com",
  full_name: "Lin Chen",
  country: "SG",
  timezone: "Asia/Singapore",
  roles: ["freelancer" as const],
  email_verified: true,
  payment_verified: false,
  identity_verified: false,
  created_at: "2024-02-02T08:00:00Z",
};

function respond(status: number, body: unknown) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": status >= 400 ? "application/problem+json" : "application/json" },
  });
}

function renderAt(path: string) {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route
            path="/contracts"
            element={
              <RequireAuth>
                <p>Private contracts page</p>
              </RequireAuth>
            }
          />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return userEvent.setup();
}

afterEach(() => {
  session.clear();
  vi.unstubAllGlobals();
});

describe("a session the server ends", () => {
  it("lands on sign-in saying the user was signed out (a suspension revokes every session)", async () => {
    // The refresh is refused: the account was suspended and its sessions revoked.
    vi.stubGlobal("fetch", vi.fn(() => Promise.resolve(respond(401, { type: "about:blank", title: "Unauthorized", status: 401, code: "invalid_refresh_token", detail: "Sign in again." }))));
    session.signIn({ access_token: "a1", refresh_token: "r1", token_type: "Bearer", expires_in: 900, user });
    renderAt("/contracts");
    expect(screen.getByText("Private contracts page")).toBeInTheDocument();
    await expect(session.refresh()).rejects.toThrow();
    expect(await screen.findByText("You were signed out. Please sign in again.")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Sign in to Worklane" })).toBeInTheDocument();
  });

  it("shows a suspended account the admin's reason when it tries to sign in", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(() =>
        Promise.resolve(
          respond(403, {
            type: "about:blank",
            title: "Forbidden",
            status: 403,
            code: "account_suspended",
            detail: "This account is suspended: Asked clients to pay outside Worklane. Contact support@worklane.test.",
          }),
        ),
      ),
    );
    const ue = renderAt("/login");
    await ue.type(screen.getByLabelText("Email"), "lin@example.com");
    await ue.type(screen.getByLabelText("Password"), "a long passphrase");
    await ue.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByText("This account is suspended: Asked clients to pay outside Worklane. Contact support@worklane.test.")).toBeInTheDocument();
    expect(session.getState().status).toBe("signed_out");
  });
});
