// Messaging and notification calls: conversations, messages, read markers, notifications
// and the email preferences. Shapes come from the generated schema.
import { api, call } from ".";
import type { components } from "./schema";

type Schemas = components["schemas"];

export type Conversation = Schemas["Conversation"];
export type ConversationKind = Schemas["ConversationKind"];
export type ConversationPage = Schemas["ConversationPage"];
export type Participant = Schemas["Participant"];
export type Message = Schemas["Message"];
export type MessagePage = Schemas["MessagePage"];
export type OffPlatformFlag = Schemas["OffPlatformFlag"];
export type ReadState = Schemas["ReadState"];
export type Notification = Schemas["NotificationDto"];
export type NotificationKind = Schemas["NotificationKind"];
export type NotificationPage = Schemas["NotificationPage"];
export type NotificationPreferences = Schemas["NotificationPreferences"];
export type EmailPreference = Schemas["EmailPreference"];

function withSignal(signal?: AbortSignal): { signal?: AbortSignal } {
  return signal ? { signal } : {};
}

export interface ConversationQuery {
  unread?: boolean;
  subject_id?: string;
  cursor?: string | null;
  limit?: number;
}

export function fetchConversations(query: ConversationQuery = {}, signal?: AbortSignal): Promise<ConversationPage> {
  const { cursor, ...rest } = query;
  return call(
    api.GET("/api/v1/conversations", {
      params: { query: { ...rest, ...(cursor ? { cursor } : {}) } },
      ...withSignal(signal),
    }),
  );
}

export function fetchConversation(id: string, signal?: AbortSignal): Promise<Conversation> {
  return call(api.GET("/api/v1/conversations/{id}", { params: { path: { id } }, ...withSignal(signal) }));
}

export function fetchMessages(
  id: string,
  query: { q?: string; cursor?: string | null; limit?: number } = {},
  signal?: AbortSignal,
): Promise<MessagePage> {
  const { cursor, q, limit } = query;
  return call(
    api.GET("/api/v1/conversations/{id}/messages", {
      params: {
        path: { id },
        query: { ...(q ? { q } : {}), ...(cursor ? { cursor } : {}), ...(limit ? { limit } : {}) },
      },
      ...withSignal(signal),
    }),
  );
}

export function sendMessage(id: string, body: string, attachmentIds: string[] = []): Promise<Message> {
  return call(
    api.POST("/api/v1/conversations/{id}/messages", {
      params: { path: { id } },
      body: { body, ...(attachmentIds.length > 0 ? { attachment_ids: attachmentIds } : {}) },
    }),
  );
}

export function editMessage(id: string, body: string): Promise<Message> {
  return call(api.PATCH("/api/v1/messages/{id}", { params: { path: { id } }, body: { body } }));
}

export function markConversationRead(id: string, messageId?: string): Promise<ReadState> {
  return call(
    api.POST("/api/v1/conversations/{id}/read", {
      params: { path: { id } },
      body: messageId ? { message_id: messageId } : {},
    }),
  );
}

export function fetchNotifications(
  query: { unread?: boolean; cursor?: string | null; limit?: number } = {},
  signal?: AbortSignal,
): Promise<NotificationPage> {
  const { cursor, ...rest } = query;
  return call(
    api.GET("/api/v1/notifications", {
      params: { query: { ...rest, ...(cursor ? { cursor } : {}) } },
      ...withSignal(signal),
    }),
  );
}

/** Mark these notifications read, or all of them when `ids` is absent. */
export function markNotificationsRead(ids?: string[]): Promise<{ unread_count: number }> {
  return call(api.POST("/api/v1/notifications/read", { body: ids ? { ids } : {} }));
}

export function fetchNotificationPreferences(signal?: AbortSignal): Promise<NotificationPreferences> {
  return call(api.GET("/api/v1/me/notification-preferences", withSignal(signal)));
}

export function saveNotificationPreferences(prefs: NotificationPreferences): Promise<NotificationPreferences> {
  return call(api.PUT("/api/v1/me/notification-preferences", { body: prefs }));
}
