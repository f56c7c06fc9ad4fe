import { expect, test } from "@playwright/test";
import { accessToken, checkPage, nav, pickSkill, signIn, signUpViaApi, tinyPng, uniqueEmail, verifyViaApi } from "./helpers";

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

async function completeness(page: import("@playwright/test").Page): Promise<number> {
  const text = (await page.getByTestId("completeness").textContent()) ?? "";
  return Number(/(\d+)%/.exec(text)?.[1] ?? "NaN");
}

test("a freelancer fills in the profile, adds a photo and sees the public page", async ({ page, request }, testInfo) => {
  const email = uniqueEmail(`profile-${testInfo.project.name}`);
  const name = "Fern Freelancer";
  const title = "Booking and payments developer for small clinics";

  await test.step("sign up as a freelancer (API, unverified) and sign in", async () => {
    await signUpViaApi(request, { email, full_name: name, country: "PT", timezone: "Europe/Lisbon", roles: ["freelancer"] });
    await signIn(page, email);
  });

  let before = 0;
  await test.step("the empty profile shows what is missing", async () => {
    await nav(page).getByRole("link", { name: "My profile" }).click();
    await expect(page.getByRole("heading", { name: "Your profile", level: 1 })).toBeVisible();
    await expect(page.getByText("Write a professional title")).toBeVisible();
    await expect(page.getByText("No languages added yet.")).toBeVisible();
    before = await completeness(page);
    await checkPage(page, testInfo, "profile-empty");
  });

  await test.step("choose a photo, see the preview, upload it", async () => {
    await page.getByLabel("Profile photo").setInputFiles({ name: "not-a-photo.txt", mimeType: "text/plain", buffer: Buffer.from("hello") });
    await expect(page.getByText("Choose a PNG, JPEG, WebP or GIF image.")).toBeVisible();
    await page.getByLabel("Profile photo").setInputFiles({ name: "me.png", mimeType: "image/png", buffer: tinyPng(48) });
    await expect(page.getByRole("img", { name: `Photo of ${name}` })).toHaveAttribute("src", /^blob:/);
    await page.getByRole("button", { name: "Upload photo" }).click();
    await expect(page.getByText("Your photo is saved.")).toBeVisible();
    await expect(page.getByRole("img", { name: `Photo of ${name}` })).toHaveAttribute("src", /\/photo/);
  });

  await test.step("validation: a bad rate and an empty language are caught before sending", async () => {
    await page.getByLabel("Hourly rate (USD)").fill("2");
    await page.getByRole("button", { name: "Add a language" }).click();
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByText("The hourly rate must be at least $3.00.")).toBeVisible();
    await expect(page.getByText("Enter the language.")).toBeVisible();
    await expect(page.getByText("Add at least one skill.")).toBeVisible();
    await checkPage(page, testInfo, "profile-errors");
  });

  await test.step("fill in the basics, skills, a language and a project; save", async () => {
    await page.getByLabel("Professional title").fill(title);
    await page
      .getByLabel("Overview", { exact: true })
      .fill("I build booking pages and payment flows for clinics and studios.\n\nEight years, forty clients, no missed launches.");
    await page.getByLabel("Hourly rate (USD)").fill("55");
    await page.getByLabel("Availability").selectOption("less_than_30");
    await pickSkill(page, "reac", "React", "keyboard");
    await pickSkill(page, "typescr", "TypeScript", "mouse");
    await page.getByLabel("Language", { exact: true }).fill("English");
    await page.getByLabel("Level").selectOption("fluent");
    await page.getByRole("button", { name: "Add a project" }).click();
    await page.getByLabel("Project title").fill("Dental clinic booking");
    await page.getByLabel("Link (optional)").first().fill("https://example.com/dental");
    await checkPage(page, testInfo, "profile-filled");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByText("Your profile is saved.")).toBeVisible();
    await expect.poll(() => completeness(page)).toBeGreaterThan(before);
    await expect(page.getByText("Write a professional title")).toHaveCount(0);
    await checkPage(page, testInfo, "profile-saved");
  });

  await test.step("the public page shows the profile", async () => {
    await page.getByRole("link", { name: "View public profile" }).click();
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
    await expect(page.getByText(title)).toBeVisible();
    await expect(page.getByText("$55.00/hr")).toBeVisible();
    await expect(page.getByText(/Portugal · .* local time/)).toBeVisible();
    await expect(page.getByRole("list", { name: "Skills" }).getByText("React", { exact: true })).toBeVisible();
    await expect(page.getByRole("list", { name: "Skills" }).getByText("TypeScript", { exact: true })).toBeVisible();
    await expect(page.getByText("Eight years, forty clients, no missed launches.")).toBeVisible();
    await expect(page.getByRole("link", { name: /Dental clinic booking/ })).toHaveAttribute("href", "https://example.com/dental");
    await expect(page.getByText("English")).toBeVisible();
    await expect(page.getByText("No reviews yet")).toBeVisible();
    await expect(page.getByTestId("reputation-jss")).toHaveText("No Job Success Score yet");
    const photo = page.getByRole("img", { name: `Photo of ${name}` });
    await expect(photo).toBeVisible();
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(48);
    await checkPage(page, testInfo, "freelancer-public");
  });
});

