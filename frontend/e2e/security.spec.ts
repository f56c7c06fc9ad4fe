import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { serverNow } from "./contracts";
import { accessToken, checkPage, nav, PASSWORD, signIn, signOut, signUpViaApi, uniqueEmail } from "./helpers";

const pageErrors: string[] = [];
test.beforeEach(({ page }) => {
  pageErrors.length = 0;
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("console", (message) => {
    // 4xx answers are expected here (a wrong code's 401, a revoked session's 401).
    if (message.type() === "error" && !/status of 4\d\d/.test(message.text())) pageErrors.push(message.text());
  });
});
test.afterEach(() => {
  expect(pageErrors, "errors in the browser console").toEqual([]);
});

function base32Decode(text: string): Buffer {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of text.replace(/[\s=]/g, "").toUpperCase()) {
    const index = alphabet.indexOf(char);
    if (index < 0) throw new Error(`not base32: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 6238: HMAC-SHA1, 30-second steps, 6 digits, for the time `at` (ms). */
function totp(secret: string, at: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = createHmac("sha1", base32Decode(secret)).update(counter).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(code).padStart(6, "0");
}

/** Move the server's clock on (each 30-second step's code works once); return its time (ms). */
async function advanceClock(request: APIRequestContext, seconds: number): Promise<number> {
  const response = await request.post("/api/v1/dev/clock/advance", { data: { seconds } });
  expect(response.status(), await response.text()).toBe(200);
  return Date.parse(((await response.json()) as { now: string }).now);
}

async function openSecurity(page: Page) {
  await nav(page).getByRole("link", { name: "Account" }).click();
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  await page.getByRole("link", { name: "Security", exact: true }).click();
  await expect(page).toHaveURL(/\/settings\/security$/);
  await expect(page.getByRole("heading", { name: "Security", level: 1 })).toBeVisible();
}

async function passwordStep(page: Page, email: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Two-factor sign-in" })).toBeVisible();
}

test("two-factor sign-in: turn it on, sign in with the app's code, a wrong code refused, a recovery code once", async ({ page, request }, testInfo) => {
  test.setTimeout(150_000);
  const email = uniqueEmail(`2fa-${testInfo.project.name}`);
  await signUpViaApi(request, { email, full_name: "Tova Twofactor", country: "SE", timezone: "Europe/Stockholm", roles: ["freelancer"] });
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);

  let secret = "";
  let codes: string[] = [];
  const section = page.getByRole("region", { name: "Two-factor sign-in" });

  await test.step("the security page says two-factor sign-in is off", async () => {
    await signIn(page, email);
    await openSecurity(page);
    await expect(page.getByTestId("two-factor-state")).toHaveText("Off");
    await expect(page.getByRole("region", { name: "Where you’re signed in" }).getByText("This device")).toBeVisible();
    await checkPage(page, testInfo, "security-off");
  });

  await test.step("turn on: scan the QR code or type the key, then the app's code", async () => {
    await section.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
    const qr = section.getByRole("img", { name: /QR code for adding your Worklane account/ });
    await expect(qr).toBeVisible();
    expect(await qr.getAttribute("src")).toMatch(/^data:image\/svg\+xml;base64,/);
    secret = ((await section.getByLabel("Setup key").textContent()) ?? "").replace(/\s/g, "");
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await checkPage(page, testInfo, "security-setup");

    // A wrong code first: said beside the field.
    await section.getByLabel("Enter the 6-digit code the app shows").fill(totp(secret, (await serverNow(request)) + 3_600_000));
    await section.getByRole("button", { name: "Turn on", exact: true }).click();
    await expect(section.getByText(/That code is not right/)).toBeVisible();

    await section.getByLabel("Enter the 6-digit code the app shows").fill(totp(secret, await serverNow(request)));
    await section.getByRole("button", { name: "Turn on", exact: true }).click();
  });

  await test.step("the recovery codes are shown once, to copy or download", async () => {
    await expect(section.getByRole("heading", { name: "Save your recovery codes" })).toBeVisible();
    const items = section.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
    await expect(items).toHaveCount(10);
    codes = (await items.allTextContents()).map((c) => c.trim());
    for (const code of codes) expect(code).toMatch(/^[a-z0-9]{5}-[a-z0-9]{5}$/);

    await section.getByRole("button", { name: "Copy codes" }).click();
    await expect(section.getByText("Copied.")).toBeVisible();
    const [download] = await Promise.all([page.waitForEvent("download"), section.getByRole("button", { name: "Download (.txt)" }).click()]);
    expect(download.suggestedFilename()).toBe("worklane-recovery-codes.txt");
    const text = readFileSync(await download.path(), "utf8");
    for (const code of codes) expect(text).toContain(code);
    await checkPage(page, testInfo, "security-recovery-codes");

    await section.getByRole("button", { name: "I saved them" }).click();
    await expect(section.getByText("Two-factor sign-in is on.")).toBeVisible();
    await expect(page.getByTestId("two-factor-state")).toHaveText(/On/);
    await expect(page.getByTestId("recovery-codes-left")).toHaveText(/10 of 10/);
    // Not shown again.
    await expect(page.getByText(codes[0] ?? "")).toHaveCount(0);
    await checkPage(page, testInfo, "security-on");
  });

  await test.step("signing in asks for the code; a wrong one is refused", async () => {
    await signOut(page);
    await passwordStep(page, email);
    const field = page.getByLabel("Authentication code");
    await expect(field).toBeFocused();
    await expect(field).toHaveAttribute("inputmode", "numeric");
    await expect(field).toHaveAttribute("autocomplete", "one-time-code");
    await checkPage(page, testInfo, "login-code");

    await field.fill(totp(secret, (await serverNow(request)) + 3_600_000));
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText(/That code is not right, or was already used/)).toBeVisible();
    await expect(nav(page).getByRole("link", { name: "Sign in" })).toBeVisible();
    await checkPage(page, testInfo, "login-code-wrong");
  });

  await test.step("the app's next code signs in", async () => {
    // The code used to turn it on was this 30-second step's: move on to a fresh one.
    const now = await advanceClock(request, 30);
    await page.getByLabel("Authentication code").fill(totp(secret, now));
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(nav(page).getByRole("button", { name: "Sign out" })).toBeVisible();
    await expect(page).toHaveURL(/\/account$/);
  });

  await test.step("a recovery code signs in once", async () => {
    await signOut(page);
    await passwordStep(page, email);
    await page.getByRole("button", { name: "Use a recovery code instead" }).click();
    await page.getByLabel("Recovery code").fill(codes[0] ?? "");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(nav(page).getByRole("button", { name: "Sign out" })).toBeVisible();

    await signOut(page);
    await passwordStep(page, email);
    await page.getByRole("button", { name: "Use a recovery code instead" }).click();
    await page.getByLabel("Recovery code").fill(codes[0] ?? "");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("That recovery code is not right, or was already used.")).toBeVisible();

    // Back to the first step, the email kept.
    await page.getByRole("button", { name: "Back" }).click();
    await expect(page.getByLabel("Email")).toHaveValue(email);
    await expect(page.getByLabel("Password")).toHaveValue("");
  });

  await test.step("the security page counts the recovery codes left", async () => {
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("button", { name: "Use a recovery code instead" }).click();
    await page.getByLabel("Recovery code").fill(codes[1] ?? "");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(nav(page).getByRole("button", { name: "Sign out" })).toBeVisible();
    await openSecurity(page);
    await expect(page.getByTestId("recovery-codes-left")).toHaveText(/8 of 10/);
  });
});

test("access tokens are shown once, work within their scopes and stop when revoked; sign out everywhere", async ({ page, request }, testInfo) => {
  test.setTimeout(120_000);
  const email = uniqueEmail(`tokens-${testInfo.project.name}`);
  await signUpViaApi(request, { email, full_name: "Tomas Tokens", country: "PT", timezone: "Europe/Lisbon", roles: ["client"] });
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  const tokens = page.getByRole("region", { name: "Personal access tokens" });
  const name = "Invoice sync";
  let token = "";

  await test.step("create a token with the read scope", async () => {
    await signIn(page, email);
    await openSecurity(page);
    await expect(tokens.getByText("No tokens yet")).toBeVisible();
    await tokens.getByLabel("Name").fill(name);
    await expect(tokens.getByRole("checkbox", { name: /Read everything you can see/ })).toBeChecked();
    await tokens.getByLabel("Expires").selectOption({ label: "30 days" });
    await tokens.getByRole("button", { name: "Create token" }).click();

    await expect(tokens.getByRole("heading", { name: `Your new token “${name}”` })).toBeVisible();
    token = await tokens.getByLabel("Token", { exact: true }).inputValue();
    expect(token).toMatch(/^wlp_/);
    await expect(tokens.getByText(/shown only this once/)).toBeVisible();
    await tokens.getByRole("button", { name: "Copy token" }).click();
    await expect(tokens.getByText("Copied.")).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
    await checkPage(page, testInfo, "security-token-created");
  });

  await test.step("a program uses it: reading works, making tokens does not", async () => {
    const me = await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } });
    expect(me.status(), await me.text()).toBe(200);
    expect(((await me.json()) as { email: string }).email).toBe(email);
    const more = await request.post("/api/v1/me/tokens", {
      headers: { Authorization: `Bearer ${token}` },
      data: { name: "From a token", scopes: ["read"] },
    });
    expect(more.status(), await more.text()).toBe(403);
  });

  await test.step("the token is not shown again; the list has it", async () => {
    await tokens.getByRole("button", { name: "I copied it" }).click();
    await expect(page.getByLabel("Token", { exact: true })).toHaveCount(0);
    await page.reload();
    const item = tokens.getByTestId("token");
    await expect(item).toHaveCount(1);
    await expect(item).toContainText(name);
    await expect(item).toContainText("Active");
    await expect(item).toContainText(token.slice(0, 10));
    await expect(item).not.toContainText(token);
    await expect(item.getByText("Never")).toHaveCount(0); // used once, and it expires
    await checkPage(page, testInfo, "security-token-list");
  });

  await test.step("revoking it makes it stop working", async () => {
    await tokens.getByRole("button", { name: `Revoke ${name}` }).click();
    const dialog = page.getByRole("dialog", { name: `Revoke “${name}”?` });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Revoke token" }).click();
    await expect(tokens.getByText(`“${name}” is revoked: it no longer works.`)).toBeVisible();
    await expect(tokens.getByTestId("token")).toContainText("Revoked");
    const me = await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } });
    expect(me.status()).toBe(401);
  });

  await test.step("another session is listed and can be signed out", async () => {
    const other = await accessToken(request, email);
    await page.reload();
    const sessions = page.getByRole("region", { name: "Where you’re signed in" });
    await expect(sessions.getByTestId("session")).toHaveCount(2);
    await expect(sessions.getByTestId("session").filter({ hasText: "This device" })).toHaveCount(1);
    await checkPage(page, testInfo, "security-sessions");
    await sessions.getByTestId("session").getByRole("button", { name: /^Sign out/ }).click();
    await expect(sessions.getByText("That device is signed out.")).toBeVisible();
    await expect(sessions.getByTestId("session")).toHaveCount(1);
    const me = await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${other}` } });
    expect(me.status()).toBe(401);
  });

  await test.step("sign out everywhere lands on sign-in", async () => {
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    const dialog = page.getByRole("dialog", { name: "Sign out everywhere?" });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByText(/You signed out on every device/)).toBeVisible();
    await expect(nav(page).getByRole("link", { name: "Sign in" })).toBeVisible();
    expect(await page.evaluate(() => window.localStorage.getItem("worklane.refresh_token"))).toBeNull();
    await checkPage(page, testInfo, "signed-out-everywhere");
  });
});
