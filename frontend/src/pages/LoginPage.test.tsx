import { describe, expect, it, vi, afterEach } from "vitest";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { session } from "../api";
import { RequireAuth } from "../components/RequireAuth";
import LoginPage from "./LoginPage";

const user = {
  id: "00000000-0000-0000-0000-000000000002",
  email: "lin@example.com",
  full_name: "Lin Chen",
  country: "SG",
  timezone: "Asia/Singapore",
  roles: ["freelancer"],
  email_verified: true, payment_verified: false, identity_verified: false,
  created_at: "2024-02-02T08:00:00Z",
};

function respond(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": status >= 400 ? "application/problem+json" : "application/json", ...headers },
  });
}

function renderAt(path: string) {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route
            path="/account"
            element={
              <RequireAuth>
                <p>Private account page</p>
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

describe("sign-in", () => {
  it("sends a signed-out visitor from a private page to sign in, then back", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(() =>
        Promise.resolve(
          respond(200, { access_token: "a1", refresh_token: "r1", token_type: "Bearer", expires_in: 900, user }),
        ),
      ),
    );
    const ue = renderAt("/account");
    expect(await screen.findByRole("heading", { name: "Sign in to Worklane" })).toBeInTheDocument();

    await ue.type(screen.getByLabelText("Email"), "lin@example.com");
    await ue.type(screen.getByLabelText("Password"), "a long passphrase");
    await ue.click(screen.getByRole("button", { name: "Sign in" }));

    expect(await screen.findByText("Private account page")).toBeInTheDocument();
    expect(session.getAccessToken()).toBe("a1");
    expect(window.localStorage.getItem("worklane.refresh_token")).toBe("r1");
  });

  it("says when the email and password do not match", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(() =>
        Promise.resolve(
          respond(401, { type: "urn:worklane:problem:invalid_credentials", title: "Unauthorized", status: 401, code: "invalid_credentials", detail: "The email or password is incorrect." }),
        ),
      ),
    );
    const ue = renderAt("/login");
    await ue.type(screen.getByLabelText("Email"), "lin@example.com");
    await ue.type(screen.getByLabelText("Password"), "wrong");
    await ue.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByText("That email and password do not match an account.")).toBeInTheDocument();
    expect(session.getState().status).toBe("signed_out");
  });

  it("explains a lock-out with the Retry-After delay", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(() =>
        Promise.resolve(
          respond(
            429,
            { type: "urn:worklane:problem:too_many_attempts", title: "Too Many Requests", status: 429, code: "too_many_attempts", detail: "Too many failed sign-ins." },
            { "Retry-After": "300" },
          ),
        ),
      ),
    );
    const ue = renderAt("/login");
    await ue.type(screen.getByLabelText("Email"), "lin@example.com");
    await ue.type(screen.getByLabelText("Password"), "wrong");
    await ue.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByText("Too many attempts. Try again in 5 minutes.")).toBeInTheDocument();
  });
});
