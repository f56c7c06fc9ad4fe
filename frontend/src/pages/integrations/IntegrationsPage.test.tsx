import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import { eventTypes, polyfillDialog, problem, renderAt, respond, stubApi } from "./fakeApi";

const listed = {
  id: "55555555-5555-4555-8555-555555555555",
  url: "https://hooks.example.com/worklane",
  events: ["milestone.funded", "payment.released"],
  description: "Accounting sync",
  created_at: "2026-11-20T09:00:00Z",
};
const created = { ...listed, secret: "whsec_3q2xSecretSecretSecretSecretSecret" };

beforeAll(polyfillDialog);
afterEach(() => vi.unstubAllGlobals());

describe("IntegrationsPage", () => {
  it("says when there is no endpoint, and explains deliveries and their signature", async () => {
    stubApi({ "GET /webhooks": respond(200, { data: [] }) });
    renderAt("/settings/integrations");
    expect(await screen.findByText("No endpoints yet")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "How deliveries work" })).toBeInTheDocument();
    expect(screen.getByText(/Worklane-Signature: t=<unix time>,v1=<signature>/)).toBeInTheDocument();
    expect(screen.getByText("Worklane-Event-Id")).toBeInTheDocument();
    expect(screen.getByText(/2xx status within 10 seconds/)).toBeInTheDocument();
    expect(screen.getByText(/Redirects are not followed/)).toBeInTheDocument();
    expect(screen.getByRole("region", { name: "Signature check in Node.js" })).toHaveTextContent(/createHmac\("sha256", secret\)/);
    // The form opens on demand.
    expect(screen.queryByLabelText("Endpoint URL")).toBeNull();
  });

  it("checks the form before sending: an address, https, at least one event; All events chooses them all", async () => {
    const sent = stubApi({
      "GET /webhooks": respond(200, { data: [] }),
      "GET /webhooks/event-types": respond(200, { data: eventTypes }),
    });
    const ue = renderAt("/settings/integrations");
    await ue.click(await screen.findByRole("button", { name: "Add endpoint" }));
    const url = screen.getByLabelText("Endpoint URL");
    expect(url).toHaveFocus();
    expect(await screen.findByRole("group", { name: "Proposals, invitations and offers" })).toBeInTheDocument();
    expect(screen.getByRole("group", { name: "Milestones, invoices and payments" })).toBeInTheDocument();
    expect(screen.getAllByRole("checkbox")).toHaveLength(15);

    await ue.click(screen.getByRole("button", { name: "Add endpoint" }));
    expect(await screen.findByText("Enter the address Worklane should send events to.")).toBeInTheDocument();
    expect(screen.getByText("Choose at least one event.")).toBeInTheDocument();

    await ue.type(url, "http://hooks.example.com/worklane");
    await ue.click(screen.getByRole("button", { name: "Add endpoint" }));
    expect(await screen.findByText("Use an https:// address: deliveries are only sent over HTTPS.")).toBeInTheDocument();
    expect(sent.map((s) => s.route)).not.toContain("POST /webhooks");

    // All at once, then one fewer: the "all" box says some are chosen.
    const all = screen.getByRole("checkbox", { name: /All events/ });
    await ue.click(all);
    expect(screen.getAllByRole("checkbox", { checked: true })).toHaveLength(15);
    expect(screen.getByText("(14 of 14 chosen)")).toBeInTheDocument();
    await ue.click(all);
    expect(screen.queryAllByRole("checkbox", { checked: true })).toHaveLength(0);
    await ue.click(screen.getByRole("checkbox", { name: /A milestone was funded/ }));
    await ue.click(screen.getByRole("checkbox", { name: /A payment was released/ }));
    expect(all).toHaveProperty("indeterminate", true);
    expect(all).not.toBeChecked();
  });

  it("adds an endpoint: shows the server's refusal on its field, then the secret once", async () => {
    const sent = stubApi({
      "GET /webhooks": [respond(200, { data: [] }), respond(200, { data: [listed] })],
      "GET /webhooks/event-types": respond(200, { data: eventTypes }),
      "POST /webhooks": [
        problem(422, "validation_failed", "The request has invalid fields.", [
          { field: "url", code: "private_address", message: "`10.0.0.7` points into a private or reserved network" },
        ]),
        respond(201, created),
      ],
    });
    const ue = renderAt("/settings/integrations");
    await ue.click(await screen.findByRole("button", { name: "Add endpoint" }));
    const url = screen.getByLabelText("Endpoint URL");
    await ue.click(await screen.findByRole("checkbox", { name: /A milestone was funded/ }));
    await ue.click(screen.getByRole("checkbox", { name: /A payment was released/ }));
    await ue.type(url, "https://10.0.0.7/worklane");
    await ue.click(screen.getByRole("button", { name: "Add endpoint" }));
    expect(
      await screen.findByText("That address is on a private or reserved network. Webhooks go to public internet addresses only."),
    ).toBeInTheDocument();
    expect(url).toHaveFocus();
    expect(url).toHaveAttribute("aria-invalid", "true");

    await ue.clear(url);
    await ue.type(url, listed.url);
    await ue.type(screen.getByLabelText("Description (optional)"), "Accounting sync");
    await ue.click(screen.getByRole("button", { name: "Add endpoint" }));

    expect(await screen.findByRole("heading", { name: "Endpoint added" })).toHaveFocus();
    expect(screen.getByLabelText("Signing secret")).toHaveValue(created.secret);
    expect(screen.getByText(/it is shown only this once/)).toBeInTheDocument();
    expect(sent.filter((s) => s.route === "POST /webhooks").at(-1)?.body).toEqual({
      url: listed.url,
      events: ["milestone.funded", "payment.released"],
      description: "Accounting sync",
    });

    await ue.click(screen.getByRole("button", { name: "Copy secret" }));
    expect(await navigator.clipboard.readText()).toBe(created.secret);

    const item = await screen.findByTestId("endpoint");
    expect(item).toHaveTextContent(listed.url);
    expect(item).toHaveTextContent("Accounting sync");
    expect(item).toHaveTextContent("milestone.funded");
    expect(item).not.toHaveTextContent(created.secret);

    await ue.click(screen.getByRole("button", { name: "I copied it" }));
    expect(screen.queryByLabelText("Signing secret")).toBeNull();
    expect(screen.queryByText(created.secret)).toBeNull();
    expect(screen.getByRole("button", { name: "Add endpoint" })).toBeInTheDocument();
  });

  it("says when there are too many endpoints, and leaves out the description when empty", async () => {
    const sent = stubApi({
      "GET /webhooks": respond(200, { data: [listed] }),
      "GET /webhooks/event-types": respond(200, { data: eventTypes }),
      "POST /webhooks": problem(409, "too_many_endpoints", "You have 10 webhook endpoints; delete one first."),
    });
    const ue = renderAt("/settings/integrations");
    await ue.click(await screen.findByRole("button", { name: "Add endpoint" }));
    await ue.type(screen.getByLabelText("Endpoint URL"), "https://hooks.example.com/other");
    await ue.click(await screen.findByRole("checkbox", { name: /All events/ }));
    await ue.click(screen.getByRole("button", { name: "Add endpoint" }));
    expect(await screen.findByText("You have 10 webhook endpoints; delete one first.")).toBeInTheDocument();
    expect(sent.find((s) => s.route === "POST /webhooks")?.body).toEqual({ url: "https://hooks.example.com/other", events: eventTypes });

    await ue.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.queryByLabelText("Endpoint URL")).toBeNull();
  });

  it("lists endpoints, links their deliveries and deletes one after asking", async () => {
    const sent = stubApi({
      "GET /webhooks": [respond(200, { data: [listed] }), respond(200, { data: [] })],
      "GET /webhooks/event-types": respond(200, { data: eventTypes }),
      [`DELETE /webhooks/${listed.id}`]: respond(204),
    });
    const ue = renderAt("/settings/integrations");
    const item = await screen.findByTestId("endpoint");
    expect(within(item).getByRole("link", { name: `Deliveries to ${listed.url}` })).toHaveAttribute(
      "href",
      `/settings/integrations/${listed.id}`,
    );
    expect(within(item).getByText("November 20, 2026")).toBeInTheDocument();

    await ue.click(screen.getByRole("button", { name: `Delete ${listed.url}` }));
    const dialog = screen.getByRole("dialog", { name: "Delete this endpoint?" });
    expect(dialog).toHaveTextContent("Its delivery history stays readable.");
    await ue.click(within(dialog).getByRole("button", { name: "Keep it" }));
    expect(sent.map((s) => s.route)).not.toContain(`DELETE /webhooks/${listed.id}`);

    await ue.click(screen.getByRole("button", { name: `Delete ${listed.url}` }));
    await ue.click(within(dialog).getByRole("button", { name: "Delete endpoint" }));
    expect(await screen.findByText(/is deleted: nothing more is sent to it/)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Its delivery history" })).toHaveAttribute("href", `/settings/integrations/${listed.id}`);
    expect(sent.map((s) => s.route)).toContain(`DELETE /webhooks/${listed.id}`);
    expect(await screen.findByText("No endpoints yet")).toBeInTheDocument();
  });

  it("shows an all-events endpoint as All events", async () => {
    stubApi({
      "GET /webhooks": respond(200, { data: [{ ...listed, events: [...eventTypes].reverse() }] }),
      "GET /webhooks/event-types": respond(200, { data: eventTypes }),
    });
    renderAt("/settings/integrations");
    expect(await within(await screen.findByTestId("endpoint")).findByText("All events")).toBeInTheDocument();
  });

  it("offers to try again when the list fails", async () => {
    stubApi({
      "GET /webhooks": [problem(503, "unavailable", "The service is busy. Try again in a moment."), respond(200, { data: [] })],
    });
    const ue = renderAt("/settings/integrations");
    expect(await screen.findByText("The service is busy. Try again in a moment.")).toBeInTheDocument();
    await ue.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByText("No endpoints yet")).toBeInTheDocument();
  });
});
