import { expect, test, type APIRequestContext, type Page, type WebSocketRoute } from "@playwright/test";
import { api, secondPage } from "./contracts";
import { accessToken, checkPage, messageWith, nav, sendMessage as send, signIn, signUpViaApi, thread, tinyPng, uniqueEmail, verifyViaApi } from "./helpers";

// Any uncaught error or dialog in either window fails the journey.
const pageErrors: string[] = [];
function watch(page: Page) {
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("dialog", (dialog) => {
    pageErrors.push(`a dialog opened: ${dialog.type()} "${dialog.message()}"`);
    void dialog.dismiss();
  });
  page.on("console", (message) => {
    if (message.type() === "error" && !/status of 4\d\d/.test(message.text())) pageErrors.push(message.text());
  });
}
test.beforeEach(({ page }) => {
  pageErrors.length = 0;
  watch(page);
});
test.afterEach(() => {
  expect(pageErrors, "errors or dialogs in the browser").toEqual([]);
});

interface Setup {
  clientEmail: string;
  freelancerEmail: string;
  clientToken: string;
  freelancerToken: string;
  proposalId: string;
  cardId: string;
  title: string;
}

/** A verified client with a card posts a job; a verified freelancer proposes (no offer yet). */
async function proposalViaApi(request: APIRequestContext, tag: string): Promise<Setup> {
  const clientEmail = uniqueEmail(`msg-client-${tag}`);
  const freelancerEmail = uniqueEmail(`msg-freelancer-${tag}`);
  const title = `Bakery ordering site ${Date.now().toString(36)}`;
  await signUpViaApi(request, { email: clientEmail, full_name: "Dora Client", country: "DE", timezone: "Europe/Berlin", roles: ["client"] });
  await verifyViaApi(request, clientEmail);
  await signUpViaApi(request, { email: freelancerEmail, full_name: "Felix Freelancer", country: "JP", timezone: "Asia/Tokyo", roles: ["freelancer"] });
  await verifyViaApi(request, freelancerEmail);
  const clientToken = await accessToken(request, clientEmail);
  const freelancerToken = await accessToken(request, freelancerEmail);
  const card = await api<{ id: string }>(request, clientToken, "POST", "/api/v1/payment-methods", {
    card_number: "4242 4242 4242 4242",
    exp_month: 12,
    exp_year: new Date().getFullYear() + 3,
    cvc: "123",
  });
  const categories = await api<{ id: string; subcategories: { id: string }[] }[]>(request, clientToken, "GET", "/api/v1/categories");
  const skills = await api<{ data: { id: string }[] }>(request, clientToken, "GET", "/api/v1/skills?q=react");
  const job = await api<{ id: string }>(request, clientToken, "POST", "/api/v1/jobs", {
    title,
    description: "Our bakery needs a site where customers order cakes for pickup.\n\nOrders arrive by email.",
    category_id: categories[0]?.subcategories[0]?.id ?? categories[0]?.id,
    skill_ids: [skills.data[0]?.id],
    job_type: "fixed",
    budget: "600.00",
    experience_level: "intermediate",
    project_length: "1_to_3_months",
    hours_per_week: "less_than_30",
    visibility: "public",
    screening_questions: [],
  });
  const proposal = await api<{ id: string }>(request, freelancerToken, "POST", `/api/v1/jobs/${job.id}/proposals`, {
    cover_letter: "I have built ordering sites for two bakeries; pickup slots and email orders are my daily bread.",
    bid_amount: "600.00",
    milestones: [{ title: "Ordering site", amount: "600.00" }],
    estimated_duration: "1_to_3_months",
    answers: [],
  });
  return { clientEmail, freelancerEmail, clientToken, freelancerToken, proposalId: proposal.id, cardId: card.id, title };
}

