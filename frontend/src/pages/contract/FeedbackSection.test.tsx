import { afterEach, describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { Contract, ContractFeedback } from "../../api/types";
import { FeedbackSection } from "./FeedbackSection";

function respond(status: number, body: unknown) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": status >= 400 ? "application/problem+json" : "application/json" },
  });
}

const CONTRACT = "11111111-1111-4111-8111-111111111111";
const contract = {
  id: CONTRACT,
  status: "ended",
  client: { id: "c", full_name: "Dora Client" },
  freelancer: { id: "f", full_name: "Felix Freelancer" },
} as unknown as Contract;

const open: ContractFeedback = {
  contract_id: CONTRACT,
  window_closes_at: "2026-12-10T12:00:00Z",
  can_leave: true,
  revealed: false,
  revealed_at: null,
  mine: null,
  theirs: null,
  theirs_written: false,
};

function stubApi(feedback: ContractFeedback, post: () => Response = () => respond(201, feedback)) {
  const posted: unknown[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: Request) => {
      const url = new URL(input.url);
      if (url.pathname === `/api/v1/contracts/${CONTRACT}/feedback`) {
        if (input.method === "POST") {
          posted.push(await input.json());
          return post();
        }
        return respond(200, feedback);
      }
      return respond(404, { type: "about:blank", title: "Not Found", status: 404, detail: "", code: "not_found" });
    }),
  );
  return posted;
}

function renderSection(c: Contract = contract) {
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <FeedbackSection contract={c} viewer="client" timeZone="UTC" />
    </QueryClientProvider>,
  );
  return userEvent.setup();
}

afterEach(() => vi.unstubAllGlobals());

describe("FeedbackSection", () => {
  it("shows nothing while the contract runs", () => {
    stubApi(open);
    renderSection({ ...contract, status: "active" });
    expect(screen.queryByRole("heading", { name: "Feedback" })).toBeNull();
  });

  it("says so when the window closed with nothing written", async () => {
    stubApi({ ...open, can_leave: false, revealed: true, revealed_at: "2026-12-10T12:00:00Z" });
    renderSection();
    expect(await screen.findByTestId("feedback-closed")).toHaveTextContent(/^The feedback window closed on .+, and no feedback was left on this contract\.$/);
    expect(screen.queryByRole("button", { name: "Leave feedback" })).toBeNull();
  });

  it("sends numbers and puts the server's field errors beside their fields", async () => {
    const posted = stubApi(open, () =>
      respond(422, {
        type: "about:blank",
        title: "Validation failed",
        status: 422,
        detail: "",
        code: "validation_failed",
        errors: [{ field: "comment", code: "length", message: "The comment is too long." }],
      }),
    );
    const user = renderSection();
    await user.click(await screen.findByRole("radio", { name: "4 out of 5 stars: Very good" }));
    await user.type(screen.getByLabelText("Comment (public)"), "Good work");
    await user.click(screen.getByRole("radio", { name: "10: Extremely likely" }));
    await user.click(screen.getByRole("button", { name: "Leave feedback" }));
    expect(await screen.findByText("The comment is too long.")).toBeInTheDocument();
    expect(posted).toEqual([{ rating: 4, comment: "Good work", private_score: 10 }]);
    expect(screen.getByLabelText("Comment (public)")).toHaveAttribute("aria-invalid", "true");
  });

  it("explains a closed window on submit", async () => {
    stubApi(open, () =>
      respond(409, { type: "about:blank", title: "Conflict", status: 409, detail: "closed", code: "feedback_window_closed" }),
    );
    const user = renderSection();
    await user.click(await screen.findByRole("radio", { name: "5 out of 5 stars: Excellent" }));
    await user.type(screen.getByLabelText("Comment (public)"), "Great");
    await user.click(screen.getByRole("radio", { name: "0: Not at all likely" }));
    await user.click(screen.getByRole("button", { name: "Leave feedback" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("The 14 days for feedback on this contract are over");
  });

  it("waits for the other side after saving, with yours and your private score", async () => {
    const mine = { author_id: "c", author_role: "client", rating: 5, comment: "<b>Great</b>", private_score: 9, created_at: "2026-11-26T12:00:00Z" };
    stubApi(open, () => respond(201, { ...open, can_leave: false, mine }));
    const user = renderSection();
    await user.click(await screen.findByRole("radio", { name: "5 out of 5 stars: Excellent" }));
    await user.type(screen.getByLabelText("Comment (public)"), "Great");
    await user.click(screen.getByRole("radio", { name: "9" }));
    await user.click(screen.getByRole("button", { name: "Leave feedback" }));
    expect(await screen.findByTestId("feedback-waiting")).toHaveTextContent(
      "Waiting for Felix Freelancer: their feedback appears when they’ve written theirs or on Dec 10, 2026",
    );
    expect(screen.getByTestId("feedback-comment")).toHaveTextContent("<b>Great</b>");
    expect(screen.getByTestId("feedback-private-score")).toHaveTextContent("Your private score: 9 / 10");
    expect(screen.getByText("Thank you: your feedback is saved.").parentElement).toHaveFocus();
  });
});
