import { readFile } from "node:fs/promises";
import { expect, test, type Browser, type Page, type TestInfo } from "@playwright/test";
import { addCard, checkPage, checkPageNarrow, nav, pickSkill, signIn, signUpViaApi, tinyPng, uniqueEmail, uniqueWord, verifyViaApi } from "./helpers";

// Any uncaught error in a page fails the journey, with the message in the report.
const pageErrors: string[] = [];
function watch(page: Page) {
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("console", (message) => {
    // 4xx answers are part of these journeys.
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

/** The freelancer's own browser (cookies, storage and session apart from the client's). */
async function secondPage(browser: Browser, testInfo: TestInfo): Promise<Page> {
  const use = testInfo.project.use;
  const context = await browser.newContext({
    baseURL: use.baseURL,
    viewport: use.viewport ?? null,
    locale: use.locale,
    timezoneId: "America/New_York",
  });
  const page = await context.newPage();
  watch(page);
  return page;
}

test("a client hires a freelancer: job, proposal with files, shortlist, funded offer, contract", async ({ page, browser, request }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "one hiring journey is enough; the mobile layout is checked by other journeys");
  test.setTimeout(240_000);
  const word = uniqueWord("hire");
  const title = `Booking page for a physio practice ${word}`;
  const question = "Which booking systems have you built before?";
  const clientEmail = uniqueEmail("hiring-client");
  const freelancerEmail = uniqueEmail("hiring-freelancer");
  const freelancerName = "Fiona Freelancer";

  await test.step("a verified client and a verified freelancer sign in, each in their own browser", async () => {
    await signUpViaApi(request, { email: clientEmail, full_name: "Carla Client", country: "DE", timezone: "Europe/Berlin", roles: ["client"] });
    await verifyViaApi(request, clientEmail);
    await signUpViaApi(request, {
      email: freelancerEmail,
      full_name: freelancerName,
      country: "US",
      timezone: "America/New_York",
      roles: ["freelancer"],
    });
    await verifyViaApi(request, freelancerEmail);
    await signIn(page, clientEmail);
  });
  const freelancer = await secondPage(browser, testInfo);
  await signIn(freelancer, freelancerEmail);

  await test.step("the client saves the 4242 sandbox card", async () => {
    await addCard(page);
  });

  let jobId = "";
  await test.step("the client posts a fixed-price job with a screening question", async () => {
    await nav(page).getByRole("link", { name: "Post a job" }).click();
    await page.getByLabel("Job title", { exact: true }).fill(title);
    await page
      .getByLabel("Description", { exact: true })
      .fill(
        `Our physiotherapy practice needs an online booking page (project ${word}).\n\nPatients pick a slot and get a reminder the day before.`,
      );
    await page.getByLabel("Category", { exact: true }).selectOption({ label: "Web Development" });
    await pickSkill(page, "reac", "React", "mouse");
    await page.getByRole("radio", { name: /Fixed price/ }).check();
    await page.getByLabel("Budget (USD)").fill("1500");
    await page.getByLabel("Project length").selectOption("1_to_3_months");
    await page.getByRole("button", { name: "Add a question" }).click();
    await page.getByLabel("Question 1", { exact: true }).fill(question);
    await page.getByRole("button", { name: "Post job" }).click();
    await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/);
    jobId = new URL(page.url()).pathname.split("/").pop() ?? "";
    await expect(page.getByText("Your job is posted.")).toBeVisible();
  });

  await test.step("the freelancer finds the job and opens the proposal form", async () => {
    await freelancer.goto("/jobs");
    await freelancer.getByRole("searchbox", { name: "Search jobs" }).fill(word);
    await expect(freelancer).toHaveURL(new RegExp(`[?&]q=${word}`));
    // The search index is written right after the job; reload until it shows.
    let first = true;
    await expect(async () => {
      if (!first) await freelancer.reload();
      first = false;
      await expect(freelancer.getByRole("link", { name: title })).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 20_000, intervals: [500, 1_000, 2_000] });
    await freelancer.getByRole("link", { name: title }).click();
    await expect(freelancer.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await freelancer.getByRole("link", { name: "Submit a proposal" }).click();
    await expect(freelancer.getByRole("heading", { level: 1, name: "Submit a proposal" })).toBeVisible();
    await expect(freelancer.getByTestId("connects-box")).toContainText(/You have \d+ Connects?/);
    await checkPage(freelancer, testInfo, "apply-empty");
  });

  await test.step("the freelancer bids in two milestones, answers the question and attaches two files", async () => {
    const f = freelancer;
    await f.getByLabel("Bid (USD)").fill("1500");
    await f.getByLabel("Split the bid into milestones (optional)").check();
    await f.getByLabel("Milestone 1 name").fill("Designs and booking flow");
    await f.getByLabel("Amount of milestone 1").fill("500");
    await expect(f.getByTestId("milestone-sum")).toContainText("$1,000.00 less than your bid of $1,500.00");
    await f.getByRole("button", { name: "Add a milestone" }).click();
    await f.getByLabel("Milestone 2 name").fill("Build and launch");
    await f.getByLabel("Amount of milestone 2").fill("1000");
    await expect(f.getByTestId("milestone-sum")).toHaveText("The milestones add up to your bid of $1,500.00.");
    await f.getByLabel("How long will the work take?").selectOption("1_to_3_months");
    await f
      .getByLabel("Your cover letter")
      .fill("I have built booking pages for three clinics, with reminders by email and a simple list of bookings for the staff.");
    await f.getByLabel(`1. ${question}`).fill("Two clinic booking pages in React, and a salon calendar.");
    const files = f.getByLabel("Files (optional)");
    // A type that is not accepted is refused before it is uploaded.
    await files.setInputFiles({ name: "page.html", mimeType: "text/html", buffer: Buffer.from("<p>hi</p>") });
    await expect(f.getByText(/“page.html” is not a type we accept/)).toBeVisible();
    await files.setInputFiles([
      { name: "mockup.png", mimeType: "image/png", buffer: tinyPng(48, [30, 120, 200]) },
      { name: "plan.txt", mimeType: "text/plain", buffer: Buffer.from("Week 1: designs. Week 3: build.\n") },
    ]);
    const attached = f.getByRole("list", { name: "Attached files" });
    await expect(attached.getByTestId("attached-file")).toHaveCount(2);
    await expect(attached).toContainText("mockup.png");
    await expect(attached).toContainText("plan.txt");
    await checkPage(f, testInfo, "apply-filled");
    await checkPageNarrow(f, testInfo, "apply-filled");
    await f.getByRole("button", { name: /^Send proposal for \d+ Connects?$/ }).click();
    await expect(f).toHaveURL(/\/proposals\/[0-9a-f-]{36}$/);
    await expect(f.getByText("Your proposal was sent to the client.", { exact: false })).toBeVisible();
  });

  await test.step("the freelancer's proposal page lists the files by name and size, and one downloads", async () => {
    const files = freelancer.getByRole("list", { name: "Files attached to the proposal" });
    await expect(files.getByTestId("attachment")).toHaveCount(2);
    await expect(files.getByTestId("attachment").nth(0)).toContainText("mockup.png");
    const plan = files.getByTestId("attachment").filter({ hasText: "plan.txt" });
    await expect(plan.getByTestId("attachment-size")).toHaveText("32 bytes");
    const download = freelancer.waitForEvent("download");
    await plan.getByRole("button", { name: "Download plan.txt" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe("plan.txt");
    expect(await readFile(await file.path(), "utf8")).toContain("Week 1: designs.");
    await checkPage(freelancer, testInfo, "proposal-freelancer");
  });

  await test.step("the client reviews the proposals and shortlists it", async () => {
    await page.goto(`/jobs/${jobId}/proposals`);
    const card = page.getByRole("listitem").filter({ hasText: freelancerName });
    await expect(card).toContainText("$1,500.00");
    await checkPage(page, testInfo, "review-proposals");
    await card.getByRole("button", { name: `Shortlist ${freelancerName}’s proposal` }).click();
    await expect(card).toContainText("Shortlisted");
    await page.getByRole("link", { name: /^Shortlisted/ }).click();
    await expect(page.getByRole("listitem").filter({ hasText: freelancerName })).toBeVisible();
    await checkPage(page, testInfo, "review-shortlisted");
  });

  await test.step("the client sees the answer and the files on the proposal", async () => {
    await page.getByRole("listitem").filter({ hasText: freelancerName }).getByRole("link", { name: `Read the proposal from ${freelancerName}` }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Proposal from ${freelancerName}` })).toBeVisible();
    await expect(page.getByText("Two clinic booking pages in React, and a salon calendar.")).toBeVisible();
    const files = page.getByRole("list", { name: "Files attached to the proposal" });
    await expect(files.getByTestId("attachment")).toHaveCount(2);
    await expect(files.getByRole("button", { name: "Download mockup.png" })).toBeVisible();
    await expect(files.getByRole("button", { name: "Download plan.txt" })).toBeVisible();
    await checkPage(page, testInfo, "proposal-client");
    await checkPageNarrow(page, testInfo, "proposal-client");
  });

  await test.step("the client sends a fixed offer with two milestones, funding the first with the card", async () => {
    await page.getByRole("link", { name: "Send offer" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Send an offer" })).toBeVisible();
    await expect(page.getByLabel("Milestone 1 name")).toHaveValue("Designs and booking flow");
    await expect(page.getByLabel("Amount of milestone 2")).toHaveValue("1000.00");
    await page.getByLabel("Card for what the wallet does not cover (optional)").selectOption({ label: "Visa ending in 4242" });
    await expect(page.getByTestId("offer-total")).toContainText("Total: $1,500.00 in 2 milestones");
    await expect(page.getByTestId("funding-note")).toContainText("Visa ending in 4242 is charged");
    await checkPage(page, testInfo, "send-offer");
    await checkPageNarrow(page, testInfo, "send-offer");
    const posted = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/v1/offers" && r.request().method() === "POST");
    await page.getByRole("button", { name: "Send offer and fund the first milestone" }).click();
    const response = await posted;
    expect(response.status()).toBe(201);
    expect(response.request().headers()["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/);
    await expect(page).toHaveURL(/\/offers\/[0-9a-f-]{36}$/);
    await expect(page.getByText(`Your offer was sent to ${freelancerName}. $500.00 for the first milestone is in escrow.`)).toBeVisible();
    await checkPage(page, testInfo, "offer-client");
  });

  await test.step("the freelancer opens the offer and accepts it", async () => {
    await freelancer.goto("/offers");
    await freelancer.getByRole("link", { name: title }).first().click();
    await expect(freelancer.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(freelancer.getByText("Accepting starts the contract; $500.00 is already in escrow for you.")).toBeVisible();
    await checkPage(freelancer, testInfo, "offer-freelancer");
    await freelancer.getByRole("button", { name: "Accept offer" }).click();
    await expect(freelancer).toHaveURL(/\/contracts\/[0-9a-f-]{36}$/);
    await expect(freelancer.getByText("You accepted the offer: the contract has started.")).toBeVisible();
  });

  for (const [who, p] of [
    ["freelancer", freelancer],
    ["client", page],
  ] as const) {
    await test.step(`the ${who} sees the contract with the first milestone funded`, async () => {
      if (who === "client") {
        await p.goto("/contracts");
        await p.getByRole("link", { name: title }).first().click();
      }
      await expect(p.getByRole("heading", { level: 1 })).toHaveText(title);
      const first = p.getByTestId("milestone").filter({ hasText: "Designs and booking flow" });
      await expect(first.getByTestId("milestone-status")).toHaveText("Funded");
      await expect(first.getByTestId("milestone-escrow")).toHaveText("$500.00");
      const second = p.getByTestId("milestone").filter({ hasText: "Build and launch" });
      await expect(second.getByTestId("milestone-status")).toHaveText("Not funded yet");
      await checkPage(p, testInfo, `contract-${who}`);
    await checkPageNarrow(p, testInfo, `contract-${who}`);
    });
  }
  await freelancer.context().close();
});
