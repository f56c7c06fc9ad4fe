import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { polyfillDialog } from "../test/dialog";
import { ReportButton } from "./ReportButton";

const JOB = "11111111-1111-4111-8111-111111111111";
const flag = { id: "f1", target_type: "job", target_id: JOB, reason: "Scam", status: "open", created_at: "2026-11-26T10:00:00Z" };

function respond(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": status >= 400 ? "application/problem+json" : "application/json", ...headers },
  });
}

function stub(answer: () => Response) {
  const sent: unknown[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: Request) => {
      expect(new URL(input.url).pathname).toBe("/api/v1/flags");
      sent.push(await input.json());
      return answer();
    }),
  );
  return sent;
}

async function openAndSend(reason: string) {
  const ue = userEvent.setup();
  render(<ReportButton targetType="job" targetId={JOB} subject="Logo for a bakery" />);
  await ue.click(screen.getByRole("button", { name: "Report job" }));
  const dialog = screen.getByRole("dialog", { name: "Report this job" });
  if (reason) await ue.type(within(dialog).getByLabelText("What is wrong?"), reason);
  await ue.click(within(dialog).getByRole("button", { name: "Send report" }));
  return { ue, dialog };
}

beforeAll(polyfillDialog);
afterEach(() => vi.unstubAllGlobals());

describe("reporting", () => {
  it("asks for a reason before sending anything", async () => {
    const sent = stub(() => respond(201, flag));
    const { dialog } = await openAndSend("");
    expect(within(dialog).getByText("Say what is wrong, so the team knows what to look for.")).toBeVisible();
    expect(within(dialog).getByLabelText("What is wrong?")).toHaveAttribute("aria-invalid", "true");
    expect(sent).toEqual([]);
    expect(dialog).toHaveAttribute("open");
  });

  it("sends the report and thanks the reader for a new one (201)", async () => {
    const sent = stub(() => respond(201, flag));
    const { dialog } = await openAndSend("Asks to be paid outside Worklane");
    expect(await screen.findByText("Thanks — our trust and safety team will review it.")).toBeInTheDocument();
    expect(sent).toEqual([{ target_type: "job", target_id: JOB, reason: "Asks to be paid outside Worklane" }]);
    expect(dialog).not.toHaveAttribute("open");
  });

  it("says an earlier report is still waiting (200)", async () => {
    stub(() => respond(200, flag));
    await openAndSend("Again");
    expect(await screen.findByText("You already reported this; it is waiting for review.")).toBeInTheDocument();
  });

  it("keeps the dialog open with the server's detail when it refuses (409 own_content)", async () => {
    stub(() => respond(409, { type: "about:blank", title: "Conflict", status: 409, code: "own_content", detail: "You cannot report your own content." }));
    const { dialog } = await openAndSend("Mine");
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("You cannot report your own content.");
    expect(dialog).toHaveAttribute("open");
  });

  it("shows a rate limit's detail (429)", async () => {
    stub(() =>
      respond(
        429,
        { type: "about:blank", title: "Too Many Requests", status: 429, code: "rate_limited", detail: "Too many reports: at most 10 per hour. Try again in 120 s." },
        { "Retry-After": "120" },
      ),
    );
    const { dialog } = await openAndSend("Spam");
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("Too many reports: at most 10 per hour. Try again in 120 s.");
  });

  it("puts a field error from the server beside the reason (422)", async () => {
    stub(() =>
      respond(422, {
        type: "about:blank",
        title: "Unprocessable Entity",
        status: 422,
        code: "validation_failed",
        detail: "Check the highlighted fields.",
        errors: [{ field: "reason", code: "length", message: "must be at most 1000 characters" }],
      }),
    );
    const { dialog } = await openAndSend("x");
    expect(await within(dialog).findByText("Reason must be at most 1000 characters.")).toBeInTheDocument();
  });
});
