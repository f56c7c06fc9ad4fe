import { mkdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type APIRequestContext, type Page, type TestInfo } from "@playwright/test";

const artifacts = path.join(import.meta.dirname, "artifacts");

/**
 * A page the journey reached: check it with axe (no serious or critical violations)
 * and keep a full-page screenshot in e2e/artifacts/.
 */
export async function checkPage(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  // Let fonts, lazy chunks and transitions settle before judging the page.
  await page.waitForLoadState("networkidle");
  mkdirSync(artifacts, { recursive: true });
  const step = String(stepCounter(testInfo)).padStart(2, "0");
  await page.screenshot({
    path: path.join(artifacts, `${testInfo.project.name}-${step}-${name}.png`),
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

