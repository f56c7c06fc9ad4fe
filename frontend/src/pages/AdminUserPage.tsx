import { useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchAdminUser, reinstateUser, suspendUser, type AdminUserDetail } from "../api/trust";
import { ApiError, errorMessage } from "../api/problem";
import type { User } from "../api/types";
import { ActionDialog, type ActionDialogHandle } from "../components/ActionDialog";
import { Alert, Loading } from "../components/feedback";
import { usePageTitle } from "../components/usePageTitle";
import { formatDate, formatDateTime } from "../lib/format";
import { SUSPEND_REASON_MAX } from "../lib/trust";
import { Fact, Facts } from "./hiring/parts";
import { AdminPage } from "./admin/AdminShell";
import { trustKeys } from "./admin/keys";
import { StandingBadge } from "./admin/parts";

const yesNo = (v: boolean) => (v ? "Yes" : "No");

function Standing({ detail, me }: { detail: AdminUserDetail; me: User }) {
  const queryClient = useQueryClient();
  const dialog = useRef<ActionDialogHandle>(null);
  const [message, setMessage] = useState<string | null>(null);
  const person = detail.user;
  const done = (updated: AdminUserDetail, text: string) => {
    queryClient.setQueryData(trustKeys.user(person.id), updated);
    void queryClient.invalidateQueries({ queryKey: trustKeys.all });
    setMessage(text);
  };
  const reinstate = useMutation({
    mutationFn: () => reinstateUser(person.id),
    onSuccess: (updated) => done(updated, `${person.full_name} is reinstated and can sign in again.`),
    onError: (error) => {
      if (error instanceof ApiError && error.code === "not_suspended") void queryClient.invalidateQueries({ queryKey: trustKeys.user(person.id) });
    },
  });
  const suspended = person.status === "suspended";
  return (
    <section className="card admin-standing" aria-labelledby="standing-title">
      <h2 id="standing-title">Standing</h2>
      <div className="form-live" aria-live="polite">
        {message && (
          <Alert tone="success" live={false}>
            <p>{message}</p>
          </Alert>
        )}
      </div>
      {suspended ? (
        <>
          <p>
            Suspended{" "}
            {person.suspended_at && (
              <>
                on <time dateTime={person.suspended_at}>{formatDateTime(person.suspended_at, me.timezone)}</time>
              </>
            )}
            . They cannot sign in; they are told:
          </p>
          <p className="admin-quote" data-testid="suspension-reason">
            {person.suspension_reason ?? "No reason recorded."}
          </p>
        </>
      ) : (
        <p>Active. Suspending signs them out everywhere at once and puts their contracts on hold; money in escrow stays where it is.</p>
      )}
      {reinstate.isError && (
        <p className="field__error" role="alert">
          {errorMessage(reinstate.error)}
        </p>
      )}
      <div className="form-actions">
        {suspended ? (
          <button type="button" className="button" disabled={reinstate.isPending} onClick={() => reinstate.mutate()}>
            {reinstate.isPending ? "Reinstating…" : "Reinstate"}
          </button>
        ) : person.id === me.id ? (
          <p className="muted small">This is your own account; another admin would have to suspend it.</p>
        ) : (
          <button type="button" className="button button--danger" onClick={() => dialog.current?.open()}>
            Suspend…
          </button>
        )}
      </div>
      <ActionDialog
        ref={dialog}
        title="Suspend this account"
        subject={`${person.full_name} (${person.email})`}
        body="They are signed out everywhere at once and cannot sign in until reinstated. Everyone they work with sees that the account is suspended."
        label="Reason"
        field="reason"
        hint="They see this when they try to sign in."
        required="Give a reason; the person is told it."
        max={SUSPEND_REASON_MAX}
        confirm="Suspend account"
        pending="Suspending…"
        onSubmit={(reason) => suspendUser(person.id, reason)}
        onDone={(updated) => done(updated, `${person.full_name} is suspended and signed out everywhere.`)}
      />
    </section>
  );
}

function Detail({ id, me }: { id: string; me: User }) {
  const detail = useQuery({ queryKey: trustKeys.user(id), queryFn: ({ signal }) => fetchAdminUser(id, signal) });
  usePageTitle(detail.data ? `${detail.data.user.full_name} (admin)` : "Person (admin)");
  if (detail.isPending) return <Loading label="Loading the account…" />;
  if (detail.isError) {
    if (detail.error instanceof ApiError && (detail.error.status === 404 || detail.error.status === 400)) {
      return (
        <Alert tone="error" title="No such account">
          <p>
            There is no account with this id. <Link to="/admin/users">Back to people</Link>
          </p>
        </Alert>
      );
    }
    return (
      <Alert tone="error" title="We could not load the account">
        <p>{errorMessage(detail.error)}</p>
        <button type="button" className="button button--secondary button--small" onClick={() => void detail.refetch()}>
          Try again
        </button>
      </Alert>
    );
  }
  const { user: person, activity } = detail.data;
  return (
    <>
      <header className="page-header">
        <p>
          <Link to="/admin/users">← People</Link>
        </p>
        <h1>
          {person.full_name} <StandingBadge status={person.status} />
        </h1>
        <p>
          {person.email}
          {person.roles.includes("freelancer") && (
            <>
              {" · "}
              <Link to={`/freelancers/${person.id}`}>Freelancer profile</Link>
            </>
          )}
          {person.roles.includes("client") && (
            <>
              {" · "}
              <Link to={`/clients/${person.id}`}>Client page</Link>
            </>
          )}
          {" · "}
          <Link to={`/admin/audit-log?actor_id=${person.id}`}>Their actions</Link>
          {" · "}
          <Link to={`/admin/audit-log?target_id=${person.id}`}>Actions on them</Link>
        </p>
      </header>
      <section className="card" aria-labelledby="account-title">
        <h2 id="account-title">Account</h2>
        <Facts>
          <Fact term="Roles">{person.roles.join(", ")}</Fact>
          <Fact term="Country">{person.country}</Fact>
          <Fact term="Time zone">{person.timezone}</Fact>
          <Fact term="Joined">{formatDate(person.created_at, me.timezone)}</Fact>
          <Fact term="Email verified">{yesNo(person.email_verified)}</Fact>
          <Fact term="Payment verified">{yesNo(person.payment_verified)}</Fact>
          <Fact term="Identity verified">{yesNo(person.identity_verified)}</Fact>
        </Facts>
      </section>
      <section className="card" aria-labelledby="activity-title">
        <h2 id="activity-title">Activity</h2>
        <Facts>
          <Fact term="Open jobs">{activity.open_jobs.toLocaleString()}</Fact>
          <Fact term="Active contracts">{activity.active_contracts.toLocaleString()}</Fact>
          <Fact term="Open flags on profile">{activity.open_flags.toLocaleString()}</Fact>
          <Fact term="Signed-in sessions">{activity.live_sessions.toLocaleString()}</Fact>
          <Fact term="Last sign-in">
            {activity.last_sign_in_at ? formatDateTime(activity.last_sign_in_at, me.timezone) : "Never"}
          </Fact>
        </Facts>
      </section>
      <Standing detail={detail.data} me={me} />
    </>
  );
}

export default function AdminUserPage() {
  const { id = "" } = useParams();
  return <AdminPage what="people’s accounts">{(me) => <Detail key={id} id={id} me={me} />}</AdminPage>;
}
