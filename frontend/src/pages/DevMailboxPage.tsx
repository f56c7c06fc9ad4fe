import { useId, useState, type SyntheticEvent } from "react";
import { useSearchParams } from "react-router";
import { useInfiniteQuery } from "@tanstack/react-query";
import { api, call } from "../api";
import { ApiError, errorMessage } from "../api/problem";
import type { DevMail } from "../api/types";
import { useCurrentUser } from "../auth/useAuth";
import { Alert, EmptyState, Loading } from "../components/feedback";
import { usePageTitle } from "../components/usePageTitle";
import { formatDateTime } from "../lib/format";
import { linkify } from "../lib/linkify";
import "./mailbox.css";

const PAGE_SIZE = 20;

function MailItem({ mail, timeZone }: { mail: DevMail; timeZone: string | null }) {
  const titleId = useId();
  return (
    <li>
      <article className="mail" aria-labelledby={titleId}>
        <header className="mail__head">
          <h3 id={titleId} className="mail__subject">
            {mail.subject}
          </h3>
          <p className="mail__meta">
            To {mail.to} · <time dateTime={mail.created_at}>{formatDateTime(mail.created_at, timeZone)}</time>
          </p>
        </header>
        <div className="mail__body">{linkify(mail.text_body)}</div>
      </article>
    </li>
  );
}

function Mailbox({ to, timeZone }: { to: string; timeZone: string | null }) {
  const mails = useInfiniteQuery({
    queryKey: ["dev-mailbox", to],
    queryFn: ({ pageParam }) =>
      call(
        api.GET("/api/v1/dev/mailbox", {
          params: { query: { to, limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    staleTime: 0,
  });

  if (mails.isPending) return <Loading label={`Loading mail for ${to}…`} />;
  if (mails.isError) {
    const missing = mails.error instanceof ApiError && mails.error.status === 404;
    return (
      <Alert tone="error" title="The mailbox could not be loaded">
        <p>
          {missing
            ? "The development mailbox only exists when the server runs in development or test mode."
            : errorMessage(mails.error)}
        </p>
        <button type="button" className="button button--secondary button--small" onClick={() => void mails.refetch()}>
          Try again
        </button>
      </Alert>
    );
  }
  const all = mails.data.pages.flatMap((p) => p.data);
  return (
    <section aria-labelledby="results-title" className="mail-results">
      <div className="mail-results__head">
        <h2 id="results-title">
          Mail for <span className="mail-results__address">{to}</span>
        </h2>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => void mails.refetch()}
          disabled={mails.isFetching}
        >
          {mails.isFetching && !mails.isFetchingNextPage ? "Refreshing…" : "Refresh"}
        </button>
      </div>
      <p className="visually-hidden" aria-live="polite">
        {all.length === 1 ? "1 message" : `${all.length} messages`}
      </p>
      {all.length === 0 ? (
        <EmptyState title="No mail yet">
          <p>Nothing has been sent to this address. Mail can take a few seconds to arrive; refresh to check again.</p>
        </EmptyState>
      ) : (
        <ul className="mail-list">
          {all.map((mail) => (
            <MailItem key={mail.id} mail={mail} timeZone={timeZone} />
          ))}
        </ul>
      )}
      {mails.hasNextPage && (
        <div className="form-actions mail-more">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void mails.fetchNextPage()}
            disabled={mails.isFetchingNextPage}
          >
            {mails.isFetchingNextPage ? "Loading…" : "Load older mail"}
          </button>
        </div>
      )}
    </section>
  );
}

export default function DevMailboxPage() {
  usePageTitle("Development mailbox");
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const to = params.get("to") ?? user?.email ?? "";
  const [draft, setDraft] = useState(to);
  const [draftFor, setDraftFor] = useState(to);
  const inputId = useId();
  // Follow the address when it changes from outside (navigation, sign-in).
  if (draftFor !== to) {
    setDraftFor(to);
    setDraft(to);
  }

  const onSubmit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    const address = draft.trim();
    setParams(address ? { to: address } : {});
  };

  return (
    <div className="mailbox">
      <header className="page-header">
        <h1>Development mailbox</h1>
        <p>
          Mail that Worklane would have sent, kept by a server running in development or test mode. Nothing here
          leaves this machine.
        </p>
      </header>
      <form className="card mailbox-form" onSubmit={onSubmit} role="search" aria-label="Mailbox address">
        <div className="field">
          <label htmlFor={inputId}>Email address</label>
          <div className="mailbox-form__row">
            <input
              id={inputId}
              className="input"
              type="email"
              autoComplete="email"
              placeholder="name@example.com"
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
            />
            <button type="submit" className="button">
              Show mail
            </button>
          </div>
        </div>
      </form>
      {to ? (
        <Mailbox key={to} to={to} timeZone={user?.timezone ?? null} />
      ) : (
        <EmptyState title="Choose an address">
          <p>Type an email address above to see the mail sent to it.</p>
        </EmptyState>
      )}
    </div>
  );
}
