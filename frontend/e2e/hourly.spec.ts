import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { advanceClockTo, mondayUtc, secondPage, serverNow } from "./contracts";
import { accessToken, checkPage, checkPageNarrow, fact as figure, signIn, signUpViaApi, uniqueEmail, verifyViaApi } from "./helpers";

// Any uncaught error in a page fails the journey, with the message in the report.
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

async function api<T>(request: APIRequestContext, token: string, method: "GET" | "POST", url: string, data?: unknown): Promise<T> {
  const response = await request.fetch(url, {
    method,
    headers: { Authorization: `Bearer ${token}`, "Idempotency-Key": crypto.randomUUID() },
    ...(data === undefined ? {} : { data }),
  });
  expect(response.ok(), `${method} ${url}: ${response.status()} ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

/** An hourly contract at $40.00/hr, 10 hours a week, manual time allowed (all through the API). */
async function hourlyContract(request: APIRequestContext, tag: string) {
  const clientEmail = uniqueEmail(`hourly-client-${tag}`);
  const freelancerEmail = uniqueEmail(`hourly-freelancer-${tag}`);
  await signUpViaApi(request, { email: clientEmail, full_name: "Hana Client", country: "DE", timezone: "Europe/Berlin", roles: ["client"] });
  await verifyViaApi(request, clientEmail);
  await signUpViaApi(request, { email: freelancerEmail, full_name: "Uma Freelancer", country: "GB", timezone: "UTC", roles: ["freelancer"] });
  await verifyViaApi(request, freelancerEmail);
  const client = await accessToken(request, clientEmail);
  const freelancer = await accessToken(request, freelancerEmail);
  const categories = await api<{ id: string; subcategories: { id: string }[] }[]>(request, client, "GET", "/api/v1/categories");
  const skills = await api<{ data: { id: string }[] }>(request, client, "GET", "/api/v1/skills?q=react");
  const job = await api<{ id: string }>(request, client, "POST", "/api/v1/jobs", {
    title: `Ongoing help with our shop ${Date.now().toString(36)}`,
    description: "We need a developer a few hours a week to keep our online shop running and add small features.",
    category_id: categories[0]?.subcategories[0]?.id ?? categories[0]?.id,
    skill_ids: [skills.data[0]?.id],
    job_type: "hourly",
    hourly_min: "30.00",
    hourly_max: "50.00",
    experience_level: "intermediate",
    project_length: "less_than_1_month",
    hours_per_week: "less_than_30",
    visibility: "public",
    screening_questions: [],
  });
  const proposal = await api<{ id: string }>(request, freelancer, "POST", `/api/v1/jobs/${job.id}/proposals`, {
    cover_letter: "I have kept three shops running for years; I can give you ten hours a week from Monday on.",
    hourly_rate: "40.00",
    estimated_duration: "less_than_1_month",
    answers: [],
  });
  const offer = await api<{ id: string }>(request, client, "POST", "/api/v1/offers", {
    proposal_id: proposal.id,
    contract_type: "hourly",
    hourly_rate: "40.00",
    weekly_limit_hours: 10,
    manual_time_allowed: true,
  });
  const accepted = await api<{ contract: { id: string; started_at: string } }>(request, freelancer, "POST", `/api/v1/offers/${offer.id}/accept`);
  return { id: accepted.contract.id, startedAt: accepted.contract.started_at, clientEmail, freelancerEmail };
}

test("hourly: the freelancer logs, edits and deletes time week by week; rates and pauses per role", async ({ page, request }, testInfo) => {
  test.setTimeout(180_000);
  const contract = await hourlyContract(request, testInfo.project.name);
  // Time must lie between the contract's start and the server's now: move the server's
  // clock 30 minutes on and log from the first 10-minute mark after the start (the
  // freelancer's time zone is UTC, so the form takes UTC wall times).
  const advanced = await request.post("/api/v1/dev/clock/advance", { data: { seconds: 1800 } });
  expect(advanced.status(), await advanced.text()).toBe(200);
  const start = new Date(Math.ceil(Date.parse(contract.startedAt) / 600_000) * 600_000).toISOString();
  const day = start.slice(0, 10);
  const time = start.slice(11, 16);

  await test.step("the freelancer opens the contract: an empty week and the log-time form", async () => {
    await signIn(page, contract.freelancerEmail);
    await page.goto(`/contracts/${contract.id}`);
    await expect(page.getByRole("heading", { name: "Timesheet" })).toBeVisible();
    await expect(page.getByTestId("week-label")).toContainText("(this week)");
    await expect(page.getByText("No time logged this week")).toBeVisible();
    await checkPage(page, testInfo, "hourly-empty");
  });

  const form = page.getByRole("form", { name: "Log time" });
  await test.step("log 1 h 30 min of manual time", async () => {
    await form.getByLabel("Day").fill(day);
    await form.getByLabel("Started at").fill(time);
    await form.getByLabel("Hours").selectOption("1");
    await form.getByLabel("Minutes").selectOption("30");
    await form.getByRole("button", { name: "Log 1 h 30 min" }).click();
    await expect(form.getByText("Say what you worked on.")).toBeVisible();
    await form.getByLabel("What you worked on").fill("Set up the project and the staging shop");
    await form.getByRole("radio", { name: "Added manually" }).check();
    await form.getByRole("button", { name: "Log 1 h 30 min" }).click();
    await expect(page.getByText("Logged 1 h 30 min.")).toBeVisible();
    const row = page.getByTestId("time-entry").filter({ hasText: "Set up the project" });
    await expect(row).toContainText("1 h 30 min");
    await expect(row).toContainText("Added manually");
    await expect(figure(page, "Logged")).toHaveText("1 h 30 min");
    await expect(page.getByTestId("week-amount")).toHaveText("$60.00");
    await checkPage(page, testInfo, "hourly-logged");
  });

  await test.step("edit the entry to 2 h, then log and delete another", async () => {
    const row = page.getByTestId("time-entry").filter({ hasText: "Set up the project" });
    await row.getByRole("button", { name: /^Edit/ }).click();
    const edit = page.getByRole("form", { name: "Change the time entry" });
    await edit.getByLabel("Hours").selectOption("2");
    await edit.getByLabel("Minutes").selectOption("0");
    await checkPage(page, testInfo, "hourly-edit");
    await edit.getByRole("button", { name: "Save entry" }).click();
    await expect(page.getByText("The entry is saved.")).toBeVisible();
    await expect(figure(page, "Logged")).toHaveText("2 h");
    await expect(page.getByTestId("week-amount")).toHaveText("$80.00");

    await form.getByLabel("Day").fill(day);
    await form.getByLabel("Started at").fill(time);
    await form.getByLabel("Hours").selectOption("0");
    await form.getByLabel("Minutes").selectOption("20");
    await form.getByLabel("What you worked on").fill("A call about the next features");
    await form.getByRole("button", { name: "Log 20 min" }).click();
    await expect(figure(page, "Logged")).toHaveText("2 h 20 min");
    const extra = page.getByTestId("time-entry").filter({ hasText: "A call about" });
    await extra.getByRole("button", { name: /^Delete/ }).click();
    await page.getByRole("dialog", { name: "Delete this time entry?" }).getByRole("button", { name: "Delete entry" }).click();
    await expect(page.getByText("The entry was deleted.")).toBeVisible();
    await expect(page.getByTestId("time-entry")).toHaveCount(1);
    await expect(figure(page, "Logged")).toHaveText("2 h");
  });

  await test.step("go a week back and forth; there is no week after this one", async () => {
    const label = await page.getByTestId("week-label").textContent();
    await page.getByRole("link", { name: "← Previous week" }).click();
    await expect(page).toHaveURL(/[?&]week=\d{4}-\d{2}-\d{2}/);
    await expect(page.getByText("No time logged this week")).toBeVisible();
    await expect(page.getByTestId("week-label")).not.toContainText("(this week)");
    await page.getByRole("link", { name: "Next week →" }).click();
    await expect(page.getByTestId("week-label")).toHaveText(label ?? "");
    await expect(page.getByRole("link", { name: "Next week →" })).toHaveCount(0);
    await expect(page.getByText("No invoices yet")).toBeVisible();
  });

  await test.step("the freelancer may lower the rate, not raise it", async () => {
    const terms = page.getByRole("form", { name: "Change the terms" });
    await terms.getByLabel("New hourly rate (only lower)").fill("45");
    await terms.getByRole("button", { name: "Save terms" }).click();
    await expect(terms.getByText("As the freelancer you can lower the rate, not raise it.")).toBeVisible();
    await terms.getByLabel("New hourly rate (only lower)").fill("35");
    await terms.getByRole("button", { name: "Save terms" }).click();
    await expect(terms.getByText("The new terms apply from the next invoice.")).toBeVisible();
    await expect(page.getByTestId("contract-rate")).toHaveText("$35.00/hr");
  });

  await test.step("the client pauses the contract and raises the weekly limit; the freelancer cannot log while paused", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("button", { name: "Sign out" }).click();
    await signIn(page, contract.clientEmail);
    await page.goto(`/contracts/${contract.id}`);
    await expect(page.getByTestId("time-entry")).toHaveCount(1);
    await expect(page.getByRole("form", { name: "Log time" })).toHaveCount(0);
    const terms = page.getByRole("form", { name: "Change the terms" });
    await terms.getByLabel("Weekly limit (hours)").fill("20");
    await terms.getByRole("button", { name: "Save terms" }).click();
    await expect(terms.getByText("The new terms apply from the next invoice.")).toBeVisible();
    await page.getByRole("button", { name: "Pause contract" }).click();
    await page.getByRole("dialog", { name: "Pause this contract?" }).getByRole("button", { name: "Pause contract" }).click();
    await expect(page.getByTestId("contract-note")).toHaveText("The contract is paused: no time can be logged until you resume it.");
    await expect(page.getByRole("button", { name: "Resume contract" })).toBeVisible();
    await checkPage(page, testInfo, "hourly-client-paused");
    await page.getByRole("button", { name: "End contract" }).click();
    const end = page.getByRole("dialog", { name: "End this contract?" });
    await end.getByLabel("Reason (optional)").fill("The shop is closing for the winter.");
    await end.getByRole("button", { name: "End contract" }).click();
    await expect(page.getByText("This contract ended", { exact: false })).toBeVisible();
    await expect(page.getByText("Reason: “The shop is closing for the winter.”")).toBeVisible();
    await expect(page.getByTestId("feedback-window")).toContainText("Feedback window open until");
    await checkPage(page, testInfo, "hourly-ended");
  });
});

interface Invoice {
  id: string;
  status: string;
  amount: string;
  billed_minutes: number;
  review_until: string;
}

const HOUR_MS = 3_600_000;

test("hourly billing: Monday's invoice is in review for both sides, released after Friday; the wallets show the pay and the charge", async ({ page, browser, request }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "the server clock moves forward for everyone: run this journey once (375 px is checked on the way)");
  test.setTimeout(240_000);
  // Leave room in this UTC week for the contract's start plus the logged time: if the
  // server's week (its clock may have been moved by other journeys) ends within 6 hours,
  // start in the next one.
  const now = await serverNow(request);
  const nextMonday = mondayUtc(now) + 7 * 24 * HOUR_MS;
  if (nextMonday - now < 6 * HOUR_MS) await advanceClockTo(request, nextMonday + 10 * 60_000);

  // $40.00/hr (see hourlyContract), 3 h 30 min logged: $140.00 billed. The client is
  // charged the 5% marketplace fee on top ($7.00: $147.00 from the card); the freelancer's
  // 10% service fee ($14.00) leaves $126.00.
  const contract = await hourlyContract(request, `billing-${testInfo.project.name}`);
  // Access tokens age with the server's clock: sign in again after each move.
  const token = (email: string) => accessToken(request, email);
  await api(request, await token(contract.clientEmail), "POST", "/api/v1/payment-methods", { card_number: "4242 4242 4242 4242", exp_month: 12, exp_year: new Date().getFullYear() + 3, cvc: "123" });
  const clientFee = (await (await request.get("/api/v1/fees/preview?amount=140.00&side=client")).json()) as { fee: string; total: string };
  const freelancerFee = (await (await request.get("/api/v1/fees/preview?amount=140.00&side=freelancer")).json()) as { fee: string; net: string };
  expect([clientFee.fee, clientFee.total, freelancerFee.fee, freelancerFee.net]).toEqual(["7.00", "147.00", "14.00", "126.00"]);

  const start = Math.ceil(Date.parse(contract.startedAt) / 600_000) * 600_000;
  const week = mondayUtc(start);
  await test.step("the freelancer logs 3 h 30 min this week (the clock moves on 4 hours so the time is past)", async () => {
    await advanceClockTo(request, start + 4 * HOUR_MS);
    await api(request, await token(contract.freelancerEmail), "POST", `/api/v1/contracts/${contract.id}/time-entries`, {
      started_at: new Date(start).toISOString(),
      minutes: 210,
      memo: "Moved the shop to the new payment provider",
      kind: "manual",
    });
    await signIn(page, contract.freelancerEmail);
    await page.goto(`/contracts/${contract.id}`);
    await expect(page.getByTestId("week-amount")).toHaveText("$140.00");
    await expect(page.getByText("No invoices yet")).toBeVisible();
  });

  const clientPage = await secondPage(browser, testInfo);
  watch(clientPage);
  const invoices = async (): Promise<Invoice[]> =>
    (await api<{ data: Invoice[] }>(request, await token(contract.clientEmail), "GET", `/api/v1/contracts/${contract.id}/invoices`)).data;
  let invoice: Invoice | undefined;

  await test.step("Monday 12:00 UTC: the worker invoices the week and charges the card; both sides see it in review", async () => {
    await advanceClockTo(request, week + 7 * 24 * HOUR_MS + 12 * HOUR_MS + 3 * 60_000);
    await expect.poll(async () => (await invoices())[0]?.status, { message: "the week's invoice", timeout: 20_000 }).toBe("in_review");
    invoice = (await invoices())[0];
    expect(invoice.amount).toBe("140.00");
    expect(invoice.billed_minutes).toBe(210);

    await page.reload();
    const row = page.getByTestId("invoice");
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId("invoice-status")).toHaveText("In review");
    await expect(row).toContainText("$140.00");
    await expect(row).toContainText("3.5 hours");
    await checkPage(page, testInfo, "hourly-invoice-freelancer");

    await signIn(clientPage, contract.clientEmail);
    await clientPage.goto(`/contracts/${contract.id}`);
    const theirs = clientPage.getByTestId("invoice");
    await expect(theirs.getByTestId("invoice-status")).toHaveText("In review");
    await expect(theirs).toContainText("$140.00");
    await expect(theirs.getByRole("button", { name: /^Dispute/ })).toBeVisible();
    await checkPage(clientPage, testInfo, "hourly-invoice-client");
    await checkPageNarrow(clientPage, testInfo, "hourly-invoice-client");

    // The charge sits in escrow while the client reviews the week.
    await clientPage.goto("/wallet");
    await expect(clientPage.getByTestId("balance-escrow")).toHaveText("$140.00");
  });

  await test.step("after Friday 23:59:59 UTC the invoice is released: the freelancer's net is pending, the client's wallet shows the charge", async () => {
    await advanceClockTo(request, Date.parse(invoice?.review_until ?? "") + 3 * 60_000);
    await expect.poll(async () => (await invoices())[0]?.status, { message: "the invoice released", timeout: 20_000 }).toBe("released");

    await page.reload();
    await expect(page.getByTestId("invoice").getByTestId("invoice-status")).toHaveText("Released");
    await checkPageNarrow(page, testInfo, "hourly-invoice-released");
    await page.goto("/wallet");
    await expect(page.getByTestId("balance-pending")).toHaveText("$126.00");
    await expect(page.getByTestId("balance-available")).toHaveText("$0.00");
    await checkPage(page, testInfo, "hourly-wallet-freelancer");

    await clientPage.goto(`/contracts/${contract.id}`);
    await expect(clientPage.getByTestId("invoice").getByTestId("invoice-status")).toHaveText("Released");
    await expect(clientPage.getByTestId("invoice").getByRole("button", { name: /^Dispute/ })).toHaveCount(0);
    await clientPage.goto("/wallet");
    await expect(clientPage.getByTestId("balance-escrow")).toHaveText("$0.00");
    // The card paid the week and the fee on top: $147.00 in, $140.00 into escrow, $7.00 fee.
    const line = (text: string) => clientPage.getByRole("row").filter({ hasText: text });
    await expect(line("Deposit from Visa ending 4242")).toContainText(`$${clientFee.total}`);
    await expect(line("Escrow funded")).toContainText("$140.00");
    await expect(line("Marketplace fee").filter({ hasText: `$${clientFee.fee}` })).toHaveCount(1);
    await checkPage(clientPage, testInfo, "hourly-wallet-client");
  });

  await test.step("the client ends the contract: the page says until when feedback can be left, and later that the window closed", async () => {
    await clientPage.goto(`/contracts/${contract.id}`);
    await clientPage.getByRole("button", { name: "End contract" }).click();
    await clientPage.getByRole("dialog", { name: "End this contract?" }).getByRole("button", { name: "End contract" }).click();
    await expect(clientPage.getByText("This contract ended", { exact: false })).toBeVisible();
    await expect(clientPage.getByTestId("feedback-window")).toContainText("Feedback window open until");
    const ended = await api<{ ended_at: string; feedback_until: string }>(request, await token(contract.clientEmail), "GET", `/api/v1/contracts/${contract.id}`);
    expect(Date.parse(ended.feedback_until) - Date.parse(ended.ended_at)).toBe(14 * 24 * HOUR_MS);
    await checkPageNarrow(clientPage, testInfo, "hourly-ended-feedback");
    // The browser's own clock decides whether the window is still open: a day after it closed…
    await clientPage.clock.install({ time: Date.parse(ended.feedback_until) + 24 * HOUR_MS });
    await clientPage.reload();
    await expect(clientPage.getByTestId("feedback-window")).toContainText("Feedback window closed on");
  });
  await clientPage.context().close();
});
