import { expect, test, type Page } from "@playwright/test";
import { checkPage, nav, signIn, signUpViaApi, uniqueEmail } from "./helpers";

const pageErrors: string[] = [];
test.beforeEach(({ page }) => {
  pageErrors.length = 0;
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("console", (message) => {
    // The refused private address answers 422: expected here.
    if (message.type() === "error" && !/status of 4\d\d/.test(message.text())) pageErrors.push(message.text());
  });
});
test.afterEach(() => {
  expect(pageErrors, "errors in the browser console").toEqual([]);
});

async function openIntegrations(page: Page) {
  await nav(page).getByRole("link", { name: "Account" }).click();
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  await page.getByRole("link", { name: "Integrations", exact: true }).click();
  await expect(page).toHaveURL(/\/settings\/integrations$/);
  await expect(page.getByRole("heading", { name: "Integrations", level: 1 })).toBeVisible();
}

// A public address (an IP literal, so no DNS is needed); nothing is ever sent to it here.
const PUBLIC_URL = "https://93.184.216.34/worklane-hook";

test("webhooks: a private address refused, an endpoint added with its secret shown once, its deliveries, deleted", async ({ page, request }, testInfo) => {
  const email = uniqueEmail(`hooks-${testInfo.project.name}`);
  await signUpViaApi(request, { email, full_name: "Wren Webhook", country: "NZ", timezone: "Pacific/Auckland", roles: ["client"] });
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  const section = page.getByRole("region", { name: "Webhook endpoints" });
  let secret = "";

  await test.step("the integrations page says there is no endpoint and how deliveries work", async () => {
    await signIn(page, email);
    await openIntegrations(page);
    await expect(section.getByText("No endpoints yet")).toBeVisible();
    await expect(page.getByRole("heading", { name: "How deliveries work" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Signature check in Node.js" })).toContainText("createHmac");
    await checkPage(page, testInfo, "integrations-empty");
  });

  await test.step("an address that is not https, then one on a private network, are refused on the URL field", async () => {
    await section.getByRole("button", { name: "Add endpoint" }).click();
    const url = section.getByLabel("Endpoint URL");
    await expect(url).toBeFocused();
    await section.getByRole("checkbox", { name: /A milestone was funded/ }).check();
    await section.getByRole("checkbox", { name: /A payment was released/ }).check();

    await url.fill("http://127.0.0.1:18303/hook");
    await section.getByRole("button", { name: "Add endpoint" }).click();
    await expect(section.getByText("Use an https:// address: deliveries are only sent over HTTPS.")).toBeVisible();
    await expect(url).toHaveAttribute("aria-invalid", "true");

    // The server's own check (SSRF protection): loopback, private and reserved networks are refused.
    await url.fill("https://127.0.0.1/worklane-hook");
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/api/v1/webhooks") && r.request().method() === "POST"),
      section.getByRole("button", { name: "Add endpoint" }).click(),
    ]);
    expect(answer.status()).toBe(422);
    expect(((await answer.json()) as { errors: { field: string; code: string }[] }).errors).toEqual([
      expect.objectContaining({ field: "url", code: "private_address" }),
    ]);
    await expect(section.getByText(/That address is on a private or reserved network/)).toBeVisible();
    await expect(url).toBeFocused();
    await checkPage(page, testInfo, "integrations-private-refused");
  });

  await test.step("a public https address is added; its signing secret is shown once", async () => {
    await section.getByLabel("Endpoint URL").fill(PUBLIC_URL);
    await section.getByLabel("Description (optional)").fill("Accounting sync");
    await section.getByRole("button", { name: "Add endpoint" }).click();
    await expect(section.getByRole("heading", { name: "Endpoint added" })).toBeFocused();
    secret = await section.getByLabel("Signing secret").inputValue();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{20,}$/);
    await expect(section.getByText(/it is shown only this once/)).toBeVisible();
    await section.getByRole("button", { name: "Copy secret" }).click();
    await expect(section.getByText("Copied.")).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    const item = section.getByTestId("endpoint");
    await expect(item).toHaveCount(1);
    await expect(item).toContainText(PUBLIC_URL);
    await checkPage(page, testInfo, "integrations-secret");
  });

  await test.step("after a reload the secret is gone; the endpoint stays listed", async () => {
    await page.reload();
    const item = section.getByTestId("endpoint");
    await expect(item).toContainText(PUBLIC_URL);
    await expect(item).toContainText("Accounting sync");
    await expect(item).toContainText("milestone.funded");
    await expect(item).toContainText("payment.released");
    await expect(page.getByLabel("Signing secret")).toHaveCount(0);
    await expect(page.getByText(secret)).toHaveCount(0);
    expect(await page.content()).not.toContain(secret);
  });

  await test.step("its deliveries view says nothing was delivered yet", async () => {
    await section.getByRole("link", { name: `Deliveries to ${PUBLIC_URL}` }).click();
    await expect(page).toHaveURL(/\/settings\/integrations\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { name: "Deliveries", level: 1 })).toBeVisible();
    await expect(page.getByRole("region", { name: "Endpoint" }).getByText(PUBLIC_URL, { exact: true })).toBeVisible();
    await expect(page.getByText("No deliveries yet")).toBeVisible();
    await page.getByRole("button", { name: "Refresh" }).click();
    await expect(page.getByText("No deliveries yet")).toBeVisible();
    await checkPage(page, testInfo, "integrations-deliveries-empty");
    await page.getByRole("link", { name: "← Integrations" }).click();
  });

  await test.step("deleting asks first, then the endpoint is gone", async () => {
    await section.getByRole("button", { name: `Delete ${PUBLIC_URL}` }).click();
    const dialog = page.getByRole("dialog", { name: "Delete this endpoint?" });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("button", { name: "Keep it" })).toBeFocused();
    await checkPage(page, testInfo, "integrations-delete-confirm");
    await dialog.getByRole("button", { name: "Delete endpoint" }).click();
    await expect(section.getByText(/is deleted: nothing more is sent to it/)).toBeVisible();
    await expect(section.getByText("No endpoints yet")).toBeVisible();
    await checkPage(page, testInfo, "integrations-deleted");

    // Its history stays readable.
    await section.getByRole("link", { name: "Its delivery history" }).click();
    await expect(page.getByText(/This endpoint is deleted/)).toBeVisible();
    await expect(page.getByText("No deliveries yet")).toBeVisible();
  });
});
