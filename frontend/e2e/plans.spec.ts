import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { api } from "./contracts";
import { accessToken, checkPage, nav, signIn, signUpViaApi, uniqueEmail, verifyViaApi } from "./helpers";

// Any uncaught error in the page fails the journey, with the message in the report.
const pageErrors: string[] = [];
test.beforeEach(({ page }) => {
  pageErrors.length = 0;
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("console", (message) => {
    // 4xx answers are part of these journeys (an empty wallet is a 409).
    if (message.type() === "error" && !/status of 4\d\d/.test(message.text())) pageErrors.push(message.text());
  });
});
test.afterEach(() => {
  expect(pageErrors, "errors in the browser console").toEqual([]);
});

async function addCardViaApi(request: APIRequestContext, token: string): Promise<string> {
  const card = await api<{ id: string }>(request, token, "POST", "/api/v1/payment-methods", {
    card_number: "4242 4242 4242 4242",
    exp_month: 12,
    exp_year: new Date().getFullYear() + 3,
    cvc: "123",
  });
  return card.id;
}

/** Through the API: a client's open fixed-price job with one proposal (640.00) from another freelancer. */
async function jobWithProposal(request: APIRequestContext, tag: string): Promise<string> {
  const clientEmail = uniqueEmail(`plans-client-${tag}`);
  const rivalEmail = uniqueEmail(`plans-rival-${tag}`);
  await signUpViaApi(request, { email: clientEmail, full_name: "Carla Client", country: "DE", timezone: "Europe/Berlin", roles: ["client"] });
  await verifyViaApi(request, clientEmail);
  await signUpViaApi(request, { email: rivalEmail, full_name: "Rita Rival", country: "PT", timezone: "Europe/Lisbon", roles: ["freelancer"] });
  await verifyViaApi(request, rivalEmail);
  const client = await accessToken(request, clientEmail);
  const rival = await accessToken(request, rivalEmail);
  const categories = await api<{ id: string; subcategories: { id: string }[] }[]>(request, client, "GET", "/api/v1/categories");
  const skills = await api<{ data: { id: string }[] }>(request, client, "GET", "/api/v1/skills?q=react");
  const job = await api<{ id: string }>(request, client, "POST", "/api/v1/jobs", {
    title: `Booking widget ${Date.now().toString(36)}`,
    description: "A booking widget for our salon's website.\n\nCustomers pick a stylist and a time.",
    category_id: categories[0]?.subcategories[0]?.id ?? categories[0]?.id,
    skill_ids: [skills.data[0]?.id],
    job_type: "fixed",
    budget: "700.00",
    experience_level: "intermediate",
    project_length: "1_to_3_months",
    hours_per_week: "less_than_30",
    visibility: "public",
    screening_questions: [],
  });
  await api(request, rival, "POST", `/api/v1/jobs/${job.id}/proposals`, {
    cover_letter: "I built booking widgets for two salons last year; I can show you both and start this week.",
    bid_amount: "640.00",
    milestones: [{ title: "Widget", amount: "640.00" }],
    estimated_duration: "1_to_3_months",
    answers: [],
  });
  return job.id;
}

async function openPlanFromAccount(page: Page) {
  await nav(page).getByRole("link", { name: "Account" }).click();
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  await page.getByRole("link", { name: "Plan", exact: true }).click();
  await expect(page).toHaveURL(/\/settings\/plan$/);
  await expect(page.getByRole("heading", { name: "Your plan", level: 1 })).toBeVisible();
}

const longDate = /\b(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}\b/;

