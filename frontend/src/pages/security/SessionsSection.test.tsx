import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import { Route } from "react-router";
import { session } from "../../api";
import { useFlash } from "../../lib/flash";
import { SessionsSection } from "./SessionsSection";
import { polyfillDialog, problem, renderWithApp, respond, stubApi } from "./fakeApi";

const here = {
  id: "11111111-1111-4111-8111-111111111111",
  created_at: "2026-11-20T09:00:00Z",
  last_used_at: new Date().toISOString(),
  ip: "203.0.113.7",
  user_agent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  current: true,
};
const phone = {
  id: "22222222-2222-4222-8222-222222222222",
  created_at: "2026-11-01T09:00:00Z",
  last_used_at: new Date(Date.now() - 3 * 3600_000).toISOString(),
  ip: "198.51.100.4",
  user_agent:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
  current: false,
};

function LoginStandIn() {
  const flash = useFlash();
  return <p>Sign-in page: {flash}</p>;
}

beforeAll(polyfillDialog);
afterEach(() => {
  session.clear();
  vi.unstubAllGlobals();
});

describe("SessionsSection", () => {
  it("lists the sessions, this device marked, and signs another one out", async () => {
    const sent = stubApi({
      "GET /me/sessions": [respond(200, { data: [here, phone] }), respond(200, { data: [here] })],
      [`DELETE /me/sessions/${phone.id}`]: respond(204),
    });
    const ue = renderWithApp(<SessionsSection />);
    const items = await screen.findAllByTestId("session");
    expect(items).toHaveLength(2);
    expect(within(items[0] as HTMLElement).getByText("Chrome on macOS")).toBeInTheDocument();
    expect(within(items[0] as HTMLElement).getByText("This device")).toBeInTheDocument();
    // No way to sign this one out alone: that is "Sign out everywhere" (or the header).
    expect(within(items[0] as HTMLElement).queryByRole("button")).toBeNull();
    expect(within(items[1] as HTMLElement).getByText("Safari on iPhone")).toBeInTheDocument();
    expect(items[1]).toHaveTextContent("IP 198.51.100.4");
    expect(items[1]).toHaveTextContent("3 hours ago");

    await ue.click(screen.getByRole("button", { name: "Sign out Safari on iPhone at 198.51.100.4" }));
    expect(await screen.findByText("That device is signed out.")).toBeInTheDocument();
    expect(sent.map((s) => s.route)).toContain(`DELETE /me/sessions/${phone.id}`);
    expect(await screen.findAllByTestId("session")).toHaveLength(1);
  });

  it("says when the other device was already signed out", async () => {
    stubApi({
      "GET /me/sessions": [respond(200, { data: [here, phone] }), respond(200, { data: [here] })],
      [`DELETE /me/sessions/${phone.id}`]: problem(404, "not_found", "No such session."),
    });
    const ue = renderWithApp(<SessionsSection />);
    await ue.click(await screen.findByRole("button", { name: /^Sign out Safari on iPhone/ }));
    expect(await screen.findByText("That device was already signed out.")).toBeInTheDocument();
  });

  it("signs out everywhere after asking, ends this session and goes to sign-in with a message", async () => {
    session.signIn({
      access_token: "a1",
      refresh_token: "r1",
      token_type: "Bearer",
      expires_in: 900,
      user: {
        id: "u",
        email: "lin@example.com",
        full_name: "Lin Chen",
        country: "SG",
        timezone: "Asia/Singapore",
        roles: ["freelancer"],
        email_verified: true,
        payment_verified: false,
        identity_verified: false,
        created_at: "2024-02-02T08:00:00Z",
      },
    });
    const sent = stubApi({
      "GET /me/sessions": respond(200, { data: [here, phone] }),
      "DELETE /me/sessions": respond(200, { sessions_revoked: 2 }),
    });
    const ue = renderWithApp(<SessionsSection />, <Route path="/login" element={<LoginStandIn />} />);
    await ue.click(await screen.findByRole("button", { name: "Sign out everywhere" }));
    const dialog = screen.getByRole("dialog", { name: "Sign out everywhere?" });
    expect(sent.map((s) => s.route)).not.toContain("DELETE /me/sessions");

    await ue.click(within(dialog).getByRole("button", { name: "Sign out everywhere" }));
    expect(await screen.findByText(/Sign-in page: You signed out on every device/)).toBeInTheDocument();
    expect(session.getState().status).toBe("signed_out");
    expect(session.getAccessToken()).toBeNull();
    expect(window.localStorage.getItem("worklane.refresh_token")).toBeNull();
  });

  it("keeps the user signed in when signing out everywhere fails", async () => {
    stubApi({
      "GET /me/sessions": respond(200, { data: [here] }),
      "DELETE /me/sessions": problem(503, "unavailable", "The service is busy. Try again in a moment."),
    });
    const ue = renderWithApp(<SessionsSection />);
    await ue.click(await screen.findByRole("button", { name: "Sign out everywhere" }));
    await ue.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Sign out everywhere" }));
    expect(await screen.findByText("The service is busy. Try again in a moment.")).toBeInTheDocument();
  });
});
