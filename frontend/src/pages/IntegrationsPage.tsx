import { useRef, useState } from "react";
import { Link } from "react-router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, errorMessage } from "../api/problem";
import { deleteWebhook, fetchWebhooks, type CreatedWebhook, type Webhook } from "../api/webhooks";
import { useCurrentUser } from "../auth/useAuth";
import { Alert, EmptyState, Loading } from "../components/feedback";
import { usePageTitle } from "../components/usePageTitle";
import { LoadError } from "./hiring/parts";
import { EndpointForm } from "./integrations/EndpointForm";
import { EndpointList } from "./integrations/EndpointList";
import { HowDeliveriesWork } from "./integrations/HowDeliveriesWork";
import { integrationsKeys } from "./integrations/keys";
import { NewSecretPanel } from "./integrations/NewSecretPanel";
import { ConfirmDialog, type ConfirmDialogHandle } from "./money/ConfirmDialog";
import "./account.css";
import "./jobs/jobs.css";
import "./security/security.css";
import "./integrations/integrations.css";

function EndpointsSection() {
  const queryClient = useQueryClient();
  const user = useCurrentUser();
  const endpoints = useQuery({ queryKey: integrationsKeys.endpoints, queryFn: ({ signal }) => fetchWebhooks(signal) });
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  const [target, setTarget] = useState<Webhook | null>(null);
  const [deleted, setDeleted] = useState<Webhook | null>(null);
  const confirmRef = useRef<ConfirmDialogHandle>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const remove = useMutation({
    mutationFn: (endpoint: Webhook) => deleteWebhook(endpoint.id),
    onSuccess: (_, endpoint) => setDeleted(endpoint),
    onError: (error, endpoint) => {
      // Already gone (another tab): say so as done.
      if (error instanceof ApiError && error.status === 404) setDeleted(endpoint);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: integrationsKeys.endpoints }),
  });
  const list = endpoints.data ?? [];
  const removeFailed = remove.isError && !(remove.error instanceof ApiError && remove.error.status === 404);

  return (
    <section className="card security-section" aria-labelledby="endpoints-title">
      <div className="security-section__head webhook-section__head">
        <h2 id="endpoints-title">Webhook endpoints</h2>
        {!adding && !created && (
          <button
            ref={addRef}
            type="button"
            className="button button--small"
            onClick={() => {
              setDeleted(null);
              setAdding(true);
            }}
          >
            Add endpoint
          </button>
        )}
      </div>
      <p>
        Worklane can tell your own systems when something happens in your account — a proposal arrives, a milestone is
        funded, a payment is released — by sending a signed request to a URL of yours. You can have up to 10 endpoints.
      </p>
      {created ? (
        <NewSecretPanel
          webhook={created}
          onDone={() => {
            setCreated(null);
            requestAnimationFrame(() => addRef.current?.focus());
          }}
        />
      ) : (
        adding && (
          <EndpointForm
            onCreated={(webhook) => {
              setAdding(false);
              setCreated(webhook);
              void queryClient.invalidateQueries({ queryKey: integrationsKeys.endpoints });
            }}
            onCancel={() => {
              setAdding(false);
              requestAnimationFrame(() => addRef.current?.focus());
            }}
          />
        )
      )}
      <h3 className="token-list__title">Your endpoints</h3>
      <div className="form-live" aria-live="polite">
        {deleted && (
          <Alert tone="success" live={false}>
            <p>
              The endpoint <code>{deleted.url}</code> is deleted: nothing more is sent to it.{" "}
              <Link to={`/settings/integrations/${deleted.id}`}>Its delivery history</Link> stays readable.
            </p>
          </Alert>
        )}
        {removeFailed && (
          <Alert tone="error" live={false}>
            <p>{errorMessage(remove.error)}</p>
          </Alert>
        )}
      </div>
      {endpoints.isPending ? (
        <Loading label="Loading your endpoints…" />
      ) : endpoints.isError ? (
        <LoadError title="Your endpoints could not be loaded" error={endpoints.error} onRetry={() => void endpoints.refetch()} />
      ) : list.length === 0 ? (
        <EmptyState title="No endpoints yet">
          <p>Add an endpoint to receive events at your own URL as they happen.</p>
        </EmptyState>
      ) : (
        <EndpointList
          endpoints={list}
          timeZone={user?.timezone}
          deleting={remove.isPending ? remove.variables.id : null}
          onDelete={(endpoint) => {
            setDeleted(null);
            setTarget(endpoint);
            confirmRef.current?.open();
          }}
        />
      )}
      <ConfirmDialog
        ref={confirmRef}
        title="Delete this endpoint?"
        body={
          target
            ? `Nothing more is sent to ${target.url}, and deliveries still waiting for a retry stop. Its delivery history stays readable.`
            : "Nothing more is sent to it."
        }
        confirm="Delete endpoint"
        keep="Keep it"
        onConfirm={() => {
          if (target) remove.mutate(target);
        }}
      />
    </section>
  );
}

export default function IntegrationsPage() {
  usePageTitle("Integrations");
  return (
    <div className="account security integrations">
      <header className="page-header">
        <h1>Integrations</h1>
        <p>Send events from your Worklane account to your own systems as they happen.</p>
      </header>
      <EndpointsSection />
      <HowDeliveriesWork />
      <p className="muted small account-foot">
        Back to <Link to="/account">your account</Link> · <Link to="/settings/security">Security</Link> ·{" "}
        <Link to="/settings/notifications">Notification settings</Link>
      </p>
    </div>
  );
}