test("client and freelancer talk live: unread badges, replies, the off-platform warning, literal HTML, files, edits, search and the bell", async ({ page, browser, request }, testInfo) => {
  test.setTimeout(180_000);
  const setup = await proposalViaApi(request, testInfo.project.name);
  const freelancer = await secondPage(browser, testInfo);
  watch(freelancer);
  await signIn(page, setup.clientEmail);
  await signIn(freelancer, setup.freelancerEmail);

  await test.step("the client waits on the messages list; the freelancer opens the proposal's conversation from the proposal", async () => {
    await nav(page).getByRole("link", { name: /^Messages/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Messages" })).toBeVisible();
    await expect(page.getByTestId("conversation").filter({ hasText: setup.title })).toBeVisible();

    await freelancer.goto(`/proposals/${setup.proposalId}`);
    await freelancer.getByTestId("message-link").click();
    await expect(freelancer).toHaveURL(/\/messages\/[0-9a-f-]{36}$/);
    await expect(freelancer.getByRole("heading", { level: 2, name: /Dora Client/ })).toBeVisible();
    // The other party's local time, from their time zone.
    await expect(freelancer.getByTestId("local-time")).toContainText("Europe/Berlin");
    await expect(thread(freelancer).getByText("No messages yet")).toBeVisible();
  });

  await test.step("the freelancer writes; the client sees it arrive live, with unread badges", async () => {
    await send(freelancer, "Hello Dora, thanks for looking at my proposal!");
    const row = page.getByTestId("conversation").filter({ hasText: setup.title });
    await expect(row).toContainText("Hello Dora, thanks for looking");
    await expect(row.getByTestId("conversation-unread")).toHaveText("1");
    await expect(nav(page).getByRole("link", { name: "Messages, 1 unread" })).toBeVisible();
    await checkPage(page, testInfo, "messages-list-unread");
  });

  await test.step("the client opens it (read: the badges go) and replies; the freelancer sees the reply live", async () => {
    await page.getByTestId("conversation").filter({ hasText: setup.title }).click();
    await expect(messageWith(page, "Hello Dora, thanks for looking at my proposal!")).toBeVisible();
    await expect(page.getByTestId("local-time")).toContainText("Asia/Tokyo");
    await expect(nav(page).getByRole("link", { name: "Messages", exact: true })).toBeVisible();
    await send(page, "Hi Felix, when could you start?");
    await expect(messageWith(freelancer, "Hi Felix, when could you start?")).toBeVisible();
  });

  await test.step("a message with an email address warns its sender only (it was delivered)", async () => {
    await send(freelancer, "Monday. Write to me at felix.freelancer@example.com for the details.");
    const mine = messageWith(freelancer, "felix.freelancer@example.com");
    await expect(mine.getByTestId("message-warning")).toContainText("This message shares an email address");
    await expect(mine.getByTestId("message-warning")).toContainText("It was delivered");
    const theirs = messageWith(page, "felix.freelancer@example.com");
    await expect(theirs).toBeVisible();
    await expect(theirs.getByTestId("message-warning")).toHaveCount(0);
  });

  const html = "<img src=x onerror=alert(1)><script>alert(2)</script>";
  await test.step("markup in a message is shown as text, and nothing runs", async () => {
    await send(page, html);
    await expect(messageWith(freelancer, html)).toBeVisible();
    await expect(thread(freelancer).getByText(html, { exact: true })).toBeVisible();
    await expect(thread(page).locator("img[src=x], script")).toHaveCount(0);
    await expect(thread(freelancer).locator("img[src=x], script")).toHaveCount(0);
  });

  await test.step("the freelancer sends a file; the client gets a Download button for it", async () => {
    await freelancer.getByText("Attach files").click();
    await freelancer.getByLabel("Files").setInputFiles({ name: "moodboard.png", mimeType: "image/png", buffer: tinyPng(24) });
    await expect(freelancer.getByTestId("attached-file")).toContainText("moodboard.png");
    await send(freelancer, "Here is a first moodboard.");
    await expect(messageWith(page, "Here is a first moodboard.").getByRole("button", { name: "Download moodboard.png" })).toBeVisible();
    await checkPage(freelancer, testInfo, "thread-warning-attachment");
  });

  await test.step("the freelancer edits a recent message; the client sees the new text live", async () => {
    const mine = messageWith(freelancer, "Here is a first moodboard.");
    await mine.getByRole("button", { name: /^Edit the message you sent/ }).click();
    await freelancer.getByRole("textbox", { name: "Edited message" }).fill("Here is a first moodboard (colours to be agreed).");
    await freelancer.getByRole("button", { name: "Save" }).click();
    await expect(messageWith(freelancer, "colours to be agreed")).toContainText("edited");
    await expect(messageWith(page, "colours to be agreed")).toContainText("edited");
  });

  await test.step("the client searches the conversation", async () => {
    await page.getByRole("searchbox", { name: "Search this conversation" }).fill("monday");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(thread(page).getByTestId("message")).toHaveCount(1);
    await expect(thread(page).getByTestId("message")).toContainText("Monday. Write to me");
    await page.getByRole("button", { name: "Clear", exact: true }).click();
    await expect(thread(page).getByTestId("message")).toHaveCount(5);
  });

  await test.step("an offer sent through the API rings the freelancer's bell live", async () => {
    const bell = nav(freelancer).getByRole("button", { name: /^Notifications/ });
    await expect(bell).toBeVisible();
    const before = Number(/(\d+) unread/.exec((await bell.getAttribute("aria-label")) ?? "")?.[1] ?? "0");
    await api(
      request,
      setup.clientToken,
      "POST",
      "/api/v1/offers",
      { proposal_id: setup.proposalId, contract_type: "fixed", milestones: [{ title: "Ordering site", amount: "600.00" }], payment_method_id: setup.cardId },
      { "Idempotency-Key": crypto.randomUUID() },
    );
    await expect(nav(freelancer).getByRole("button", { name: `Notifications, ${before + 1} unread` })).toBeVisible();
    await nav(freelancer).getByRole("button", { name: /^Notifications/ }).click();
    const panel = freelancer.getByRole("region", { name: "Recent notifications" });
    await expect(panel.getByTestId("notification").first()).toBeVisible();
    await checkPage(freelancer, testInfo, "bell-open");
    await panel.getByRole("button", { name: "Mark all read" }).click();
    await expect(nav(freelancer).getByRole("button", { name: "Notifications", exact: true })).toBeVisible();
    await freelancer.keyboard.press("Escape");
    await expect(panel).toBeHidden();
    await expect(nav(freelancer).getByRole("button", { name: "Notifications", exact: true })).toBeFocused();
  });

  await test.step("the notification leads to the offer, whose Message button opens the offer's conversation", async () => {
    await nav(freelancer).getByRole("button", { name: "Notifications", exact: true }).click();
    await freelancer.getByRole("region", { name: "Recent notifications" }).getByTestId("notification").first().getByRole("link").click();
    await expect(freelancer).toHaveURL(/\/offers\/[0-9a-f-]{36}$/);
    await expect(freelancer.getByRole("region", { name: "Recent notifications" })).toBeHidden();
    await freelancer.getByTestId("message-link").click();
    await expect(freelancer).toHaveURL(/\/messages\/[0-9a-f-]{36}$/);
    await expect(freelancer.getByRole("heading", { level: 2, name: /Dora Client/ })).toBeVisible();
    await expect(freelancer.getByRole("main").getByTestId("conversation-kind").last()).toHaveText("Offer");
  });

  await test.step("the full notifications page and the email settings", async () => {
    await freelancer.goto("/notifications");
    await expect(freelancer.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
    await expect(freelancer.getByTestId("notification").first()).toBeVisible();
    await checkPage(freelancer, testInfo, "notifications");
    await freelancer.getByRole("link", { name: "Email settings" }).click();
    await expect(freelancer.getByRole("heading", { level: 1, name: "Notification settings" })).toBeVisible();
    const offers = freelancer.getByRole("switch", { name: "You receive an offer" });
    await expect(offers).toBeChecked();
    await offers.uncheck();
    await freelancer.getByRole("button", { name: "Save email settings" }).click();
    await expect(freelancer.getByText("Your email settings are saved.")).toBeVisible();
    await freelancer.reload();
    await expect(freelancer.getByRole("switch", { name: "You receive an offer" })).not.toBeChecked();
    await expect(freelancer.getByRole("switch", { name: "A milestone is funded" })).toBeChecked();
    await checkPage(freelancer, testInfo, "notification-settings");
  });
  await freelancer.context().close();
});

test("a long conversation loads older messages on request, and sending too fast is refused with the reason", async ({ page, request }, testInfo) => {
  const setup = await proposalViaApi(request, `${testInfo.project.name}-long`);
  const { data } = await api<{ data: { id: string }[] }>(request, setup.clientToken, "GET", `/api/v1/conversations?subject_id=${setup.proposalId}`);
  const conversationId = data[0]?.id ?? "";
  // 20 from the client (its limit for the minute) and 15 from the freelancer, in turns.
  for (let i = 1; i <= 35; i++) {
    const fromClient = i % 2 === 1 || i > 30;
    const token = fromClient ? setup.clientToken : setup.freelancerToken;
    await api(request, token, "POST", `/api/v1/conversations/${conversationId}/messages`, { body: `Note number ${i}` });
  }
  await signIn(page, setup.clientEmail);
  await page.goto(`/messages/${conversationId}`);
  await expect(messageWith(page, "Note number 35")).toBeVisible();
  await expect(thread(page).getByTestId("message")).toHaveCount(30);
  await expect(messageWith(page, "Note number 5").first()).toBeHidden();
  await thread(page).getByRole("button", { name: "Load older messages" }).click();
  await expect(thread(page).getByTestId("message")).toHaveCount(35);
  await expect(thread(page).getByTestId("message").first()).toContainText("Note number 1");
  await expect(thread(page).getByRole("button", { name: "Load older messages" })).toHaveCount(0);

  await page.getByRole("textbox", { name: "Your message" }).fill("One more thing!");
  await page.getByRole("button", { name: "Send", exact: true }).click();
  // The problem's detail, beside the box (the text stays for a later try).
  await expect(page.getByText("You can send 20 messages a minute; wait a moment.")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Your message" })).toHaveValue("One more thing!");
  await checkPage(page, testInfo, "thread-too-many");
});

test("the live socket comes back: with a fresh token after a 1008 close, and after a drop, catching up on what it missed", async ({ page, request }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "the socket does not depend on the screen size");
  const setup = await proposalViaApi(request, `${testInfo.project.name}-socket`);
  const { data } = await api<{ data: { id: string }[] }>(request, setup.clientToken, "GET", `/api/v1/conversations?subject_id=${setup.proposalId}`);
  const conversationId = data[0]?.id ?? "";
  const say = (body: string) => api(request, setup.freelancerToken, "POST", `/api/v1/conversations/${conversationId}/messages`, { body });

  // Every socket the page opens goes through here to the real server.
  const sockets: { route: WebSocketRoute; token: string | null }[] = [];
  await page.routeWebSocket(/\/api\/v1\/ws/, (route) => {
    sockets.push({ route, token: new URL(route.url()).searchParams.get("token") });
    route.connectToServer();
  });
  await signIn(page, setup.clientEmail);
  await page.goto(`/messages/${conversationId}`);
  await expect(thread(page).getByText("No messages yet")).toBeVisible();
  // One socket after signing in, and one for the page loaded since.
  await expect.poll(() => sockets.length).toBe(2);
  await say("First, over the first socket.");
  await expect(messageWith(page, "First, over the first socket.")).toBeVisible();

  await test.step("closed for its token (1008): the session is refreshed and the socket reopens at once", async () => {
    const refreshed = page.waitForRequest((r) => r.url().endsWith("/api/v1/auth/refresh") && r.method() === "POST");
    await sockets[1]?.route.close({ code: 1008, reason: "token expired" });
    await refreshed;
    await expect.poll(() => sockets.length).toBe(3);
    await say("Second, over the renewed socket.");
    await expect(messageWith(page, "Second, over the renewed socket.")).toBeVisible();
  });

  await test.step("dropped (1001): it reconnects after a short wait with the same token and fetches what it missed", async () => {
    await sockets[2]?.route.close({ code: 1001, reason: "going away" });
    await say("Third, sent while the socket was down.");
    await expect.poll(() => sockets.length, { timeout: 15_000 }).toBe(4);
    expect(sockets[3]?.token).toBe(sockets[2]?.token);
    await expect(messageWith(page, "Third, sent while the socket was down.")).toBeVisible();
    await say("Fourth, live again.");
    await expect(messageWith(page, "Fourth, live again.")).toBeVisible();
  });
});
