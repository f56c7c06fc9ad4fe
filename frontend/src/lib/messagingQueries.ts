// Server state for messages and notifications, and how a live event updates it: one query
// key per resource, shared by the header badges, the bell, the lists and the thread.
import { useEffect, useSyncExternalStore } from "react";
import { useQuery, useQueryClient, type InfiniteData, type QueryClient } from "@tanstack/react-query";
import { session } from "../api";
import { SessionExpiredError } from "../auth/session";
import {
  fetchConversation,
  fetchConversations,
  fetchNotifications,
  type Conversation,
  type ConversationPage,
  type Message,
  type MessagePage,
  type Notification,
  type NotificationPage,
} from "../api/messaging";
import { mergeMessage, socketUrl, type SocketEvent } from "./messaging";
import { RealtimeConnection, type RealtimeStatus, type SocketLike } from "./realtime";

export const messagingKeys = {
  conversations: ["conversations"] as const,
  conversationList: (unread: boolean) => ["conversations", "list", unread] as const,
  conversation: (id: string) => ["conversations", "one", id] as const,
  conversationOf: (subjectId: string) => ["conversations", "subject", subjectId] as const,
  unreadMessages: ["conversations", "unread-total"] as const,
  messages: (conversationId: string) => ["messages", conversationId] as const,
  thread: (conversationId: string, q: string) => ["messages", conversationId, q] as const,
  notifications: ["notifications"] as const,
  unreadNotifications: ["notifications", "unread-count"] as const,
  recentNotifications: ["notifications", "recent"] as const,
  notificationList: ["notifications", "list"] as const,
  preferences: ["notification-preferences"] as const,
};

/** Unread messages across every conversation (for the Messages badge). */
export function useUnreadMessages(enabled: boolean) {
  return useQuery({
    queryKey: messagingKeys.unreadMessages,
    queryFn: async ({ signal }) => (await fetchConversations({ limit: 1 }, signal)).unread_total,
    enabled,
  });
}

/** Unread notifications (for the bell). */
export function useUnreadNotifications(enabled: boolean) {
  return useQuery({
    queryKey: messagingKeys.unreadNotifications,
    queryFn: async ({ signal }) => (await fetchNotifications({ limit: 1 }, signal)).unread_count,
    enabled,
  });
}

/** The latest few notifications (for the bell's panel). */
export function useRecentNotifications(enabled: boolean) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: messagingKeys.recentNotifications,
    queryFn: async ({ signal }) => {
      const page = await fetchNotifications({ limit: 8 }, signal);
      queryClient.setQueryData(messagingKeys.unreadNotifications, page.unread_count);
      return page;
    },
    enabled,
  });
}

export function useConversation(id: string) {
  return useQuery({
    queryKey: messagingKeys.conversation(id),
    queryFn: ({ signal }) => fetchConversation(id, signal),
    enabled: id !== "",
  });
}

/** The conversation of a proposal, offer, contract or dispute (null when there is none). */
export function useConversationOf(subjectId: string) {
  return useQuery({
    queryKey: messagingKeys.conversationOf(subjectId),
    queryFn: async ({ signal }): Promise<Conversation | null> =>
      (await fetchConversations({ subject_id: subjectId, limit: 1 }, signal)).data[0] ?? null,
    enabled: subjectId !== "",
    staleTime: 5 * 60_000,
  });
}

let clockSkew = 0;

/**
 * How far the server's clock is ahead of this browser's (ms), learnt from the last message
 * this tab sent or was pushed: the 15-minute edit window is judged on the server's clock.
 */
export function serverClockSkew(): number {
  return clockSkew;
}

/** Note the server's time of a message just sent or pushed (see serverClockSkew). */
export function noteSentAt(createdAt: string, receivedAt: number = Date.now()): void {
  const sent = Date.parse(createdAt);
  if (Number.isFinite(sent)) clockSkew = sent - receivedAt;
}

