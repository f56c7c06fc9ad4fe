// Webhook endpoints: where Worklane POSTs signed events, and what it delivered there.
// Shapes come from the generated schema.
import { api, call } from ".";
import type { components } from "./schema";

type Schemas = components["schemas"];
export type Webhook = Schemas["Webhook"];
export type CreatedWebhook = Schemas["CreatedWebhook"];
export type NewWebhook = Schemas["NewWebhook"];
export type WebhookDelivery = Schemas["WebhookDelivery"];
export type DeliveryPage = Schemas["DeliveryPage"];
export type DeliveryStatus = Schemas["DeliveryStatus"];

/** Every event type an endpoint can subscribe to (public). */
export async function fetchEventTypes(signal?: AbortSignal): Promise<string[]> {
  return (await call(api.GET("/api/v1/webhooks/event-types", { signal }))).data;
}

export async function fetchWebhooks(signal?: AbortSignal): Promise<Webhook[]> {
  return (await call(api.GET("/api/v1/webhooks", { signal }))).data;
}

export async function fetchWebhook(id: string, signal?: AbortSignal): Promise<Webhook> {
  return call(api.GET("/api/v1/webhooks/{id}", { params: { path: { id } }, signal }));
}

/** Registers an endpoint; the answer carries its signing secret, this once. */
export async function createWebhook(body: NewWebhook): Promise<CreatedWebhook> {
  return call(api.POST("/api/v1/webhooks", { body }));
}

/** Its pending deliveries stop; its delivery history stays readable. */
export async function deleteWebhook(id: string): Promise<void> {
  await call(api.DELETE("/api/v1/webhooks/{id}", { params: { path: { id } } }));
}

export async function fetchDeliveries(id: string, cursor: string | null, signal?: AbortSignal): Promise<DeliveryPage> {
  return call(
    api.GET("/api/v1/webhooks/{id}/deliveries", {
      params: { path: { id }, query: cursor ? { cursor, limit: 20 } : { limit: 20 } },
      signal,
    }),
  );
}
