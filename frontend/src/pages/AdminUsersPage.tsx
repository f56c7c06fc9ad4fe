import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useInfiniteQuery } from "@tanstack/react-query";
import { fetchAdminUsers, type AdminUser } from "../api/trust";
import { errorMessage } from "../api/problem";
import { Alert, EmptyState, Loading } from "../components/feedback";
import { usePageTitle } from "../components/usePageTitle";
import { formatDate } from "../lib/format";
import { parseStanding } from "../lib/trust";
import { AdminPage } from "./admin/AdminShell";
import { trustKeys } from "./admin/keys";
import { StandingBadge } from "./admin/parts";

function PersonRow({ person, timeZone }: { person: AdminUser; timeZone: string | undefined }) {
  return (
    <li className="card" data-testid="admin-user">
      <div className="admin-row__head">
        <h2 className="admin-row__name">
          <Link to={`/admin/users/${person.id}`}>{person.full_name}</Link>
        </h2>
        <StandingBadge status={person.status} />
      </div>
      <p className="muted small">
        {person.email} · {person.roles.join(", ")} · joined <time dateTime={person.created_at}>{formatDate(person.created_at, timeZone)}</time>
      </p>
      {person.status === "suspended" && person.suspension_reason && <p className="small">Suspended: {person.suspension_reason}</p>}
    </li>
  );
}

function People({ timeZone }: { timeZone: string | undefined }) {
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const status = parseStanding(params.get("status"));
  const [text, setText] = useState(q);
  const list = useInfiniteQuery({
    queryKey: trustKeys.users(q, status),
    queryFn: ({ pageParam, signal }) => fetchAdminUsers({ q, ...(status ? { status } : {}) }, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? null,
  });
  const people = list.data?.pages.flatMap((p) => p.data) ?? [];
  const update = (next: { q?: string; status?: string }) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setParams(p, { replace: true });
  };
  return (
    <>
      <form
        className="admin-filters"
        role="search"
        aria-label="Find people"
        onSubmit={(event) => {
          event.preventDefault();
          update({ q: text.trim() });
        }}
      >
        <div className="field">
          <label htmlFor="admin-users-q">Name or email</label>
          <input id="admin-users-q" className="input" type="search" value={text} onChange={(event) => setText(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="admin-users-status">Standing</label>
          <select id="admin-users-status" className="input" value={status ?? ""} onChange={(event) => update({ status: event.target.value })}>
            <option value="">Everyone</option>
            <option value="active">Active</option>
            <option value="suspended">Suspended</option>
          </select>
        </div>
        <div className="form-actions">
          <button type="submit" className="button">
            Search
          </button>
        </div>
      </form>
      {list.isPending ? (
        <Loading label="Loading people…" />
      ) : list.isError && people.length === 0 ? (
        <Alert tone="error" title="We could not load the list">
          <p>{errorMessage(list.error)}</p>
          <button type="button" className="button button--secondary button--small" onClick={() => void list.refetch()}>
            Try again
          </button>
        </Alert>
      ) : people.length === 0 ? (
        <EmptyState title="Nobody found">
          <p>{q ? `No account matches “${q}”.` : "No accounts with this standing."}</p>
        </EmptyState>
      ) : (
        <>
          <ul className="admin-list" aria-label="People">
            {people.map((person) => (
              <PersonRow key={person.id} person={person} timeZone={timeZone} />
            ))}
          </ul>
          <div className="job-list__more" aria-live="polite">
            {list.isFetchNextPageError && <p className="field__error">{errorMessage(list.error)}</p>}
            {list.hasNextPage && (
              <button type="button" className="button button--secondary" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                {list.isFetchingNextPage ? "Loading…" : "Load more people"}
              </button>
            )}
          </div>
        </>
      )}
    </>
  );
}

export default function AdminUsersPage() {
  usePageTitle("People (admin)");
  return (
    <AdminPage what="the people list">
      {(user) => (
        <>
          <header className="page-header">
            <h1>People</h1>
            <p>Find an account, see what it is doing, suspend or reinstate it.</p>
          </header>
          <People timeZone={user.timezone} />
        </>
      )}
    </AdminPage>
  );
}
