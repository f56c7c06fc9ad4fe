import { Link, useSearchParams } from "react-router";
import { fetchConversations, type Conversation, type ConversationPage } from "../../api/messaging";
import { EmptyState, Loading } from "../../components/feedback";
import { formatTimeAgo } from "../../lib/format";
import { usePagedList } from "../../lib/hiringQueries";
import { otherParty, preview } from "../../lib/messaging";
import { messagingKeys } from "../../lib/messagingQueries";
import { FilterTabs, LoadError, LoadMore } from "../hiring/parts";
import { Avatar, KindBadge } from "./parts";

function ConversationRow({ c, userId, active }: { c: Conversation; userId: string | undefined; active: boolean }) {
  const other = otherParty(c, userId);
  const last = c.last_message;
  const when = c.last_message_at ?? c.created_at;
  const mine = last && last.sender_id === userId;
  return (
    <li>
      <Link
        to={`/messages/${c.id}`}
        className={c.unread_count > 0 ? "conversation conversation--unread" : "conversation"}
        aria-current={active ? "page" : undefined}
        data-testid="conversation"
      >
        <Avatar party={other} />
        <span className="conversation__main">
          <span className="conversation__top">
            <span className="conversation__name">{other?.full_name ?? "Conversation"}</span>
            <time className="conversation__time" dateTime={when}>
              {formatTimeAgo(when)}
            </time>
          </span>
          <span className="conversation__subject">
            <KindBadge kind={c.kind} /> <span className="conversation__title">{c.title}</span>
          </span>
          <span className="conversation__preview">
            {last ? `${mine ? "You: " : ""}${preview(last.body) || (last.attachments.length > 0 ? "Sent a file" : "")}` : "No messages yet"}
          </span>
        </span>
        {c.unread_count > 0 && (
          <span className="conversation__unread">
            <span className="count-badge" data-testid="conversation-unread">
              {c.unread_count}
            </span>
            <span className="visually-hidden"> unread</span>
          </span>
        )}
      </Link>
    </li>
  );
}

/** Every conversation of the user, latest activity first, with an Unread filter. */
export function ConversationList({ activeId, userId }: { activeId: string | undefined; userId: string | undefined }) {
  const [params] = useSearchParams();
  const unread = params.get("unread") === "1";
  const { query, items, firstPage } = usePagedList<ConversationPage>(messagingKeys.conversationList(unread), (cursor, signal) =>
    fetchConversations({ unread, cursor, limit: 20 }, signal),
  );
  const unreadTotal = firstPage?.unread_total ?? null;
  return (
    <>
      <FilterTabs
        label="Conversations"
        tabs={[
          { key: "all", label: "All", to: "/messages", current: !unread },
          { key: "unread", label: "Unread", to: "/messages?unread=1", current: unread, count: unreadTotal },
        ]}
      />
      {query.isPending ? (
        <Loading label="Loading conversations…" />
      ) : query.isError ? (
        <LoadError title="Your conversations could not be loaded" error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={unread ? "Nothing unread" : "No conversations yet"}>
          <p>
            {unread
              ? "You have read every message."
              : "A conversation starts with each proposal, offer, contract and dispute; its two parties can write there."}
          </p>
        </EmptyState>
      ) : (
        <>
          <ul className="conversation-list" aria-label="Conversations">
            {items.map((c) => (
              <ConversationRow key={c.id} c={c} userId={userId} active={c.id === activeId} />
            ))}
          </ul>
          <LoadMore query={query} noun="conversations" shown={items.length} />
        </>
      )}
    </>
  );
}
