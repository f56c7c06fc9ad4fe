import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { api, secondPage } from "./contracts";
import { accessToken, checkPage, DEMO, nav, PASSWORD, signIn, signUpViaApi, uniqueEmail, verifyViaApi } from "./helpers";

const pageErrors: string[] = [];
function watch(page: Page) {
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("console", (message) => {
    // 4xx answers are expected here (a suspended account's 401s and 403s).
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

async function signInAdmin(page: Page) {
  await signIn(page, DEMO.admin, DEMO.password);
}

function adminNav(page: Page) {
  return page.getByRole("navigation", { name: "Admin" });
}

/** A verified person made through the API; returns their id. */
async function person(request: APIRequestContext, email: string, fullName: string, roles: ("client" | "freelancer")[]): Promise<string> {
  const id = await signUpViaApi(request, { email, full_name: fullName, country: "PT", timezone: "Europe/Lisbon", roles });
  await verifyViaApi(request, email);
  return id;
}

/** A public fixed-price job posted through the API by a fresh client. */
async function jobViaApi(request: APIRequestContext, clientEmail: string, title: string): Promise<string> {
  const token = await accessToken(request, clientEmail);
  const categories = await api<{ id: string; subcategories: { id: string }[] }[]>(request, token, "GET", "/api/v1/categories");
  const skills = await api<{ data: { id: string }[] }>(request, token, "GET", "/api/v1/skills?q=react");
  const job = await api<{ id: string }>(request, token, "POST", "/api/v1/jobs", {
    title,
    description: "A landing page for a bakery.\n\nPay me first by bank transfer outside the platform and I will send the details.",
    category_id: categories[0]?.subcategories[0]?.id ?? categories[0]?.id,
    skill_ids: [skills.data[0]?.id],
    job_type: "fixed",
    budget: "300.00",
    experience_level: "intermediate",
    project_length: "1_to_3_months",
    hours_per_week: "less_than_30",
    visibility: "public",
    screening_questions: [],
  });
  return job.id;
}

test("an admin suspends a signed-in member: they are signed out at once, told why at sign-in, and back after reinstatement", async ({ page, browser, request }, testInfo) => {
  test.setTimeout(180_000);
  const email = uniqueEmail(`suspend-${testInfo.project.name}`);
  const name = `Sam Suspended ${Date.now().toString(36)}`;
  const reason = "Asked clients to pay outside Worklane.";
  const userId = await person(request, email, name, ["freelancer"]);
  const member = await secondPage(browser, testInfo);
  watch(member);

  await test.step("the member is signed in and working in another browser", async () => {
    await signIn(member, email);
    await member.goto("/contracts");
    await expect(member.getByRole("heading", { level: 1 })).toBeVisible();
  });

  await test.step("the admin finds them under People and suspends them with a reason", async () => {
    await signInAdmin(page);
    await nav(page).getByRole("link", { name: "Admin" }).click();
    await adminNav(page).getByRole("link", { name: "People" }).click();
    await expect(page).toHaveURL(/\/admin\/users$/);
    await page.getByLabel("Name or email").fill(email);
    await page.getByRole("button", { name: "Search" }).click();
    const rows = page.getByTestId("admin-user");
    await expect(rows).toHaveCount(1);
    await checkPage(page, testInfo, "admin-people");
    await rows.getByRole("link", { name }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByTestId("standing").first()).toHaveText("Active");
    await page.getByRole("button", { name: "Suspend…" }).click();
    const dialog = page.getByRole("dialog", { name: "Suspend this account" });
    await dialog.getByRole("button", { name: "Suspend account" }).click();
    await expect(dialog.getByText("Give a reason; the person is told it.")).toBeVisible();
    await dialog.getByLabel("Reason").fill(reason);
    await checkPage(page, testInfo, "admin-suspend-dialog");
    await dialog.getByRole("button", { name: "Suspend account" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(`${name} is suspended and signed out everywhere.`)).toBeVisible();
    await expect(page.getByTestId("suspension-reason")).toHaveText(reason);
    await checkPage(page, testInfo, "admin-person-suspended");
  });

  await test.step("the member's browser lands on sign-in by itself, saying they were signed out", async () => {
    // No reload: the server closes the live connection and the session ends.
    await expect(member).toHaveURL(/\/login\?expired=1/, { timeout: 8_000 });
    await expect(member.getByText("You were signed out")).toBeVisible();
    await expect(nav(member).getByRole("link", { name: "Sign in" })).toBeVisible();
  });

  await test.step("signing in again shows the suspension and its reason", async () => {
    await member.getByLabel("Email").fill(email);
    await member.getByLabel("Password").fill(PASSWORD);
    await member.getByRole("button", { name: "Sign in" }).click();
    const alert = member.locator(".alert--error");
    await expect(alert).toContainText(reason);
    await expect(member).toHaveURL(/\/login/);
    await checkPage(member, testInfo, "admin-suspended-sign-in");
  });

  await test.step("the audit log has the admin.user_suspended entry", async () => {
    await adminNav(page).getByRole("link", { name: "Audit log" }).click();
    await page.getByLabel("Action starts with").fill("admin.user_suspended");
    await page.getByLabel("Target id").fill(userId);
    await page.getByRole("button", { name: "Show entries" }).click();
    await expect(page).toHaveURL(/action=admin.user_suspended/);
    const entry = page.getByTestId("audit-entry").first();
    await expect(entry).toContainText("admin.user_suspended");
    await expect(entry).toContainText("Worklane Support");
    await expect(entry).toContainText(userId);
    await entry.getByText("Details").click();
    await expect(entry.locator("pre")).toContainText(reason);
    await checkPage(page, testInfo, "admin-audit-log");
  });

  await test.step("the admin reinstates them and they can sign in again", async () => {
    await page.goto(`/admin/users/${userId}`);
    await page.getByRole("button", { name: "Reinstate" }).click();
    await expect(page.getByText(`${name} is reinstated and can sign in again.`)).toBeVisible();
    await expect(page.getByTestId("standing").first()).toHaveText("Active");
    await member.getByRole("button", { name: "Sign in" }).click();
    await expect(nav(member).getByRole("button", { name: "Sign out" })).toBeVisible();
  });
  await member.context().close();
});

test("a freelancer reports a job; the admin removes it and resolves the flag; the job is gone for the freelancer", async ({ page, browser, request }, testInfo) => {
  test.setTimeout(180_000);
  const tag = testInfo.project.name;
  const clientEmail = uniqueEmail(`flag-client-${tag}`);
  const freelancerEmail = uniqueEmail(`flag-freelancer-${tag}`);
  const title = `Bakery landing page ${Date.now().toString(36)}`;
  const clientId = await person(request, clientEmail, "Carla Client", ["client"]);
  await person(request, freelancerEmail, "Fred Freelancer", ["freelancer"]);
  const jobId = await jobViaApi(request, clientEmail, title);
  const freelancer = await secondPage(browser, testInfo);
  watch(freelancer);

  await test.step("the freelancer reports the job (and a second report is recognised)", async () => {
    await signIn(freelancer, freelancerEmail);
    await freelancer.goto(`/jobs/${jobId}`);
    await expect(freelancer.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await freelancer.getByRole("button", { name: "Report job" }).click();
    const dialog = freelancer.getByRole("dialog", { name: "Report this job" });
    await dialog.getByLabel("What is wrong?").fill("The client asks to be paid by bank transfer outside Worklane.");
    await checkPage(freelancer, testInfo, "report-job-dialog");
    await dialog.getByRole("button", { name: "Send report" }).click();
    await expect(dialog).toBeHidden();
    await expect(freelancer.getByText("Thanks — our trust and safety team will review it.")).toBeVisible();
    await freelancer.getByRole("button", { name: "Report job" }).click();
    await dialog.getByLabel("What is wrong?").fill("Still asking for off-platform payment.");
    await dialog.getByRole("button", { name: "Send report" }).click();
    await expect(freelancer.getByText("You already reported this; it is waiting for review.")).toBeVisible();
    await checkPage(freelancer, testInfo, "report-job-done");
  });

  await test.step("the freelancer reports the client's profile too", async () => {
    await freelancer.goto(`/clients/${clientId}`);
    await freelancer.getByRole("button", { name: "Report profile" }).click();
    const dialog = freelancer.getByRole("dialog", { name: "Report this profile" });
    await dialog.getByLabel("What is wrong?").fill("The same person posts jobs asking for payment outside Worklane.");
    await dialog.getByRole("button", { name: "Send report" }).click();
    await expect(freelancer.getByText("Thanks — our trust and safety team will review it.")).toBeVisible();
  });

  await test.step("the admin sees it in the flag queue, removes the job and resolves the flag", async () => {
    await signInAdmin(page);
    await page.goto("/admin/flags");
    const flag = page.getByTestId("flag").filter({ hasText: title });
    await expect(flag).toHaveCount(1);
    await expect(flag.getByRole("link", { name: title })).toHaveAttribute("href", `/jobs/${jobId}`);
    await expect(flag).toContainText("Fred Freelancer");
    await expect(flag).toContainText("The client asks to be paid by bank transfer outside Worklane.");
    await expect(flag.getByTestId("open-flags")).toHaveText("1 open flag on this");
    await checkPage(page, testInfo, "admin-flags");

    await flag.getByRole("button", { name: "Remove job…" }).click();
    const remove = page.getByRole("dialog", { name: "Remove this job" });
    await remove.getByLabel("Reason").fill("Asks freelancers to pay outside Worklane.");
    await remove.getByRole("button", { name: "Remove job" }).click();
    await expect(remove).toBeHidden();
    await expect(page.getByText(`“${title}” is removed.`)).toBeVisible();

    await flag.getByRole("button", { name: "Resolve…" }).click();
    const resolve = page.getByRole("dialog", { name: "Resolve this flag" });
    await resolve.getByLabel("Actioned: something was wrong and was dealt with").check();
    await resolve.getByLabel("Note (optional)").fill("Job removed.");
    await checkPage(page, testInfo, "admin-resolve-dialog");
    await resolve.getByRole("button", { name: "Resolve" }).click();
    await expect(resolve).toBeHidden();
    await expect(page.getByText(`The flag on “${title}” is actioned.`)).toBeVisible();
    await expect(page.getByTestId("flag").filter({ hasText: title })).toHaveCount(0);

    await page.getByRole("navigation", { name: "Flag status" }).getByRole("link", { name: "Actioned" }).click();
    const done = page.getByTestId("flag").filter({ hasText: title });
    await expect(done).toContainText("Job removed.");
  });

  await test.step("the admin looks at the reported profile and dismisses that flag", async () => {
    await page.getByRole("navigation", { name: "Flag status" }).getByRole("link", { name: "Open" }).click();
    const flag = page.getByTestId("flag").filter({ hasText: "The same person posts jobs" });
    await expect(flag.getByRole("link", { name: "Carla Client" }).first()).toHaveAttribute("href", `/admin/users/${clientId}`);
    await flag.getByRole("button", { name: "Resolve…" }).click();
    const resolve = page.getByRole("dialog", { name: "Resolve this flag" });
    await resolve.getByLabel("Dismissed: nothing wrong").check();
    await resolve.getByRole("button", { name: "Resolve" }).click();
    await expect(page.getByText("The flag on “Carla Client” is dismissed.")).toBeVisible();
  });

  await test.step("the admin's job page shows it removed", async () => {
    await page.goto(`/jobs/${jobId}`);
    await expect(page.getByTestId("job-status")).toHaveText("Removed");
    await expect(page.getByText("This job was removed by Worklane")).toBeVisible();
    await expect(page.getByRole("button", { name: "Remove post…" })).toHaveCount(0);
  });

  await test.step("the freelancer can no longer see or apply to the job", async () => {
    await freelancer.goto(`/jobs/${jobId}`);
    await expect(freelancer.getByRole("link", { name: "Submit a proposal" })).toHaveCount(0);
    // A removed job is hidden from everyone but its client and admins: the same 404 as a missing one.
    await expect(freelancer.getByRole("heading", { name: "We could not find that job" })).toBeVisible();
    await checkPage(freelancer, testInfo, "report-job-removed");
  });
  await freelancer.context().close();
});

test("an admin removes a post from its page", async ({ page, request }, testInfo) => {
  const clientEmail = uniqueEmail(`remove-client-${testInfo.project.name}`);
  const title = `Logo for a bakery ${Date.now().toString(36)}`;
  await person(request, clientEmail, "Rita Client", ["client"]);
  const jobId = await jobViaApi(request, clientEmail, title);
  await signInAdmin(page);
  await page.goto(`/jobs/${jobId}`);
  await expect(page.getByTestId("job-status")).toHaveText("Open");
  await page.getByRole("button", { name: "Remove post…" }).click();
  const dialog = page.getByRole("dialog", { name: "Remove this job post" });
  await dialog.getByLabel("Reason").fill("Spam.");
  await dialog.getByRole("button", { name: "Remove post" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("job-status")).toHaveText("Removed");
  await expect(page.getByText("This job was removed by Worklane")).toBeVisible();
  await checkPage(page, testInfo, "admin-job-removed");
});

test("the admin overview shows the platform's figures; members are kept out", async ({ page, request }, testInfo) => {
  await test.step("a member is told the console is for admins", async () => {
    const email = uniqueEmail(`overview-${testInfo.project.name}`);
    await person(request, email, "Nina Member", ["client"]);
    await signIn(page, email);
    await expect(nav(page).getByRole("link", { name: "Admin" })).toHaveCount(0);
    await page.goto("/admin");
    await expect(page.getByRole("heading", { name: "This page is for Worklane admins" })).toBeVisible();
    const token = await accessToken(request, email);
    const response = await request.get("/api/v1/admin/stats", { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status()).toBe(403);
    await nav(page).getByRole("button", { name: "Sign out" }).click();
    await expect(nav(page).getByRole("link", { name: "Sign in" })).toBeVisible();
  });

  await test.step("the admin sees money, people and queues, and the sign-ups chart", async () => {
    await signInAdmin(page);
    await nav(page).getByRole("link", { name: "Admin" }).click();
    await expect(page).toHaveURL(/\/admin$/);
    await expect(page.getByRole("heading", { level: 1, name: "Admin overview" })).toBeVisible();
    const figures = page.getByTestId("figure");
    await expect(figures).toHaveCount(9);
    await expect(figures.first()).toHaveText(/^\$[\d,]+\.\d{2}$/);
    const accounts = page.locator(".figure").filter({ hasText: "Accounts" }).getByTestId("figure");
    await expect(accounts).toHaveText(/^[1-9][\d,]*$/);
    const chart = page.getByRole("img", { name: /Sign-ups per day/ });
    await expect(chart).toBeVisible();
    await expect(chart).toHaveAccessibleName(/sign-ups? in the last 30 days/);
    await page.getByText("Show the figures as a table").click();
    await expect(page.getByRole("table").getByRole("row")).toHaveCount(31);
    await checkPage(page, testInfo, "admin-overview");
    for (const section of ["People", "Flags", "Disputes", "Identity", "Audit log", "Overview"]) {
      await adminNav(page).getByRole("link", { name: section }).click();
      await expect(adminNav(page).getByRole("link", { name: section })).toHaveAttribute("aria-current", "page");
    }
  });
});
