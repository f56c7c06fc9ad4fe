import { useRef, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { declineInvitation, fetchMyInvitations, INVITATION_STATUSES, type HiringRole, type Invitation } from "../api/hiring";
import { ApiError, errorMessage } from "../api/problem";
import { EmptyState, Loading } from "../components/feedback";
import { PlainText } from "../components/PlainText";
import { usePageTitle } from "../components/usePageTitle";
import { formatDate } from "../lib/format";
import {
  effectiveRole,
  hiringRoles,
  hrefWith,
  invitationsQuery,
  invitationStatusLabels,
  parseInvitationFilters,
  roleFiltersToQueryString,
} from "../lib/hiring";
import { hiringKeys, useInvitationChanged, usePagedList } from "../lib/hiringQueries";
import { useFreshUser } from "../lib/queries";
import { Gate } from "./hiring/Gate";
import { FilterTabs, InvitationStatusBadge, LoadError, LoadMore, PartyLink } from "./hiring/parts";
import { ReasonDialog, type ReasonDialogHandle } from "./hiring/ReasonDialog";
import "./jobs/jobs.css";
import "./hiring/hiring.css";

const statusTabLabels = { pending: "Pending", accepted: "Accepted", declined: "Declined" } as const;

function InvitationRow({ invitation, role, timeZone }: { invitation: Invitation; role: HiringRole; timeZone: string | undefined }) {
  const invitationChanged = useInvitationChanged();
  const queryClient = useQueryClient();
  const dialog = useRef<ReasonDialogHandle>(null);
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const decline = useMutation({
    mutationFn: (reason: string) => declineInvitation(invitation.id, reason || undefined),
    onSuccess: (updated) => {
      setMessage({ tone: "ok", text: "Declined. The client has been told." });
      invitationChanged(updated);
    },
    onError: (error) => {
      setMessage({ tone: "error", text: errorMessage(error) });
      if (error instanceof ApiError && error.status === 409) void queryClient.invalidateQueries({ queryKey: hiringKeys.myInvitations });
    },
  });
  const received = role === "freelancer";
  const other = received ? invitation.client : invitation.freelancer;
  const pending = invitation.status === "pending";
  return (
    <li className="hiring-row card">
      <div className="job-row__head">
        <h2 className="job-row__title">
          <Link to={`/jobs/${invitation.job.id}`}>{invitation.job.title}</Link>
        </h2>
        <InvitationStatusBadge status={invitation.status} />
      </div>
      <p className="muted small">
        {received ? "From " : "To "}
        <PartyLink party={other} side={received ? "client" : "freelancer"} /> ·{" "}
        <time dateTime={invitation.created_at}>{formatDate(invitation.created_at, timeZone)}</time>
      </p>
      <div className="hiring-row__note">
        <PlainText text={invitation.message} />
      </div>
      {invitation.status === "declined" && invitation.decline_reason && (
        <p className="decline-reason">Reason: “{invitation.decline_reason}”</p>
      )}
      {(pending && received) || invitation.proposal_id ? (
        <div className="hiring-row__actions">
          {pending && received && (
            <>
              <Link className="button button--small" to={`/jobs/${invitation.job.id}/apply?invitation=${invitation.id}`}>
                Accept<span className="visually-hidden"> the invitation to “{invitation.job.title}”</span>
              </Link>
              <button
                type="button"
                className="button button--danger-quiet button--small"
                disabled={decline.isPending}
                onClick={() => {
                  setMessage(null);
                  dialog.current?.open();
                }}
              >
                {decline.isPending ? "Declining…" : "Decline"}
                <span className="visually-hidden"> the invitation to “{invitation.job.title}”</span>
              </button>
              <span className="muted small">Accepting means sending a proposal, free of Connects.</span>
            </>
          )}
          {invitation.proposal_id && (
            <Link className="button button--secondary button--small" to={`/proposals/${invitation.proposal_id}`}>
              {received ? "See your proposal" : "See the proposal"}
              <span className="visually-hidden"> to “{invitation.job.title}”</span>
            </Link>
          )}
        </div>
      ) : null}
      <p className={`hiring-row__status${message?.tone === "error" ? " hiring-row__status--error" : ""}`} role={message?.tone === "error" ? "alert" : "status"} hidden={!message}>
        {message?.text}
      </p>
      {pending && received && (
        <ReasonDialog
          ref={dialog}
          title="Decline this invitation?"
          subject={`“${invitation.job.title}”, from ${invitation.client.full_name}`}
          body="The client is told you declined. This cannot be undone."
          reasonHint="Shared with the client."
          confirm="Decline invitation"
          keep="Keep it"
          onConfirm={(reason) => decline.mutate(reason)}
        />
      )}
    </li>
  );
}

export default function InvitationsPage() {
  usePageTitle("Invitations");
  const user = useFreshUser();
  const [params] = useSearchParams();
  const filters = parseInvitationFilters(params);
  const role = user ? effectiveRole(user.roles, filters.role) : null;
  const { query, items } = usePagedList(
    [...hiringKeys.myInvitations, role, filters.status],
    (cursor, signal) => fetchMyInvitations(invitationsQuery({ role, status: filters.status }, cursor), signal),
    role !== null,
  );

  if (!user) return <Loading label="Loading your invitations…" />;
  if (!role) {
    return (
      <div className="hiring-page">
        <h1>Invitations</h1>
        <Gate title="Invitations are between clients and freelancers" action={{ to: "/account", text: "Go to your account" }}>
          <p>Your account is neither a client nor a freelancer account.</p>
        </Gate>
      </div>
    );
  }
  const roles = hiringRoles(user.roles);
  const received = role === "freelancer";
  const roleTabs = roles.map((r) => ({
    key: r,
    label: r === "freelancer" ? "Received" : "Sent",
    to: hrefWith(roleFiltersToQueryString({ role: r, status: filters.status })),
    current: r === role,
  }));
  const statusTabs = [
    { key: "all", label: "All", to: hrefWith(roleFiltersToQueryString({ role: filters.role, status: null })), current: filters.status === null },
    ...INVITATION_STATUSES.map((s) => ({
      key: s,
      label: statusTabLabels[s],
      to: hrefWith(roleFiltersToQueryString({ role: filters.role, status: s })),
      current: filters.status === s,
    })),
  ];
  const filterLabel = filters.status ? statusTabLabels[filters.status] : "All";

  return (
    <div className="hiring-page">
      <header className="page-header">
        <h1>Invitations</h1>
        <p>
          {received
            ? "Clients who asked you to send a proposal. Accepting one costs no Connects."
            : "Freelancers you invited to your jobs."}
        </p>
      </header>
      {roles.length > 1 && <FilterTabs label="Received or sent" tabs={roleTabs} primary />}
      <FilterTabs label="Filter invitations by status" tabs={statusTabs} />
      {query.isPending ? (
        <Loading label="Loading your invitations…" />
      ) : query.isError && items.length === 0 ? (
        <LoadError title="We could not load your invitations" error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState
          title={
            filters.status
              ? `No ${invitationStatusLabels[filters.status].toLowerCase()} invitations`
              : received
                ? "No invitations yet"
                : "You have not invited anyone yet"
          }
        >
          <p>
            {received
              ? "When a client invites you to a job, it shows here. A complete profile gets found more often."
              : "Open a freelancer’s profile and choose “Invite to job”."}
          </p>
          <p className="empty__action">
            <Link className="button button--secondary" to={received ? "/me/profile" : "/freelancers"}>
              {received ? "Complete your profile" : "Find talent"}
            </Link>
          </p>
        </EmptyState>
      ) : (
        <>
          <ul className="job-list" aria-label={`${filterLabel} invitations`}>
            {items.map((i) => (
              <InvitationRow key={i.id} invitation={i} role={role} timeZone={user.timezone} />
            ))}
          </ul>
          <LoadMore query={query} noun="invitations" shown={items.length} />
        </>
      )}
    </div>
  );
}
