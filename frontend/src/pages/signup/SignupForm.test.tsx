import { describe, expect, it, vi, beforeEach } from "vitest";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { SignupForm } from "./SignupForm";
import { signupSchema } from "./schema";

const countries = [
  { code: "DE", name: "Germany" },
  { code: "US", name: "United States" },
];

const createdUser = {
  id: "00000000-0000-0000-0000-000000000009",
  email: "grace@example.com",
  full_name: "Grace Hopper",
  country: "US",
  timezone: "America/New_York",
  roles: ["client", "freelancer"],
  email_verified: false, payment_verified: false, identity_verified: false,
  created_at: "2024-05-01T12:00:00Z",
};

type Handler = (request: Request) => Response | Promise<Response>;

function json(body: unknown, status = 200, type = "application/json") {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": type } });
}

function stubServer(onSignup: Handler) {
  const fetchMock = vi.fn(async (request: Request) => {
    const path = new URL(request.url).pathname;
    if (path === "/api/v1/countries") return json(countries);
    if (path === "/api/v1/auth/signup") return onSignup(request);
    return json({ title: "Not Found", status: 404, code: "not_found" }, 404, "application/problem+json");
  });
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

function renderForm(onSignedUp = vi.fn()) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <SignupForm onSignedUp={onSignedUp} />
    </QueryClientProvider>,
  );
  return { onSignedUp, user: userEvent.setup() };
}

async function fillValid(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText("Email"), "grace@example.com");
  await user.type(screen.getByLabelText("Password"), "correct horse battery");
  await user.type(screen.getByLabelText("Full name"), "Grace Hopper");
  await waitFor(() => expect(screen.getByRole("option", { name: "United States" })).toBeInTheDocument());
  await user.selectOptions(screen.getByLabelText("Country"), "US");
  await user.click(screen.getByRole("checkbox", { name: /I want to hire/ }));
}

beforeEach(() => {
  vi.unstubAllGlobals();
});

describe("signup schema", () => {
  it("accepts a complete sign-up", () => {
    const result = signupSchema.safeParse({
      email: " grace@example.com ",
      password: "correct horse battery",
      full_name: "Grace Hopper",
      country: "US",
      timezone: "America/New_York",
      roles: ["freelancer"],
    });
    expect(result.success).toBe(true);
    expect(result.data?.email).toBe("grace@example.com");
  });

  it.each([
    ["email", { email: "not-an-email" }, /valid email/],
    ["password", { password: "short" }, /at least 10/],
    ["password", { password: "x".repeat(129) }, /at most 128/],
    ["full_name", { full_name: "   " }, /full name/],
    ["country", { country: "" }, /country/],
    ["roles", { roles: [] }, /at least one/],
  ])("rejects a bad %s", (field, change, message) => {
    const result = signupSchema.safeParse({
      email: "grace@example.com",
      password: "correct horse battery",
      full_name: "Grace Hopper",
      country: "US",
      timezone: "America/New_York",
      roles: ["client"],
      ...change,
    });
    expect(result.success).toBe(false);
    const issue = result.error?.issues.find((i) => i.path[0] === field);
    expect(issue?.message).toMatch(message);
  });
});

describe("SignupForm", () => {
  it("shows every missing field next to it and sends nothing", async () => {
    const fetchMock = stubServer(() => json(createdUser, 201));
    const { user, onSignedUp } = renderForm();
    // The browser's locale (en-US in jsdom) pre-selects a country; clear it.
    await waitFor(() => expect(screen.getByLabelText("Country")).toHaveValue("US"));
    await user.selectOptions(screen.getByLabelText("Country"), "");

    await user.click(screen.getByRole("button", { name: "Create account" }));

    expect(await screen.findByText("Enter your email address.")).toBeVisible();
    expect(screen.getByText("Use at least 10 characters.")).toBeVisible();
    expect(screen.getByText("Enter your full name.")).toBeVisible();
    expect(screen.getByText("Choose your country.")).toBeVisible();
    expect(screen.getByText(/Choose at least one/)).toBeVisible();
    expect(screen.getByLabelText("Email")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("Email")).toHaveAccessibleDescription("Enter your email address.");
    expect(onSignedUp).not.toHaveBeenCalled();
    expect(fetchMock.mock.calls.every(([r]) => !r.url.endsWith("/auth/signup"))).toBe(true);
  });

  it("hints at password strength while typing", async () => {
    stubServer(() => json(createdUser, 201));
    const { user } = renderForm();
    await user.type(screen.getByLabelText("Password"), "abc");
    expect(screen.getByText(/Too short/)).toBeInTheDocument();
    await user.type(screen.getByLabelText("Password"), "defgh-IJKL-42!");
    expect(screen.getByText("Strong")).toBeInTheDocument();
  });

  it("signs up with the chosen roles and hands over the password for auto sign-in", async () => {
    let sent: unknown = null;
    stubServer(async (request) => {
      sent = await request.json();
      return json(createdUser, 201);
    });
    const { user, onSignedUp } = renderForm();
    await fillValid(user);
    await user.click(screen.getByRole("checkbox", { name: /I want to work/ }));
    await user.click(screen.getByRole("button", { name: "Create account" }));

    await waitFor(() => expect(onSignedUp).toHaveBeenCalledTimes(1));
    expect(onSignedUp).toHaveBeenCalledWith({ user: createdUser, password: "correct horse battery" });
    expect(sent).toMatchObject({
      email: "grace@example.com",
      full_name: "Grace Hopper",
      country: "US",
      roles: ["client", "freelancer"],
    });
  });

  it("shows a common-password rejection next to the password field", async () => {
    stubServer(() =>
      json(
        {
          type: "about:blank",
          title: "Invalid input",
          status: 422,
          code: "validation_failed",
          detail: "Some fields are invalid.",
          errors: [{ field: "password", code: "common_password", message: "This password is too common. Choose another." }],
        },
        422,
        "application/problem+json",
      ),
    );
    const { user, onSignedUp } = renderForm();
    await fillValid(user);
    await user.click(screen.getByRole("button", { name: "Create account" }));

    const password = screen.getByLabelText("Password");
    await waitFor(() => expect(password).toHaveAttribute("aria-invalid", "true"));
    expect(password).toHaveAccessibleDescription(expect.stringContaining("This password is too common.") as string);
    expect(password).toHaveFocus();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    expect(onSignedUp).not.toHaveBeenCalled();
  });

  it("shows the problem detail when the email is taken", async () => {
    stubServer(() =>
      json(
        {
          type: "about:blank",
          title: "Conflict",
          status: 409,
          code: "email_taken",
          detail: "An account with this email already exists.",
        },
        409,
        "application/problem+json",
      ),
    );
    const { user } = renderForm();
    await fillValid(user);
    await user.click(screen.getByRole("button", { name: "Create account" }));
    expect(await screen.findByText("An account with this email already exists.")).toBeVisible();
  });
});
