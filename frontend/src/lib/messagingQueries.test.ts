import { describe, expect, it } from "vitest";
import { QueryClient, type InfiniteData } from "@tanstack/react-query";
import type { Conversation, ConversationPage, Message, MessagePage, Notification, NotificationPage } from "../api/messaging";
import { applyRead, applySocketEvent, messagingKeys, noteSentAt, serverClockSkew } from "./messagingQueries";

const message: Message = {
  id: "m2",
  conversation_id: "c1",
  sender_id: "them",
  body: "New one",
  attachments: [],
  warnings: [],
  created_at: "2026-11-26T10:02:00Z",
  edited_at: null,
};

const notification: Notification = {
  id: "n2",
  kind: "offer_received",
  title: "An offer",
  body: "Dora sent you an offer",
  link: "/offers/o1",
  created_at: "2026-11-26T10:03:00Z",
  read_at: null,
};

function conversation(unread: number): Conversation {
  return {
    id: "c1",
    kind: "proposal",
    subject_id: "p1",
    title: "Bakery",
    link: "/proposals/p1",
    participants: [],
    unread_count: unread,
    created_at: "2026-11-26T09:00:00Z",
  };
}

describe("socket events into the cache", () => {
  it("adds a message to its open thread and marks conversation lists stale", () => {
    const qc = new QueryClient();
    const first: Message = { ...message, id: "m1", body: "Old", created_at: "2026-11-26T10:00:00Z" };
    qc.setQueryData<InfiniteData<MessagePage>>(messagingKeys.thread("c1", ""), { pages: [{ data: [first] }], pageParams: [null] });
    qc.setQueryData(messagingKeys.unreadMessages, 0);
    applySocketEvent(qc, { type: "message", message });
    const thread = qc.getQueryData<InfiniteData<MessagePage>>(messagingKeys.thread("c1", ""));
    expect(thread?.pages[0]?.data.map((m) => m.id)).toEqual(["m2", "m1"]);
    expect(qc.getQueryState(messagingKeys.unreadMessages)?.isInvalidated).toBe(true);
  });

  it("sets the bell's count and puts the notification on top of the panel", () => {
    const qc = new QueryClient();
    const older: Notification = { ...notification, id: "n1", read_at: "2026-11-26T09:00:00Z" };
    qc.setQueryData<NotificationPage>(messagingKeys.recentNotifications, { data: [older], unread_count: 0 });
    applySocketEvent(qc, { type: "notification", notification, unread_count: 4 });
    expect(qc.getQueryData(messagingKeys.unreadNotifications)).toBe(4);
    const panel = qc.getQueryData<NotificationPage>(messagingKeys.recentNotifications);
    expect(panel?.data.map((n) => n.id)).toEqual(["n2", "n1"]);
    expect(panel?.unread_count).toBe(4);
  });

  it("a read conversation clears its badge in the lists and sets the total", () => {
    const qc = new QueryClient();
    qc.setQueryData<InfiniteData<ConversationPage>>(messagingKeys.conversationList(false), {
      pages: [{ data: [conversation(3)], unread_total: 5 }],
      pageParams: [null],
    });
    qc.setQueryData(messagingKeys.conversation("c1"), conversation(3));
    applyRead(qc, "c1", 0, 2);
    expect(qc.getQueryData(messagingKeys.unreadMessages)).toBe(2);
    expect(qc.getQueryData<Conversation>(messagingKeys.conversation("c1"))?.unread_count).toBe(0);
    const list = qc.getQueryData<InfiniteData<ConversationPage>>(messagingKeys.conversationList(false));
    expect(list?.pages[0]?.data[0]?.unread_count).toBe(0);
    expect(list?.pages[0]?.unread_total).toBe(2);
  });
});

describe("the server's clock", () => {
  it("is learnt from a message's time when it was just written", () => {
    noteSentAt("2026-12-12T10:00:00Z", Date.parse("2026-11-26T10:00:00Z"));
    expect(serverClockSkew()).toBe(16 * 86_400_000);
    applySocketEvent(new QueryClient(), { type: "message", message: { ...message, created_at: new Date(Date.now() - 5_000).toISOString() } });
    expect(Math.round(serverClockSkew() / 1000)).toBe(-5);
    noteSentAt("not a date");
    expect(Math.round(serverClockSkew() / 1000)).toBe(-5);
  });
});