test("a freelancer adds a card, upgrades to Freelancer Plus, gets Connects and the bid range, then cancels", async ({ page, request }, testInfo) => {
  test.setTimeout(120_000);
  const jobId = await jobWithProposal(request, testInfo.project.name);
  const email = uniqueEmail(`plans-freelancer-${testInfo.project.name}`);
  await signUpViaApi(request, { email, full_name: "Paula Plus", country: "ES", timezone: "Europe/Madrid", roles: ["freelancer"] });
  await verifyViaApi(request, email);
  await signIn(page, email);

  await test.step("on Basic: 10 Connects, and the job shows a teaser instead of the bids", async () => {
    await page.goto("/connects");
    await expect(page.getByTestId("connects-balance")).toHaveText("10 Connects");
    await expect(page.getByTestId("connects-plan")).toHaveText("Basic");
    await page.goto(`/jobs/${jobId}`);
    const bids = page.getByRole("region", { name: "Competing bids" });
    await expect(bids.getByText(/See the lowest, average and highest bid/)).toBeVisible();
    await expect(bids.getByTestId("bid-range")).toHaveCount(0);
    await checkPage(page, testInfo, "job-bids-teaser");
    await bids.getByRole("link", { name: "See Freelancer Plus" }).click();
    await expect(page.getByRole("heading", { name: "Your plan", level: 1 })).toBeVisible();
    const plan = page.getByTestId("plan-freelancer");
    await expect(plan.getByTestId("plan-freelancer-badge")).toHaveText("Basic");
    await expect(plan.getByText("$19.99 a month")).toBeVisible();
    await expect(page.getByTestId("plan-client")).toHaveCount(0);
    await checkPage(page, testInfo, "plan-basic");
  });

  await test.step("the freelancer adds the 4242 card", async () => {
    await page.getByRole("button", { name: "Upgrade to Freelancer Plus" }).click();
    await expect(page.getByRole("radio", { name: /Your wallet/ })).toBeChecked();
    await page.getByRole("link", { name: "Add a card" }).click();
    await expect(page.getByRole("heading", { name: "Payment methods", level: 1 })).toBeVisible();
    await page.getByLabel("Card number", { exact: true }).fill("4242 4242 4242 4242");
    await page.getByLabel("Expiry month", { exact: true }).selectOption("12");
    await page.getByLabel("Expiry year", { exact: true }).selectOption(String(new Date().getFullYear() + 3));
    await page.getByLabel("Security code", { exact: true }).fill("123");
    await page.getByRole("button", { name: "Add card" }).click();
    await expect(page.getByText("Visa ending in 4242 is saved.", { exact: false })).toBeVisible();
  });

  await test.step("upgrades with the card: what is charged now and monthly, then Plus with its renewal date", async () => {
    await openPlanFromAccount(page);
    await page.getByRole("button", { name: "Upgrade to Freelancer Plus" }).click();
    await page.getByRole("radio", { name: /Visa ending in 4242/ }).check();
    await expect(page.getByTestId("upgrade-charge")).toContainText("Your Visa ending in 4242 is charged $19.99 now for the first month, and $19.99 again each month");
    await checkPage(page, testInfo, "plan-upgrade-form");
    await page.getByRole("button", { name: "Pay $19.99 and upgrade" }).click();
    const plan = page.getByTestId("plan-freelancer");
    await expect(plan.getByText(/You are on Freelancer Plus: \$19\.99 was charged\./)).toBeVisible();
    await expect(plan.getByTestId("plan-freelancer-badge")).toHaveText("Plus");
    await expect(plan.getByTestId("plan-freelancer-status")).toContainText("Renews on ");
    await expect(plan.getByTestId("plan-freelancer-status")).toHaveText(longDate);
    await expect(plan.getByTestId("plan-freelancer-status")).toContainText("charged to Visa ending in 4242");
    await checkPage(page, testInfo, "plan-plus");
  });

  await test.step("the Connects balance went up to 100", async () => {
    await page.goto("/connects");
    await expect(page.getByTestId("connects-balance")).toHaveText("100 Connects");
    await expect(page.getByTestId("connects-plan")).toHaveText("Plus");
  });

  await test.step("the job shows the competing bids", async () => {
    await page.goto(`/jobs/${jobId}`);
    const range = page.getByRole("region", { name: "Competing bids" }).getByTestId("bid-range");
    await expect(range).toBeVisible();
    await expect(range.getByRole("definition")).toHaveText(["$640.00", "$640.00", "$640.00"]);
    await expect(page.getByText(/From 1 proposal/)).toBeVisible();
    await checkPage(page, testInfo, "job-bids-plus");
  });

  await test.step("cancels after confirming and sees when Plus ends", async () => {
    await page.goto("/settings/plan");
    await page.getByRole("button", { name: "Cancel Freelancer Plus" }).click();
    const dialog = page.getByRole("dialog", { name: "Cancel Freelancer Plus?" });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("button", { name: "Keep my plan" })).toBeFocused();
    await checkPage(page, testInfo, "plan-cancel-dialog");
    await dialog.getByRole("button", { name: "Cancel Plus" }).click();
    const plan = page.getByTestId("plan-freelancer");
    await expect(plan.getByTestId("plan-freelancer-status")).toContainText("Ends on ");
    await expect(plan.getByTestId("plan-freelancer-status")).toHaveText(longDate);
    await expect(plan.getByTestId("plan-freelancer-badge")).toHaveText("Plus, ending");
    await expect(plan.getByRole("button", { name: "Keep Plus" })).toBeVisible();
    await checkPage(page, testInfo, "plan-ending");
  });
});

test("a client with an empty wallet is told to pay by card, then upgrades to Client Plus with the card", async ({ page, request }, testInfo) => {
  const email = uniqueEmail(`plans-wallet-${testInfo.project.name}`);
  await signUpViaApi(request, { email, full_name: "Hana Hiring", country: "US", timezone: "America/Chicago", roles: ["client"] });
  await verifyViaApi(request, email);
  await addCardViaApi(request, await accessToken(request, email));
  await signIn(page, email);
  await openPlanFromAccount(page);
  const plan = page.getByTestId("plan-client");
  await expect(plan.getByText("$49.99 a month")).toBeVisible();
  await expect(page.getByTestId("plan-freelancer")).toHaveCount(0);

  await test.step("the wallet is short: the money is not taken and a card is offered", async () => {
    await plan.getByRole("button", { name: "Upgrade to Client Plus" }).click();
    const wallet = plan.getByRole("radio", { name: /Your wallet/ });
    await expect(wallet).toBeChecked();
    await expect(plan.getByText("$0.00 available (not enough for this month)")).toBeVisible();
    await plan.getByRole("button", { name: "Pay $49.99 and upgrade" }).click();
    await expect(
      plan.getByText("Your wallet has $0.00 available, less than the $49.99 this month costs. Pay with a saved card instead."),
    ).toBeVisible();
    await expect(plan.getByTestId("plan-client-badge")).toHaveText("Basic");
    await checkPage(page, testInfo, "plan-wallet-short");
  });

  await test.step("with the card it goes through", async () => {
    await plan.getByRole("radio", { name: /Visa ending in 4242/ }).check();
    await plan.getByRole("button", { name: "Pay $49.99 and upgrade" }).click();
    await expect(plan.getByText(/You are on Client Plus: \$49\.99 was charged\./)).toBeVisible();
    await expect(plan.getByTestId("plan-client-badge")).toHaveText("Plus");
    await expect(plan.getByTestId("plan-client-status")).toHaveText(longDate);
    await checkPage(page, testInfo, "plan-client-plus");
  });
});
