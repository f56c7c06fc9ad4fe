import { expect, test, type Page } from "@playwright/test";
import { api, contractViaApi, milestone, secondPage } from "./contracts";
import { accessToken, checkPage, checkPageNarrow, DEMO, nav, signIn } from "./helpers";

const pageErrors: string[] = [];
function watch(page: Page) {
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error" && !/status of 4\d\d/.test(message.text())) pageErrors.push(message.text());
  });
}
test.beforeEach(({ page }) => {
  pageErrors.length = 0;
  watch(page);
});
test.afterEach(() => {
  expect(pageErrors, "errors in the browser console").toEqual([]);
});

test("a disputed milestone: the client opens, the freelancer declines, an admin splits, both wallets show it", async ({ page, browser, request }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "one run is enough: the money journey is the same on a phone");
  test.setTimeout(240_000);
  // Milestone 1 "Designs" ($500.00) is funded by the offer.
  const setup = await contractViaApi(request, `disputes-${testInfo.project.name}`);
  const contractUrl = `/contracts/${setup.contractId}`;
  const freelancer = await secondPage(browser, testInfo);
  watch(freelancer);
  const admin = await secondPage(browser, testInfo);
  watch(admin);

  await test.step("the freelancer submits work on milestone 1", async () => {
    const token = await accessToken(request, setup.freelancerEmail);
    const contract = await api<{ milestones: { id: string; title: string }[] }>(request, token, "GET", `/api/v1/contracts/${setup.contractId}`);
    const designs = contract.milestones.find((m) => m.title === "Designs");
    expect(designs).toBeDefined();
    await signIn(freelancer, setup.freelancerEmail);
    await freelancer.goto(contractUrl);
    const card = milestone(freelancer, "Designs");
    await card.getByRole("button", { name: "Submit work on milestone 1" }).click();
    const panel = card.getByRole("group", { name: "Submit work on Designs" });
    await panel.getByLabel("What you delivered").fill("The designs for every screen are in the shared folder.");
    await panel.getByRole("button", { name: "Submit work" }).click();
    await expect(card.getByTestId("milestone-status")).toHaveText("Work submitted");
  });

  let disputeUrl = "";
  await test.step("the client opens a dispute from the contract page, asking $100.00 back", async () => {
    await signIn(page, setup.clientEmail);
    await page.goto(contractUrl);
    const card = milestone(page, "Designs");
    await card.getByRole("button", { name: "Dispute milestone 1" }).click();
    const dialog = page.getByRole("dialog", { name: "Open a dispute" });
    await dialog.getByRole("button", { name: "Open dispute" }).click();
    await expect(dialog.getByText("Say what went wrong")).toBeVisible();
    await dialog.getByLabel("What went wrong").fill("Two of the five screens are missing from the designs.");
    await dialog.getByLabel("Refund to the client (USD)").fill("600");
    await dialog.getByRole("button", { name: "Open dispute" }).click();
    await expect(dialog.getByText("At most 500.00")).toBeVisible();
    await dialog.getByLabel("Refund to the client (USD)").fill("100");
    await checkPage(page, testInfo, "disputes-open-dialog");
    await checkPageNarrow(page, testInfo, "disputes-open-dialog");
    await dialog.getByRole("button", { name: "Open dispute" }).click();
    await expect(page).toHaveURL(/\/disputes\/[0-9a-f-]{36}$/);
    disputeUrl = new URL(page.url()).pathname;
    await expect(page.getByTestId("dispute-status")).toHaveText("Awaiting response");
    await expect(page.getByText("Two of the five screens are missing")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Your answer" })).toHaveCount(0);
    await page.getByLabel("Your message").fill("The brief listed five screens; I can share it again.");
    await page.getByRole("button", { name: "Send message" }).click();
    await expect(page.getByTestId("dispute-message")).toHaveCount(1);
    await checkPage(page, testInfo, "disputes-client-opened");
  });

  await test.step("the freelancer finds it in My disputes and declines, to mediation", async () => {
    await nav(freelancer).getByRole("link", { name: "Disputes" }).click();
    await expect(freelancer.getByRole("heading", { level: 1, name: "My disputes" })).toBeVisible();
    await expect(freelancer.getByTestId("dispute-row")).toHaveCount(1);
    await checkPage(freelancer, testInfo, "disputes-mine");
    await freelancer.getByTestId("dispute-row").getByRole("link", { name: setup.title }).click();
    await expect(freelancer).toHaveURL(new RegExp(`${disputeUrl}$`));
    await expect(freelancer.getByTestId("dispute-message")).toContainText("The brief listed five screens");
    await freelancer.getByRole("button", { name: "Decline (to mediation)" }).click();
    await expect(freelancer.getByText("Say why you decline")).toBeVisible();
    await freelancer.getByLabel("Message with your answer").fill("Three screens were agreed in the chat; the work is complete.");
    await checkPage(freelancer, testInfo, "disputes-respond");
    await checkPageNarrow(freelancer, testInfo, "disputes-respond");
    await freelancer.getByRole("button", { name: "Decline (to mediation)" }).click();
    await expect(freelancer.getByTestId("dispute-status")).toHaveText("In mediation");
    await expect(freelancer.getByRole("heading", { name: "Your answer" })).toHaveCount(0);
  });

  await test.step("the demo admin resolves it on /admin/disputes: release $400.00, refund $100.00", async () => {
    await signIn(admin, DEMO.admin, DEMO.password);
    await nav(admin).getByRole("link", { name: "Disputes" }).click();
    await expect(admin.getByRole("heading", { level: 1, name: "Disputes" })).toBeVisible();
    const row = admin.getByTestId("dispute-row").filter({ hasText: setup.title });
    await expect(row).toHaveCount(1);
    await checkPage(admin, testInfo, "disputes-admin-queue");
    await row.getByRole("link", { name: setup.title }).click();
    await expect(admin.getByTestId("dispute-status")).toHaveText("In mediation");
    await expect(admin.getByText("Three screens were agreed in the chat")).toBeVisible();
    await admin.getByLabel("Release to the freelancer (USD)").fill("400");
    await admin.getByLabel("Refund to the client (USD)").fill("50");
    await expect(admin.getByText("Release and refund must add up to 500.00 (now 450.00).")).toBeVisible();
    await admin.getByLabel("Refund to the client (USD)").fill("100");
    await admin.getByLabel("Note to both parties").fill("The brief listed five screens; three were delivered and are good.");
    await checkPage(admin, testInfo, "disputes-admin-resolve");
    await checkPageNarrow(admin, testInfo, "disputes-admin-resolve");
    await admin.getByRole("button", { name: "Resolve dispute" }).click();
    await expect(admin.getByTestId("dispute-status")).toHaveText("Resolved");
    await expect(admin.getByTestId("dispute-outcome")).toHaveText("An admin decided the split.");
    await checkPage(admin, testInfo, "disputes-admin-resolved");
  });

  await test.step("both parties see the split, and their wallets show it", async () => {
    await page.reload();
    await expect(page.getByTestId("dispute-status")).toHaveText("Resolved");
    await expect(page.getByText("The brief listed five screens; three were delivered")).toBeVisible();
    await checkPage(page, testInfo, "disputes-client-resolved");
    await checkPageNarrow(page, testInfo, "disputes-client-resolved");
    // The freelancer: $400.00 released, less the 10% marketplace fee, pending.
    await freelancer.goto("/wallet");
    await expect(freelancer.getByTestId("balance-pending")).toHaveText("$360.00");
    await checkPage(freelancer, testInfo, "disputes-wallet-freelancer");
    // The client: the $100.00 refund and its 5% service fee come back to the wallet.
    await page.goto("/wallet");
    await expect(page.getByTestId("balance-available")).toHaveText("$105.00");
    await checkPage(page, testInfo, "disputes-wallet-client");
  });
});
