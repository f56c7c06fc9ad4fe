import { expect, test, type Page } from "@playwright/test";
import { accessToken, checkPage, checkPageNarrow, signIn } from "./helpers";
import { api, contractViaApi, secondPage } from "./contracts";

// Any uncaught error in a page fails the journey, and so does any dialog (the comments
// carry markup that would open one if it were ever treated as HTML).
const pageErrors: string[] = [];
const dialogs: string[] = [];
function watch(page: Page) {
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error" && !/status of 4\d\d/.test(message.text())) pageErrors.push(message.text());
  });
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
}
test.beforeEach(({ page }) => {
  pageErrors.length = 0;
  dialogs.length = 0;
  watch(page);
});
test.afterEach(() => {
  expect(pageErrors, "errors in the browser console").toEqual([]);
  expect(dialogs, "dialogs opened by the page").toEqual([]);
});

const MARKUP = "<img src=x onerror=alert(1)>";
const CLIENT_COMMENT = `Felix delivered the designs early and explained every choice. ${MARKUP}`;
const FREELANCER_COMMENT = "Dora wrote a clear brief, answered within hours and paid on time.";

interface ContractView {
  client: { id: string; full_name: string };
  freelancer: { id: string; full_name: string };
  milestones: { id: string; title: string }[];
}

