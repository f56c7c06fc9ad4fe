// Shared journey setup: a second browser window, API calls with a token, and a fixed-price
// contract made through the API (used by the delivery and dispute journeys).
import { expect, type APIRequestContext, type Browser, type Page, type TestInfo } from "@playwright/test";
import { accessToken, signUpViaApi, uniqueEmail, verifyViaApi } from "./helpers";

/** A second signed-out window with the project's viewport, locale and zone. */
export async function secondPage(browser: Browser, testInfo: TestInfo): Promise<Page> {
  const use = testInfo.project.use;
  const context = await browser.newContext({ baseURL: use.baseURL, viewport: use.viewport ?? null, locale: use.locale, timezoneId: use.timezoneId });
  return context.newPage();
}

export async function api<T>(request: APIRequestContext, token: string, method: "GET" | "POST", url: string, data?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const response = await request.fetch(url, { method, headers: { Authorization: `Bearer ${token}`, ...headers }, ...(data === undefined ? {} : { data }) });
  expect(response.ok(), `${method} ${url}: ${response.status()} ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

export interface Setup {
  contractId: string;
  cardId: string;
  clientEmail: string;
  freelancerEmail: string;
  title: string;
}

/**
 * Through the API: a verified client with the 4242 card posts a fixed-price job; a
 * verified freelancer proposes; the client offers two milestones (the first funded by
 * the card); the freelancer accepts. The browser takes it from there.
 */
export async function contractViaApi(request: APIRequestContext, tag: string): Promise<Setup> {
  const clientEmail = uniqueEmail(`delivery-client-${tag}`);
  const freelancerEmail = uniqueEmail(`delivery-freelancer-${tag}`);
  const title = `Clinic booking page ${Date.now().toString(36)}`;
  await signUpViaApi(request, { email: clientEmail, full_name: "Dora Client", country: "DE", timezone: "Europe/Berlin", roles: ["client"] });
  await verifyViaApi(request, clientEmail);
  await signUpViaApi(request, { email: freelancerEmail, full_name: "Felix Freelancer", country: "PT", timezone: "Europe/Lisbon", roles: ["freelancer"] });
  await verifyViaApi(request, freelancerEmail);
  const client = await accessToken(request, clientEmail);
  const freelancer = await accessToken(request, freelancerEmail);

  const card = await api<{ id: string }>(request, client, "POST", "/api/v1/payment-methods", {
    card_number: "4242 4242 4242 4242",
    exp_month: 12,
    exp_year: new Date().getFullYear() + 3,
    cvc: "123",
  });
  const categories = await api<{ id: string; subcategories: { id: string }[] }[]>(request, client, "GET", "/api/v1/categories");
  const skills = await api<{ data: { id: string }[] }>(request, client, "GET", "/api/v1/skills?q=react");
  const job = await api<{ id: string }>(request, client, "POST", "/api/v1/jobs", {
    title,
    description: "We need an online booking page for a small clinic.\n\nPatients pick a time and get a reminder the day before.",
    category_id: categories[0]?.subcategories[0]?.id ?? categories[0]?.id,
    skill_ids: [skills.data[0]?.id],
    job_type: "fixed",
    budget: "800.00",
    experience_level: "intermediate",
    project_length: "1_to_3_months",
    hours_per_week: "less_than_30",
    visibility: "public",
    screening_questions: [],
  });
  const proposal = await api<{ id: string }>(request, freelancer, "POST", `/api/v1/jobs/${job.id}/proposals`, {
    cover_letter: "I have built three clinic booking pages with reminders; I can start on Monday and deliver in two steps.",
    bid_amount: "800.00",
    milestones: [
      { title: "Designs", amount: "500.00" },
      { title: "Launch", amount: "300.00" },
    ],
    estimated_duration: "1_to_3_months",
    answers: [],
  });
  const offer = await api<{ id: string }>(
    request,
    client,
    "POST",
    "/api/v1/offers",
    {
      proposal_id: proposal.id,
      contract_type: "fixed",
      milestones: [
        { title: "Designs", amount: "500.00" },
        { title: "Launch", amount: "300.00" },
      ],
      payment_method_id: card.id,
    },
    { "Idempotency-Key": crypto.randomUUID() },
  );
  const accepted = await api<{ contract: { id: string } }>(request, freelancer, "POST", `/api/v1/offers/${offer.id}/accept`);
  return { contractId: accepted.contract.id, cardId: card.id, clientEmail, freelancerEmail, title };
}

export function milestone(page: Page, title: string) {
  return page.getByTestId("milestone").filter({ has: page.getByRole("heading", { name: new RegExp(`\\d+\\. ${title}$`) }) });
}


/**
 * The server's clock (process-wide, forward only, and maybe already moved by an earlier
 * journey): read it by moving it one second on.
 */
export async function serverNow(request: APIRequestContext): Promise<number> {
  const response = await request.post("/api/v1/dev/clock/advance", { data: { seconds: 1 } });
  expect(response.status(), await response.text()).toBe(200);
  return Date.parse(((await response.json()) as { now: string }).now);
}

/** Move the server's clock on to `target` (ms), or by a second if it is already there. */
export async function advanceClockTo(request: APIRequestContext, target: number): Promise<number> {
  const now = await serverNow(request);
  const seconds = Math.ceil((target - now) / 1000);
  if (seconds < 1) return now;
  const response = await request.post("/api/v1/dev/clock/advance", { data: { seconds } });
  expect(response.status(), await response.text()).toBe(200);
  return Date.parse(((await response.json()) as { now: string }).now);
}

const DAY_MS = 86_400_000;

/** Monday 00:00 UTC of the week holding `at` (ms). */
export function mondayUtc(at: number): number {
  const d = new Date(at);
  const midnight = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return midnight - ((d.getUTCDay() + 6) % 7) * DAY_MS;
}
