import { describe, expect, it } from "vitest";
import type { InfiniteData } from "@tanstack/react-query";
import type { Message, MessagePage } from "../api/messaging";
import {
  badgeCount,
  canEdit,
  flagsText,
  initials,
  localTime,
  mergeMessage,
  otherParty,
  parseSocketEvent,
  preview,
  reconnectDelay,
  socketUrl,
  threadOrder,
  unreadLabel,
} from "./messaging";

function msg(id: string, created_at: string, extra: Partial<Message> = {}): Message {
  return { id, conversation_id: "c1", sender_id: "u1", body: `body ${id}`, attachments: [], warnings: [], created_at, edited_at: null, ...extra };
}

function pages(...lists: Message[][]): InfiniteData<MessagePage> {
  return { pages: lists.map((data, i) => ({ data, next_cursor: i < lists.length - 1 ? `c${i}` : null })), pageParams: lists.map((_, i) => (i === 0 ? null : `c${i - 1}`)) };
}

describe("mergeMessage", () => {
  const a = msg("a", "2026-11-26T10:00:00Z");
  const b = msg("b", "2026-11-26T10:01:00Z");
  const c = msg("c", "2026-11-26T10:02:00Z");

  it("puts a new message on top of the first page (newest first)", () => {
    const merged = mergeMessage(pages([b, a]), c);
    expect(merged?.pages[0]?.data.map((m) => m.id)).toEqual(["c", "b", "a"]);
  });

  it("keeps time order when a message arrives late", () => {
    const merged = mergeMessage(pages([c, a]), b);
    expect(merged?.pages[0]?.data.map((m) => m.id)).toEqual(["c", "b", "a"]);
  });

  it("replaces an edited message where it is, even on an older page", () => {
    const edited = { ...a, body: "new text", edited_at: "2026-11-26T10:05:00Z" };
    const merged = mergeMessage(pages([c, b], [a]), edited);
    expect(merged?.pages[1]?.data).toEqual([edited]);
    expect(merged?.pages[0]?.data.map((m) => m.id)).toEqual(["c", "b"]);
  });

  it("does not add a message twice (the send answer and the socket's copy)", () => {
    const once = mergeMessage(pages([b, a]), c);
    const twice = mergeMessage(once, c);
    expect(threadOrder(twice).map((m) => m.id)).toEqual(["a", "b", "c"]);
  });

  it("keeps the sender's warnings when the socket's copy of the same text has none", () => {
    const warned = { ...c, warnings: ["email" as const] };
    const merged = mergeMessage(pages([warned, b]), { ...c, warnings: [] });
    expect(merged?.pages[0]?.data[0]?.warnings).toEqual(["email"]);
  });

  it("takes the edit's warnings when the text changed", () => {
    const warned = { ...c, warnings: ["email" as const] };
    const merged = mergeMessage(pages([warned]), { ...c, body: "no address now", edited_at: "2026-11-26T10:03:00Z" });
    expect(merged?.pages[0]?.data[0]?.warnings).toEqual([]);
  });

  it("leaves a thread that was never loaded alone", () => {
    expect(mergeMessage(undefined, a)).toBeUndefined();
  });
});

describe("threadOrder", () => {
  it("reads oldest first across pages", () => {
    const list = threadOrder(pages([msg("d", "4"), msg("c", "3")], [msg("b", "2"), msg("a", "1")]));
    expect(list.map((m) => m.id)).toEqual(["a", "b", "c", "d"]);
  });
});

