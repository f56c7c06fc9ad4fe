import { useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { fetchMessages, markConversationRead, type Conversation, type MessagePage } from "../../api/messaging";
import { errorMessage } from "../../api/problem";
import type { User } from "../../api/types";
import { EmptyState, Loading } from "../../components/feedback";
import { browserTimeZone } from "../../lib/format";
import { kindLabels, localTime, otherParty, threadOrder } from "../../lib/messaging";
import { applyRead, messagingKeys, useConversation, useRealtimeStatus } from "../../lib/messagingQueries";
import { useNow } from "../../lib/useNow";
import { LoadError } from "../hiring/parts";
import { Composer } from "./Composer";
import { MessageItem } from "./MessageItem";
import { Avatar, KindBadge } from "./parts";

function useThread(conversationId: string, q: string) {
  return useInfiniteQuery({
    queryKey: messagingKeys.thread(conversationId, q),
    queryFn: ({ pageParam, signal }) => fetchMessages(conversationId, { q, cursor: pageParam, limit: 30 }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last: MessagePage) => last.next_cursor ?? null,
  });
}

/** Tell the server what was read: when the thread is on screen and its newest message changes. */
function useMarkRead(conversation: Conversation | undefined, newestId: string | undefined, newestFromOther: boolean) {
  const queryClient = useQueryClient();
  const marked = useRef<string | null>(null);
  const [visible, setVisible] = useState(() => document.visibilityState === "visible");
  useEffect(() => {
    const onChange = () => setVisible(document.visibilityState === "visible");
    document.addEventListener("visibilitychange", onChange);
    return () => document.removeEventListener("visibilitychange", onChange);
  }, []);
  const unread = conversation?.unread_count ?? 0;
  const id = conversation?.id;
  useEffect(() => {
    if (!id || !newestId || !visible) return;
    if (marked.current === newestId) return;
    if (unread === 0 && !newestFromOther) return;
    marked.current = newestId;
    markConversationRead(id, newestId).then(
      (state) => applyRead(queryClient, id, state.unread_count, state.unread_total),
      () => {
        marked.current = null; // try again on the next change
      },
    );
  }, [id, newestId, newestFromOther, unread, visible, queryClient]);
}

function ThreadHeader({ conversation, userId }: { conversation: Conversation; userId: string | undefined }) {
  const other = otherParty(conversation, userId);
  const now = useNow(30_000);
  const readerZone = browserTimeZone();
  return (
    <header className="thread__header">
      <p className="thread__back small">
        <Link to="/messages">← All conversations</Link>
      </p>
      <div className="thread__who">
        <Avatar party={other} size="lg" />
        <div>
          <h2 className="thread__name">
            {other?.full_name ?? "Conversation"}
            {other && <span className="muted thread__role"> ({other.role})</span>}
          </h2>
          {other && (
            <p className="thread__local small" data-testid="local-time">
              Local time: <strong>{localTime(other.timezone, new Date(now), undefined, readerZone)}</strong>{" "}
              <span className="muted">({other.timezone.replaceAll("_", " ")})</span>
            </p>
          )}
        </div>
      </div>
      <p className="thread__subject small">
        <KindBadge kind={conversation.kind} />{" "}
        <Link to={conversation.link}>
          {conversation.title}
          <span className="visually-hidden"> (open the {kindLabels[conversation.kind].toLowerCase()})</span>
        </Link>
      </p>
    </header>
  );
}

function SearchBox({ q, onSearch }: { q: string; onSearch: (q: string) => void }) {
  const id = useId();
  const [draft, setDraft] = useState(q);
  return (
    <form
      role="search"
      className="thread__search"
      aria-label="Search this conversation"
      onSubmit={(event) => {
        event.preventDefault();
        onSearch(draft.trim());
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        Search this conversation
      </label>
      <input
        id={id}
        type="search"
        className="input"
        placeholder="Search this conversation"
        value={draft}
        onChange={(event) => {
          setDraft(event.target.value);
          if (event.target.value === "" && q !== "") onSearch("");
        }}
      />
      <button type="submit" className="button button--secondary button--small">
        Search
      </button>
      {q && (
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => {
            setDraft("");
            onSearch("");
          }}
        >
          Clear
        </button>
      )}
    </form>
  );
}

/** One conversation: who, their local time, the messages (older ones on request), and the composer. */
export function Thread({ id, user }: { id: string; user: User | null }) {
  const userId = user?.id;
  const conversation = useConversation(id);
  const [q, setQ] = useState("");
  const live = useThread(id, "");
  const search = useThread(id, q);
  const shown = q ? search : live;
  const messages = threadOrder(shown.data);
  const now = useNow(15_000);
  const status = useRealtimeStatus();
  const scrollRef = useRef<HTMLDivElement>(null);

  const liveNewest = live.data?.pages[0]?.data[0];
  useMarkRead(conversation.data, liveNewest?.id, liveNewest !== undefined && liveNewest.sender_id !== userId);

  // Stay at the bottom (the newest) as messages arrive; keep the place when older ones load above.
  const newestId = messages[messages.length - 1]?.id;
  const newestMine = messages[messages.length - 1]?.sender_id === userId;
  const oldestId = messages[0]?.id;
  const last = useRef<{ newest?: string | undefined; oldest?: string | undefined; height: number }>({ height: 0 });
  useLayoutEffect(() => {
    const box = scrollRef.current;
    if (!box) return;
    const prev = last.current;
    if (prev.newest !== newestId) {
      // Follow the newest unless the reader had scrolled up to read older ones.
      const wasNearBottom = prev.height === 0 || prev.height - box.clientHeight - box.scrollTop < 160;
      if (wasNearBottom || newestMine) box.scrollTop = box.scrollHeight;
    } else if (prev.oldest !== oldestId) {
      box.scrollTop += box.scrollHeight - prev.height;
    }
    last.current = { newest: newestId, oldest: oldestId, height: box.scrollHeight };
  }, [newestId, oldestId, newestMine]);

  if (conversation.isPending) return <Loading label="Loading the conversation…" />;
  if (conversation.isError)
    return (
      <LoadError title="This conversation could not be loaded" error={conversation.error} onRetry={() => void conversation.refetch()} />
    );
  const c = conversation.data;
  const other = otherParty(c, userId);
  const byId = new Map(c.participants.map((p) => [p.id, p]));
  return (
    <div className="thread">
      <ThreadHeader conversation={c} userId={userId} />
      <SearchBox q={q} onSearch={setQ} />
      {status === "waiting" && (
        <p className="thread__status small" role="status">
          Live updates paused: reconnecting…
        </p>
      )}
      <div
        ref={scrollRef}
        className="thread__scroll"
        tabIndex={0}
        role="log"
        aria-label={q ? `Messages matching “${q}”` : `Messages with ${other?.full_name ?? "them"}`}
      >
        {shown.hasNextPage && (
          <div className="thread__older">
            <button
              type="button"
              className="button button--secondary button--small"
              disabled={shown.isFetchingNextPage}
              onClick={() => void shown.fetchNextPage()}
            >
              {shown.isFetchingNextPage ? "Loading…" : "Load older messages"}
            </button>
            {shown.isFetchNextPageError && <p className="field__error">{errorMessage(shown.error)}</p>}
          </div>
        )}
        {shown.isPending ? (
          <Loading label={q ? "Searching…" : "Loading messages…"} />
        ) : shown.isError && !shown.isFetchNextPageError ? (
          <LoadError title="The messages could not be loaded" error={shown.error} onRetry={() => void shown.refetch()} />
        ) : messages.length === 0 ? (
          q ? (
            <EmptyState title={`No messages contain “${q}”`} />
          ) : (
            <EmptyState title="No messages yet">
              <p>Say hello: both of you see this conversation.</p>
            </EmptyState>
          )
        ) : (
          <ol className="message-list">
            {messages.map((m) => (
              <MessageItem key={m.id} message={m} userId={userId} sender={byId.get(m.sender_id)} timeZone={user?.timezone} now={now} />
            ))}
          </ol>
        )}
      </div>
      <Composer conversationId={c.id} recipient={other?.full_name ?? "them"} />
    </div>
  );
}
