import { useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, errorMessage } from "../api/problem";
import { deleteWebhook, fetchDeliveries, fetchWebhook } from "../api/webhooks";
import { useCurrentUser } from "../auth/useAuth";
import { Alert, EmptyState, Loading } from "../components/feedback";
import { usePageTitle } from "../components/usePageTitle";
import { LoadError, LoadMore } from "./hiring/parts";
import { DeliveryItem } from "./integrations/DeliveryItem";
import { EventList } from "./integrations/EndpointList";
import { integrationsKeys } from "./integrations/keys";
import { ConfirmDialog, type ConfirmDialogHandle } from "./money/ConfirmDialog";
import "./account.css";
import "./jobs/jobs.css";
import "./security/security.css";
import "./integrations/integrations.css";

function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

export default function WebhookDeliveriesPage() {
  usePageTitle("Webhook deliveries");
  const { id = "" } = useParams();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const confirmRef = useRef<ConfirmDialogHandle>(null);
  const [justDeleted, setJustDeleted] = useState(false);
  const endpoint = useQuery({ queryKey: integrationsKeys.endpoint(id), queryFn: ({ signal }) => fetchWebhook(id, signal) });
  const deliveries = useInfiniteQuery({
    queryKey: integrationsKeys.deliveries(id),
    queryFn: ({ pageParam, signal }) => fetchDeliveries(id, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? null,
  });
  const remove = useMutation({
    mutationFn: () => deleteWebhook(id),
    onSuccess: () => setJustDeleted(true),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: integrationsKeys.endpoints });
      void queryClient.invalidateQueries({ queryKey: integrationsKeys.deliveries(id) });
    },
  });
  const all = deliveries.data?.pages.flatMap((p) => p.data) ?? [];
  // A deleted endpoint is gone, but its history stays readable here.
  const gone = justDeleted || (endpoint.isError && isNotFound(endpoint.error));
  const refreshing = deliveries.isRefetching || endpoint.isRefetching;

  let list;
  if (deliveries.isPending) {
    list = <Loading label="Loading the deliveries…" />;
  } else if (deliveries.isError && all.length === 0) {
    list = isNotFound(deliveries.error) ? (
      <EmptyState title="No such endpoint">
        <p>
          It is not one of yours. See <Link to="/settings/integrations">your endpoints</Link>.
        </p>
      </EmptyState>
    ) : (
      <LoadError title="The deliveries could not be loaded" error={deliveries.error} onRetry={() => void deliveries.refetch()} />
    );
  } else if (all.length === 0) {
    list = (
      <EmptyState title="No deliveries yet">
        <p>When one of this endpoint’s events happens, its delivery shows here with each attempt’s outcome.</p>
      </EmptyState>
    );
  } else {
    list = (
      <>
        <ul className="token-list" aria-label="Deliveries">
          {all.map((d) => (
            <DeliveryItem key={d.id} delivery={d} timeZone={user?.timezone} />
          ))}
        </ul>
        <LoadMore query={deliveries} noun="deliveries" shown={all.length} />
      </>
    );
  }

  const notFound = deliveries.isError && isNotFound(deliveries.error) && all.length === 0;
  return (
    <div className="account security integrations">
      <p className="small webhook-back">
        <Link to="/settings/integrations">← Integrations</Link>
      </p>
      <header className="page-header">
        <h1>Deliveries</h1>
        <p>Every event sent to this endpoint, newest first, with what the endpoint answered.</p>
      </header>
      <section className="card security-section" aria-labelledby="endpoint-title">
        <div className="security-section__head">
          <h2 id="endpoint-title">Endpoint</h2>
          {gone && !notFound && <span className="badge badge--neutral">Deleted</span>}
        </div>
        {endpoint.isPending ? (
          <Loading label="Loading the endpoint…" />
        ) : endpoint.isSuccess && !justDeleted ? (
          <>
            <p className="webhook-url">
              <code>{endpoint.data.url}</code>
            </p>
            {endpoint.data.description && <p>{endpoint.data.description}</p>}
            <div className="webhook-endpoint__events">
              <EventList events={endpoint.data.events} />
            </div>
          </>
        ) : gone ? (
          !notFound && (
            <Alert tone="info" live={false}>
              <p>This endpoint is deleted: nothing more is sent to it. Its delivery history stays readable below.</p>
            </Alert>
          )
        ) : (
          <LoadError title="The endpoint could not be loaded" error={endpoint.error} onRetry={() => void endpoint.refetch()} />
        )}
        <div className="form-live" aria-live="polite">
          {remove.isError && !isNotFound(remove.error) && (
            <Alert tone="error" live={false}>
              <p>{errorMessage(remove.error)}</p>
            </Alert>
          )}
        </div>
        {endpoint.isSuccess && !justDeleted && (
          <div className="form-actions">
            <button
              type="button"
              className="button button--danger-quiet button--small"
              disabled={remove.isPending}
              onClick={() => confirmRef.current?.open()}
            >
              {remove.isPending ? "Deleting…" : "Delete endpoint"}
            </button>
          </div>
        )}
      </section>
      <section className="card security-section" aria-labelledby="deliveries-title">
        <div className="security-section__head webhook-section__head">
          <h2 id="deliveries-title">Deliveries</h2>
          {!notFound && (
            <button
              type="button"
              className="button button--secondary button--small"
              disabled={refreshing || deliveries.isPending}
              onClick={() => {
                void endpoint.refetch();
                void deliveries.refetch();
              }}
            >
              {refreshing ? "Refreshing…" : "Refresh"}
            </button>
          )}
        </div>
        {list}
      </section>
      <ConfirmDialog
        ref={confirmRef}
        title="Delete this endpoint?"
        body={`Nothing more is sent to ${endpoint.data?.url ?? "it"}, and deliveries still waiting for a retry stop. Its delivery history stays readable.`}
        confirm="Delete endpoint"
        keep="Keep it"
        onConfirm={() => remove.mutate()}
      />
    </div>
  );
}