test("a client describes the company and the job page shows the client card", async ({ page, request }, testInfo) => {
  const email = uniqueEmail(`company-${testInfo.project.name}`);
  const company = `Northwind Studio ${Date.now().toString(36)}`;
  let jobId = "";

  await test.step("sign up and verify a client, post a job (API)", async () => {
    await signUpViaApi(request, { email, full_name: "Cleo Client", country: "DE", timezone: "Europe/Berlin", roles: ["client"] });
    await verifyViaApi(request, email);
    const token = await accessToken(request, email);
    const categories = (await (await request.get("/api/v1/categories")).json()) as { id: string }[];
    const skills = (await (await request.get("/api/v1/skills?q=react")).json()) as { data: { id: string }[] };
    const response = await request.post("/api/v1/jobs", {
      headers: { Authorization: `Bearer ${token}` },
      data: {
        title: "Booking page for a yoga studio",
        description: "We need a booking page where members pick a class, pay, and get a reminder the day before.",
        category_id: categories[0]?.id,
        skill_ids: [skills.data[0]?.id],
        job_type: "fixed",
        budget: "800.00",
        experience_level: "intermediate",
        project_length: "1_to_3_months",
        hours_per_week: "less_than_30",
        visibility: "public",
        screening_questions: [],
      },
    });
    expect(response.status(), await response.text()).toBe(201);
    jobId = ((await response.json()) as { id: string }).id;
    await signIn(page, email);
  });

  await test.step("fill in the company profile", async () => {
    await nav(page).getByRole("link", { name: "Company" }).click();
    await expect(page.getByRole("heading", { name: "Company profile", level: 1 })).toBeVisible();
    await checkPage(page, testInfo, "company-empty");
    await page.getByLabel("Website").fill("northwind.example");
    await page.getByRole("button", { name: "Save company profile" }).click();
    await expect(page.getByText("Enter a web address starting with http:// or https://.")).toBeVisible();
    await page.getByLabel("Company name").fill(company);
    await page.getByLabel("About the company").fill("A small design studio.\n\nWe hire for web work.");
    await page.getByLabel("Company size").selectOption("2_to_9");
    await page.getByLabel("Website").fill("https://northwind.example");
    await page.getByRole("button", { name: "Save company profile" }).click();
    await expect(page.getByText("Your company profile is saved.")).toBeVisible();
    await checkPage(page, testInfo, "company-saved");
  });

  await test.step("the public client page", async () => {
    await page.getByRole("link", { name: "View public profile" }).click();
    await expect(page.getByRole("heading", { name: company, level: 1 })).toBeVisible();
    await expect(page.getByText("2–9 people")).toBeVisible();
    await expect(page.getByText("We hire for web work.")).toBeVisible();
    await checkPage(page, testInfo, "client-public");
  });

  await test.step("signed out, the job page shows the client card", async () => {
    await nav(page).getByRole("button", { name: "Sign out" }).click();
    await expect(nav(page).getByRole("link", { name: "Sign in" })).toBeVisible();
    await page.goto(`/jobs/${jobId}`);
    const card = page.getByRole("region", { name: "About the client" });
    await expect(card.getByRole("link", { name: company })).toBeVisible();
    await expect(card.getByText("Germany")).toBeVisible();
    await expect(card.getByText("Member since")).toBeVisible();
    await expect(card.getByText("Jobs posted")).toBeVisible();
    await expect(card.getByText("Payment not verified")).toBeVisible();
    await checkPage(page, testInfo, "job-client-card");
  });
});
