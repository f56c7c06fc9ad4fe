import type { WebhookDelivery } from "../../api/webhooks";
import { formatDateTime } from "../../lib/format";
import { deliveryStatusBadges, eventTypeLabel, prettyJson } from "../../lib/webhooks";

function When({ iso, timeZone }: { iso: string; timeZone: string | undefined }) {
  return <time dateTime={iso}>{formatDateTime(iso, timeZone)}</time>;
}

/** What the endpoint last answered: its status code, or nothing yet. */
function LastAnswer({ delivery }: { delivery: WebhookDelivery }) {
  if (delivery.attempts === 0) return <>Not tried yet</>;
  if (delivery.last_status_code != null) return <>HTTP {delivery.last_status_code}</>;
  return <>No answer</>;
}

/** One delivery: its event, outcome, attempts, times and the body that was sent. */
export function DeliveryItem({ delivery, timeZone }: { delivery: WebhookDelivery; timeZone: string | undefined }) {
  const badge = deliveryStatusBadges[delivery.status];
  return (
    <li className="token webhook-delivery" data-testid="delivery">
      <div className="token__head">
        <p className="token__name">
          <code title={eventTypeLabel(delivery.event_type)}>{delivery.event_type}</code>
        </p>
        <span className={badge.className} data-testid="delivery-status">
          {badge.label}
        </span>
      </div>
      <dl className="token__facts webhook-delivery__facts">
        <div>
          <dt>Created</dt>
          <dd>
            <When iso={delivery.created_at} timeZone={timeZone} />
          </dd>
        </div>
        <div>
          <dt>Attempts</dt>
          <dd>{delivery.attempts}</dd>
        </div>
        <div>
          <dt>Last answer</dt>
          <dd>
            <LastAnswer delivery={delivery} />
          </dd>
        </div>
        {delivery.last_attempt_at && (
          <div>
            <dt>Last attempt</dt>
            <dd>
              <When iso={delivery.last_attempt_at} timeZone={timeZone} />
            </dd>
          </div>
        )}
        {delivery.status === "pending" && delivery.next_attempt_at && (
          <div>
            <dt>Next attempt</dt>
            <dd>
              <When iso={delivery.next_attempt_at} timeZone={timeZone} />
            </dd>
          </div>
        )}
        {delivery.delivered_at && (
          <div>
            <dt>Delivered</dt>
            <dd>
              <When iso={delivery.delivered_at} timeZone={timeZone} />
            </dd>
          </div>
        )}
        {delivery.last_error && (
          <div className="webhook-delivery__wide">
            <dt>Last error</dt>
            <dd className="webhook-delivery__error">{delivery.last_error}</dd>
          </div>
        )}
        <div className="webhook-delivery__wide">
          <dt>Event id</dt>
          <dd>
            <code>{delivery.event_id}</code>
          </dd>
        </div>
      </dl>
      <details className="webhook-delivery__body">
        <summary>Body sent</summary>
        <pre className="token-example" tabIndex={0}>
          <code>{prettyJson(delivery.body)}</code>
        </pre>
      </details>
    </li>
  );
}
