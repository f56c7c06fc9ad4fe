import { useQuery } from "@tanstack/react-query";
import { fetchEventTypes } from "../../api/webhooks";
import { integrationsKeys } from "./keys";

/** The event types webhooks can subscribe to (they change only with a new server version). */
export function useEventTypes() {
  return useQuery({ queryKey: integrationsKeys.eventTypes, queryFn: ({ signal }) => fetchEventTypes(signal), staleTime: Infinity });
}
