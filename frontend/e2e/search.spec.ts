import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { accessToken, checkPage, nav, pickSkill, signIn, signUpViaApi, uniqueEmail, uniqueWord, verifyViaApi } from "./helpers";

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

/** The search index is updated right after a write; give it a few seconds all the same. */
async function untilFound(page: Page, found: () => Promise<void>): Promise<void> {
  let first = true;
  await expect(async () => {
    if (!first) await page.reload();
    first = false;
    await found();
  }).toPass({ timeout: 20_000, intervals: [500, 1_000, 2_000] });
}

/** On narrow screens the filters are folded away behind the "Filters" button. */
async function openFilters(page: Page): Promise<void> {
  const toggle = page.getByRole("button", { name: /^Filters/ });
  if ((await toggle.isVisible()) && (await toggle.getAttribute("aria-expanded")) === "false") await toggle.click();
}

/** On narrow screens, fold the filters away again and go to the results. */
async function showResults(page: Page): Promise<void> {
  const show = page.getByRole("button", { name: /^Show / });
  if (await show.isVisible()) await show.click();
}

interface PostedJob {
  id: string;
  title: string;
}

/** A verified client posts an open, fixed-price, expert-level job (API). */
async function postJob(request: APIRequestContext, email: string, title: string, word: string): Promise<PostedJob> {
  await signUpViaApi(request, { email, full_name: "Cleo Client", country: "DE", timezone: "Europe/Berlin", roles: ["client"] });
  await verifyViaApi(request, email);
  const token = await accessToken(request, email);
  const categories = (await (await request.get("/api/v1/categories")).json()) as {
    id: string;
    subcategories: { id: string }[];
  }[];
  const skills = (await (await request.get("/api/v1/skills?q=react")).json()) as { data: { id: string }[] };
  const response = await request.post("/api/v1/jobs", {
    headers: { Authorization: `Bearer ${token}` },
    data: {
      title,
      description:
        `We run a small dental clinic and need an online booking page (project code ${word}).\n\n` +
        "Patients pick a time, get an email reminder a day before, and we see the bookings in a simple list.",
      category_id: categories[0]?.subcategories[0]?.id ?? categories[0]?.id,
      skill_ids: [skills.data[0]?.id],
      job_type: "fixed",
      budget: "1200.00",
      experience_level: "expert",
      project_length: "1_to_3_months",
      hours_per_week: "less_than_30",
      visibility: "public",
      screening_questions: [],
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return { id: ((await response.json()) as { id: string }).id, title };
}

test("a freelancer finds a new job by a word in its description and two filters", async ({ page, request }, testInfo) => {
  const word = uniqueWord("zephyrquartz");
  const job = await test.step("a client posts a job (API)", () =>
    postJob(request, uniqueEmail(`search-client-${testInfo.project.name}`), `Clinic booking page ${word.slice(-5)}`, word),
  );

  await test.step("a freelancer signs in and opens Find work", async () => {
    const email = uniqueEmail(`search-freelancer-${testInfo.project.name}`);
    await signUpViaApi(request, { email, full_name: "Fern Finder", country: "PT", timezone: "Europe/Lisbon", roles: ["freelancer"] });
    await verifyViaApi(request, email);
    await signIn(page, email);
    await nav(page).getByRole("link", { name: "Find work" }).click();
    await expect(page).toHaveURL(/\/jobs$/);
    await expect(page.getByRole("heading", { name: "Find work", level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Best matches for you" })).toBeVisible();
    await checkPage(page, testInfo, "find-work");
  });

  const results = page.getByRole("list", { name: "Jobs found" });
  await test.step("search for the word and filter by job type and experience level", async () => {
    await page.getByRole("searchbox", { name: "Search jobs" }).fill(word);
    await expect(page).toHaveURL(new RegExp(`[?&]q=${word}`));
    // A search hides the best matches.
    await expect(page.getByRole("heading", { name: "Best matches for you" })).toHaveCount(0);
    await openFilters(page);
    await page.getByRole("group", { name: "Job type" }).getByRole("radio", { name: /Fixed price/ }).check();
    await expect(page).toHaveURL(/job_type=fixed/);
    await page.getByRole("group", { name: "Experience level" }).getByRole("checkbox", { name: /Expert/ }).check();
    await expect(page).toHaveURL(/experience_level=expert/);
    const toggle = page.getByRole("button", { name: /^Filters/ });
    if (await toggle.isVisible()) await expect(toggle).toHaveAccessibleName("Filters (2 on)");
    await showResults(page);

    // The filters are in the address bar, so a reload keeps them (and retries the search).
    await untilFound(page, async () => {
      await expect(results.getByRole("link", { name: job.title })).toBeVisible({ timeout: 3_000 });
    });
    await expect(page.getByText(/^1 job$/)).toBeVisible();
    const card = results.getByRole("listitem").filter({ has: page.getByRole("link", { name: job.title }) });
    await expect(card).toContainText("$1,200.00 fixed price");
    await expect(card).toContainText("Expert");
    await expect(card).toContainText("Client in Germany");
    await expect(card).toContainText(word);
    await checkPage(page, testInfo, "find-work-results");
  });

  await test.step("open the job and see the client's card", async () => {
    await results.getByRole("link", { name: job.title }).click();
    await expect(page).toHaveURL(new RegExp(`/jobs/${job.id}$`));
    await expect(page.getByRole("heading", { name: job.title, level: 1 })).toBeVisible();
    const card = page.getByRole("region", { name: "About the client" });
    await expect(card.getByRole("link", { name: "Cleo Client" })).toBeVisible();
    await expect(card.getByText("Germany")).toBeVisible();
    await checkPage(page, testInfo, "find-work-job");
  });

  await test.step("Back returns to the same search", async () => {
    await page.goBack();
    await expect(page.getByRole("searchbox", { name: "Search jobs" })).toHaveValue(word);
    await expect(results.getByRole("link", { name: job.title })).toBeVisible();
    await openFilters(page);
    await expect(page.getByRole("group", { name: "Job type" }).getByRole("radio", { name: /Fixed price/ })).toBeChecked();
    await expect(page.getByRole("group", { name: "Experience level" }).getByRole("checkbox", { name: /Expert/ })).toBeChecked();
  });
});

test("a freelancer finds their own profile in Find talent by a word in the title", async ({ page, request }, testInfo) => {
  const word = uniqueWord("quillfern");
  const name = `Rae ${word.slice(-6, -3).toUpperCase()} Searchable`;
  const title = `Booking systems developer ${word}`;

  await test.step("sign up and verify a freelancer (API), sign in", async () => {
    const email = uniqueEmail(`search-talent-${testInfo.project.name}`);
    await signUpViaApi(request, { email, full_name: name, country: "PT", timezone: "Europe/Lisbon", roles: ["freelancer"] });
    await verifyViaApi(request, email);
    await signIn(page, email);
  });

  await test.step("fill in the profile: title with the word, an hourly rate, a skill", async () => {
    await nav(page).getByRole("link", { name: "My profile" }).click();
    await expect(page.getByRole("heading", { name: "Your profile", level: 1 })).toBeVisible();
    await page.getByLabel("Professional title").fill(title);
    await page
      .getByLabel("Overview", { exact: true })
      .fill("I build booking pages and payment flows for clinics and studios.\n\nEight years, forty clients.");
    await page.getByLabel("Hourly rate (USD)").fill("61");
    await pickSkill(page, "reac", "React", "mouse");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByText("Your profile is saved.")).toBeVisible();
  });

  const results = page.getByRole("list", { name: "Freelancers found" });
  await test.step("search Find talent for the word, with a rate range around the rate", async () => {
    await nav(page).getByRole("link", { name: "Find talent" }).click();
    await expect(page.getByRole("heading", { name: "Find talent", level: 1 })).toBeVisible();
    await page.getByRole("searchbox", { name: "Search freelancers" }).fill(word);
    await expect(page).toHaveURL(new RegExp(`[?&]q=${word}`));
    await openFilters(page);
    const rate = page.getByRole("group", { name: "Hourly rate" });
    await rate.getByLabel("Min").fill("60");
    await rate.getByLabel("Max").fill("65");
    await rate.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/min_rate=60&max_rate=65/);
    await showResults(page);

    await untilFound(page, async () => {
      await expect(results.getByRole("link", { name })).toBeVisible({ timeout: 3_000 });
    });
    const card = results.getByRole("listitem").filter({ has: page.getByRole("link", { name }) });
    await expect(card).toContainText(title);
    await expect(card).toContainText("$61.00/hr");
    await expect(card).toContainText("Portugal");
    await expect(card.getByRole("list", { name: "Skills" })).toContainText("React");
    await checkPage(page, testInfo, "find-talent-results");
  });

  await test.step("open the profile from the result", async () => {
    await results.getByRole("link", { name }).click();
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
    await expect(page.getByText(title)).toBeVisible();
  });
});