test("feedback after an ended, paid contract: double-blind, then revealed to both and on the profiles", async ({ page, browser, request }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "one run is enough: the 375 px layout is checked with checkPageNarrow");
  test.setTimeout(180_000);
  const setup = await contractViaApi(request, `feedback-${testInfo.project.name}`);
  const contractUrl = `/contracts/${setup.contractId}`;
  const client = await accessToken(request, setup.clientEmail);
  const freelancerToken = await accessToken(request, setup.freelancerEmail);
  const contract = await api<ContractView>(request, client, "GET", `/api/v1/contracts/${setup.contractId}`);
  const designs = contract.milestones[0];

  await test.step("through the API: the freelancer submits milestone 1, the client approves it and ends the contract", async () => {
    await api(request, freelancerToken, "POST", `/api/v1/milestones/${designs.id}/submit`, { message: "The designs are in the shared folder." });
    await api(request, client, "POST", `/api/v1/milestones/${designs.id}/approve`, {}, { "Idempotency-Key": crypto.randomUUID() });
    await api(request, client, "POST", `/api/v1/contracts/${setup.contractId}/end`, { reason: "The designs were all we needed." });
  });

  const feedback = page.getByTestId("feedback-section");
  await test.step("the client opens the ended contract and finds the feedback form; an empty form names each field", async () => {
    await signIn(page, setup.clientEmail);
    await page.goto(contractUrl);
    await expect(feedback.getByRole("heading", { name: "Feedback" })).toBeVisible();
    await expect(feedback.getByRole("group", { name: "Rating (public)" })).toBeVisible();
    await feedback.getByRole("button", { name: "Leave feedback" }).click();
    await expect(feedback.getByText("Choose a rating from 1 to 5 stars.")).toBeVisible();
    await expect(feedback.getByText("Say a few words about working together.")).toBeVisible();
    await expect(feedback.getByText("Choose a score from 0 to 10.")).toBeVisible();
    // The first field in error has the focus: the rating's first star.
    await expect(feedback.getByRole("radio", { name: /^1 out of 5 star/ })).toBeFocused();
  });

  await test.step("the client rates 5 stars with the keyboard, writes a comment and a private score of 9", async () => {
    // Arrow keys move through the stars as in any radio group.
    await feedback.getByRole("radio", { name: /^1 out of 5 star/ }).press("ArrowRight");
    await feedback.getByRole("radio", { name: /^2 out of 5 stars/ }).press("End");
    const five = feedback.getByRole("radio", { name: "5 out of 5 stars: Excellent" });
    if (!(await five.isChecked())) {
      for (let i = 0; i < 4 && !(await five.isChecked()); i++) await page.keyboard.press("ArrowRight");
    }
    await expect(five).toBeChecked();
    await feedback.getByLabel("Comment (public)").fill(CLIENT_COMMENT);
    await expect(feedback.getByText(`${CLIENT_COMMENT.length} / 5,000 characters.`)).toBeVisible();
    await feedback.getByRole("group", { name: /How likely are you to recommend Felix Freelancer/ }).getByRole("radio", { name: "9", exact: true }).check();
    await checkPage(page, testInfo, "feedback-form");
    await checkPageNarrow(page, testInfo, "feedback-form");
    await feedback.getByRole("button", { name: "Leave feedback" }).click();
    await expect(feedback.getByText("Thank you: your feedback is saved.")).toBeVisible();
  });

  await test.step("the client sees theirs and waits for the freelancer's", async () => {
    await expect(feedback.getByTestId("feedback-waiting")).toHaveText(
      /^Waiting for Felix Freelancer: their feedback appears when they’ve written theirs or on .+\.$/,
    );
    const mine = feedback.getByTestId("feedback-mine");
    await expect(mine.getByTestId("feedback-rating")).toHaveText("5 / 5 · Excellent");
    await expect(mine.getByTestId("feedback-comment")).toHaveText(CLIENT_COMMENT);
    await expect(mine.locator("img")).toHaveCount(0);
    await expect(mine.getByTestId("feedback-private-score")).toHaveText("Your private score: 9 / 10 (only Worklane sees it).");
    await expect(feedback.getByRole("button", { name: "Leave feedback" })).toHaveCount(0);
    await checkPage(page, testInfo, "feedback-waiting");
    await checkPageNarrow(page, testInfo, "feedback-waiting");
  });

  const freelancer = await secondPage(browser, testInfo);
  watch(freelancer);
  const theirSide = freelancer.getByTestId("feedback-section");
  await test.step("the freelancer learns that the client wrote, but not what", async () => {
    await signIn(freelancer, setup.freelancerEmail);
    await freelancer.goto(contractUrl);
    await expect(theirSide.getByTestId("feedback-theirs-written")).toContainText("Dora Client has left feedback.");
    await expect(freelancer.getByText("Felix delivered the designs early")).toHaveCount(0);
    await expect(theirSide.getByTestId("feedback-theirs")).toHaveCount(0);
  });

  await test.step("the freelancer leaves theirs (4 stars, score 8) and both are revealed to them", async () => {
    await theirSide.getByRole("radio", { name: "4 out of 5 stars: Very good" }).check();
    await theirSide.getByLabel("Comment (public)").fill(FREELANCER_COMMENT);
    await theirSide.getByRole("radio", { name: "8", exact: true }).check();
    await theirSide.getByRole("button", { name: "Leave feedback" }).click();
    const theirs = theirSide.getByTestId("feedback-theirs");
    await expect(theirs.getByRole("heading", { name: "Dora Client’s feedback" })).toBeVisible();
    await expect(theirs.getByTestId("feedback-rating")).toHaveText("5 / 5 · Excellent");
    await expect(theirs.getByTestId("feedback-comment")).toHaveText(CLIENT_COMMENT);
    await expect(theirs.locator("img")).toHaveCount(0);
    // The client's private score is never shown to the freelancer.
    await expect(theirs.getByTestId("feedback-private-score")).toHaveCount(0);
    await expect(freelancer.getByText("9 / 10")).toHaveCount(0);
    await expect(theirSide.getByTestId("feedback-mine").getByTestId("feedback-private-score")).toHaveText(
      "Your private score: 8 / 10 (only Worklane sees it).",
    );
    await checkPage(freelancer, testInfo, "feedback-revealed-freelancer");
  });

  await test.step("the client sees the freelancer's feedback, without the freelancer's private score", async () => {
    await page.reload();
    const theirs = feedback.getByTestId("feedback-theirs");
    await expect(theirs.getByRole("heading", { name: "Felix Freelancer’s feedback" })).toBeVisible();
    await expect(theirs.getByTestId("feedback-rating")).toHaveText("4 / 5 · Very good");
    await expect(theirs.getByTestId("feedback-comment")).toHaveText(FREELANCER_COMMENT);
    await expect(theirs.getByTestId("feedback-private-score")).toHaveCount(0);
    await expect(page.getByText("8 / 10")).toHaveCount(0);
    await checkPage(page, testInfo, "feedback-revealed");
    await checkPageNarrow(page, testInfo, "feedback-revealed");
  });

  await test.step("the freelancer's public profile shows the client's review (markup as text) and the rating", async () => {
    await page.goto(`/freelancers/${contract.freelancer.id}`);
    await expect(page.getByTestId("reputation-rating")).toContainText("/ 5 (1 review)");
    await expect(page.getByTestId("reputation-rating").getByRole("img", { name: /^Average rating 5(\.0+)? out of 5$/ })).toBeVisible();
    const reviews = page.getByRole("region", { name: "Reviews from clients" });
    const review = reviews.getByTestId("review");
    await expect(review).toHaveCount(1);
    await expect(review.getByRole("heading", { name: setup.title })).toBeVisible();
    await expect(review.getByTestId("review-comment")).toHaveText(CLIENT_COMMENT);
    await expect(review.locator("img")).toHaveCount(0);
    await expect(review).toContainText("Dora Client, Germany");
    await checkPage(page, testInfo, "feedback-freelancer-profile");
    await checkPageNarrow(page, testInfo, "feedback-freelancer-profile");
  });

  await test.step("the client's public page shows the freelancer's review", async () => {
    await page.goto(`/clients/${contract.client.id}`);
    await expect(page.getByTestId("client-rating")).toHaveText(/^4(\.0+)? \/ 5 \(1 review\)$/);
    const review = page.getByRole("region", { name: "Reviews from freelancers" }).getByTestId("review");
    await expect(review.getByTestId("review-comment")).toHaveText(FREELANCER_COMMENT);
    await checkPage(page, testInfo, "feedback-client-profile");
  });
  await freelancer.context().close();
});
