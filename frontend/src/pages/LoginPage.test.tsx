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

const totpRequired = {
  type: "urn:worklane:problem:totp_required",
  title: "Unauthorized",
  status: 401,
  code: "totp_required",
  detail: "Enter the 6-digit code from your authenticator app, or a recovery code.",
};
const invalidCode = {
  type: "urn:worklane:problem:invalid_totp_code",
  title: "Unauthorized",
  status: 401,
  code: "invalid_totp_code",
  detail: "That code is not right, or was already used: enter the current code from your authenticator app.",
};
const tokens = { access_token: "a2", refresh_token: "r2", token_type: "Bearer", expires_in: 900, user };

/** A fetch stub that answers in turn and keeps each login body it was sent. */
function loginSequence(...answers: Response[]) {
  const bodies: Record<string, unknown>[] = [];
  const fetch = vi.fn(async (request: Request) => {
    bodies.push((await request.clone().json()) as Record<string, unknown>);
    const next = answers.shift();
    if (!next) throw new Error("no more answers");
    return next;
  });
  vi.stubGlobal("fetch", fetch);
  return bodies;
}

async function passwordStep(ue: ReturnType<typeof userEvent.setup>) {
  await ue.type(screen.getByLabelText("Email"), "lin@example.com");
  await ue.type(screen.getByLabelText("Password"), "a long passphrase");
  await ue.click(screen.getByRole("button", { name: "Sign in" }));
}

describe("two-factor sign-in", () => {
  it("asks for the app's code and posts it with the email and password", async () => {
    const bodies = loginSequence(respond(401, totpRequired), respond(200, tokens));
    const ue = renderAt("/login?next=/account");
    await passwordStep(ue);

    const code = await screen.findByLabelText("Authentication code");
    expect(screen.getByRole("heading", { name: "Two-factor sign-in" })).toBeInTheDocument();
    expect(code).toHaveAttribute("inputmode", "numeric");
    expect(code).toHaveAttribute("autocomplete", "one-time-code");
    expect(code).toHaveFocus();
    // The password is not on the page any more.
    expect(screen.queryByLabelText("Password")).not.toBeInTheDocument();

    await ue.type(code, "492 039");
    await ue.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByText("Private account page")).toBeInTheDocument();
    expect(bodies[1]).toEqual({ email: "lin@example.com", password: "a long passphrase", totp_code: "492039" });
    expect(session.getAccessToken()).toBe("a2");
  });

  it("checks the code's shape before asking the server", async () => {
    const bodies = loginSequence(respond(401, totpRequired));
    const ue = renderAt("/login");
    await passwordStep(ue);
    await ue.click(await screen.findByRole("button", { name: "Sign in" }));
    expect(screen.getByText("Enter the 6-digit code from your authenticator app.")).toBeInTheDocument();
    await ue.type(screen.getByLabelText("Authentication code"), "12345");
    await ue.click(screen.getByRole("button", { name: "Sign in" }));
    expect(screen.getByText("The code is 6 digits.")).toBeInTheDocument();
    expect(screen.getByLabelText("Authentication code")).toHaveAttribute("aria-invalid", "true");
    expect(bodies).toHaveLength(1);
  });

  it("says when a code is wrong or used, and stays on the code step", async () => {
    loginSequence(respond(401, totpRequired), respond(401, invalidCode));
    const ue = renderAt("/login");
    await passwordStep(ue);
    await ue.type(await screen.findByLabelText("Authentication code"), "000000");
    await ue.click(screen.getByRole("button", { name: "Sign in" }));
    expect(
      await screen.findByText(
        "That code is not right, or was already used. Wait for the next code in your app and try again.",
      ),
    ).toBeInTheDocument();
    expect(screen.getByLabelText("Authentication code")).toHaveValue("");
    expect(session.getState().status).toBe("signed_out");
  });

  it("takes a recovery code instead", async () => {
    const bodies = loginSequence(respond(401, totpRequired), respond(200, tokens));
    const ue = renderAt("/login");
    await passwordStep(ue);
    await ue.click(await screen.findByRole("button", { name: "Use a recovery code instead" }));
    const code = screen.getByLabelText("Recovery code");
    expect(code).toHaveFocus();
    await ue.type(code, "K7MQ2-X9FHR");
    await ue.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByText("Private account page")).toBeInTheDocument();
    expect(bodies[1]?.totp_code).toBe("k7mq2-x9fhr");
  });

  it("shows the lock-out after too many wrong codes", async () => {
    loginSequence(
      respond(401, totpRequired),
      respond(
        429,
        { type: "urn:worklane:problem:too_many_attempts", title: "Too Many Requests", status: 429, code: "too_many_attempts", detail: "Too many wrong codes." },
        { "Retry-After": "120" },
      ),
    );
    const ue = renderAt("/login");
    await passwordStep(ue);
    await ue.type(await screen.findByLabelText("Authentication code"), "111111");
    await ue.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByText("Too many attempts. Try again in 2 minutes.")).toBeInTheDocument();
  });

  it("goes back to the first step with the email kept and the password forgotten", async () => {
    loginSequence(respond(401, totpRequired));
    const ue = renderAt("/login");
    await passwordStep(ue);
    await ue.click(await screen.findByRole("button", { name: "Back" }));
    expect(screen.getByLabelText("Email")).toHaveValue("lin@example.com");
    expect(screen.getByLabelText("Password")).toHaveValue("");
    expect(screen.queryByLabelText("Authentication code")).not.toBeInTheDocument();
  });
});
