import { afterEach, describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { ProposalForm, type ApplyJob } from "./ProposalForm";

const job: ApplyJob = {
  id: "22222222-2222-4222-8222-222222222222",
  title: "Booking page for a dental clinic",
  job_type: "fixed",
  screening_questions: ["Which similar projects have you delivered?"],
  connects_cost: 6,
  pay: "$750.00 fixed price",
};

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": status >= 400 ? "application/problem+json" : "application/json" },
  });
}

const connects = {
  balance: 10,
  granted: 10,
  purchased: 0,
  monthly_grant: 10,
  rollover_cap: 80,
  next_grant_at: "2026-12-01T00:00:00Z",
  price_per_connect: "0.15",
  bundles: [],
  data: [],
  next_cursor: null,
};

const proposal = {
  id: "33333333-3333-4333-8333-333333333333",
  job: { ...job, status: "open", visibility: "public", client_id: "44444444-4444-4444-8444-444444444444" },
  freelancer: { id: "f1", full_name: "Ada", country: "GB", photo_url: null, title: null, hourly_rate: null },
  status: "submitted",
  connects_spent: 6,
};

/** A fake API: proposals answer with `answer`; Connects and fee previews always answer. */
function stubApi(answer: () => Response, balance = 10) {
  const sent: Request[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn((request: Request) => {
      const url = new URL(request.url);
      if (url.pathname === `/api/v1/jobs/${job.id}/proposals`) {
        sent.push(request);
        return Promise.resolve(answer());
      }
      if (url.pathname === "/api/v1/attachments") {
        sent.push(request);
        return request.formData().then((form) => {
          const part = form.get("file");
          if (part === null || typeof part === "string") return json(400, { type: "about:blank", title: "Bad Request", status: 400, code: "invalid_upload" });
          // jsdom's File loses its name on the way into Node's Request: the test says which it is.
          const file = { name: uploadNames.shift() ?? "unnamed", size: part.size, type: part.type };
          if (file.name.startsWith("fake")) {
            return json(422, {
              type: "about:blank",
              title: "Unprocessable Entity",
              status: 422,
              code: "validation_failed",
              detail: "The request has invalid fields.",
              errors: [{ field: "file", code: "unsupported_file_type", message: "must be an image" }],
            });
          }
          return json(201, { id: `att-${file.name}`, filename: file.name, size: file.size, content_type: file.type, created_at: "2026-11-26T10:00:00Z" });
        });
      }
      if (url.pathname === "/api/v1/me/connects") return Promise.resolve(json(200, { ...connects, balance }));
      if (url.pathname === "/api/v1/fees/preview") {
        const amount = url.searchParams.get("amount") ?? "0";
        const fee = (Number(amount) / 10).toFixed(2);
        return Promise.resolve(
          json(200, { side: "freelancer", amount, fee_percent: "10", fee, net: (Number(amount) - Number(fee)).toFixed(2), total: null, currency: "USD" }),
        );
      }
      return Promise.resolve(json(404, { type: "about:blank", title: "Not Found", status: 404, code: "not_found" }));
    }),
  );
  return sent;
}

function renderForm() {
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter initialEntries={[`/jobs/${job.id}/apply`]}>
        <Routes>
          <Route path="/jobs/:id/apply" element={<ProposalForm job={job} invitation={null} />} />
          <Route path="/proposals/:id" element={<p>Proposal page</p>} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return userEvent.setup();
}

async function fillIn(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText("Bid (USD)"), "750");
  await user.selectOptions(screen.getByLabelText("How long will the work take?"), "1_to_3_months");
  await user.type(
    screen.getByLabelText("Your cover letter"),
    "I have built booking pages for three clinics and can start on Monday morning.",
  );
  await user.type(screen.getByLabelText("1. Which similar projects have you delivered?"), "Two clinics in Leeds.");
}

/** The names of the files the next uploads carry, in order. */
const uploadNames: string[] = [];

afterEach(() => {
  vi.unstubAllGlobals();
  uploadNames.length = 0;
});

