import { readFile } from "node:fs/promises";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { checkPage, DEMO, nav, quoteLine, signIn, signOut, signUpViaApi, tinyPng, uniqueEmail, verifyViaApi } from "./helpers";

// Any uncaught error in the page fails the journey, with the message in the report.
const pageErrors: string[] = [];
test.beforeEach(({ page }) => {
  pageErrors.length = 0;
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("console", (message) => {
    // 4xx answers are part of these journeys (a declined card is a 402).
    if (message.type() === "error" && !/status of 4\d\d/.test(message.text())) pageErrors.push(message.text());
  });
});
test.afterEach(() => {
  expect(pageErrors, "errors in the browser console").toEqual([]);
});

/** "$1,234.50" (en-US, as the browser shows it) as whole cents. */
function cents(shown: string): number {
  const match = /(-)?\$([\d,]+)\.(\d{2})/.exec(shown);
  if (!match) throw new Error(`not an amount in US dollars: ${shown}`);
  const value = Number(match[2].replaceAll(",", "")) * 100 + Number(match[3]);
  return match[1] ? -value : value;
}

async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? "").trim();
}

async function fillCard(page: Page, number: string) {
  await page.getByLabel("Card number", { exact: true }).fill(number);
  await page.getByLabel("Expiry month", { exact: true }).selectOption("12");
  await page.getByLabel("Expiry year", { exact: true }).selectOption(String(new Date().getFullYear() + 3));
  await page.getByLabel("Security code", { exact: true }).fill("123");
  await page.getByRole("button", { name: "Add card" }).click();
}

test("a client adds the 4242 card, deposits 500.00 and sees it available and in the history", async ({ page, request }, testInfo) => {
  const email = uniqueEmail(`wallet-${testInfo.project.name}`);

  await test.step("a new, verified client signs in and opens the wallet", async () => {
    await signUpViaApi(request, { email, full_name: "Wanda Wallet", country: "US", timezone: "America/New_York", roles: ["client"] });
    await verifyViaApi(request, email);
    await signIn(page, email);
    await nav(page).getByRole("link", { name: "Wallet" }).click();
    await expect(page.getByRole("heading", { name: "Wallet", level: 1 })).toBeVisible();
    await expect(page.getByTestId("balance-available")).toHaveText("$0.00");
    await expect(page.getByText("No transactions yet")).toBeVisible();
    await checkPage(page, testInfo, "wallet-empty");
  });

  await test.step("a declined card is refused beside the form; the 4242 card is saved", async () => {
    await page.getByRole("link", { name: "Add a card" }).click();
    await expect(page.getByRole("heading", { name: "Payment methods", level: 1 })).toBeVisible();
    await expect(page.getByText("4242 4242 4242 4242")).toBeVisible();
    await fillCard(page, "4000 0000 0000 0002");
    await expect(page.getByText("The card was declined. Try another card, or ask your bank why.")).toBeVisible();
    await checkPage(page, testInfo, "payment-methods-declined");
    await fillCard(page, "4242 4242 4242 4242");
    await expect(page.getByText("Visa ending in 4242 is saved.", { exact: false })).toBeVisible();
    await expect(page.getByRole("list", { name: "Saved cards" }).getByRole("listitem")).toHaveCount(1);
  });

  await test.step("deposit 500.00: the quote says exactly what is charged", async () => {
    await page.getByRole("link", { name: "Your wallet" }).click();
    await page.getByLabel("Amount (USD)", { exact: true }).fill("500.00");
    await expect(page.getByTestId("deposit-charge")).toContainText("will be charged exactly $500.00");
    await expect(quoteLine(page, "Fee")).toHaveText("No fee");
    await expect(quoteLine(page, "You will be charged")).toHaveText("$500.00");
    await checkPage(page, testInfo, "wallet-deposit-quote");
    await page.getByRole("button", { name: "Deposit $500.00" }).click();
    await expect(page.getByText("$500.00 was added to your available balance.")).toBeVisible();
    await expect(page.getByTestId("balance-available")).toHaveText("$500.00");
  });

  await test.step("the deposit is in the history, also when filtered by type", async () => {
    const deposit = page.getByRole("table").getByRole("row").filter({ hasText: "+$500.00" });
    await expect(deposit).toHaveCount(1);
    await expect(deposit).toContainText("Deposit");
    await page.getByLabel("Type", { exact: true }).selectOption("deposit");
    await expect(page).toHaveURL(/[?&]type=deposit/);
    await expect(page.getByRole("table").getByRole("row").filter({ hasText: "+$500.00" })).toHaveCount(1);
    await page.getByLabel("Type", { exact: true }).selectOption("withdrawal");
    await expect(page.getByText("No transactions match these filters")).toBeVisible();
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect(page.getByRole("table").getByRole("row").filter({ hasText: "+$500.00" })).toHaveCount(1);
    await checkPage(page, testInfo, "wallet-history");
  });

  await test.step("the CSV download has the deposit", async () => {
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download CSV" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.csv$/);
    const csv = await readFile(await file.path(), "utf8");
    expect(csv).toContain("500.00");
    await expect(page.getByText(/^Downloaded .+\.csv\.$/)).toBeVisible();
  });

  await test.step("the yearly report counts the deposit", async () => {
    const report = page.getByRole("region", { name: "Yearly report" });
    const deposits = report.locator(".quote__line").filter({ has: page.getByText("Deposits", { exact: true }) });
    await expect(deposits.locator("dd")).toHaveText("$500.00");
  });
});

