import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import PlanPage from "./PlanPage";
import { polyfillDialog } from "../test/dialog";
import { card, clientBasic, freelancerBasic, freelancerPlus, problem, renderAt, respond, stubApi, user, wallet } from "./plans/fakeApi";

beforeAll(polyfillDialog);
afterEach(() => vi.unstubAllGlobals());

const renderPage = () => renderAt("/settings/plan", "/settings/plan", <PlanPage />);
const both = { ...user, roles: ["freelancer", "client"] };

function base(plans: unknown[], me: unknown = user, available = "0.00") {
  return {
    "GET /me": respond(200, me),
    "GET /me/plans": respond(200, { data: plans }),
    "GET /payment-methods": respond(200, { data: [card] }),
    "GET /wallet": respond(200, wallet(available)),
  };
}

describe("PlanPage", () => {
  it("compares Basic and Plus on each side the account has", async () => {
    stubApi(base([freelancerBasic, clientBasic], both));
    renderPage();
    const freelancer = await screen.findByRole("region", { name: "Freelancer plan" });
    const options = within(freelancer).getByRole("list", { name: "Freelancer plans" });
    expect(within(options).getAllByRole("listitem", { current: true })).toHaveLength(1);
    expect(within(freelancer).getByText("$19.99 a month")).toBeInTheDocument();
    expect(within(freelancer).getByText("See the range of competing bids on every job")).toBeInTheDocument();
    expect(within(freelancer).getByText("10 Connects a month")).toBeInTheDocument();
    expect(within(freelancer).getByTestId("plan-freelancer-status")).toHaveTextContent("You are on Basic: 10 free Connects a month.");
    const client = screen.getByRole("region", { name: "Client plan" });
    expect(within(client).getByText("$49.99 a month")).toBeInTheDocument();
    expect(within(client).getByText("A 5% marketplace fee on what you fund")).toBeInTheDocument();
    expect(within(client).getByRole("button", { name: "Upgrade to Client Plus" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Security" })).toHaveAttribute("href", "/settings/security");
  });

  it("upgrades with a card, sending an Idempotency-Key and the card, and says what was charged", async () => {
    const sent = stubApi({ ...base([freelancerBasic]), "POST /me/plans/freelancer/upgrade": respond(200, freelancerPlus) });
    const ue = renderPage();
    await ue.click(await screen.findByRole("button", { name: "Upgrade to Freelancer Plus" }));
    expect(await screen.findByText("$0.00 available (not enough for this month)")).toBeInTheDocument();
    await ue.click(screen.getByRole("radio", { name: /Visa.*4242/ }));
    expect(screen.getByTestId("upgrade-charge")).toHaveTextContent(
      "Your Visa ending in 4242 is charged $19.99 now for the first month, and $19.99 again each month until you cancel.",
    );
    await ue.click(screen.getByRole("button", { name: "Pay $19.99 and upgrade" }));
    expect(await screen.findByText(/You are on Freelancer Plus: \$19\.99 was charged\. It renews on December 26, 2026\./)).toBeInTheDocument();
    const upgrade = sent.find((s) => s.route === "POST /me/plans/freelancer/upgrade");
    expect(upgrade?.body).toEqual({ payment_method_id: card.id });
    expect(upgrade?.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(screen.getByTestId("plan-freelancer-status")).toHaveTextContent(
      "Renews on December 26, 2026 for $19.99, charged to Visa ending in 4242.",
    );
    expect(screen.getByRole("button", { name: "Cancel Freelancer Plus" })).toBeInTheDocument();
  });

  it("pays from the wallet with no body, and offers a card when the wallet is short", async () => {
    const sent = stubApi({
      ...base([clientBasic], { ...user, roles: ["client"] }, "12.00"),
      "POST /me/plans/client/upgrade": [
        problem(409, "insufficient_funds", "Your available balance is less than 49.99; pay with a card instead.", [
          { field: "payment_method_id", code: "insufficient_funds", message: "Your available balance is less than 49.99." },
        ]),
        respond(200, { ...clientBasic, plan: "plus", current_period_end: "2026-12-26T12:00:00Z", payment_method_id: card.id }),
      ],
    });
    const ue = renderPage();
    await ue.click(await screen.findByRole("button", { name: "Upgrade to Client Plus" }));
    expect(screen.getByRole("radio", { name: /Your wallet/ })).toBeChecked();
    await ue.click(screen.getByRole("button", { name: "Pay $49.99 and upgrade" }));
    expect(
      await screen.findByText("Your wallet has $12.00 available, less than the $49.99 this month costs. Pay with a saved card instead."),
    ).toBeInTheDocument();
    expect(screen.getByRole("radio", { name: /Your wallet/ })).toHaveAttribute("aria-invalid", "true");
    const first = sent.find((s) => s.route === "POST /me/plans/client/upgrade");
    expect(first?.body).toBeUndefined();

    await ue.click(screen.getByRole("radio", { name: /Visa.*4242/ }));
    await ue.click(screen.getByRole("button", { name: "Pay $49.99 and upgrade" }));
    expect(await screen.findByText(/You are on Client Plus: \$49\.99 was charged\./)).toBeInTheDocument();
    const attempts = sent.filter((s) => s.route === "POST /me/plans/client/upgrade");
    // A refused attempt is over: the next one is new and has a new key.
    expect(attempts[1]?.key).not.toBe(attempts[0]?.key);
  });

  it("retries an attempt with no answer under the same key, and says so", async () => {
    const sent = stubApi({
      ...base([freelancerBasic], user, "50.00"),
      "POST /me/plans/freelancer/upgrade": [new TypeError("Failed to fetch"), respond(200, { ...freelancerPlus, payment_method_id: null })],
    });
    const ue = renderPage();
    await ue.click(await screen.findByRole("button", { name: "Upgrade to Freelancer Plus" }));
    await screen.findByText("$50.00 available");
    await ue.click(screen.getByRole("button", { name: "Pay $19.99 and upgrade" }));
    expect(await screen.findByText(/We cannot tell whether your upgrade went through/)).toBeInTheDocument();
    expect(screen.getByText("Trying again is safe: you will not be charged twice.")).toBeInTheDocument();
    await ue.click(screen.getByRole("button", { name: "Pay $19.99 and upgrade" }));
    expect(await screen.findByText(/You are on Freelancer Plus/)).toBeInTheDocument();
    const attempts = sent.filter((s) => s.route === "POST /me/plans/freelancer/upgrade");
    expect(attempts).toHaveLength(2);
    expect(attempts[1]?.key).toBe(attempts[0]?.key);
    expect(screen.getByTestId("plan-freelancer-status")).toHaveTextContent("charged to your wallet");
  });

  it.each([
    [problem(402, "card_declined", "The card was declined."), "The card was declined. Try another card or pay from your wallet, or ask your bank why."],
    [problem(404, "not_found", "Resource not found."), "That card is no longer saved. Choose another way to pay."],
    [problem(409, "already_plus", "You are on Plus already."), "You are on Freelancer Plus already: nothing was charged."],
    [problem(403, "wrong_role", "No."), "Freelancer Plus is for freelancers. Your account does not have the freelancer side."],
  ])("words a refused upgrade (%#)", async (answer, words) => {
    stubApi({ ...base([freelancerBasic]), "POST /me/plans/freelancer/upgrade": answer });
    const ue = renderPage();
    await ue.click(await screen.findByRole("button", { name: "Upgrade to Freelancer Plus" }));
    await ue.click(screen.getByRole("radio", { name: /Visa.*4242/ }));
    await ue.click(screen.getByRole("button", { name: "Pay $19.99 and upgrade" }));
    expect(await screen.findByText(words)).toBeInTheDocument();
  });

  it("asks to verify the email address before offering to pay", async () => {
    stubApi(base([freelancerBasic], { ...user, email_verified: false }));
    const ue = renderPage();
    await ue.click(await screen.findByRole("button", { name: "Upgrade to Freelancer Plus" }));
    expect(screen.getByText("Verify your email address first")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^Pay / })).toBeNull();
  });

  it("cancels after asking, then shows when Plus ends and keeps it without a charge", async () => {
    const ending = { ...freelancerPlus, cancel_at_period_end: true };
    const sent = stubApi({
      ...base([freelancerPlus]),
      "POST /me/plans/freelancer/cancel": respond(200, ending),
      "POST /me/plans/freelancer/upgrade": respond(200, freelancerPlus),
    });
    const ue = renderPage();
    await ue.click(await screen.findByRole("button", { name: "Cancel Freelancer Plus" }));
    const dialog = screen.getByRole("dialog", { name: "Cancel Freelancer Plus?" });
    expect(dialog).toHaveTextContent("You keep Plus until December 26, 2026, then you are on Basic");
    await ue.click(within(dialog).getByRole("button", { name: "Cancel Plus" }));
    expect(await screen.findByText(/Freelancer Plus is cancelled: you keep it until December 26, 2026/)).toBeInTheDocument();
    expect(screen.getByTestId("plan-freelancer-status")).toHaveTextContent("Ends on December 26, 2026.");
    expect(screen.getByTestId("plan-freelancer-badge")).toHaveTextContent("Plus, ending");

    await ue.click(screen.getByRole("button", { name: "Keep Plus" }));
    expect(await screen.findByText("You keep Freelancer Plus. Nothing was charged now; it renews on December 26, 2026 for $19.99.")).toBeInTheDocument();
    expect(screen.getByTestId("plan-freelancer-status")).toHaveTextContent("Renews on December 26, 2026");
    const keep = sent.find((s) => s.route === "POST /me/plans/freelancer/upgrade");
    expect(keep?.body).toBeUndefined();
    expect(keep?.key).toBeTruthy();
  });

  it("shows why a renewal failed", async () => {
    stubApi(base([{ ...freelancerBasic, last_error: "The card was declined." }]));
    renderPage();
    expect(await screen.findByText("Your Plus renewal did not go through")).toBeInTheDocument();
    expect(screen.getByText(/The card was declined\. You are back on Basic; we also emailed you\./)).toBeInTheDocument();
  });

  it("says when the plans could not be loaded, and tries again", async () => {
    stubApi({ ...base([]), "GET /me/plans": [problem(500, "internal", "Something went wrong."), respond(200, { data: [freelancerBasic] })] });
    const ue = renderPage();
    expect(await screen.findByText("We could not load your plan")).toBeInTheDocument();
    await ue.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("region", { name: "Freelancer plan" })).toBeInTheDocument();
  });
});
