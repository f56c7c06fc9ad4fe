import { mkdirSync } from "node:fs";
import { deflateSync } from "node:zlib";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type APIRequestContext, type Locator, type Page, type TestInfo } from "@playwright/test";

const artifacts = path.join(import.meta.dirname, "artifacts");

/**
 * A page the journey reached: check it with axe (no serious or critical violations)
 * and keep a full-page screenshot in e2e/artifacts/.
 */
export async function checkPage(page: Page, testInfo: TestInfo, name: string, options: { dir?: string } = {}): Promise<void> {
  // Let fonts, lazy chunks and transitions settle before judging the page.
  await page.waitForLoadState("networkidle");
  // With a `dir` (one journey's folder), the shots are named by step alone:
  // e2e/artifacts/<dir>/01-<name>.png; otherwise e2e/artifacts/<project>-01-<name>.png.
  const folder = options.dir ? path.join(artifacts, options.dir) : artifacts;
  mkdirSync(folder, { recursive: true });
  const step = String(stepCounter(testInfo)).padStart(2, "0");
  await page.screenshot({
    path: path.join(folder, options.dir ? `${step}-${name}.png` : `${testInfo.project.name}-${step}-${name}.png`),
    fullPage: true,
  });

  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = serious.map(
    (v) => `${v.impact ?? "?"}: ${v.id} (${v.help})\n${v.nodes.map((n) => `    ${n.target.join(" ")}`).join("\n")}`,
  );
  expect(report, `accessibility violations on "${name}" (${page.url()})`).toEqual([]);
}

const counters = new WeakMap<TestInfo, number>();
function stepCounter(testInfo: TestInfo): number {
  const next = (counters.get(testInfo) ?? 0) + 1;
  counters.set(testInfo, next);
  return next;
}

export function uniqueEmail(tag: string): string {
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  return `e2e-${tag}-${stamp}@example.com`;
}

interface DevMail {
  id: string;
  to: string;
  subject: string;
  text_body: string;
  created_at: string;
}

/** Wait for the verification mail to reach the development mailbox; return its link. */
export async function verificationLink(request: APIRequestContext, email: string): Promise<string> {
  let link = "";
  await expect
    .poll(
      async () => {
        const response = await request.get(`/api/v1/dev/mailbox?to=${encodeURIComponent(email)}`);
        if (!response.ok()) return `mailbox answered ${response.status()}`;
        const body = (await response.json()) as { data: DevMail[] };
        for (const mail of body.data) {
          const match = /https?:\/\/\S+\/verify-email\?token=[^\s"'<>]+/.exec(mail.text_body);
          if (match) {
            link = match[0];
            return "found";
          }
        }
        return `${body.data.length} mails, no verification link yet`;
      },
      { message: `verification mail for ${email}`, timeout: 30_000, intervals: [250, 500, 1000] },
    )
    .toBe("found");
  return link;
}


export const PASSWORD = "quiet-harbor-lantern-47";

/** The accounts `worklane seed --demo` creates (the live test run seeds them). */
export const DEMO = {
  password: "worklane-demo-pass",
  client: "client@demo.worklane.test",
  freelancer: "freelancer@demo.worklane.test",
  freelancerName: "Diego Álvarez",
  admin: "admin@demo.worklane.test",
} as const;

export function nav(page: Page) {
  return page.getByRole("navigation", { name: "Main" });
}

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(nav(page).getByRole("button", { name: "Sign out" })).toBeVisible();
}

export async function signOut(page: Page) {
  await nav(page).getByRole("button", { name: "Sign out" }).click();
  await expect(nav(page).getByRole("link", { name: "Sign in" })).toBeVisible();
}

/** Pick a skill through the type-ahead: type part of the name, then choose the option. */
export async function pickSkill(page: Page, typed: string, name: string, how: "keyboard" | "mouse") {
  const box = page.getByRole("combobox", { name: "Skills" });
  await box.fill(typed);
  const option = page.getByRole("option", { name, exact: true });
  await expect(option).toBeVisible();
  if (how === "mouse") {
    await option.click();
  } else {
    // Walk down the list to the option with the arrow keys, then take it with Enter.
    for (let i = 0; i < 10; i++) {
      await box.press("ArrowDown");
      if ((await option.getAttribute("aria-selected")) === "true") break;
    }
    await expect(option).toHaveAttribute("aria-selected", "true");
    await box.press("Enter");
  }
  await expect(page.getByRole("list", { name: "Chosen skills" }).getByText(name, { exact: true })).toBeVisible();
  await expect(box).toHaveValue("");
}

