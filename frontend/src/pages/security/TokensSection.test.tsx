import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import { TokensSection } from "./TokensSection";
import { polyfillDialog, problem, renderWithApp, respond, stubApi } from "./fakeApi";

const listed = {
  id: "33333333-3333-4333-8333-333333333333",
  name: "Invoice sync",
  prefix: "wlp_Xk3vQ9",
  scopes: ["read", "contracts"],
  created_at: "2026-11-20T09:00:00Z",
  last_used_at: null,
  expires_at: "2099-02-18T09:00:00Z",
  revoked_at: null,
};
const created = { ...listed, token: "wlp_Xk3vQ9secretsecretsecretsecret" };
const old = {
  ...listed,
  id: "44444444-4444-4444-8444-444444444444",
  name: "Old script",
  prefix: "wlp_Old000",
  expires_at: null,
  revoked_at: "2026-11-21T09:00:00Z",
};

beforeAll(polyfillDialog);
afterEach(() => vi.unstubAllGlobals());

describe("TokensSection", () => {
  it("explains the scopes and how to use a token, and says when there is none", async () => {
    stubApi({ "GET /me/tokens": respond(200, { data: [] }) });
    renderWithApp(<TokensSection />);
    expect(await screen.findByText("No tokens yet")).toBeInTheDocument();
    expect(screen.getByRole("checkbox", { name: /Read everything you can see/ })).toBeChecked();
    expect(screen.getByRole("checkbox", { name: /Post and manage your jobs/ })).not.toBeChecked();
    expect(screen.getByRole("checkbox", { name: /Connects, proposals and invitations/ })).toBeInTheDocument();
    expect(screen.getByRole("checkbox", { name: /Offers, contracts, milestones, time, invoices and disputes/ })).toBeInTheDocument();
    expect(screen.getByRole("checkbox", { name: /withdrawal methods, withdrawals and Connects purchases/ })).toBeInTheDocument();
    expect(screen.getByText(/can never change your security settings/)).toBeInTheDocument();
    expect(screen.getByText("Authorization: Bearer <token>")).toBeInTheDocument();
    expect(screen.getAllByRole("option").map((o) => o.textContent)).toEqual(["30 days", "90 days", "1 year", "No expiry"]);
  });

  it("creates a token and shows it once", async () => {
    const sent = stubApi({
      "GET /me/tokens": [respond(200, { data: [] }), respond(200, { data: [listed] })],
      "POST /me/tokens": respond(201, created),
    });
    const ue = renderWithApp(<TokensSection />);
    await screen.findByText("No tokens yet");
    await ue.click(screen.getByRole("checkbox", { name: /Read everything/ }));
    await ue.click(screen.getByRole("button", { name: "Create token" }));
    expect(await screen.findByText("Give the token a name.")).toBeInTheDocument();
    expect(screen.getByText("Choose at least one scope.")).toBeInTheDocument();

    await ue.type(screen.getByLabelText("Name"), "Invoice sync");
    await ue.click(screen.getByRole("checkbox", { name: /Read everything/ }));
    await ue.click(screen.getByRole("checkbox", { name: /Offers, contracts/ }));
    await ue.selectOptions(screen.getByLabelText("Expires"), "No expiry");
    await ue.click(screen.getByRole("button", { name: "Create token" }));

    expect(await screen.findByRole("heading", { name: "Your new token “Invoice sync”" })).toHaveFocus();
    expect(screen.getByLabelText("Token")).toHaveValue(created.token);
    expect(screen.getByText(/it is shown only this once/)).toBeInTheDocument();
    expect(sent.find((s) => s.route === "POST /me/tokens")?.body).toEqual({ name: "Invoice sync", scopes: ["read", "contracts"] });

    await ue.click(screen.getByRole("button", { name: "Copy token" }));
    expect(await navigator.clipboard.readText()).toBe(created.token);

    const item = await screen.findByTestId("token");
    expect(item).toHaveTextContent("Read, Contracts");
    expect(item).not.toHaveTextContent(created.token);

    await ue.click(screen.getByRole("button", { name: "I copied it" }));
    expect(screen.queryByLabelText("Token")).toBeNull();
    expect(screen.queryByText(created.token)).toBeNull();
    expect(screen.getByRole("button", { name: "Create token" })).toBeInTheDocument();
  });

  it("sends the expiry in days", async () => {
    const sent = stubApi({ "GET /me/tokens": respond(200, { data: [] }), "POST /me/tokens": respond(201, created) });
    const ue = renderWithApp(<TokensSection />);
    await ue.type(await screen.findByLabelText("Name"), "CI");
    await ue.click(screen.getByRole("button", { name: "Create token" }));
    await screen.findByLabelText("Token");
    expect(sent.find((s) => s.route === "POST /me/tokens")?.body).toEqual({ name: "CI", scopes: ["read"], expires_in_days: 90 });
  });

  it("says when there are too many tokens", async () => {
    stubApi({
      "GET /me/tokens": respond(200, { data: [listed] }),
      "POST /me/tokens": problem(409, "too_many_tokens", "You have 20 working tokens; revoke one first."),
    });
    const ue = renderWithApp(<TokensSection />);
    await ue.type(await screen.findByLabelText("Name"), "One more");
    await ue.click(screen.getByRole("button", { name: "Create token" }));
    expect(await screen.findByText("You have 20 working tokens; revoke one first.")).toBeInTheDocument();
  });

  it("lists tokens with their status and revokes one after asking", async () => {
    const sent = stubApi({
      "GET /me/tokens": [
        respond(200, { data: [listed, old] }),
        respond(200, { data: [{ ...listed, revoked_at: "2026-11-26T09:00:00Z" }, old] }),
      ],
      [`DELETE /me/tokens/${listed.id}`]: respond(204),
    });
    const ue = renderWithApp(<TokensSection />);
    const [active, revoked] = await screen.findAllByTestId("token");
    expect(active).toHaveTextContent("Active");
    expect(active).toHaveTextContent("wlp_Xk3vQ9…");
    expect(active).toHaveTextContent("Never"); // last used
    expect(revoked).toHaveTextContent("Revoked");
    expect(within(revoked as HTMLElement).queryByRole("button")).toBeNull();

    await ue.click(screen.getByRole("button", { name: "Revoke Invoice sync" }));
    const dialog = screen.getByRole("dialog", { name: "Revoke “Invoice sync”?" });
    await ue.click(within(dialog).getByRole("button", { name: "Keep it" }));
    expect(sent.map((s) => s.route)).not.toContain(`DELETE /me/tokens/${listed.id}`);

    await ue.click(screen.getByRole("button", { name: "Revoke Invoice sync" }));
    await ue.click(within(dialog).getByRole("button", { name: "Revoke token" }));
    expect(await screen.findByText("“Invoice sync” is revoked: it no longer works.")).toBeInTheDocument();
    expect(sent.map((s) => s.route)).toContain(`DELETE /me/tokens/${listed.id}`);
    await vi.waitFor(() => expect(screen.queryByRole("button", { name: "Revoke Invoice sync" })).toBeNull());
  });
});
