import { expect, test, type Page } from "@playwright/test";
import { checkPage, uniqueEmail, verificationLink } from "./helpers";

const PASSWORD = "quiet-harbor-lantern-47";

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

function nav(page: Page) {
  return page.getByRole("navigation", { name: "Main" });
}

async function expectSignedOut(page: Page) {
  await expect(nav(page).getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(nav(page).getByRole("link", { name: "Sign up" })).toBeVisible();
  await expect(nav(page).getByRole("button", { name: "Sign out" })).toHaveCount(0);
  expect(await page.evaluate(() => window.localStorage.getItem("worklane.refresh_token"))).toBeNull();
}

test("sign up, verify the email, sign out and back in", async ({ page, request }, testInfo) => {
  const email = uniqueEmail(testInfo.project.name);

  await test.step("home page", async () => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectSignedOut(page);
    await checkPage(page, testInfo, "home");
  });

  await test.step("sign up", async () => {
    await nav(page).getByRole("link", { name: "Sign up" }).click();
    await expect(page).toHaveURL(/\/signup$/);
    await expect(page.getByRole("heading", { name: "Create your Worklane account" })).toBeVisible();
    await expect(page.getByLabel("Country")).toBeEnabled();
    await checkPage(page, testInfo, "signup");

    // Submitting nothing shows the field errors without calling the server.
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("Enter your email address.")).toBeVisible();
    await checkPage(page, testInfo, "signup-errors");

    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await expect(page.getByText(/Strong|Good/)).toBeVisible();
    await page.getByLabel("Full name").fill("Edie Tester");
    await page.getByLabel("Country").selectOption("DE");
    await page.getByLabel("Time zone").selectOption("Europe/Berlin");
    await page.getByRole("checkbox", { name: /I want to work/ }).check();
    await page.getByRole("button", { name: "Create account" }).click();
  });

  await test.step("check your email", async () => {
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    await expect(page.getByText(email)).toBeVisible();
    // Signed in automatically.
    await expect(nav(page).getByRole("button", { name: "Sign out" })).toBeVisible();
    await checkPage(page, testInfo, "check-email");
  });

  await test.step("the account asks to verify the email", async () => {
    await page.getByRole("link", { name: "Go to your account" }).click();
    await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
    await expect(page.getByText("Please verify your email address")).toBeVisible();
    await expect(page.getByRole("button", { name: "Resend verification email" })).toBeVisible();
    await expect(page.getByTestId("email-status")).toHaveText(/not verified/);
    await checkPage(page, testInfo, "account-unverified");
  });

  let link = "";
  await test.step("the verification mail arrives", async () => {
    link = await verificationLink(request, email);
    await nav(page).getByRole("link", { name: "Mailbox (dev)" }).click();
    await expect(page.getByRole("heading", { name: "Development mailbox" })).toBeVisible();
    // The signed-in user's own address is shown by default.
    await expect(page.getByLabel("Email address")).toHaveValue(email);
    await expect(page.getByRole("article").first()).toBeVisible();
    await expect(page.getByRole("link", { name: /verify-email\?token=/ }).first()).toBeVisible();
    await checkPage(page, testInfo, "mailbox");
  });

  await test.step("follow the link: verified", async () => {
    const url = new URL(link);
    const sameOrigin = url.origin === new URL(page.url()).origin;
    if (sameOrigin) {
      await page.getByRole("link", { name: link }).first().click();
    } else {
      // The server's public origin differs from the test origin: open the same path here.
      await page.goto(`${url.pathname}${url.search}`);
    }
    await expect(page.getByText("Your email is verified")).toBeVisible();
    await checkPage(page, testInfo, "verify-email");
    await page.getByRole("link", { name: "Go to your account" }).click();
    await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
    await expect(page.getByTestId("email-status")).toHaveText(/Email verified/);
    await checkPage(page, testInfo, "account-verified");
  });

  await test.step("a used link is refused", async () => {
    const url = new URL(link);
    await page.goto(`${url.pathname}${url.search}`);
    await expect(page.getByText("We could not verify your email")).toBeVisible();
    await checkPage(page, testInfo, "verify-email-used");
  });

  await test.step("sign out", async () => {
    await nav(page).getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByText("You have signed out.")).toBeVisible();
    await expectSignedOut(page);
  });

  await test.step("the account page asks to sign in", async () => {
    await page.goto("/account");
    await expect(page).toHaveURL(/\/login\?next=%2Faccount$/);
    await expect(page.getByRole("heading", { name: "Sign in to Worklane" })).toBeVisible();
    await checkPage(page, testInfo, "login");
  });

  await test.step("a wrong password is refused", async () => {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("not-the-right-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").or(page.locator(".alert--error"))).toBeVisible();
    await checkPage(page, testInfo, "login-failed");
  });

  await test.step("sign in: back to the account, verified", async () => {
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByTestId("email-status")).toHaveText(/Email verified/);
    await expect(page.getByText(email)).toBeVisible();
  });

  await test.step("the session survives a reload (refresh token)", async () => {
    await page.reload();
    await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
    await expect(page.getByTestId("email-status")).toHaveText(/Email verified/);
  });

  await test.step("edit the profile", async () => {
    await page.getByLabel("Full name").fill("Edie Q. Tester");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Your details are saved.")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Edie Q. Tester" })).toBeVisible();
    await checkPage(page, testInfo, "account-saved");
  });

  await test.step("sign out lands signed out", async () => {
    await nav(page).getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/$/);
    await expectSignedOut(page);
    await expect(page.getByText("You have signed out.")).toBeVisible();
    await checkPage(page, testInfo, "signed-out");
    await page.reload();
    await expectSignedOut(page);
    await expect(page.getByText("You have signed out.")).toHaveCount(0);
  });
});

test("the mailbox shows an empty state for an address without mail", async ({ page }, testInfo) => {
  await page.goto("/dev/mailbox");
  await expect(page.getByText("Choose an address")).toBeVisible();
  await checkPage(page, testInfo, "mailbox-no-address");
  await page.getByLabel("Email address").fill(uniqueEmail("nobody"));
  await page.getByRole("button", { name: "Show mail" }).click();
  await expect(page.getByText("No mail yet")).toBeVisible();
  await checkPage(page, testInfo, "mailbox-empty");
});

test("unknown pages show a 404", async ({ page }, testInfo) => {
  await page.goto("/no-such-page");
  await expect(page.getByRole("heading", { name: "We could not find that page" })).toBeVisible();
  await checkPage(page, testInfo, "not-found");
});
