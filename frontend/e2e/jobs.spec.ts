import { expect, test, type Page } from "@playwright/test";
import { checkPage, nav, PASSWORD, pickSkill, signIn, uniqueEmail, verificationLink } from "./helpers";

// Any uncaught error in the page fails the journey, with the message in the report.
const pageErrors: string[] = [];
test.beforeEach(({ page }) => {
  pageErrors.length = 0;
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error" && !/status of 4\d\d/.test(message.text())) pageErrors.push(message.text());
  });
});
test.afterEach(() => {
  expect(pageErrors, "errors in the browser console").toEqual([]);
});

async function fillJob(page: Page, title: string) {
  await page.getByLabel("Job title", { exact: true }).fill(title);
  await page
    .getByLabel("Description", { exact: true })
    .fill(
      "We run a small dental clinic and need an online booking page.\n\nPatients pick a time, get an email reminder a day before, and we see the bookings in a simple list.",
    );
  await page.getByLabel("Category", { exact: true }).selectOption({ label: "Web Development" });
}

test("a client posts a job, manages it, and publishes a draft", async ({ page, request }, testInfo) => {
  const email = uniqueEmail(`jobs-${testInfo.project.name}`);
  const title = `Booking page for a dental clinic ${Date.now().toString(36)}`;

  await test.step("sign up as a client (API) and sign in", async () => {
    const response = await request.post("/api/v1/auth/signup", {
      data: {
        email,
        password: PASSWORD,
        full_name: "Cleo Client",
        country: "DE",
        timezone: "Europe/Berlin",
        roles: ["client"],
      },
    });
    expect(response.status(), await response.text()).toBe(201);
    await signIn(page, email);
  });

  await test.step("unverified: the post page explains why it cannot be used yet", async () => {
    await nav(page).getByRole("link", { name: "Post a job" }).click();
    await expect(page.getByRole("heading", { name: "Verify your email address first" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Go to your account" })).toBeVisible();
    await checkPage(page, testInfo, "post-job-unverified");
  });

  await test.step("verify the email through the dev mailbox", async () => {
    const link = new URL(await verificationLink(request, email));
    await page.goto(`${link.pathname}${link.search}`);
    await expect(page.getByText("Your email is verified")).toBeVisible();
  });

  await test.step("My jobs starts empty", async () => {
    await nav(page).getByRole("link", { name: "My jobs" }).click();
    await expect(page.getByRole("heading", { name: "My jobs" })).toBeVisible();
    await expect(page.getByText("You have not posted a job yet")).toBeVisible();
    await checkPage(page, testInfo, "my-jobs-empty");
  });

  await test.step("an empty form shows what is missing", async () => {
    await nav(page).getByRole("link", { name: "Post a job" }).click();
    await expect(page.getByRole("heading", { name: "Post a job" })).toBeVisible();
    await expect(page.getByLabel("Category", { exact: true })).toBeEnabled();
    await checkPage(page, testInfo, "post-job");
    await page.getByRole("button", { name: "Post job" }).click();
    await expect(page.getByText("Write at least 10 characters for the title.")).toBeVisible();
    await expect(page.getByText("Add at least one skill.")).toBeVisible();
    await expect(page.getByText("Enter the budget.")).toBeVisible();
    await expect(page.getByLabel("Job title", { exact: true })).toBeFocused();
    await checkPage(page, testInfo, "post-job-errors");
  });

  let jobUrl = "";
  let previewed = "";
  await test.step("post a job with two skills and see the Connects cost", async () => {
    await fillJob(page, title);
    await pickSkill(page, "reac", "React", "keyboard");
    await pickSkill(page, "javascr", "JavaScript", "mouse");
    // Hourly first, then back to a fixed price.
    await page.getByRole("radio", { name: /Hourly/ }).check();
    await page.getByLabel("Lowest hourly rate (USD)").fill("30");
    await page.getByLabel("Highest hourly rate (USD)").fill("45");
    await expect(page.getByTestId("connects-preview")).toContainText(/Proposals to this job cost \d+ Connects?/);
    await page.getByRole("radio", { name: /Fixed price/ }).check();
    await expect(page.getByLabel("Lowest hourly rate (USD)")).toHaveCount(0);
    await page.getByLabel("Budget (USD)").fill("1500");
    await expect(page.getByTestId("connects-preview")).toContainText(/Proposals to this job cost \d+ Connects?/);
    await page.getByRole("radio", { name: /Expert/ }).check();
    await page.getByLabel("Project length").selectOption("3_to_6_months");
    const preview = page.getByTestId("connects-preview");
    await expect(preview).not.toHaveAttribute("data-updating");
    previewed = /cost (\d+ Connects?)/.exec((await preview.textContent()) ?? "")?.[1] ?? "?";
    await page.getByRole("button", { name: "Add a question" }).click();
    await page.getByLabel("Question 1", { exact: true }).fill("Which booking systems have you built before?");
    await checkPage(page, testInfo, "post-job-filled");
    await page.getByRole("button", { name: "Post job" }).click();

    await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/);
    jobUrl = new URL(page.url()).pathname;
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByText("Your job is posted.")).toBeVisible();
    await expect(page.getByTestId("job-status")).toHaveText("Open");
    await expect(page.getByText("$1,500.00 fixed price")).toBeVisible();
    await expect(page.getByRole("list", { name: "Skills" })).toContainText("React");
    await expect(page.getByRole("list", { name: "Skills" })).toContainText("JavaScript");
    // The job costs what the preview said.
    await expect(page.getByText(previewed, { exact: true })).toBeVisible();
    await expect(page.getByText("Which booking systems have you built before?")).toBeVisible();
    // Paragraphs of the description are kept.
    await expect(page.locator(".plain-text p")).toHaveCount(2);
    await checkPage(page, testInfo, "job");
  });

  await test.step("close the job from My jobs", async () => {
    await page.getByRole("link", { name: "← My jobs" }).click();
    await expect(page.getByRole("heading", { name: "My jobs" })).toBeVisible();
    const row = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: title }) });
    await expect(row.getByTestId("job-status")).toHaveText("Open");
    await expect(row).toContainText("$1,500.00 fixed price");
    await checkPage(page, testInfo, "my-jobs");
    await row.getByRole("button", { name: "Close" }).click();
    const dialog = page.getByRole("dialog", { name: "Close this job?" });
    await expect(dialog).toBeVisible();
    await checkPage(page, testInfo, "my-jobs-confirm-close");
    await dialog.getByRole("button", { name: "Close job" }).click();
    await expect(dialog).toBeHidden();
    await expect(row.getByTestId("job-status")).toHaveText("Closed");
    await expect(row.getByRole("button", { name: "Close" })).toHaveCount(0);
    await page.getByRole("link", { name: "Closed", exact: true }).click();
    await expect(page.getByRole("link", { name: title, exact: true })).toBeVisible();
    await page.getByRole("link", { name: "Open", exact: true }).click();
    await expect(page.getByText("No open jobs")).toBeVisible();
    await page.goto(jobUrl);
    await expect(page.getByTestId("job-status")).toHaveText("Closed");
    await checkPage(page, testInfo, "job-closed");
  });

  const draftTitle = `Logo for a bakery ${Date.now().toString(36)}`;
  await test.step("save a draft", async () => {
    await nav(page).getByRole("link", { name: "Post a job" }).click();
    await fillJob(page, draftTitle);
    await pickSkill(page, "figm", "Figma", "keyboard");
    await page.getByRole("radio", { name: /Hourly/ }).check();
    await page.getByLabel("Lowest hourly rate (USD)").fill("20");
    await page.getByLabel("Highest hourly rate (USD)").fill("35");
    await page.getByRole("button", { name: "Save as draft" }).click();
    await expect(page.getByRole("heading", { level: 1, name: draftTitle })).toBeVisible();
    await expect(page.getByText("Your draft is saved.")).toBeVisible();
    await expect(page.getByTestId("job-status")).toHaveText("Draft");
    await expect(page.getByText("$20.00–$35.00/hr")).toBeVisible();
    await checkPage(page, testInfo, "job-draft");
  });

  await test.step("edit the draft", async () => {
    await page.getByRole("link", { name: "Edit" }).click();
    await expect(page.getByRole("heading", { name: "Edit job" })).toBeVisible();
    await expect(page.getByLabel("Job title", { exact: true })).toHaveValue(draftTitle);
    await expect(page.getByLabel("Highest hourly rate (USD)")).toHaveValue("35.00");
    await checkPage(page, testInfo, "edit-job");
    await page.getByLabel("Highest hourly rate (USD)").fill("40");
    // (That only the changed field is sent is pinned by the unit tests: Chromium does not
    // report the body of a fetch made with a Request object.)
    const patch = page.waitForResponse((r) => r.request().method() === "PATCH" && r.url().includes("/api/v1/jobs/"));
    await page.getByRole("button", { name: "Save changes" }).click();
    expect((await patch).status()).toBe(200);
    await expect(page.getByText("Your changes are saved.")).toBeVisible();
    await expect(page.getByText("$20.00–$40.00/hr")).toBeVisible();
  });

  await test.step("publish the draft", async () => {
    await page.getByRole("button", { name: "Publish" }).click();
    await expect(page.getByTestId("job-status")).toHaveText("Open");
    await expect(page.getByText("The job is published and open for proposals.")).toBeVisible();
    await nav(page).getByRole("link", { name: "My jobs" }).click();
    const row = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: draftTitle }) });
    await expect(row.getByTestId("job-status")).toHaveText("Open");
  });
});

test("a freelancer is told that posting jobs needs a client account", async ({ page }, testInfo) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("freelancer@demo.worklane.test");
  await page.getByLabel("Password").fill("worklane-demo-pass");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(nav(page).getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(nav(page).getByRole("link", { name: "Post a job" })).toHaveCount(0);
  await page.goto("/jobs/new");
  await expect(page.getByRole("heading", { name: "Posting jobs needs a client account" })).toBeVisible();
  await checkPage(page, testInfo, "post-job-freelancer");
});

test("a missing job shows a 404", async ({ page }, testInfo) => {
  await page.goto("/jobs/00000000-0000-4000-8000-000000000000");
  await expect(page.getByRole("heading", { name: "We could not find that job" })).toBeVisible();
  await checkPage(page, testInfo, "job-not-found");
});
