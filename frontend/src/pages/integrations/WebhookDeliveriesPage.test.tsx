import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import { eventTypes, polyfillDialog, problem, renderAt, respond, stubApi } from "./fakeApi";

const endpoint = {
  id: "66666666-6666-4666-8666-666666666666",
  url: "https://hooks.example.com/worklane",
  events: ["milestone.funded", "payment.released"],
  description: "Accounting sync",
  created_at: "2026-11-20T09:00:00Z",
};
const body = JSON.stringify({
  id: "77777777-7777-4777-8777-777777777777",
  type: "milestone.funded",
  created_at: "2026-11-25T10:00:00Z",
  data: { object: "milestone", object_id: "m1", title: "Milestone funded", body: "Design mockups", url: "https://worklane.example/contracts/c1" },
});
const base = {
  event_id: "77777777-7777-4777-8777-777777777777",
  event_type: "milestone.funded",
  created_at: "2026-11-25T10:00:00Z",
  body,
  last_attempt_at: null,
  next_attempt_at: null,
  delivered_at: null,
  last_status_code: null,
  last_error: null,
};
const pending = {
  ...base,
  id: "d1",
  status: "pending",
  attempts: 2,
  last_status_code: 500,
  last_attempt_at: "2026-11-25T10:01:00Z",
  next_attempt_at: "2026-11-25T10:03:00Z",
};
const delivered = {
  ...base,
  id: "d2",
  event_type: "payment.released",
  status: "succeeded",
  attempts: 1,
  last_status_code: 204,
  last_attempt_at: "2026-11-25T09:00:00Z",
  delivered_at: "2026-11-25T09:00:01Z",
};
const failed = {
  ...base,
  id: "d3",
  status: "failed",
  attempts: 14,
  last_error: "connection timed out after 10 s",
  last_attempt_at: "2026-11-24T09:00:00Z",
};
const deliveriesRoute = `GET /webhooks/${endpoint.id}/deliveries`;

beforeAll(polyfillDialog);
afterEach(() => vi.unstubAllGlobals());

function requestedUrls(): string[] {
  return vi.mocked(fetch).mock.calls.map(([request]) => (request as Request).url);
}

describe("WebhookDeliveriesPage", () => {
  it("shows the endpoint and each delivery's outcome, body, more pages and a refresh", async () => {
    stubApi({
      [`GET /webhooks/${endpoint.id}`]: respond(200, endpoint),
      "GET /webhooks/event-types": respond(200, { data: eventTypes }),
      [deliveriesRoute]: [
        respond(200, { data: [pending, delivered], next_cursor: "c2" }),
        respond(200, { data: [failed], next_cursor: null }),
        respond(200, { data: [pending, delivered], next_cursor: "c2" }),
        respond(200, { data: [failed], next_cursor: null }),
      ],
    });
    const ue = renderAt(`/settings/integrations/${endpoint.id}`);
    expect(await screen.findByText(endpoint.url)).toBeInTheDocument();
    expect(screen.getByText("Accounting sync")).toBeInTheDocument();

    const [first, second] = await screen.findAllByTestId("delivery");
    expect(within(first as HTMLElement).getByTestId("delivery-status")).toHaveTextContent("Pending");
    expect(first).toHaveTextContent("milestone.funded");
    expect(first).toHaveTextContent("Attempts2");
    expect(first).toHaveTextContent("Last answerHTTP 500");
    expect(first).toHaveTextContent("Next attempt");
    expect(first).not.toHaveTextContent("Delivered");
    expect(within(second as HTMLElement).getByTestId("delivery-status")).toHaveTextContent("Delivered");
    expect(second).toHaveTextContent("Last answerHTTP 204");
    expect(second).not.toHaveTextContent("Next attempt");

    // The body, indented, behind a disclosure.
    const summary = within(first as HTMLElement).getByText("Body sent");
    const details = summary.closest("details") as HTMLDetailsElement;
    expect(details.open).toBe(false);
    await ue.click(summary);
    expect(details.open).toBe(true);
    expect(details.querySelector("pre")?.textContent).toBe(JSON.stringify(JSON.parse(body), null, 2));

    await ue.click(screen.getByRole("button", { name: "Load more deliveries" }));
    const third = (await screen.findAllByTestId("delivery"))[2] as HTMLElement;
    expect(within(third).getByTestId("delivery-status")).toHaveTextContent("Failed");
    expect(third).toHaveTextContent("Attempts14");
    expect(third).toHaveTextContent("connection timed out after 10 s");
    expect(screen.queryByRole("button", { name: "Load more deliveries" })).toBeNull();
    expect(requestedUrls().filter((u) => u.includes("/deliveries")).at(-1)).toMatch(/cursor=c2/);

    const before = requestedUrls().length;
    await ue.click(screen.getByRole("button", { name: "Refresh" }));
    await vi.waitFor(() => expect(requestedUrls().filter((u) => u.includes("/deliveries")).length).toBe(4));
    expect(requestedUrls().length).toBeGreaterThan(before);
    expect(await screen.findAllByTestId("delivery")).toHaveLength(3);
  });

  it("says when nothing was delivered yet, and deletes the endpoint after asking while keeping the history", async () => {
    const sent = stubApi({
      [`GET /webhooks/${endpoint.id}`]: [respond(200, endpoint), problem(404, "not_found", "Webhook not found.")],
      "GET /webhooks/event-types": respond(200, { data: eventTypes }),
      [deliveriesRoute]: respond(200, { data: [], next_cursor: null }),
      [`DELETE /webhooks/${endpoint.id}`]: respond(204),
    });
    const ue = renderAt(`/settings/integrations/${endpoint.id}`);
    expect(await screen.findByText("No deliveries yet")).toBeInTheDocument();
    await ue.click(await screen.findByRole("button", { name: "Delete endpoint" }));
    const dialog = screen.getByRole("dialog", { name: "Delete this endpoint?" });
    await ue.click(within(dialog).getByRole("button", { name: "Delete endpoint" }));
    expect(await screen.findByText(/This endpoint is deleted/)).toBeInTheDocument();
    expect(sent.map((s) => s.route)).toContain(`DELETE /webhooks/${endpoint.id}`);
    expect(screen.queryByText(endpoint.url)).toBeNull();
    expect(screen.getByText("No deliveries yet")).toBeInTheDocument();
  });

  it("keeps a deleted endpoint's history readable", async () => {
    stubApi({
      [`GET /webhooks/${endpoint.id}`]: problem(404, "not_found", "Webhook not found."),
      [deliveriesRoute]: respond(200, { data: [failed], next_cursor: null }),
    });
    renderAt(`/settings/integrations/${endpoint.id}`);
    expect(await screen.findByText(/This endpoint is deleted: nothing more is sent to it/)).toBeInTheDocument();
    expect(screen.getByText("Deleted")).toBeInTheDocument();
    expect(await screen.findAllByTestId("delivery")).toHaveLength(1);
    expect(screen.queryByRole("button", { name: "Delete endpoint" })).toBeNull();
  });

  it("says when the endpoint is not the user's", async () => {
    stubApi({
      [`GET /webhooks/${endpoint.id}`]: problem(404, "not_found", "Webhook not found."),
      [deliveriesRoute]: problem(404, "not_found", "Webhook not found."),
    });
    renderAt(`/settings/integrations/${endpoint.id}`);
    expect(await screen.findByText("No such endpoint")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "your endpoints" })).toHaveAttribute("href", "/settings/integrations");
    expect(screen.queryByRole("button", { name: "Refresh" })).toBeNull();
    expect(screen.queryByText(/This endpoint is deleted/)).toBeNull();
  });
});
