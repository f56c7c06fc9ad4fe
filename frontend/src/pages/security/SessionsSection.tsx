import { useRef, useState } from "react";
import { useNavigate } from "react-router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { session } from "../../api";
import { ApiError, errorMessage } from "../../api/problem";
import { fetchSessions, revokeSession, signOutEverywhere, type SessionInfo } from "../../api/security";
import { useCurrentUser } from "../../auth/useAuth";
import { Alert, EmptyState, Loading } from "../../components/feedback";
import { formatDateTime, formatTimeAgo } from "../../lib/format";
import { describeUserAgent } from "../../lib/security";
import { useNow } from "../../lib/useNow";
import { LoadError } from "../hiring/parts";
import { ConfirmDialog, type ConfirmDialogHandle } from "../money/ConfirmDialog";
import { securityKeys } from "./keys";

export const SIGNED_OUT_EVERYWHERE = "You signed out on every device, this one included. Sign in again to go on.";

function SessionItem({
  item,
  timeZone,
  now,
  busy,
  onSignOut,
}: {
  item: SessionInfo;
  timeZone: string | undefined;
  now: Date;
  busy: boolean;
  onSignOut: () => void;
}) {
  const device = describeUserAgent(item.user_agent);
  return (
    <li className="session" data-testid="session">
      <div className="session__main">
        <p className="session__device">
          <span title={item.user_agent ?? undefined}>{device}</span>
          {item.current && <span className="badge badge--brand">This device</span>}
        </p>
        <p className="muted small session__meta">
          {item.ip ? <>IP {item.ip} · </> : null}
          Signed in <time dateTime={item.created_at}>{formatDateTime(item.created_at, timeZone)}</time> · Last active{" "}
          <time dateTime={item.last_used_at} title={formatDateTime(item.last_used_at, timeZone)}>
            {formatTimeAgo(item.last_used_at, now)}
          </time>
        </p>
      </div>
      {!item.current && (
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={busy}
          aria-label={`Sign out ${device}${item.ip ? ` at ${item.ip}` : ""}`}
          onClick={onSignOut}
        >
          {busy ? "Signing out…" : "Sign out"}
        </button>
      )}
    </li>
  );
}

export function SessionsSection() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const now = new Date(useNow(60_000));
  const sessions = useQuery({ queryKey: securityKeys.sessions, queryFn: ({ signal }) => fetchSessions(signal) });
  const confirmRef = useRef<ConfirmDialogHandle>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const revoke = useMutation({
    mutationFn: revokeSession,
    onSuccess: () => setNotice("That device is signed out."),
    onError: (error) => {
      // Already gone (signed out there, or expired): the list was out of date.
      if (error instanceof ApiError && error.status === 404) setNotice("That device was already signed out.");
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: securityKeys.sessions }),
  });
  const everywhere = useMutation({
    mutationFn: signOutEverywhere,
    onSuccess: async () => {
      // This session ended too: forget it here and go to sign-in.
      session.clear(true);
      queryClient.clear();
      await navigate("/login", { replace: true, state: { flash: SIGNED_OUT_EVERYWHERE } });
    },
  });

  const list = sessions.data ?? [];
  return (
    <section className="card security-section" aria-labelledby="sessions-title">
      <div className="security-section__head">
        <h2 id="sessions-title">Where you’re signed in</h2>
      </div>
      <p className="muted">
        Every browser and app signed in to your account. Sign out any you don’t recognise, then change your password.
      </p>
      <div className="form-live" aria-live="polite">
        {notice && (
          <Alert tone="success" live={false}>
            <p>{notice}</p>
          </Alert>
        )}
        {revoke.isError && !(revoke.error instanceof ApiError && revoke.error.status === 404) && (
          <Alert tone="error" live={false}>
            <p>{errorMessage(revoke.error)}</p>
          </Alert>
        )}
      </div>
      {sessions.isPending ? (
        <Loading label="Loading your sessions…" />
      ) : sessions.isError ? (
        <LoadError title="Your sessions could not be loaded" error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : list.length === 0 ? (
        <EmptyState title="No sessions">
          <p>Nothing is signed in to your account.</p>
        </EmptyState>
      ) : (
        <ul className="session-list" aria-label="Sessions">
          {list.map((item) => (
            <SessionItem
              key={item.id}
              item={item}
              timeZone={user?.timezone}
              now={now}
              busy={revoke.isPending && revoke.variables === item.id}
              onSignOut={() => {
                setNotice(null);
                revoke.mutate(item.id);
              }}
            />
          ))}
        </ul>
      )}
      <div className="form-live" aria-live="assertive">
        {everywhere.isError && (
          <Alert tone="error" live={false}>
            <p>{errorMessage(everywhere.error)}</p>
          </Alert>
        )}
      </div>
      <div className="form-actions security-actions">
        <button
          type="button"
          className="button button--danger-quiet"
          disabled={everywhere.isPending}
          onClick={() => confirmRef.current?.open()}
        >
          {everywhere.isPending ? "Signing out…" : "Sign out everywhere"}
        </button>
      </div>
      <ConfirmDialog
        ref={confirmRef}
        title="Sign out everywhere?"
        body="Every browser and app signed in to your account is signed out, this one included. Access tokens keep working until you revoke them."
        confirm="Sign out everywhere"
        keep="Stay signed in"
        onConfirm={() => everywhere.mutate()}
      />
    </section>
  );
}
