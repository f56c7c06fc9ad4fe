// Test helpers for the integrations pages: the security pages' fetch stub, and a render
// with a fresh query client and the integrations routes.
import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import IntegrationsPage from "../IntegrationsPage";
import WebhookDeliveriesPage from "../WebhookDeliveriesPage";

export { polyfillDialog, problem, respond, stubApi } from "../security/fakeApi";

export const eventTypes = [
  "proposal.received",
  "invitation.received",
  "offer.received",
  "offer.answered",
  "milestone.funded",
  "milestone.submitted",
  "milestone.approved",
  "milestone.changes_requested",
  "invoice.issued",
  "payment.released",
  "dispute.opened",
  "dispute.updated",
  "dispute.resolved",
  "feedback.received",
];

export function renderAt(path: string) {
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path="/settings/integrations" element={<IntegrationsPage />} />
          <Route path="/settings/integrations/:id" element={<WebhookDeliveriesPage />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return userEvent.setup();
}