describe("reconnectDelay", () => {
  it("doubles from one second up to thirty", () => {
    const none = () => 0;
    expect([0, 1, 2, 3, 4, 5, 6, 20].map((n) => reconnectDelay(n, none))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it("adds at most a fifth at random", () => {
    expect(reconnectDelay(0, () => 1)).toBe(1200);
    expect(reconnectDelay(10, () => 0.5)).toBe(33000);
  });
});

describe("socketUrl", () => {
  it("follows the page's scheme and host", () => {
    expect(socketUrl({ protocol: "https:", host: "worklane.example" }, "a.b+c")).toBe("wss://worklane.example/api/v1/ws?token=a.b%2Bc");
    expect(socketUrl({ protocol: "http:", host: "127.0.0.1:8080" }, "t")).toBe("ws://127.0.0.1:8080/api/v1/ws?token=t");
  });
});

describe("parseSocketEvent", () => {
  it("knows messages and notifications", () => {
    expect(parseSocketEvent(JSON.stringify({ type: "message", message: msg("a", "1") }))?.type).toBe("message");
    const n = parseSocketEvent(JSON.stringify({ type: "notification", notification: { id: "n" }, unread_count: 3 }));
    expect(n).toMatchObject({ type: "notification", unread_count: 3 });
  });

  it("ignores what it does not know", () => {
    expect(parseSocketEvent("not json")).toBeNull();
    expect(parseSocketEvent(JSON.stringify({ type: "typing" }))).toBeNull();
    expect(parseSocketEvent(JSON.stringify({ type: "notification", notification: {} }))).toBeNull();
  });
});

describe("localTime", () => {
  const at = new Date("2026-11-26T13:04:00Z");

  it("is the time in their zone", () => {
    expect(localTime("Europe/Lisbon", at, "en-US", "Europe/Lisbon")).toBe("1:04 PM");
    expect(localTime("Europe/Berlin", at, "en-US", "Europe/Lisbon")).toBe("2:04 PM");
  });

  it("names the day when theirs is not the reader's", () => {
    expect(localTime("Asia/Tokyo", at, "en-US", "America/New_York")).toBe("10:04 PM");
    expect(localTime("Asia/Tokyo", new Date("2026-11-26T16:00:00Z"), "en-US", "America/New_York")).toBe("1:00 AM (Fri)");
    expect(localTime("Pacific/Kiritimati", new Date("2026-11-26T23:30:00Z"), "en-US", "UTC")).toBe("1:30 PM (Fri)");
  });

  it("falls back to the reader's zone for a zone it does not know", () => {
    expect(localTime("Mars/Olympus_Mons", at, "en-US", "UTC")).toMatch(/^\d{1,2}:04 [AP]M/);
  });
});

describe("canEdit", () => {
  const sent = "2026-11-26T10:00:00Z";
  const t = Date.parse(sent);

  it("lets the sender edit for 15 minutes", () => {
    expect(canEdit({ sender_id: "me", created_at: sent }, "me", t + 14 * 60_000)).toBe(true);
    expect(canEdit({ sender_id: "me", created_at: sent }, "me", t + 15 * 60_000)).toBe(false);
  });

  it("never lets anyone else", () => {
    expect(canEdit({ sender_id: "them", created_at: sent }, "me", t)).toBe(false);
    expect(canEdit({ sender_id: "them", created_at: sent }, undefined, t)).toBe(false);
  });
});

describe("words", () => {
  it("lists the shared details", () => {
    expect(flagsText(["email"])).toBe("an email address");
    expect(flagsText(["email", "phone", "email"])).toBe("an email address and a phone number");
    expect(flagsText(["email", "phone", "payment_handle"])).toBe("an email address, a phone number and a payment account");
  });

  it("labels counts for screen readers and badges", () => {
    expect(unreadLabel("Notifications", 3)).toBe("Notifications, 3 unread");
    expect(unreadLabel("Notifications", 0)).toBe("Notifications");
    expect(badgeCount(7)).toBe("7");
    expect(badgeCount(120)).toBe("99+");
  });

  it("shortens previews and makes initials", () => {
    expect(preview("Hello\n\nthere   friend")).toBe("Hello there friend");
    expect(preview("x".repeat(200), 10)).toBe(`${"x".repeat(9)}…`);
    expect(initials("Diego Álvarez")).toBe("DÁ");
    expect(initials("Cher")).toBe("C");
  });

  it("finds the other party", () => {
    const parts = [
      { id: "me", full_name: "Me", country: "DE", role: "client", timezone: "UTC", suspended: false },
      { id: "you", full_name: "You", country: "PT", role: "freelancer", timezone: "UTC", suspended: false },
    ];
    expect(otherParty({ participants: parts }, "me")?.id).toBe("you");
    expect(otherParty({ participants: parts }, "you")?.id).toBe("me");
  });
});
