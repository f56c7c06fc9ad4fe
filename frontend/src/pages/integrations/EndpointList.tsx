import { Link } from "react-router";
import type { Webhook } from "../../api/webhooks";
import { formatDate } from "../../lib/format";
import { eventTypeLabel } from "../../lib/webhooks";
import { useEventTypes } from "./useEventTypes";

/** The events an endpoint receives, as their type names (their meaning on hover), or "All events". */
export function EventList({ events }: { events: readonly string[] }) {
  const types = useEventTypes();
  if (types.isSuccess && types.data.length > 0 && types.data.every((t) => events.includes(t))) {
    return <p className="webhook-event-list__all">All events</p>;
  }
  return (
    <ul className="webhook-event-list" aria-label="Events">
      {events.map((e) => (
        <li key={e}>
          <code title={eventTypeLabel(e)}>{e}</code>
        </li>
      ))}
    </ul>
  );
}

function EndpointItem({
  endpoint,
  timeZone,
  busy,
  onDelete,
}: {
  endpoint: Webhook;
  timeZone: string | undefined;
  busy: boolean;
  onDelete: () => void;
}) {
  return (
    <li className="token webhook" data-testid="endpoint">
      <div className="webhook__head">
        <p className="webhook-url webhook__url">
          <code>{endpoint.url}</code>
        </p>
        {endpoint.description && <p className="webhook__description">{endpoint.description}</p>}
      </div>
      <dl className="token__facts webhook__facts">
        <div className="webhook__events">
          <dt>Events</dt>
          <dd>
            <EventList events={endpoint.events} />
          </dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>
            <time dateTime={endpoint.created_at}>{formatDate(endpoint.created_at, timeZone)}</time>
          </dd>
        </div>
      </dl>
      <div className="webhook__actions">
        <Link
          className="button button--secondary button--small"
          to={`/settings/integrations/${endpoint.id}`}
          aria-label={`Deliveries to ${endpoint.url}`}
        >
          Deliveries
        </Link>
        <button
          type="button"
          className="button button--danger-quiet button--small"
          disabled={busy}
          aria-label={`Delete ${endpoint.url}`}
          onClick={onDelete}
        >
          {busy ? "Deleting…" : "Delete"}
        </button>
      </div>
    </li>
  );
}

export function EndpointList({
  endpoints,
  timeZone,
  deleting,
  onDelete,
}: {
  endpoints: readonly Webhook[];
  timeZone: string | undefined;
  deleting: string | null;
  onDelete: (endpoint: Webhook) => void;
}) {
  return (
    <ul className="token-list" aria-label="Webhook endpoints">
      {endpoints.map((endpoint) => (
        <EndpointItem
          key={endpoint.id}
          endpoint={endpoint}
          timeZone={timeZone}
          busy={deleting === endpoint.id}
          onDelete={() => onDelete(endpoint)}
        />
      ))}
    </ul>
  );
}