test("a freelancer with released funds verifies their identity and withdraws 100.00 with its fee", async ({ page }, testInfo) => {
  await test.step("the demo freelancer signs in and checks their identity", async () => {
    await signIn(page, DEMO.freelancer, DEMO.password);
    await page.goto("/settings/identity");
    await expect(page.getByRole("heading", { name: "Identity verification", level: 1 })).toBeVisible();
    await expect(page.getByTestId("identity-status")).toBeVisible();
  });

  // On a second run (the other viewport, or a rerun) the freelancer is verified already;
  // after an interrupted run a document may be waiting for review (no second upload then).
  const status = await textOf(page.getByTestId("identity-status"));
  const verified = status.includes("Identity verified");
  const inReview = status === "In review";

  if (!verified && !inReview) {
    await test.step("upload an ID document (a file of the wrong type is refused first)", async () => {
      await checkPage(page, testInfo, "identity-unverified");
      const input = page.getByLabel("Document", { exact: true });
      await input.setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("not an ID") });
      await expect(page.getByText("Choose a PNG, JPEG or WebP image, or a PDF.")).toBeVisible();
      await input.setInputFiles({ name: "id-card.png", mimeType: "image/png", buffer: tinyPng(64, [40, 90, 160]) });
      await page.getByRole("button", { name: "Upload document" }).click();
      await expect(page.getByText("Your document is uploaded. We will review it soon.")).toBeVisible();
      await expect(page.getByTestId("identity-status")).toHaveText("In review");
      await expect(page.getByTestId("identity-document").first()).toContainText("In review");
      await checkPage(page, testInfo, "identity-pending");
    });
  }

  if (!verified) {
    await test.step("the withdrawals page says why it must wait", async () => {
      await nav(page).getByRole("link", { name: "Withdrawals" }).click();
      await expect(page.getByTestId("identity-notice")).toContainText("We are reviewing the document you uploaded");
    });

    await test.step("the demo admin views the document and approves it", async () => {
      await signOut(page);
      await signIn(page, DEMO.admin, DEMO.password);
      await nav(page).getByRole("link", { name: "Admin" }).click();
      await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Identity" }).click();
      await expect(page.getByRole("heading", { name: "Identity review", level: 1 })).toBeVisible();
      const item = page.getByTestId("review-item").filter({ hasText: DEMO.freelancer }).first();
      await expect(item).toBeVisible();
      await item.getByRole("button", { name: "View document" }).click();
      await expect(item.getByRole("img", { name: `Identity document uploaded by ${DEMO.freelancerName}` })).toHaveAttribute("src", /^blob:/);
      await checkPage(page, testInfo, "admin-identity-review");
      await item.getByRole("button", { name: "Approve" }).click();
      await expect(page.getByText(`${DEMO.freelancerName}’s identity is verified.`)).toBeVisible();
      await signOut(page);
      await signIn(page, DEMO.freelancer, DEMO.password);
    });
  }

  await test.step("the freelancer is verified and has a bank account ready", async () => {
    await nav(page).getByRole("link", { name: "Withdrawals" }).click();
    await expect(page.getByRole("heading", { name: "Withdrawals", level: 1 })).toBeVisible();
    await expect(page.getByTestId("identity-status")).toContainText("Identity verified");
    await expect(page.getByTestId("withdrawal-method").filter({ hasText: "Ready" }).first()).toBeVisible();
    await expect(page.getByTestId("available-to-withdraw")).toHaveText(/\$/);
  });

  const before = cents(await textOf(page.getByTestId("available-to-withdraw")));
  expect(before, "the demo freelancer needs at least $100.00 available").toBeGreaterThanOrEqual(10_000);

  let fee = "";
  let withdrawalId = "";
  await test.step("withdraw 100.00: the quote shows the fee and the net", async () => {
    await page.getByLabel("Amount (USD)", { exact: true }).fill("100.00");
    await expect(quoteLine(page, "Withdrawal")).toHaveText("$100.00");
    fee = await textOf(quoteLine(page, "Withdrawal fee"));
    const net = await textOf(quoteLine(page, "You receive"));
    expect(cents(net)).toBe(10_000 - cents(fee));
    await checkPage(page, testInfo, "withdraw-quote");
    const posted = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/v1/withdrawals" && r.request().method() === "POST");
    await page.getByRole("button", { name: "Withdraw $100.00" }).click();
    const response = await posted;
    expect(response.status()).toBe(201);
    expect(response.request().headers()["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/);
    const body = (await response.json()) as { id: string; amount: string; fee: string; net_amount: string };
    withdrawalId = body.id;
    expect(body.amount).toBe("100.00");
    expect(Math.round(Number(body.fee) * 100)).toBe(cents(fee));
    await expect(page.getByText(/^Your withdrawal of \$100\.00 is on its way/)).toBeVisible();
  });

  await test.step("the withdrawal is listed with its fee, and the balance went down once", async () => {
    const listed = page.locator(`[data-withdrawal-id="${withdrawalId}"]`);
    await expect(listed).toContainText("$100.00 to");
    await expect(listed).toContainText(`Fee ${fee}`);
    await expect(listed.getByTestId("withdrawal-status")).toHaveText(/Processing|Paid/);
    await expect.poll(async () => cents(await textOf(page.getByTestId("available-to-withdraw")))).toBe(before - 10_000);
    await checkPage(page, testInfo, "withdrawals-list");
  });

  await test.step("the wallet history shows the withdrawal", async () => {
    await page.goto("/wallet?type=withdrawal");
    await expect(page.getByLabel("Type", { exact: true })).toHaveValue("withdrawal");
    await expect(page.getByRole("table").getByRole("row").filter({ hasText: "Withdrawal" }).first()).toContainText("-$");
  });
});