describe("Proposal form", () => {
  it("shows the Connects cost, the balance and the fee on the bid", async () => {
    stubApi(() => json(201, {}));
    const user = renderForm();
    expect(screen.getByTestId("connects-box")).toHaveTextContent("This proposal costs 6 Connects.");
    expect(await screen.findByText("You have 10 Connects.")).toBeInTheDocument();
    await user.type(screen.getByLabelText("Bid (USD)"), "750");
    expect(await screen.findByText("$675.00")).toBeInTheDocument();
    expect(screen.getByText("Service fee (10%)")).toBeInTheDocument();
  });

  it("keeps a running sum of the milestones and refuses a sum that is not the bid", async () => {
    const sent = stubApi(() => json(201, proposal));
    const user = renderForm();
    await fillIn(user);
    await user.click(screen.getByLabelText("Split the bid into milestones (optional)"));
    await user.type(screen.getByLabelText("Milestone 1 name"), "Designs");
    await user.type(screen.getByLabelText("Amount of milestone 1"), "250");
    expect(screen.getByTestId("milestone-sum")).toHaveTextContent(
      "The milestones add up to $250.00, $500.00 less than your bid of $750.00.",
    );
    await user.click(screen.getByRole("button", { name: "Add a milestone" }));
    await user.type(screen.getByLabelText("Milestone 2 name"), "Build");
    await user.type(screen.getByLabelText("Amount of milestone 2"), "400");
    await user.click(screen.getByRole("button", { name: "Send proposal for 6 Connects" }));
    expect(await screen.findByText("The milestones must add up to your bid exactly.")).toBeInTheDocument();
    expect(sent).toHaveLength(0);

    await user.clear(screen.getByLabelText("Amount of milestone 2"));
    await user.type(screen.getByLabelText("Amount of milestone 2"), "500");
    expect(screen.getByTestId("milestone-sum")).toHaveTextContent("The milestones add up to your bid of $750.00.");
    await user.click(screen.getByRole("button", { name: "Send proposal for 6 Connects" }));
    expect(await screen.findByText("Proposal page")).toBeInTheDocument();
    expect(await sent[0]?.json()).toMatchObject({
      bid_amount: "750.00",
      milestones: [
        { title: "Designs", amount: "250.00" },
        { title: "Build", amount: "500.00" },
      ],
      answers: ["Two clinics in Leeds."],
    });
  });

  it("says clearly when there are not enough Connects, with a way to buy more", async () => {
    stubApi(
      () => json(402, { type: "about:blank", title: "Payment Required", status: 402, code: "not_enough_connects", detail: "Not enough Connects." }),
      2,
    );
    const user = renderForm();
    expect(await screen.findByText(/You need 4 more Connects to send it\./)).toBeInTheDocument();
    await fillIn(user);
    await user.click(screen.getByRole("button", { name: "Send proposal for 6 Connects" }));
    const alert = await screen.findByText("You do not have enough Connects");
    const box = alert.closest(".alert");
    expect(box).not.toBeNull();
    expect(within(box as HTMLElement).getByRole("link", { name: "Buy Connects" })).toHaveAttribute("href", "/connects");
  });

  it("uploads files as they are chosen, lists them with Remove, and sends their ids", async () => {
    const sent = stubApi(() => json(201, proposal));
    const user = renderForm();
    await fillIn(user);
    const input = screen.getByLabelText("Files (optional)");
    uploadNames.push("plan.pdf", "notes.txt", "fake.txt");
    await user.upload(input, [
      new File(["plan"], "plan.pdf", { type: "application/pdf" }),
      new File(["notes"], "notes.txt", { type: "text/plain" }),
    ]);
    const list = await screen.findByRole("list", { name: "Attached files" });
    expect(await within(list).findByText("notes.txt")).toBeInTheDocument();
    expect(within(list).getByText("plan.pdf")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Remove plan.pdf" }));
    expect(within(list).queryByText("plan.pdf")).not.toBeInTheDocument();
    // A file whose bytes the server refuses is explained beside the picker, and not sent.
    await user.upload(input, new File(["MZ"], "fake.txt", { type: "text/plain" }));
    expect(await screen.findByText(/“fake.txt” is not a type we accept/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Send proposal for 6 Connects" }));
    expect(await screen.findByText("Proposal page")).toBeInTheDocument();
    const proposalRequest = sent.find((r) => r.url.endsWith("/proposals"));
    expect(await proposalRequest?.json()).toMatchObject({ attachment_ids: ["att-notes.txt"] });
  });

  it("refuses a file of the wrong type before uploading it", async () => {
    const sent = stubApi(() => json(201, proposal));
    const user = userEvent.setup({ applyAccept: false });
    renderForm();
    await user.upload(screen.getByLabelText("Files (optional)"), new File(["<html>"], "page.html", { type: "text/html" }));
    expect(await screen.findByText(/“page.html” is not a type we accept/)).toBeInTheDocument();
    expect(sent).toHaveLength(0);
  });
});