/** A message sent, edited or received: into its thread now, and the lists on their next look. */
export function applyMessage(queryClient: QueryClient, message: Message): void {
  queryClient.setQueryData<InfiniteData<MessagePage>>(messagingKeys.thread(message.conversation_id, ""), (data) =>
    mergeMessage(data, message),
  );
  // A search's results may change too; they are fetched again when next shown.
  void queryClient.invalidateQueries({
    queryKey: messagingKeys.messages(message.conversation_id),
    predicate: (q) => q.queryKey[2] !== "",
  });
  void queryClient.invalidateQueries({ queryKey: messagingKeys.conversations });
}

/** A notification pushed by the server: the bell's count and panel now, the full list later. */
export function applyNotification(queryClient: QueryClient, notification: Notification, unreadCount: number): void {
  queryClient.setQueryData(messagingKeys.unreadNotifications, unreadCount);
  queryClient.setQueryData<NotificationPage>(messagingKeys.recentNotifications, (page) =>
    page
      ? {
          ...page,
          unread_count: unreadCount,
          data: [notification, ...page.data.filter((n) => n.id !== notification.id)].slice(0, 8),
        }
      : page,
  );
  void queryClient.invalidateQueries({ queryKey: messagingKeys.notificationList });
}

export function applySocketEvent(queryClient: QueryClient, event: SocketEvent): void {
  if (event.type === "message") {
    // A new message is pushed as it is written: its time is the server's now.
    if (!event.message.edited_at) noteSentAt(event.message.created_at);
    applyMessage(queryClient, event.message);
  }
  else applyNotification(queryClient, event.notification, event.unread_count);
}

/** After reading a conversation: its count, the list's counts and the total, at once. */
export function applyRead(queryClient: QueryClient, conversationId: string, unreadCount: number, unreadTotal: number): void {
  queryClient.setQueryData(messagingKeys.unreadMessages, unreadTotal);
  queryClient.setQueryData<Conversation>(messagingKeys.conversation(conversationId), (c) => (c ? { ...c, unread_count: unreadCount } : c));
  for (const unread of [false, true]) {
    queryClient.setQueryData<InfiniteData<ConversationPage>>(messagingKeys.conversationList(unread), (data) =>
      data
        ? {
            ...data,
            pages: data.pages.map((p) => ({
              ...p,
              unread_total: unreadTotal,
              data: p.data.map((c) => (c.id === conversationId ? { ...c, unread_count: unreadCount } : c)),
            })),
          }
        : data,
    );
  }
}

let connection: RealtimeConnection | null = null;

function browserSocket(token: string): SocketLike {
  return new WebSocket(socketUrl(window.location, token)) as unknown as SocketLike;
}

/** The tab's one live connection (created on first use). */
function sharedConnection(): RealtimeConnection {
  connection ??= new RealtimeConnection({
    getToken: () => session.getAccessToken(),
    refreshToken: () => session.refresh(),
    isSessionOver: (error) => error instanceof SessionExpiredError || session.getState().status !== "signed_in",
    openSocket: browserSocket,
  });
  return connection;
}

/**
 * Keep the tab's socket open while signed in and feed its events into the query cache.
 * Called once, by the layout; every screen then just reads the cache.
 */
export function useRealtimeSync(signedIn: boolean): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!signedIn || typeof WebSocket === "undefined") return;
    const conn = sharedConnection();
    const offEvent = conn.onEvent((event) => applySocketEvent(queryClient, event));
    const offOpen = conn.onOpen((reconnected) => {
      // Events sent while the socket was down were missed: ask again.
      if (reconnected) {
        void queryClient.invalidateQueries({ queryKey: messagingKeys.conversations });
        void queryClient.invalidateQueries({ queryKey: ["messages"] });
        void queryClient.invalidateQueries({ queryKey: messagingKeys.notifications });
      }
    });
    const wake = () => conn.wake();
    window.addEventListener("online", wake);
    conn.start();
    return () => {
      window.removeEventListener("online", wake);
      offEvent();
      offOpen();
      conn.stop();
    };
  }, [signedIn, queryClient]);
}

const stoppedStore = { subscribe: () => () => {}, getStatus: (): RealtimeStatus => "stopped" };

/** Whether live updates are flowing ("open") or the socket is coming back ("waiting"). */
export function useRealtimeStatus(): RealtimeStatus {
  const store = typeof WebSocket === "undefined" ? stoppedStore : sharedConnection();
  return useSyncExternalStore(store.subscribe, store.getStatus);
}
