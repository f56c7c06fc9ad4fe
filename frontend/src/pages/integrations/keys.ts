/** Query keys of the integrations pages. */
export const integrationsKeys = {
  eventTypes: ["webhooks", "event-types"] as const,
  endpoints: ["webhooks", "endpoints"] as const,
  endpoint: (id: string) => ["webhooks", "endpoints", id] as const,
  deliveries: (id: string) => ["webhooks", "deliveries", id] as const,
};
