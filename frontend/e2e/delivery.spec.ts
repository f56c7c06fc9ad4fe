import { expect, test, type Page } from "@playwright/test";
import { accessToken, checkPage, checkPageNarrow, signIn } from "./helpers";
import { api, contractViaApi, milestone, secondPage } from "./contracts";

// Any uncaught error in a page fails the journey, with the message in the report.
const pageErrors: string[] = [];
function watch(page: Page) {
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("console", (message) => {
    // 4xx answers are part of these journeys (an expired token is a 401 before the refresh).
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

test("fixed price, in the browser: fund, submit, request changes, resubmit, approve; the pay is pending, then available", async ({ page, browser, request }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "the server clock moves forward for everyone: run this journey once");
  test.setTimeout(240_000);
  const setup = await contractViaApi(request, testInfo.project.name);
  const contractUrl = `/contracts/${setup.contractId}`;
  const freelancer = await secondPage(browser, testInfo);
  watch(freelancer);

  await test.step("the client opens the contract: milestone 1 funded by the offer, milestone 2 not yet", async () => {
    await signIn(page, setup.clientEmail);
    await page.goto(contractUrl);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(setup.title);
    await expect(milestone(page, "Designs").getByTestId("milestone-status")).toHaveText("Funded");
    await expect(milestone(page, "Launch").getByTestId("milestone-status")).toHaveText("Not funded yet");
    await checkPage(page, testInfo, "delivery-contract-client");
  });

  await test.step("the client funds milestone 2 with the card (wallet first, with an Idempotency-Key)", async () => {
    const launch = milestone(page, "Launch");
    await launch.getByRole("button", { name: "Fund milestone 2" }).click();
    const panel = launch.getByRole("group", { name: "Fund Launch" });
    await expect(panel.getByTestId("fund-note")).toContainText("short, so choose a card");
    await panel.getByLabel("Card for what the wallet does not cover").selectOption({ label: "Visa ending in 4242" });
    await expect(panel.getByTestId("fund-note")).toContainText("Visa ending in 4242 is charged");
    await checkPage(page, testInfo, "delivery-fund-panel");
    await checkPageNarrow(page, testInfo, "delivery-fund-panel");
    const funded = page.waitForResponse((r) => /\/api\/v1\/milestones\/[^/]+\/fund$/.test(new URL(r.url()).pathname));
    await panel.getByRole("button", { name: "Fund $300.00" }).click();
    const response = await funded;
    expect(response.status()).toBe(200);
    expect(response.request().headers()["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/);
    await expect(launch.getByTestId("milestone-note")).toHaveText("$300.00 is now in escrow for “Launch”.");
    await expect(launch.getByTestId("milestone-status")).toHaveText("Funded");
    await expect(launch.getByTestId("milestone-escrow")).toHaveText("$300.00");
    await expect(page.getByTestId("contract-escrow")).toHaveText("$800.00");
  });

  await test.step("the freelancer submits work on milestone 2 with a file", async () => {
    await signIn(freelancer, setup.freelancerEmail);
    await freelancer.goto(contractUrl);
    const launch = milestone(freelancer, "Launch");
    await launch.getByRole("button", { name: "Submit work on milestone 2" }).click();
    const panel = launch.getByRole("group", { name: "Submit work on Launch" });
    await panel.getByRole("button", { name: "Submit work" }).click();
    await expect(panel.getByText("Say what you delivered.")).toBeVisible();
    await panel.getByLabel("What you delivered").fill("The booking page is live on the staging server; the handover notes are attached.");
    await panel.getByLabel("Files (optional)").setInputFiles({ name: "handover.md", mimeType: "text/markdown", buffer: Buffer.from("# Handover\n") });
    await expect(panel.getByRole("list", { name: "Attached files" })).toContainText("handover.md");
    await checkPage(freelancer, testInfo, "delivery-submit-panel");
    await checkPageNarrow(freelancer, testInfo, "delivery-submit-panel");
    await panel.getByRole("button", { name: "Submit work" }).click();
    await expect(launch.getByTestId("milestone-status")).toHaveText("Work submitted");
    await expect(launch.getByTestId("milestone-deadline")).toContainText("Released automatically on");
    await expect(launch.getByTestId("submission")).toHaveCount(1);
    await checkPage(freelancer, testInfo, "delivery-submitted-freelancer");
  });

  await test.step("the client reads the delivery, downloads its file and requests changes", async () => {
    await page.reload();
    const launch = milestone(page, "Launch");
    await expect(launch.getByTestId("milestone-status")).toHaveText("Work submitted");
    await expect(launch.getByTestId("submission")).toContainText("The booking page is live on the staging server");
    const download = page.waitForEvent("download");
    await expect(launch.getByTestId("attachment")).toContainText("handover.md");
    await expect(launch.getByTestId("attachment-size")).toHaveText("11 bytes");
    await launch.getByRole("button", { name: "Download handover.md" }).click();
    expect((await download).suggestedFilename()).toBe("handover.md");
    await checkPage(page, testInfo, "delivery-submitted-client");
    await checkPageNarrow(page, testInfo, "delivery-submitted-client");
    await launch.getByRole("button", { name: "Request changes to milestone 2" }).click();
    const dialog = page.getByRole("dialog", { name: "Request changes" });
    await dialog.getByRole("button", { name: "Send request" }).click();
    await expect(dialog.getByText("Say what should change.")).toBeVisible();
    await dialog.getByLabel("What should change?").fill("Please add a Saturday slot to the calendar.");
    await checkPage(page, testInfo, "delivery-request-changes");
    await dialog.getByRole("button", { name: "Send request" }).click();
    await expect(launch.getByTestId("milestone-status")).toHaveText("Changes requested");
    await expect(launch.getByTestId("submission-outcome")).toContainText("Changes requested");
  });

  await test.step("the freelancer sees the request and submits again", async () => {
    await freelancer.reload();
    const launch = milestone(freelancer, "Launch");
    await expect(launch.getByTestId("milestone-status")).toHaveText("Changes requested");
    await expect(launch.getByTestId("submission-outcome")).toContainText("Please add a Saturday slot to the calendar.");
    await checkPage(freelancer, testInfo, "delivery-changes-requested");
    await checkPageNarrow(freelancer, testInfo, "delivery-changes-requested");
    await launch.getByRole("button", { name: "Submit the changes on milestone 2" }).click();
    const panel = launch.getByRole("group", { name: "Submit work on Launch" });
    await panel.getByLabel("What you changed").fill("Saturday slots are in, from 9:00 to 13:00.");
    await panel.getByRole("button", { name: "Submit the changes" }).click();
    await expect(launch.getByTestId("milestone-status")).toHaveText("Work submitted");
    await expect(launch.getByTestId("submission")).toHaveCount(2);
  });

  await test.step("the client approves: the escrow is released", async () => {
    await page.reload();
    const launch = milestone(page, "Launch");
    await launch.getByRole("button", { name: "Approve milestone 2" }).click();
    const panel = launch.getByRole("group", { name: "Approve Launch" });
    await checkPage(page, testInfo, "delivery-approve-panel");
    await checkPageNarrow(page, testInfo, "delivery-approve-panel");
    await panel.getByRole("button", { name: "Approve and release $300.00" }).click();
    await expect(launch.getByTestId("milestone-note")).toHaveText("Approved: $300.00 is released to Felix Freelancer.");
    await expect(launch.getByTestId("milestone-status")).toHaveText("Approved");
    await expect(launch.getByTestId("milestone-escrow")).toHaveText("$0.00");
    await expect(page.getByTestId("contract-paid")).toHaveText("$300.00");
    await checkPage(page, testInfo, "delivery-approved-client");
  });

  await test.step("the client adds, moves, edits and deletes unfunded milestones", async () => {
    await page.getByRole("button", { name: "Add a milestone" }).click();
    let form = page.getByRole("form", { name: "Add a milestone" });
    await form.getByRole("button", { name: "Add milestone" }).click();
    await expect(form.getByText("Name the milestone.")).toBeVisible();
    await form.getByLabel("Milestone name").fill("Extras");
    await form.getByLabel("Amount (USD)").fill("50");
    await form.getByLabel("Due date (optional)").fill("2027-03-31");
    await form.getByRole("button", { name: "Add milestone" }).click();
    await expect(page.getByText("“Extras” was added.", { exact: false })).toBeVisible();
    await page.getByRole("button", { name: "Add a milestone" }).click();
    form = page.getByRole("form", { name: "Add a milestone" });
    await form.getByLabel("Milestone name").fill("Polish");
    await form.getByLabel("Amount (USD)").fill("40");
    await form.getByRole("button", { name: "Add milestone" }).click();
    await expect(milestone(page, "Polish")).toBeVisible();
    await expect(page.getByRole("heading", { name: /^4\. Polish$/ })).toBeVisible();
    await milestone(page, "Polish").getByRole("button", { name: "Move up milestone 4" }).click();
    await expect(page.getByRole("heading", { name: /^3\. Polish$/ })).toBeVisible();
    await expect(page.getByRole("heading", { name: /^4\. Extras$/ })).toBeVisible();
    const extras = milestone(page, "Extras");
    await expect(extras).toContainText("March 31, 2027");
    await extras.getByRole("button", { name: "Edit milestone 4" }).click();
    const edit = page.getByRole("form", { name: "Edit Extras" });
    await edit.getByLabel("Amount (USD)").fill("60");
    await edit.getByLabel("Due date (optional)").fill("");
    await checkPage(page, testInfo, "delivery-edit-milestone");
    await edit.getByRole("button", { name: "Save milestone" }).click();
    await expect(extras.getByTestId("milestone-note")).toHaveText("“Extras” is saved.");
    await expect(extras).toContainText("$60.00");
    await expect(extras).toContainText("No date");
    await milestone(page, "Polish").getByRole("button", { name: "Delete milestone 3" }).click();
    await page.getByRole("dialog", { name: "Delete this milestone?" }).getByRole("button", { name: "Delete milestone" }).click();
    await expect(milestone(page, "Polish")).toHaveCount(0);
    await expect(page.getByRole("heading", { name: /^3\. Extras$/ })).toBeVisible();
  });

  await test.step("the contract cannot end while milestone 1 holds escrow, and the page says why", async () => {
    await page.getByRole("button", { name: "End contract" }).click();
    await page.getByRole("dialog", { name: "End this contract?" }).getByRole("button", { name: "End contract" }).click();
    await expect(page.getByTestId("contract-note")).toContainText("Money is still held in escrow on this contract.");
    await checkPage(page, testInfo, "delivery-end-refused");
  });

  const fees = (await (await request.get("/api/v1/fees/preview?amount=300.00&side=freelancer")).json()) as { net: string };
  const net = `$${fees.net}`;

  await test.step("the freelancer's wallet shows the pay pending", async () => {
    await freelancer.goto("/wallet");
    await expect(freelancer.getByTestId("balance-pending")).toHaveText(net);
    await expect(freelancer.getByTestId("balance-available")).toHaveText("$0.00");
    await checkPage(freelancer, testInfo, "delivery-wallet-pending");
  });

  await test.step("five days later (the server clock moves) the pay is available, and the tab renews its session", async () => {
    const advanced = await request.post("/api/v1/dev/clock/advance", { data: { seconds: 432_000 + 120 } });
    expect(advanced.status(), await advanced.text()).toBe(200);
    // The worker applies the security period within a moment; ask the API until it has.
    const token = await accessToken(request, setup.freelancerEmail);
    await expect
      .poll(async () => (await api<{ available: string }>(request, token, "GET", "/api/v1/wallet")).available, { timeout: 20_000 })
      .toBe(fees.net);
    // The tab's access token is now days old: the next call is refused as expired, and the
    // SPA renews it with the refresh token and retries, without signing out.
    const refreshed = freelancer.waitForResponse((r) => new URL(r.url()).pathname === "/api/v1/auth/refresh");
    await freelancer.getByRole("navigation", { name: "Work" }).getByRole("link", { name: "Connects" }).click();
    expect((await refreshed).status()).toBe(200);
    await expect(freelancer.getByRole("heading", { name: "Connects", level: 1 })).toBeVisible();
    await freelancer.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Wallet" }).click();
    await expect(async () => {
      await freelancer.reload();
      await expect(freelancer.getByTestId("balance-available")).toHaveText(net, { timeout: 2_000 });
    }).toPass({ timeout: 15_000 });
    await expect(freelancer.getByTestId("balance-pending")).toHaveText("$0.00");
    await checkPage(freelancer, testInfo, "delivery-wallet-available");
    await checkPageNarrow(freelancer, testInfo, "delivery-wallet-available");
  });
  await test.step("the client pays a bonus from the wallet", async () => {
    const token = await accessToken(request, setup.clientEmail);
    await api(request, token, "POST", "/api/v1/wallet/deposits", { payment_method_id: setup.cardId, amount: "100.00" }, { "Idempotency-Key": crypto.randomUUID() });
    await page.goto(contractUrl);
    const bonus = page.getByRole("form", { name: "Pay a bonus" });
    await bonus.getByLabel("Bonus (USD)").fill("25");
    await bonus.getByLabel("Note to the freelancer (optional)").fill("Thanks for the Saturday slots!");
    const paid = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith("/bonus"));
    await bonus.getByRole("button", { name: "Pay bonus" }).click();
    expect((await paid).request().headers()["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/);
    await expect(bonus.getByText("A $25.00 bonus was paid to Felix Freelancer.")).toBeVisible();
    await expect(page.getByRole("list", { name: "Bonuses paid" })).toContainText("Thanks for the Saturday slots!");
  });

  await test.step("the client asks milestone 1 back, the freelancer agrees, and the contract ends", async () => {
    const designs = milestone(page, "Designs");
    await designs.getByRole("button", { name: "Request a refund of milestone 1" }).click();
    await page.getByRole("dialog", { name: "Request a refund?" }).getByRole("button", { name: "Request refund" }).click();
    await expect(designs.getByTestId("milestone-status")).toHaveText("Refund requested");
    await expect(designs.getByTestId("milestone-deadline")).toContainText("Refunded automatically on");
    await freelancer.goto(contractUrl);
    const theirs = milestone(freelancer, "Designs");
    await expect(theirs).toContainText("asked for this milestone’s $500.00 back");
    await checkPage(freelancer, testInfo, "delivery-refund-requested");
    await theirs.getByRole("button", { name: "Agree to refund milestone 1" }).click();
    await freelancer.getByRole("dialog", { name: "Agree to the refund?" }).getByRole("button", { name: "Agree to refund" }).click();
    await expect(theirs.getByTestId("milestone-status")).toHaveText("Refunded");
    await expect(theirs.getByTestId("milestone-escrow")).toHaveText("$0.00");
    await freelancer.getByRole("button", { name: "End contract" }).click();
    const dialog = freelancer.getByRole("dialog", { name: "End this contract?" });
    await dialog.getByLabel("Reason (optional)").fill("The work is done.");
    await dialog.getByRole("button", { name: "End contract" }).click();
    await expect(freelancer.getByText("Reason: “The work is done.”")).toBeVisible();
    await expect(freelancer.getByRole("button", { name: /Submit work/ })).toHaveCount(0);
    await page.reload();
    await expect(page.getByText("This contract ended", { exact: false })).toBeVisible();
    await expect(page.getByRole("button", { name: "Add a milestone" })).toHaveCount(0);
    await expect(page.getByTestId("feedback-window")).toContainText("Feedback window open until");
    await checkPage(page, testInfo, "delivery-ended");
    await checkPageNarrow(page, testInfo, "delivery-ended");
  });
  await freelancer.context().close();
});
