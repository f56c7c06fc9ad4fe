// The whole journey in one browser test: two new people sign up and verify their email,
// fill in their profiles, hire (fixed price, then hourly), deliver, get paid, talk live,
// review each other, go through a dispute an admin resolves, and the freelancer withdraws.
// Everything is done in the SPA as a person would; the API is used only for what a person
// has no screen for here: reading the dev mailbox for the verification link, and moving the
// server's clock so an invoice week closes, funds clear and a bank account becomes usable.
// Each step's screenshot is e2e/artifacts/journey/NN-<step>.png.
import { rmSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type Browser, type Page, type Request, type TestInfo } from "@playwright/test";
import { advanceClockTo, api, milestone, mondayUtc, serverNow } from "./contracts";
import {
  accessToken,
  addCard,
  checkPage,
  DEMO,
  fact,
  messageWith,
  nav,
  PASSWORD,
  pickSkill,
  quoteLine,
  sendMessage,
  signIn,
  thread,
  tinyPng,
  uniqueEmail,
  uniqueWord,
  verificationLink,
} from "./helpers";

// Any uncaught error or dialog in any of the windows fails the journey.
const pageErrors: string[] = [];
const inFlight = new WeakMap<Page, Set<Request>>();
function watch(page: Page) {
  // The page's HTTP requests in flight, for reload() below.
  const pending = new Set<Request>();
  inFlight.set(page, pending);
  page.on("request", (r) => pending.add(r));
  page.on("requestfinished", (r) => pending.delete(r));
  page.on("requestfailed", (r) => pending.delete(r));
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("dialog", (dialog) => {
    pageErrors.push(`a dialog opened: ${dialog.type()} "${dialog.message()}"`);
    void dialog.dismiss();
  });
  page.on("console", (message) => {
    // 4xx answers are part of the journey (an access token aged by the clock is a 401
    // before the SPA renews it).
    if (message.type() === "error" && !/status of 4\d\d/.test(message.text())) pageErrors.push(message.text());
  });
}
test.beforeEach(({ page }) => {
  pageErrors.length = 0;
  watch(page);
});
test.afterEach(() => {
  expect(pageErrors, "errors or dialogs in the browser").toEqual([]);
});

// A click that cannot happen fails the step in 15 s, not at the end of the test's time.
test.use({ actionTimeout: 15_000 });

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Another person's own browser (cookies, storage and session apart). */
async function personWindow(browser: Browser, testInfo: TestInfo, timezoneId: string): Promise<Page> {
  const use = testInfo.project.use;
  const context = await browser.newContext({ baseURL: use.baseURL, viewport: use.viewport ?? null, locale: use.locale, timezoneId });
  const page = await context.newPage();
  watch(page);
  return page;
}

interface Person {
  email: string;
  name: string;
  country: string;
  timezone: string;
  role: "hire" | "work";
}

/** Sign up through the form; the SPA signs the person in and asks them to check their email. */
async function signUp(page: Page, who: Person) {
  await page.goto("/");
  await nav(page).getByRole("link", { name: "Sign up" }).click();
  await expect(page.getByRole("heading", { name: "Create your Worklane account" })).toBeVisible();
  await expect(page.getByLabel("Country")).toBeEnabled();
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Full name").fill(who.name);
  await page.getByLabel("Country").selectOption(who.country);
  await page.getByLabel("Time zone").selectOption(who.timezone);
  await page.getByRole("checkbox", { name: new RegExp(`I want to ${who.role}`) }).check();
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(page.getByText(who.email)).toBeVisible();
  await expect(nav(page).getByRole("button", { name: "Sign out" })).toBeVisible();
}

/** Follow the link in the verification mail (read from the dev mailbox). */
async function verifyEmail(page: Page, request: APIRequestContext, email: string) {
  const link = new URL(await verificationLink(request, email));
  // The server's public origin may differ from the test's: open the same path here.
  await page.goto(`${link.pathname}${link.search}`);
  await expect(page.getByText("Your email is verified")).toBeVisible();
  await page.getByRole("link", { name: "Go to your account" }).click();
  await expect(page.getByTestId("email-status")).toHaveText(/Email verified/);
}

