// The pure parts of messaging: merging live messages into cached pages, the socket's
// reconnect delays, local times, labels and the off-platform warning's words.
import type { InfiniteData } from "@tanstack/react-query";
import type { Conversation, ConversationKind, Message, MessagePage, NotificationKind, OffPlatformFlag, Participant } from "../api/messaging";
import { usableTimeZone } from "./format";

/** How long after sending a message its sender may still edit it. */
export const EDIT_WINDOW_MS = 15 * 60_000;

export const MESSAGE_MAX_CHARS = 5000;

/**
 * A new or edited message into the pages of a thread (newest first): an edit replaces the
 * message where it is; a new one goes on top of the first page. Returns the same object
 * when nothing changed (no re-render).
 */
export function mergeMessage(data: InfiniteData<MessagePage> | undefined, message: Message): InfiniteData<MessagePage> | undefined {
  if (!data) return data;
  const at = data.pages.findIndex((page) => page.data.some((m) => m.id === message.id));
  if (at >= 0) {
    const pages = data.pages.map((page, i) => {
      if (i !== at) return page;
      return {
        ...page,
        data: page.data.map((old) => {
          if (old.id !== message.id) return old;
          // The socket's copy of a message the sender already holds may come without the
          // sender's warnings: keep them while the text is the same.
          const sameText = old.body === message.body && (old.edited_at ?? null) === (message.edited_at ?? null);
          return sameText && message.warnings.length === 0 ? { ...message, warnings: old.warnings } : message;
        }),
      };
    });
    return { ...data, pages };
  }
  const [first, ...rest] = data.pages;
  if (!first) return { ...data, pages: [{ data: [message], next_cursor: null }] };
  // Newest first; a late arrival still lands in time order.
  const merged = [...first.data, message].sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id.localeCompare(a.id));
  return { ...data, pages: [{ ...first, data: merged }, ...rest] };
}

/** The messages of every page fetched so far, oldest first (the order a thread is read in). */
export function threadOrder(data: InfiniteData<MessagePage> | undefined): Message[] {
  if (!data) return [];
  const seen = new Set<string>();
  const out: Message[] = [];
  for (const page of data.pages) {
    for (const m of page.data) {
      if (seen.has(m.id)) continue;
      seen.add(m.id);
      out.push(m);
    }
  }
  return out.reverse();
}

/**
 * The wait before reconnecting after `attempt` failures in a row: 1 s, 2 s, 4 s … up to
 * 30 s, with up to a fifth more at random so many tabs don't return at once.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 1000 * 2 ** Math.max(0, Math.min(attempt, 10)));
  return Math.round(base * (1 + 0.2 * random()));
}

/** The ws:// or wss:// address of the event socket, on the page's own origin. */
export function socketUrl(location: { protocol: string; host: string }, token: string): string {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}/api/v1/ws?token=${encodeURIComponent(token)}`;
}

export type SocketEvent =
  | { type: "message"; message: Message }
  | { type: "notification"; notification: import("../api/messaging").Notification; unread_count: number };

/** A frame from the socket, or null when it is not one we know. */
export function parseSocketEvent(text: string): SocketEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  if (v.type === "message" && typeof v.message === "object" && v.message !== null) return v as SocketEvent;
  if (v.type === "notification" && typeof v.notification === "object" && v.notification !== null && typeof v.unread_count === "number") {
    return v as SocketEvent;
  }
  return null;
}

/** "3:04 PM" where they are, with the day when it differs from the reader's. */
export function localTime(timeZone: string, now: Date = new Date(), locale?: string, readerZone?: string): string {
  const zone = usableTimeZone(timeZone);
  const time = new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit", timeZone: zone }).format(now);
  const dayOf = (z: string) => new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone: z }).format(now);
  const reader = usableTimeZone(readerZone);
  if (dayOf(zone) === dayOf(reader)) return time;
  const weekday = new Intl.DateTimeFormat(locale, { weekday: "short", timeZone: zone }).format(now);
  return `${time} (${weekday})`;
}

/** The other member of a conversation (the first one who is not `userId`). */
export function otherParty(conversation: Pick<Conversation, "participants">, userId: string | undefined): Participant | null {
  return conversation.participants.find((p) => p.id !== userId) ?? conversation.participants[0] ?? null;
}

/** "DA" for Diego Álvarez: for the avatar when there is no photo. */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? "?";
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? "") : "";
  return (first + last).toUpperCase();
}

/** One line of a message for a list: whitespace folded, cut at `max` characters. */
export function preview(text: string, max = 90): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

export function canEdit(message: Pick<Message, "sender_id" | "created_at">, userId: string | undefined, now: number): boolean {
  if (!userId || message.sender_id !== userId) return false;
  const sent = Date.parse(message.created_at);
  return Number.isFinite(sent) && now - sent < EDIT_WINDOW_MS;
}

export const kindLabels: Record<ConversationKind, string> = {
  proposal: "Proposal",
  offer: "Offer",
  contract: "Contract",
  dispute: "Dispute",
};

const flagWords: Record<OffPlatformFlag, string> = {
  email: "an email address",
  phone: "a phone number",
  payment_handle: "a payment account",
};

/** "an email address and a phone number". */
export function flagsText(flags: readonly OffPlatformFlag[]): string {
  const words = [...new Set(flags)].map((f) => flagWords[f]);
  if (words.length <= 1) return words[0] ?? "";
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1] ?? ""}`;
}

export const notificationKindLabels: Record<NotificationKind, string> = {
  proposal_received: "A proposal arrives on your job",
  invitation_received: "You are invited to a job",
  offer_received: "You receive an offer",
  offer_answered: "Your offer is accepted or declined",
  milestone_funded: "A milestone is funded",
  milestone_submitted: "Work is submitted for review",
  milestone_approved: "Submitted work is approved",
  changes_requested: "Changes are requested on submitted work",
  invoice_issued: "An hourly invoice is issued",
  payment_released: "A payment is released to you",
  dispute_opened: "A dispute is opened",
  dispute_updated: "A dispute gets an answer or a message",
  dispute_resolved: "A dispute is resolved",
  feedback_received: "You receive feedback",
};

/** "Notifications, 3 unread" (or no count when there are none). */
export function unreadLabel(noun: string, count: number): string {
  return count > 0 ? `${noun}, ${count} unread` : noun;
}

/** The count for a badge: "99+" past 99. */
export function badgeCount(count: number): string {
  return count > 99 ? "99+" : String(count);
}