interface SignupData {
  email: string;
  full_name: string;
  country: string;
  timezone: string;
  roles: ("client" | "freelancer")[];
}

/** POST /auth/signup; returns the new user's id. */
export async function signUpViaApi(request: APIRequestContext, data: SignupData): Promise<string> {
  const response = await request.post("/api/v1/auth/signup", { data: { ...data, password: PASSWORD } });
  expect(response.status(), await response.text()).toBe(201);
  const user = (await response.json()) as { id: string };
  return user.id;
}

/** Verify the address with the token from the development mailbox. */
export async function verifyViaApi(request: APIRequestContext, email: string): Promise<void> {
  const token = new URL(await verificationLink(request, email)).searchParams.get("token");
  const response = await request.post("/api/v1/auth/verify-email", { data: { token } });
  expect(response.ok(), await response.text()).toBe(true);
}

/** Sign in through the API; returns the access token. */
export async function accessToken(request: APIRequestContext, email: string): Promise<string> {
  const response = await request.post("/api/v1/auth/login", { data: { email, password: PASSWORD } });
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { access_token: string }).access_token;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (crcTable[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A small solid-colour RGB PNG, made on the spot. */
export function tinyPng(size = 16, rgb: [number, number, number] = [18, 128, 106]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => rgb).flat())]);
  const pixels = Buffer.concat(Array.from({ length: size }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header),
    pngChunk("IDAT", deflateSync(pixels)),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

/**
 * The same check at 375 px wide (for journeys that run in the desktop project only):
 * axe and a screenshot named `<name>-375`, then back to the page's own size.
 */
export async function checkPageNarrow(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 375, height: 740 });
  try {
    await checkPage(page, testInfo, `${name}-375`);
  } finally {
    if (size) await page.setViewportSize(size);
  }
}

/** A made-up word no other job or profile contains (letters only: one token to the search index). */
export function uniqueWord(stem: string): string {
  return stem + Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("");
}

/** Save the 4242 sandbox card on the payment methods page. */
export async function addCard(page: Page): Promise<void> {
  await page.goto("/settings/payment-methods");
  await expect(page.getByRole("heading", { name: "Payment methods", level: 1 })).toBeVisible();
  await page.getByLabel("Card number", { exact: true }).fill("4242 4242 4242 4242");
  await page.getByLabel("Expiry month", { exact: true }).selectOption("12");
  await page.getByLabel("Expiry year", { exact: true }).selectOption(String(new Date().getFullYear() + 3));
  await page.getByLabel("Security code", { exact: true }).fill("123");
  await page.getByRole("button", { name: "Add card" }).click();
  await expect(page.getByText("Visa ending in 4242 is saved.", { exact: false })).toBeVisible();
}

/** The value of a line of a quote ("Withdrawal fee" -> "$1.00"). */
export function quoteLine(page: Page | Locator, term: string): Locator {
  return page.locator(".quote__line").filter({ has: page.getByText(term, { exact: true }) }).locator("dd");
}

/** The value of one of a page's facts ("Paid so far" -> "$300.00"). */
export function fact(page: Page, term: string): Locator {
  return page.locator(".hiring-facts > div").filter({ has: page.getByText(term, { exact: true }) }).locator("dd");
}

/** A conversation's messages. */
export function thread(page: Page): Locator {
  return page.getByRole("log");
}

export function messageWith(page: Page, text: string): Locator {
  return thread(page).getByTestId("message").filter({ hasText: text });
}

/** Write a message in the open conversation and send it; it shows, and the box empties. */
export async function sendMessage(page: Page, text: string): Promise<void> {
  await page.getByRole("textbox", { name: "Your message" }).fill(text);
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(messageWith(page, text)).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Your message" })).toHaveValue("");
}