/** The search index is written right after the job: reload until the job shows. */
async function findJob(page: Page, word: string, title: string) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Find work" }).click();
  await page.getByRole("searchbox", { name: "Search jobs" }).fill(word);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${word}`));
  const results = page.getByRole("list", { name: "Jobs found" });
  let first = true;
  await expect(async () => {
    if (!first) await reload(page);
    first = false;
    await expect(results.getByRole("link", { name: title })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000, intervals: [500, 1_000, 2_000] });
  return results.getByRole("listitem").filter({ has: page.getByRole("link", { name: title }) });
}

/** A wall-clock day and time in a time zone, as the log-time form takes them. */
function wallTime(at: number, timeZone: string): { day: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(new Date(at))
      .map((p) => [p.type, p.value]),
  );
  return { day: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/**
 * Open the wallet from the menu, and reload it: the balances come from a cache the
 * contract page also fills, and money the other party moved (an approval, a refund)
 * does not refresh it, so within 30 s the page can show old balances beside a fresh
 * history (see the report). A person would reload; so do we.
 */
async function openWallet(page: Page) {
  await nav(page).getByRole("link", { name: "Wallet" }).click();
  await expect(page.getByRole("heading", { name: "Wallet", level: 1 })).toBeVisible();
  await reload(page);
}

/**
 * Reload once the page is quiet. After the server's clock moved, the tab's next call
 * renews the session with the refresh token; a reload while that renewal is in flight
 * loads the page with the old, already rotated refresh token, which the server takes for
 * reuse and answers by revoking the session (signed out). See the report.
 */
async function reload(page: Page) {
  // (The "networkidle" load state does not help: once reached, it stays reached through
  // the SPA's own navigations.) Wait for half a second without a request in flight.
  const pending = inFlight.get(page);
  let quietSince = Date.now();
  await expect
    .poll(
      () => {
        if (pending && pending.size > 0) quietSince = Date.now();
        return Date.now() - quietSince >= 500;
      },
      { message: "the page to finish its requests", timeout: 15_000, intervals: [100] },
    )
    .toBe(true);
  await page.reload();
}

interface Invoice {
  status: string;
  amount: string;
  review_until: string;
}

test("the whole journey: sign-up to withdrawal, with two people, an admin and every step on screen", async ({ page, browser, request }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "the server clock moves forward for everyone: run this journey once");
  test.setTimeout(600_000);
  // This run's screenshots only: e2e/artifacts/journey/01-….png on.
  rmSync(path.join(import.meta.dirname, "artifacts", "journey"), { recursive: true, force: true });
  const shot = (p: Page, name: string) => checkPage(p, testInfo, name, { dir: "journey" });

  const stamp = Date.now().toString(36);
  const client: Person = { email: uniqueEmail("journey-client"), name: `Clara Journey ${stamp.slice(-4).toUpperCase()}`, country: "DE", timezone: "Europe/Berlin", role: "hire" };
  const worker: Person = { email: uniqueEmail("journey-freelancer"), name: `Felipe Journey ${stamp.slice(-4).toUpperCase()}`, country: "PT", timezone: "Europe/Lisbon", role: "work" };
  const company = `Harbourlight Clinic ${stamp}`;
  const word = uniqueWord("journey");
  const fixedTitle = `Booking page for a dental clinic ${word}`;
  const hourlyTitle = `Weekly help with the clinic site ${word}`;
  const freelancer = await personWindow(browser, testInfo, worker.timezone);

  // Fees (SPEC §7): the client pays a 5% marketplace fee on top of what it funds; the
  // freelancer keeps 90% of each payment (10% service fee).
  // Fixed: $900.00 in two milestones, Designs $500.00 and Launch $400.00.
  // Hourly: $40.00/hr, 3 h logged = $120.00 (client pays $126.00, freelancer nets $108.00).

  await test.step("01 the client signs up and verifies the email", async () => {
    await signUp(page, client);
    await shot(page, "client-signed-up");
    await verifyEmail(page, request, client.email);
    await shot(page, "client-verified");
  });

  await test.step("02 the freelancer signs up and verifies the email, in their own browser", async () => {
    await signUp(freelancer, worker);
    await shot(freelancer, "freelancer-signed-up");
    await verifyEmail(freelancer, request, worker.email);
    await shot(freelancer, "freelancer-verified");
  });

  await test.step("03 the freelancer fills in the profile with a photo, and adds a bank account", async () => {
    const f = freelancer;
    await nav(f).getByRole("link", { name: "My profile" }).click();
    await expect(f.getByRole("heading", { name: "Your profile", level: 1 })).toBeVisible();
    await f.getByLabel("Profile photo").setInputFiles({ name: "me.png", mimeType: "image/png", buffer: tinyPng(48, [200, 120, 40]) });
    await f.getByRole("button", { name: "Upload photo" }).click();
    await expect(f.getByText("Your photo is saved.")).toBeVisible();
    await f.getByLabel("Professional title").fill("Booking pages and payments for clinics");
    await f
      .getByLabel("Overview", { exact: true })
      .fill("I build booking pages and payment flows for clinics and studios.\n\nTen years, fifty clients, no missed launches.");
    await f.getByLabel("Hourly rate (USD)").fill("40");
    await f.getByLabel("Availability").selectOption("less_than_30");
    await pickSkill(f, "reac", "React", "mouse");
    await pickSkill(f, "typescr", "TypeScript", "keyboard");
    await f.getByRole("button", { name: "Add a language" }).click();
    await f.getByLabel("Language", { exact: true }).fill("English");
    await f.getByLabel("Level").selectOption("fluent");
    await f.getByRole("button", { name: "Save profile" }).click();
    await expect(f.getByText("Your profile is saved.")).toBeVisible();
    await f.getByRole("link", { name: "View public profile" }).click();
    await expect(f.getByRole("heading", { name: worker.name, level: 1 })).toBeVisible();
    await expect(f.getByText("$40.00/hr")).toBeVisible();
    await expect(f.getByText(/Portugal · .* local time/)).toBeVisible();
    await expect(f.getByRole("list", { name: "Skills" }).getByText("React", { exact: true })).toBeVisible();
    await shot(f, "freelancer-profile");

    // A new bank account can be used 3 days after it is added: add it now.
    await nav(f).getByRole("link", { name: "Withdrawals" }).click();
    await expect(f.getByRole("heading", { name: "Withdrawals", level: 1 })).toBeVisible();
    await expect(f.getByLabel("Account holder")).toHaveValue(worker.name);
    await f.getByLabel("Routing number").fill("110000000");
    await f.getByLabel("Account number").fill("000123456789");
    await f.getByRole("button", { name: "Add bank account" }).click();
    await expect(f.getByText(/is saved\. You can withdraw to it from/)).toBeVisible();
    await expect(f.getByTestId("identity-notice")).toContainText("Verify your identity to withdraw");
    await shot(f, "freelancer-bank-account");
  });

  await test.step("04 the client describes the company and saves the 4242 card", async () => {
    await nav(page).getByRole("link", { name: "Company" }).click();
    await expect(page.getByRole("heading", { name: "Company profile", level: 1 })).toBeVisible();
    await page.getByLabel("Company name").fill(company);
    await page.getByLabel("About the company").fill("A dental clinic in Hamburg.\n\nWe hire for our website and booking.");
    await page.getByLabel("Company size").selectOption("2_to_9");
    await page.getByLabel("Website").fill("https://harbourlight.example");
    await page.getByRole("button", { name: "Save company profile" }).click();
    await expect(page.getByText("Your company profile is saved.")).toBeVisible();
    await page.getByRole("link", { name: "View public profile" }).click();
    await expect(page.getByRole("heading", { name: company, level: 1 })).toBeVisible();
    await expect(page.getByText("2–9 people")).toBeVisible();
    await shot(page, "client-company");
    await addCard(page);
    await shot(page, "client-card-saved");
  });

  await test.step("05 the client posts a fixed-price job", async () => {
    await nav(page).getByRole("link", { name: "Post a job" }).click();
    await expect(page.getByRole("heading", { name: "Post a job" })).toBeVisible();
    await expect(page.getByLabel("Category", { exact: true })).toBeEnabled();
    await page.getByLabel("Job title", { exact: true }).fill(fixedTitle);
    await page
      .getByLabel("Description", { exact: true })
      .fill(`Our dental clinic needs an online booking page (project ${word}).\n\nPatients pick a time and get a reminder the day before.`);
    await page.getByLabel("Category", { exact: true }).selectOption({ label: "Web Development" });
    await pickSkill(page, "reac", "React", "mouse");
    await page.getByRole("radio", { name: /Fixed price/ }).check();
    await page.getByLabel("Budget (USD)").fill("900");
    await page.getByLabel("Project length").selectOption("1_to_3_months");
    // $900.00 is worth 6 Connects (SPEC §3's table: under $1,000).
    await expect(page.getByTestId("connects-preview")).toContainText("Proposals to this job cost 6 Connects");
    await shot(page, "client-job-form");
    await page.getByRole("button", { name: "Post job" }).click();
    await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/);
    await expect(page.getByText("Your job is posted.")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: fixedTitle })).toBeVisible();
    await expect(page.getByTestId("job-status")).toHaveText("Open");
    await expect(page.getByText("$900.00 fixed price")).toBeVisible();
    await shot(page, "client-job-posted");
  });

  await test.step("06 the freelancer finds the job by a word of its description", async () => {
    const card = await findJob(freelancer, word, fixedTitle);
    await expect(card).toContainText("$900.00 fixed price");
    await expect(card).toContainText("Client in Germany");
    await shot(freelancer, "freelancer-search-found");
    await card.getByRole("link", { name: fixedTitle }).click();
    await expect(freelancer.getByRole("heading", { level: 1, name: fixedTitle })).toBeVisible();
    await expect(freelancer.getByRole("region", { name: "About the client" }).getByRole("link", { name: company })).toBeVisible();
  });

  await test.step("07 the freelancer proposes $900.00 in two milestones and sees the net after the 10% fee", async () => {
    const f = freelancer;
    await f.getByRole("link", { name: "Submit a proposal" }).click();
    await expect(f.getByRole("heading", { level: 1, name: "Submit a proposal" })).toBeVisible();
    await expect(f.getByTestId("connects-box")).toContainText("You have 10 Connects");
    await f.getByLabel("Bid (USD)").fill("900");
    await expect(quoteLine(f, "Service fee (10%)")).toHaveText("-$90.00");
    await expect(quoteLine(f, "You receive")).toHaveText("$810.00");
    await f.getByLabel("Split the bid into milestones (optional)").check();
    await f.getByLabel("Milestone 1 name").fill("Designs");
    await f.getByLabel("Amount of milestone 1").fill("500");
    await f.getByRole("button", { name: "Add a milestone" }).click();
    await f.getByLabel("Milestone 2 name").fill("Launch");
    await f.getByLabel("Amount of milestone 2").fill("400");
    await expect(f.getByTestId("milestone-sum")).toHaveText("The milestones add up to your bid of $900.00.");
    await f.getByLabel("How long will the work take?").selectOption("1_to_3_months");
    await f.getByLabel("Your cover letter").fill("I have built booking pages for four clinics, with reminders by email and a list of bookings for the front desk.");
    await shot(f, "freelancer-proposal-form");
    await f.getByRole("button", { name: "Send proposal for 6 Connects" }).click();
    await expect(f).toHaveURL(/\/proposals\/[0-9a-f-]{36}$/);
    await expect(f.getByText("Your proposal was sent to the client.", { exact: false })).toBeVisible();
    await shot(f, "freelancer-proposal-sent");
  });

  await test.step("08 the client reads the proposal and sends an offer, funding milestone 1 with the card ($500.00 + 5%)", async () => {
    await nav(page).getByRole("link", { name: "My jobs" }).click();
    await page.getByRole("link", { name: `1 proposal for ${fixedTitle}` }).click();
    const card = page.getByRole("listitem").filter({ hasText: worker.name });
    await expect(card).toContainText("$900.00");
    await shot(page, "client-proposals");
    await card.getByRole("link", { name: `Read the proposal from ${worker.name}` }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Proposal from ${worker.name}` })).toBeVisible();
    await page.getByRole("link", { name: "Send offer" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Send an offer" })).toBeVisible();
    await expect(page.getByLabel("Milestone 1 name")).toHaveValue("Designs");
    await expect(page.getByLabel("Amount of milestone 2")).toHaveValue("400.00");
    await page.getByLabel("Card for what the wallet does not cover (optional)").selectOption({ label: "Visa ending in 4242" });
    await expect(page.getByTestId("offer-total")).toContainText("Total: $900.00 in 2 milestones");
    await expect(quoteLine(page, "First milestone")).toHaveText("$500.00");
    await expect(quoteLine(page, "Marketplace fee (5%)")).toHaveText("$25.00");
    await expect(quoteLine(page, "Charged now")).toHaveText("$525.00");
    await expect(page.getByTestId("funding-note")).toContainText("Visa ending in 4242 is charged the other $525.00");
    await shot(page, "client-offer-form");
    await page.getByRole("button", { name: "Send offer and fund the first milestone" }).click();
    await expect(page).toHaveURL(/\/offers\/[0-9a-f-]{36}$/);
    await expect(page.getByText(`Your offer was sent to ${worker.name}. $500.00 for the first milestone is in escrow.`)).toBeVisible();
    await shot(page, "client-offer-sent");
  });

  let fixedContractUrl = "";
  await test.step("09 the freelancer accepts the offer: the contract starts with milestone 1 funded", async () => {
    const f = freelancer;
    await f.getByRole("navigation", { name: "Work" }).getByRole("link", { name: "Offers" }).click();
    await f.getByRole("link", { name: fixedTitle }).first().click();
    await expect(f.getByRole("heading", { level: 1 })).toHaveText(fixedTitle);
    await expect(f.getByText("Accepting starts the contract; $500.00 is already in escrow for you.")).toBeVisible();
    await shot(f, "freelancer-offer");
    await f.getByRole("button", { name: "Accept offer" }).click();
    await expect(f).toHaveURL(/\/contracts\/[0-9a-f-]{36}$/);
    fixedContractUrl = new URL(f.url()).pathname;
    await expect(f.getByText("You accepted the offer: the contract has started.")).toBeVisible();
    await expect(milestone(f, "Designs").getByTestId("milestone-status")).toHaveText("Funded");
    await expect(milestone(f, "Designs").getByTestId("milestone-escrow")).toHaveText("$500.00");
    await expect(milestone(f, "Launch").getByTestId("milestone-status")).toHaveText("Not funded yet");
    await shot(f, "freelancer-contract-started");
  });

  await test.step("10 milestone 1: the freelancer submits, the client requests changes", async () => {
    const designs = milestone(freelancer, "Designs");
    await designs.getByRole("button", { name: "Submit work on milestone 1" }).click();
    const panel = designs.getByRole("group", { name: "Submit work on Designs" });
    await panel.getByLabel("What you delivered").fill("The designs for the five booking screens are attached.");
    await panel.getByLabel("Files (optional)").setInputFiles({ name: "designs.png", mimeType: "image/png", buffer: tinyPng(64, [30, 120, 200]) });
    // Wait until it is uploaded (listed with its size), not just listed as uploading.
    await expect(panel.getByTestId("attached-file")).toContainText("designs.png");
    await panel.getByRole("button", { name: "Submit work" }).click();
    await expect(designs.getByTestId("milestone-status")).toHaveText("Work submitted");
    await shot(freelancer, "freelancer-milestone-submitted");

    await page.getByRole("navigation", { name: "Work" }).getByRole("link", { name: "Contracts" }).click();
    await page.getByRole("link", { name: fixedTitle }).first().click();
    const theirs = milestone(page, "Designs");
    await expect(theirs.getByTestId("milestone-status")).toHaveText("Work submitted");
    await expect(theirs.getByTestId("submission")).toContainText("The designs for the five booking screens");
    await expect(theirs.getByTestId("attachment")).toContainText("designs.png");
    await theirs.getByRole("button", { name: "Request changes to milestone 1" }).click();
    const dialog = page.getByRole("dialog", { name: "Request changes" });
    await dialog.getByLabel("What should change?").fill("Please add a screen for cancelling a booking.");
    await dialog.getByRole("button", { name: "Send request" }).click();
    await expect(theirs.getByTestId("milestone-status")).toHaveText("Changes requested");
    await shot(page, "client-changes-requested");
  });

  await test.step("11 milestone 1: the freelancer submits the changes, the client approves and $500.00 is released", async () => {
    await reload(freelancer);
    const designs = milestone(freelancer, "Designs");
    await expect(designs.getByTestId("milestone-status")).toHaveText("Changes requested");
    await expect(designs.getByTestId("submission-outcome")).toContainText("Please add a screen for cancelling a booking.");
    await designs.getByRole("button", { name: "Submit the changes on milestone 1" }).click();
    const panel = designs.getByRole("group", { name: "Submit work on Designs" });
    await panel.getByLabel("What you changed").fill("The cancel screen is in, with a confirmation step.");
    await panel.getByRole("button", { name: "Submit the changes" }).click();
    await expect(designs.getByTestId("milestone-status")).toHaveText("Work submitted");
    await expect(designs.getByTestId("submission")).toHaveCount(2);

    await reload(page);
    const theirs = milestone(page, "Designs");
    await theirs.getByRole("button", { name: "Approve milestone 1" }).click();
    const approve = theirs.getByRole("group", { name: "Approve Designs" });
    await shot(page, "client-approve");
    await approve.getByRole("button", { name: "Approve and release $500.00" }).click();
    await expect(theirs.getByTestId("milestone-note")).toHaveText(`Approved: $500.00 is released to ${worker.name}.`);
    await expect(theirs.getByTestId("milestone-status")).toHaveText("Approved");
    await expect(page.getByTestId("contract-paid")).toHaveText("$500.00");
    await expect(page.getByTestId("contract-escrow")).toHaveText("$0.00");
    await shot(page, "client-milestone-approved");

    // $500.00 less the 10% service fee, pending for the 5-day security period.
    await openWallet(freelancer);
    await expect(freelancer.getByTestId("balance-pending")).toHaveText("$450.00");
    await expect(freelancer.getByTestId("balance-available")).toHaveText("$0.00");
    await shot(freelancer, "freelancer-wallet-pending");
  });

  let hourlyJobId = "";
  await test.step("12 the client posts an hourly job and invites the freelancer from their profile", async () => {
    await nav(page).getByRole("link", { name: "Post a job" }).click();
    await expect(page.getByLabel("Category", { exact: true })).toBeEnabled();
    await page.getByLabel("Job title", { exact: true }).fill(hourlyTitle);
    await page
      .getByLabel("Description", { exact: true })
      .fill(`Now that the booking page is live we need a few hours a week of upkeep and small features (project ${word}).`);
    await page.getByLabel("Category", { exact: true }).selectOption({ label: "Web Development" });
    await pickSkill(page, "reac", "React", "keyboard");
    await page.getByRole("radio", { name: /Hourly/ }).check();
    await page.getByLabel("Lowest hourly rate (USD)").fill("30");
    await page.getByLabel("Highest hourly rate (USD)").fill("45");
    await page.getByLabel("Project length").selectOption("less_than_1_month");
    await page.getByRole("button", { name: "Post job" }).click();
    await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/);
    hourlyJobId = new URL(page.url()).pathname.split("/").pop() ?? "";
    await expect(page.getByText("$30.00–$45.00/hr")).toBeVisible();

    // Back to the first contract, to the freelancer's page, to invite them (free for them).
    await page.goto(fixedContractUrl);
    await page.getByRole("link", { name: worker.name }).first().click();
    await expect(page.getByRole("heading", { name: worker.name, level: 1 })).toBeVisible();
    await page.getByRole("button", { name: "Invite to job" }).click();
    await page.getByLabel("Job", { exact: true }).selectOption({ label: hourlyTitle });
    await shot(page, "client-invite");
    await page.getByRole("button", { name: "Send invitation" }).click();
    await expect(page.getByText(`Invitation sent to ${worker.name} for “${hourlyTitle}”.`, { exact: false })).toBeVisible();
    await shot(page, "client-invited");
  });

  await test.step("13 the freelancer accepts the invitation with a free proposal at $40.00/hr", async () => {
    const f = freelancer;
    await f.getByRole("navigation", { name: "Work" }).getByRole("link", { name: "Invitations" }).click();
    const row = f.getByRole("listitem").filter({ has: f.getByRole("link", { name: hourlyTitle }) });
    await expect(row).toContainText(client.name);
    await shot(f, "freelancer-invitation");
    await row.getByRole("link", { name: `Accept the invitation to “${hourlyTitle}”` }).click();
    await expect(f.getByRole("heading", { level: 1, name: "Submit a proposal" })).toBeVisible();
    await f.getByLabel("Hourly rate (USD)").fill("40");
    await expect(quoteLine(f, "You receive")).toHaveText("$36.00");
    await f.getByLabel("How long will the work take?").selectOption("less_than_1_month");
    await f.getByLabel("Your cover letter").fill("Happy to keep going: I can give you up to ten hours a week for upkeep and small features.");
    await f.getByRole("button", { name: "Send proposal (free)" }).click();
    await expect(f).toHaveURL(/\/proposals\/[0-9a-f-]{36}$/);
    await expect(f.getByText("Your proposal was sent to the client.", { exact: false })).toBeVisible();
  });

  await test.step("14 the client offers an hourly contract: $40.00/hr, 10 hours a week, manual time allowed", async () => {
    await page.goto(`/jobs/${hourlyJobId}`);
    await page.getByRole("link", { name: /^Review proposals \(1\)$/ }).click();
    await page.getByRole("listitem").filter({ hasText: worker.name }).getByRole("link", { name: `Read the proposal from ${worker.name}` }).click();
    await page.getByRole("link", { name: "Send offer" }).click();
    await expect(page.getByRole("radio", { name: /Hourly/ })).toBeChecked();
    await expect(page.getByLabel("Hourly rate (USD)")).toHaveValue("40.00");
    await page.getByLabel("Weekly limit (hours)").fill("10");
    await page.getByRole("checkbox", { name: "Allow the freelancer to add time manually" }).check();
    await expect(quoteLine(page, "Marketplace fee (5%)")).toHaveText("$2.00");
    await expect(quoteLine(page, "You pay per hour")).toHaveText("$42.00");
    await shot(page, "client-hourly-offer");
    await page.getByRole("button", { name: "Send offer", exact: true }).click();
    await expect(page).toHaveURL(/\/offers\/[0-9a-f-]{36}$/);
  });

  let hourlyContractUrl = "";
  let started = 0;
  await test.step("15 the freelancer accepts; the clock moves on 4 hours and they log 3 h of manual time", async () => {
    // Leave room in this UTC week for the logged time (the server's clock may have been
    // moved by other journeys): if the week ends within 6 hours, start in the next one.
    const now = await serverNow(request);
    const nextMonday = mondayUtc(now) + 7 * DAY_MS;
    if (nextMonday - now < 6 * HOUR_MS) await advanceClockTo(request, nextMonday + 10 * 60_000);

    const f = freelancer;
    await f.getByRole("navigation", { name: "Work" }).getByRole("link", { name: "Offers" }).click();
    await f.getByRole("link", { name: hourlyTitle }).first().click();
    await f.getByRole("button", { name: "Accept offer" }).click();
    await expect(f).toHaveURL(/\/contracts\/[0-9a-f-]{36}$/);
    hourlyContractUrl = new URL(f.url()).pathname;
    await expect(f.getByTestId("contract-rate")).toHaveText("$40.00/hr");
    started = await serverNow(request);
    await advanceClockTo(request, started + 4 * HOUR_MS);

    const from = wallTime(Math.ceil(started / 600_000) * 600_000, worker.timezone);
    const form = f.getByRole("form", { name: "Log time" });
    await form.getByLabel("Day").fill(from.day);
    await form.getByLabel("Started at").fill(from.time);
    await form.getByLabel("Hours").selectOption("3");
    await form.getByLabel("Minutes").selectOption("0");
    await form.getByLabel("What you worked on").fill("Moved the booking page to the new calendar API");
    await form.getByRole("radio", { name: "Added manually" }).check();
    await shot(f, "freelancer-log-time");
    await form.getByRole("button", { name: "Log 3 h" }).click();
    await expect(f.getByText("Logged 3 h.")).toBeVisible();
    await expect(f.getByTestId("time-entry").filter({ hasText: "Moved the booking page" })).toContainText("3 h");
    await expect(f.getByTestId("week-amount")).toHaveText("$120.00");
    await shot(f, "freelancer-time-logged");
  });

  let invoice: Invoice | undefined;
  const invoices = async (): Promise<Invoice[]> => {
    // Access tokens age with the server's clock: sign in again for each look.
    const token = await accessToken(request, client.email);
    return (await api<{ data: Invoice[] }>(request, token, "GET", `/api/v1/contracts/${hourlyContractUrl.split("/").pop()}/invoices`)).data;
  };

  await test.step("16 Monday 12:00 UTC (clock): the week is invoiced, $120.00 in review for both sides", async () => {
    await advanceClockTo(request, mondayUtc(started) + 7 * DAY_MS + 12 * HOUR_MS + 3 * 60_000);
    await expect.poll(async () => (await invoices())[0]?.status, { message: "the week's invoice", timeout: 20_000 }).toBe("in_review");
    invoice = (await invoices())[0];
    expect(invoice.amount).toBe("120.00");

    await reload(freelancer);
    const row = freelancer.getByTestId("invoice");
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId("invoice-status")).toHaveText("In review");
    await expect(row).toContainText("$120.00");
    // When the client's review ends, and when the pay becomes available (10 days after the week).
    await expect(row).toContainText(/Review until .+; available .+\d{4}/);
    await shot(freelancer, "freelancer-invoice-in-review");

    await page.getByRole("navigation", { name: "Work" }).getByRole("link", { name: "Contracts" }).click();
    await page.getByRole("link", { name: hourlyTitle }).first().click();
    const theirs = page.getByTestId("invoice");
    await expect(theirs.getByTestId("invoice-status")).toHaveText("In review");
    await expect(theirs).toContainText("$120.00");
    await expect(theirs.getByRole("button", { name: /^Dispute/ })).toBeVisible();
    await shot(page, "client-invoice-in-review");
  });

  // (The hourly pay clears 10 days after its week: the journey does not wait for that,
  // to keep the shared clock's move short; the fixed-price pay shows the clearing.)
  await test.step("17 after Friday (clock) the invoice is released: $108.00 pending; the fixed-price $450.00 has cleared", async () => {
    await advanceClockTo(request, Date.parse(invoice?.review_until ?? "") + 3 * 60_000);
    await expect.poll(async () => (await invoices())[0]?.status, { message: "the invoice released", timeout: 20_000 }).toBe("released");
    await reload(page);
    await expect(page.getByTestId("invoice").getByTestId("invoice-status")).toHaveText("Released");

    await openWallet(page);
    // The card paid the week and the 5% fee on top: $126.00 in, $120.00 to escrow and on.
    const line = (text: string) => page.getByRole("row").filter({ hasText: text });
    await expect(line("Deposit from Visa ending 4242").filter({ hasText: "$126.00" })).toHaveCount(1);
    await expect(line("Marketplace fee").filter({ hasText: "$6.00" })).toHaveCount(1);
    await expect(page.getByTestId("balance-escrow")).toHaveText("$0.00");
    await shot(page, "client-wallet-charged");

    await openWallet(freelancer);
    await expect(freelancer.getByTestId("balance-pending")).toHaveText("$108.00");
    // The fixed-price pay ($450.00) cleared after its 5 days.
    await expect(freelancer.getByTestId("balance-available")).toHaveText("$450.00");
    await shot(freelancer, "freelancer-wallet-hourly-pending");
  });

  const marker = async (p: Page) => p.evaluate(() => (window as unknown as { journeyMarker?: number }).journeyMarker);
  await test.step("18 messages arrive live, without a reload, both ways", async () => {
    await page.goto(hourlyContractUrl);
    await page.getByTestId("message-link").click();
    await expect(page).toHaveURL(/\/messages\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 2, name: new RegExp(worker.name) })).toBeVisible();
    await freelancer.goto(hourlyContractUrl);
    await freelancer.getByTestId("message-link").click();
    await expect(freelancer).toHaveURL(page.url());
    // A mark in each window: still there after the message arrives, so nothing reloaded.
    for (const p of [page, freelancer]) await p.evaluate(() => ((window as unknown as { journeyMarker?: number }).journeyMarker = 1));

    await sendMessage(freelancer, "Hi Clara, the week is billed. Shall I start on the reminders next?");
    await expect(messageWith(page, "Shall I start on the reminders next?")).toBeVisible();
    expect(await marker(page)).toBe(1);
    await shot(page, "client-message-arrived");
    await sendMessage(page, "Yes please, and thank you for the quick work!");
    await expect(messageWith(freelancer, "thank you for the quick work")).toBeVisible();
    expect(await marker(freelancer)).toBe(1);
    await expect(thread(freelancer).getByTestId("message")).toHaveCount(2);
    await shot(freelancer, "freelancer-message-arrived");
  });

  await test.step("19 the client ends the hourly contract; both leave feedback, and it is revealed to both", async () => {
    await page.goto(hourlyContractUrl);
    await page.getByRole("button", { name: "End contract" }).click();
    await page.getByRole("dialog", { name: "End this contract?" }).getByRole("button", { name: "End contract" }).click();
    await expect(page.getByText("This contract ended", { exact: false })).toBeVisible();
    const mine = page.getByTestId("feedback-section");
    await mine.getByRole("radio", { name: "5 out of 5 stars: Excellent" }).check();
    await mine.getByLabel("Comment (public)").fill("Felipe was quick, careful and explained every change.");
    await mine.getByRole("radio", { name: "9", exact: true }).check();
    await shot(page, "client-feedback-form");
    await mine.getByRole("button", { name: "Leave feedback" }).click();
    await expect(mine.getByText("Thank you: your feedback is saved.")).toBeVisible();
    await expect(mine.getByTestId("feedback-waiting")).toContainText(`Waiting for ${worker.name}`);
    await shot(page, "client-feedback-waiting");

    await freelancer.goto(hourlyContractUrl);
    const theirs = freelancer.getByTestId("feedback-section");
    await expect(theirs.getByTestId("feedback-theirs-written")).toContainText(`${client.name} has left feedback.`);
    await expect(freelancer.getByText("Felipe was quick")).toHaveCount(0);
    await theirs.getByRole("radio", { name: "5 out of 5 stars: Excellent" }).check();
    await theirs.getByLabel("Comment (public)").fill("A clear brief, fast answers and paid on time.");
    await theirs.getByRole("radio", { name: /^10: / }).check();
    await theirs.getByRole("button", { name: "Leave feedback" }).click();
    const revealed = theirs.getByTestId("feedback-theirs");
    await expect(revealed.getByTestId("feedback-rating")).toHaveText("5 / 5 · Excellent");
    await expect(revealed.getByTestId("feedback-comment")).toHaveText("Felipe was quick, careful and explained every change.");
    await expect(revealed.getByTestId("feedback-private-score")).toHaveCount(0);
    await shot(freelancer, "freelancer-feedback-revealed");

    await reload(page);
    await expect(mine.getByTestId("feedback-theirs").getByTestId("feedback-comment")).toHaveText("A clear brief, fast answers and paid on time.");
    // The freelancer's public page shows the review.
    await page.getByRole("link", { name: worker.name }).first().click();
    await expect(page.getByTestId("reputation-rating")).toContainText("/ 5 (1 review)");
    await expect(page.getByRole("region", { name: "Reviews from clients" }).getByTestId("review-comment")).toHaveText(
      "Felipe was quick, careful and explained every change.",
    );
    await shot(page, "client-sees-review-on-profile");
  });

  await test.step("20 milestone 2: the client funds $400.00, the freelancer submits, the client disputes asking $100.00 back", async () => {
    await page.goto(fixedContractUrl);
    const launch = milestone(page, "Launch");
    await launch.getByRole("button", { name: "Fund milestone 2" }).click();
    const panel = launch.getByRole("group", { name: "Fund Launch" });
    await panel.getByLabel("Card for what the wallet does not cover").selectOption({ label: "Visa ending in 4242" });
    await expect(panel.getByTestId("fund-note")).toContainText("Visa ending in 4242 is charged");
    await panel.getByRole("button", { name: "Fund $400.00" }).click();
    await expect(launch.getByTestId("milestone-status")).toHaveText("Funded");
    await expect(page.getByTestId("contract-escrow")).toHaveText("$400.00");

    await freelancer.goto(fixedContractUrl);
    const theirs = milestone(freelancer, "Launch");
    await theirs.getByRole("button", { name: "Submit work on milestone 2" }).click();
    const submit = theirs.getByRole("group", { name: "Submit work on Launch" });
    await submit.getByLabel("What you delivered").fill("The booking page is live on the clinic's domain.");
    await submit.getByRole("button", { name: "Submit work" }).click();
    await expect(theirs.getByTestId("milestone-status")).toHaveText("Work submitted");

    await reload(page);
    await milestone(page, "Launch").getByRole("button", { name: "Dispute milestone 2" }).click();
    const dialog = page.getByRole("dialog", { name: "Open a dispute" });
    await dialog.getByLabel("What went wrong").fill("The reminder emails are not sent yet, which was part of the launch.");
    await dialog.getByLabel("Refund to the client (USD)").fill("100");
    await shot(page, "client-dispute-dialog");
    await dialog.getByRole("button", { name: "Open dispute" }).click();
    await expect(page).toHaveURL(/\/disputes\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId("dispute-status")).toHaveText("Awaiting response");
    await expect(page.getByTestId("dispute-opener")).toHaveText(`${client.name} (client)`);
    await shot(page, "client-dispute-opened");
  });

  await test.step("21 the freelancer declines, to mediation", async () => {
    const f = freelancer;
    await nav(f).getByRole("link", { name: "Disputes" }).click();
    const row = f.getByTestId("dispute-row").filter({ hasText: fixedTitle });
    await expect(row.getByTestId("dispute-request")).toHaveText(`${client.name} (client) asks $100.00 back from ${worker.name} (freelancer)`);
    await row.getByRole("link", { name: fixedTitle }).click();
    await f.getByLabel("Message with your answer").fill("The reminders were agreed for the next phase, in our messages.");
    await f.getByRole("button", { name: "Decline (to mediation)" }).click();
    await expect(f.getByTestId("dispute-status")).toHaveText("In mediation");
    await shot(f, "freelancer-dispute-declined");
  });

  const admin = await personWindow(browser, testInfo, "UTC");
  await test.step("22 the demo admin resolves it: $300.00 released, $100.00 refunded", async () => {
    await signIn(admin, DEMO.admin, DEMO.password);
    await nav(admin).getByRole("link", { name: "Disputes" }).click();
    await expect(admin.getByRole("heading", { level: 1, name: "Disputes" })).toBeVisible();
    const row = admin.getByTestId("dispute-row").filter({ hasText: fixedTitle });
    await expect(row.getByTestId("dispute-request")).toHaveText(`${client.name} (client) asks $100.00 back from ${worker.name} (freelancer)`);
    await shot(admin, "admin-dispute-queue");
    await row.getByRole("link", { name: fixedTitle }).click();
    await expect(admin.getByTestId("dispute-status")).toHaveText("In mediation");
    await expect(admin.getByText("The reminders were agreed for the next phase")).toBeVisible();
    await admin.getByLabel(`Release to the freelancer, ${worker.name} (USD)`).fill("300");
    await admin.getByLabel(`Refund to the client, ${client.name} (USD)`).fill("100");
    await admin.getByLabel("Note to both parties").fill("Reminders were part of the launch brief; the rest is delivered and good.");
    await shot(admin, "admin-dispute-resolve");
    await admin.getByRole("button", { name: "Resolve dispute" }).click();
    await expect(admin.getByTestId("dispute-status")).toHaveText("Resolved");
    await expect(admin.getByTestId("dispute-outcome")).toHaveText("An admin decided the split.");
  });

  await test.step("23 both see the split; the client's wallet has the $100.00 refund and its fee back", async () => {
    await reload(page);
    await expect(page.getByTestId("dispute-status")).toHaveText("Resolved");
    await expect(fact(page, `Released to ${worker.name} (freelancer)`)).toHaveText("$300.00");
    await expect(fact(page, `Refunded to ${client.name} (client)`)).toHaveText("$100.00");
    await shot(page, "client-dispute-resolved");
    await openWallet(page);
    await expect(page.getByTestId("balance-available")).toHaveText("$105.00");
    await shot(page, "client-wallet-refund");
    await reload(freelancer);
    await expect(freelancer.getByTestId("dispute-status")).toHaveText("Resolved");
    await openWallet(freelancer);
    // $300.00 less 10%, pending beside the week's $108.00; the first $450.00 is available.
    await expect(freelancer.getByTestId("balance-pending")).toHaveText("$378.00");
    await expect(freelancer.getByTestId("balance-available")).toHaveText("$450.00");
    await shot(freelancer, "freelancer-wallet-after-dispute");
  });

  await test.step("24 the freelancer uploads an ID; the admin approves it", async () => {
    const f = freelancer;
    await nav(f).getByRole("link", { name: "Withdrawals" }).click();
    await f.getByTestId("identity-notice").getByRole("link").click();
    await expect(f.getByRole("heading", { name: "Identity verification", level: 1 })).toBeVisible();
    await f.getByLabel("Document", { exact: true }).setInputFiles({ name: "id-card.png", mimeType: "image/png", buffer: tinyPng(64, [40, 90, 160]) });
    await f.getByRole("button", { name: "Upload document" }).click();
    await expect(f.getByTestId("identity-status")).toHaveText("In review");

    await nav(admin).getByRole("link", { name: "Admin" }).click();
    await admin.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Identity" }).click();
    const item = admin.getByTestId("review-item").filter({ hasText: worker.email }).first();
    await item.getByRole("button", { name: "View document" }).click();
    await expect(item.getByRole("img", { name: `Identity document uploaded by ${worker.name}` })).toHaveAttribute("src", /^blob:/);
    await shot(admin, "admin-identity-review");
    await item.getByRole("button", { name: "Approve" }).click();
    await expect(admin.getByText(`${worker.name}’s identity is verified.`)).toBeVisible();
  });

  await test.step("25 the freelancer withdraws $400.00 to the bank account, the fee taken off", async () => {
    const f = freelancer;
    // The page judges "usable from" by the browser's clock: set it to the server's, which
    // the journey moved days ahead.
    await f.clock.install({ time: await serverNow(request) });
    await f.goto("/wallet");
    await nav(f).getByRole("link", { name: "Withdrawals" }).click();
    await expect(f.getByTestId("identity-status")).toContainText("Identity verified");
    await expect(f.getByTestId("withdrawal-method").filter({ hasText: "Ready" })).toHaveCount(1);
    await expect(f.getByTestId("available-to-withdraw")).toHaveText("$450.00");
    await f.getByLabel("Amount (USD)", { exact: true }).fill("400.00");
    await expect(quoteLine(f, "Withdrawal")).toHaveText("$400.00");
    const fee = ((await quoteLine(f, "Withdrawal fee").textContent()) ?? "").trim();
    const feeCents = Math.round(Number(fee.replace(/[$,]/g, "")) * 100);
    expect(feeCents).toBeGreaterThanOrEqual(0);
    const net = (40_000 - feeCents) / 100;
    await expect(quoteLine(f, "You receive")).toHaveText(`$${net.toLocaleString("en-US", { minimumFractionDigits: 2 })}`);
    await shot(f, "freelancer-withdraw-quote");
    await f.getByRole("button", { name: "Withdraw $400.00" }).click();
    await expect(f.getByText(/^Your withdrawal of \$400\.00 is on its way/)).toBeVisible();
    await expect(f.getByTestId("available-to-withdraw")).toHaveText("$50.00");
    await expect(f.getByTestId("withdrawal-status").first()).toHaveText(/Processing|Paid/);
    await shot(f, "freelancer-withdrawn");
  });

  await admin.context().close();
  await freelancer.context().close();
});
