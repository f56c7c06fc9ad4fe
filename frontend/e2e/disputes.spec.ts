import { expect, test, type Page } from "@playwright/test";
import { api, contractViaApi, milestone, secondPage } from "./contracts";
import { accessToken, checkPage, checkPageNarrow, DEMO, fact as figure, nav, signIn } from "./helpers";

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

/** The freelancer submits work on milestone 1 "Designs" ($500.00, funded by the offer). */
async function submitDesigns(freelancer: Page, freelancerEmail: string, contractUrl: string) {
  await signIn(freelancer, freelancerEmail);
  await freelancer.goto(contractUrl);
  const card = milestone(freelancer, "Designs");
  await card.getByRole("button", { name: "Submit work on milestone 1" }).click();
  const panel = card.getByRole("group", { name: "Submit work on Designs" });
  await panel.getByLabel("What you delivered").fill("The designs for every screen are in the shared folder.");
  await panel.getByRole("button", { name: "Submit work" }).click();
  await expect(card.getByTestId("milestone-status")).toHaveText("Work submitted");
}

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
    await expect(page.getByTestId("dispute-opener")).toHaveText("Dora Client (client)");
    await expect(page.getByText("Two of the five screens are missing")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Your answer" })).toHaveCount(0);
    await page.getByLabel("Your message").fill("The brief listed five screens; I can share it again.");
    await page.getByRole("button", { name: "Send message" }).click();
    await expect(page.getByTestId("dispute-message")).toHaveCount(1);
    await expect(page.getByTestId("dispute-message")).toContainText("Dora Client (client, you)");
    await checkPage(page, testInfo, "disputes-client-opened");
    await checkPageNarrow(page, testInfo, "disputes-client-opened");
  });

  await test.step("the freelancer finds it in My disputes and declines, to mediation", async () => {
    await nav(freelancer).getByRole("link", { name: "Disputes" }).click();
    await expect(freelancer.getByRole("heading", { level: 1, name: "My disputes" })).toBeVisible();
    await expect(freelancer.getByTestId("dispute-row")).toHaveCount(1);
    await expect(freelancer.getByTestId("dispute-request")).toHaveText("Dora Client (client) asks $100.00 back from Felix Freelancer (freelancer)");
    await checkPage(freelancer, testInfo, "disputes-mine");
    await freelancer.getByTestId("dispute-row").getByRole("link", { name: setup.title }).click();
    await expect(freelancer).toHaveURL(new RegExp(`${disputeUrl}$`));
    await expect(freelancer.getByTestId("dispute-message")).toContainText("The brief listed five screens");
    await expect(freelancer.getByTestId("dispute-message")).toContainText("Dora Client (client)");
    await expect(freelancer.getByText("Accepting refunds $100.00 to Dora Client (client) and releases the rest to Felix Freelancer (freelancer).")).toBeVisible();
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
    await expect(row.getByTestId("dispute-request")).toHaveText("Dora Client (client) asks $100.00 back from Felix Freelancer (freelancer)");
    await checkPage(admin, testInfo, "disputes-admin-queue");
    await row.getByRole("link", { name: setup.title }).click();
    await expect(admin.getByTestId("dispute-status")).toHaveText("In mediation");
    await expect(admin.getByText("Three screens were agreed in the chat")).toBeVisible();
    await admin.getByLabel("Release to the freelancer, Felix Freelancer (USD)").fill("400");
    await admin.getByLabel("Refund to the client, Dora Client (USD)").fill("50");
    await expect(admin.getByText("Release and refund must add up to 500.00 (now 450.00).")).toBeVisible();
    await admin.getByLabel("Refund to the client, Dora Client (USD)").fill("100");
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
    await expect(figure(page, "Released to Felix Freelancer (freelancer)")).toHaveText("$400.00");
    await expect(figure(page, "Refunded to Dora Client (client)")).toHaveText("$100.00");
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

test("a disputed milestone the freelancer accepts: $150.00 back to the client, the rest released; the contract and both wallets show it", async ({ page, browser, request }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "one run is enough: the 375 px pages are checked on the way");
  test.setTimeout(240_000);
  const setup = await contractViaApi(request, `dispute-accept-${testInfo.project.name}`);
  const contractUrl = `/contracts/${setup.contractId}`;
  const freelancer = await secondPage(browser, testInfo);
  watch(freelancer);
  // $500.00 in escrow: $150.00 back to the client with its 5% marketplace fee ($7.50),
  // $350.00 released to the freelancer less the 10% service fee ($35.00).
  const refund = (await (await request.get("/api/v1/fees/preview?amount=150.00&side=client")).json()) as { total: string };
  const release = (await (await request.get("/api/v1/fees/preview?amount=350.00&side=freelancer")).json()) as { net: string };
  expect([refund.total, release.net]).toEqual(["157.50", "315.00"]);

  await test.step("the freelancer submits milestone 1; the client disputes it, asking $150.00 back", async () => {
    await submitDesigns(freelancer, setup.freelancerEmail, contractUrl);
    await signIn(page, setup.clientEmail);
    await page.goto(contractUrl);
    await milestone(page, "Designs").getByRole("button", { name: "Dispute milestone 1" }).click();
    const dialog = page.getByRole("dialog", { name: "Open a dispute" });
    await dialog.getByLabel("What went wrong").fill("The mobile layouts are missing from the designs.");
    await dialog.getByLabel("Refund to the client (USD)").fill("150");
    await dialog.getByRole("button", { name: "Open dispute" }).click();
    await expect(page).toHaveURL(/\/disputes\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId("dispute-status")).toHaveText("Awaiting response");
  });

  await test.step("the freelancer reads it (both parties named) and accepts the request", async () => {
    await freelancer.goto("/disputes");
    const row = freelancer.getByTestId("dispute-row").filter({ hasText: setup.title });
    await expect(row.getByTestId("dispute-request")).toHaveText("Dora Client (client) asks $150.00 back from Felix Freelancer (freelancer)");
    await row.getByRole("link", { name: setup.title }).click();
    await expect(figure(freelancer, "Client")).toHaveText("Dora Client");
    await expect(figure(freelancer, "Freelancer")).toHaveText("Felix Freelancer (you)");
    await expect(freelancer.getByTestId("dispute-opener")).toHaveText("Dora Client (client)");
    await freelancer.getByRole("button", { name: "Accept the request" }).click();
    await expect(freelancer.getByText("Add a short message with your answer.")).toBeVisible();
    await freelancer.getByLabel("Message with your answer").fill("Fair: the mobile layouts were not done. Refunding $150.00.");
    await checkPage(freelancer, testInfo, "dispute-accept-respond");
    await checkPageNarrow(freelancer, testInfo, "dispute-accept-respond");
    await freelancer.getByRole("button", { name: "Accept the request" }).click();
    await expect(freelancer.getByTestId("dispute-status")).toHaveText("Resolved");
    await expect(freelancer.getByTestId("dispute-outcome")).toHaveText("Felix Freelancer (freelancer) accepted the request.");
    await expect(figure(freelancer, "Released to Felix Freelancer (freelancer)")).toHaveText("$350.00");
    await expect(figure(freelancer, "Refunded to Dora Client (client)")).toHaveText("$150.00");
    await expect(freelancer.getByRole("heading", { name: "Your answer" })).toHaveCount(0);
    await checkPage(freelancer, testInfo, "dispute-accepted");
    await checkPageNarrow(freelancer, testInfo, "dispute-accepted");
  });

  await test.step("the contract page shows the escrow settled, and both wallets show the refund and the release", async () => {
    await page.reload();
    await expect(page.getByTestId("dispute-status")).toHaveText("Resolved");
    await expect(page.getByText("Fair: the mobile layouts were not done.")).toBeVisible();
    await page.goto(contractUrl);
    await expect(milestone(page, "Designs").getByTestId("milestone-escrow")).toHaveText("$0.00");
    await expect(page.getByTestId("contract-escrow")).toHaveText("$0.00");
    await checkPage(page, testInfo, "dispute-accepted-contract");
    await page.goto("/wallet");
    await expect(page.getByTestId("balance-available")).toHaveText(`$${refund.total}`);
    await checkPage(page, testInfo, "dispute-accepted-wallet-client");
    await freelancer.goto("/wallet");
    await expect(freelancer.getByTestId("balance-pending")).toHaveText(`$${release.net}`);
    await expect(freelancer.getByTestId("balance-available")).toHaveText("$0.00");
    await checkPage(freelancer, testInfo, "dispute-accepted-wallet-freelancer");
  });
  await freelancer.context().close();
});

test("a refund request the freelancer disputes: $200.00 back offered, the client accepts; both wallets show it", async ({ page, browser, request }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "one run is enough: the 375 px dispute page is checked on the way");
  test.setTimeout(240_000);
  const setup = await contractViaApi(request, `refund-${testInfo.project.name}`);
  const contractUrl = `/contracts/${setup.contractId}`;
  const freelancer = await secondPage(browser, testInfo);
  watch(freelancer);
  // $500.00 in escrow: $200.00 back to the client with its 5% fee ($10.00); $300.00
  // released to the freelancer less 10% ($30.00).
  const refund = (await (await request.get("/api/v1/fees/preview?amount=200.00&side=client")).json()) as { total: string };
  const release = (await (await request.get("/api/v1/fees/preview?amount=300.00&side=freelancer")).json()) as { net: string };
  expect([refund.total, release.net]).toEqual(["210.00", "270.00"]);

  await test.step("the client asks milestone 1 back; the freelancer disputes the request, offering $200.00", async () => {
    await signIn(page, setup.clientEmail);
    await page.goto(contractUrl);
    await milestone(page, "Designs").getByRole("button", { name: "Request a refund of milestone 1" }).click();
    await page.getByRole("dialog", { name: "Request a refund?" }).getByRole("button", { name: "Request refund" }).click();
    await expect(milestone(page, "Designs").getByTestId("milestone-status")).toHaveText("Refund requested");
    await signIn(freelancer, setup.freelancerEmail);
    await freelancer.goto(contractUrl);
    await milestone(freelancer, "Designs").getByRole("button", { name: "Dispute milestone 1" }).click();
    const dialog = freelancer.getByRole("dialog", { name: "Open a dispute" });
    await dialog.getByLabel("What went wrong").fill("The first three designs were delivered in our chat; a full refund is not fair.");
    await dialog.getByLabel("Refund to the client (USD)").fill("200");
    await dialog.getByRole("button", { name: "Open dispute" }).click();
    await expect(freelancer).toHaveURL(/\/disputes\/[0-9a-f-]{36}$/);
    await expect(freelancer.getByTestId("dispute-opener")).toHaveText("Felix Freelancer (freelancer)");
  });

  await test.step("the client finds it in My disputes, accepts, and both wallets show the split", async () => {
    await page.goto("/disputes");
    const row = page.getByTestId("dispute-row").filter({ hasText: setup.title });
    await expect(row.getByTestId("dispute-request")).toHaveText("Felix Freelancer (freelancer) offers $200.00 back to Dora Client (client)");
    await row.getByRole("link", { name: setup.title }).click();
    await expect(figure(page, "Client")).toHaveText("Dora Client (you)");
    await page.getByLabel("Message with your answer").fill("Agreed: keep $300.00 for the three designs.");
    await checkPageNarrow(page, testInfo, "dispute-freelancer-opened-respond");
    await page.getByRole("button", { name: "Accept the request" }).click();
    await expect(page.getByTestId("dispute-status")).toHaveText("Resolved");
    await expect(page.getByTestId("dispute-outcome")).toHaveText("Dora Client (client) accepted the request.");
    await checkPage(page, testInfo, "dispute-freelancer-opened-accepted");
    await page.goto("/wallet");
    await expect(page.getByTestId("balance-available")).toHaveText(`$${refund.total}`);
    await freelancer.goto("/wallet");
    await expect(freelancer.getByTestId("balance-pending")).toHaveText(`$${release.net}`);
  });
  await freelancer.context().close();
});
