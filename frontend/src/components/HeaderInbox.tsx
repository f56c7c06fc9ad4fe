// The header's live counters: Messages with its unread badge, and the notification bell
// with a panel of the latest notifications. Both read the query cache the socket updates.
import { useEffect, useId, useRef, useState } from "react";
import { Link, NavLink, useLocation } from "react-router";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { markNotificationsRead, type Notification } from "../api/messaging";
import { errorMessage } from "../api/problem";
import { badgeCount, unreadLabel } from "../lib/messaging";
import {
  messagingKeys,
  useRecentNotifications,
  useUnreadMessages,
  useUnreadNotifications,
} from "../lib/messagingQueries";
import { formatTimeAgo } from "../lib/format";

function CountBadge({ count, testId }: { count: number; testId: string }) {
  if (count <= 0) return null;
  return (
    <span className="count-badge" aria-hidden="true" data-testid={testId}>
      {badgeCount(count)}
    </span>
  );
}

export function MessagesNavLink() {
  const unread = useUnreadMessages(true).data ?? 0;
  return (
    <NavLink to="/messages" aria-label={unreadLabel("Messages", unread)} className="nav-with-count">
      Messages
      <CountBadge count={unread} testId="messages-unread" />
    </NavLink>
  );
}

/** After notifications were read: the count now, every list on its next look. */
function useNotificationsRead() {
  const queryClient = useQueryClient();
  return (unreadCount: number) => {
    queryClient.setQueryData(messagingKeys.unreadNotifications, unreadCount);
    void queryClient.invalidateQueries({ queryKey: messagingKeys.recentNotifications });
    void queryClient.invalidateQueries({ queryKey: messagingKeys.notificationList });
  };
}

export function useMarkNotificationsRead() {
  const onRead = useNotificationsRead();
  return useMutation({
    mutationFn: (ids?: string[]) => markNotificationsRead(ids),
    onSuccess: (answer) => onRead(answer.unread_count),
  });
}

function BellIcon() {
  return (
    <svg className="bell__icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
      />
    </svg>
  );
}

export function NotificationItem({ n, onOpen }: { n: Notification; onOpen?: (n: Notification) => void }) {
  const unread = !n.read_at;
  return (
    <li className={unread ? "notification notification--unread" : "notification"} data-testid="notification">
      <Link to={n.link} className="notification__link" onClick={() => onOpen?.(n)}>
        <span className="notification__title">
          {unread && <span className="visually-hidden">Unread: </span>}
          {n.title}
        </span>
        <span className="notification__body">{n.body}</span>
        <time className="notification__time" dateTime={n.created_at}>
          {formatTimeAgo(n.created_at)}
        </time>
      </Link>
    </li>
  );
}

export function NotificationBell() {
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const { pathname } = useLocation();
  const unread = useUnreadNotifications(true).data ?? 0;
  const recent = useRecentNotifications(open);
  const markRead = useMarkNotificationsRead();

  // Close on navigation (a link in the panel was followed).
  const [shownFor, setShownFor] = useState(pathname);
  if (shownFor !== pathname) {
    setShownFor(pathname);
    setOpen(false);
  }

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (wrapRef.current && !wrapRef.current.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  const items = recent.data?.data ?? [];
  return (
    <div className="bell" ref={wrapRef}>
      <button
        ref={buttonRef}
        type="button"
        className="nav-button bell__button"
        aria-label={unreadLabel("Notifications", unread)}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        <BellIcon />
        <CountBadge count={unread} testId="notifications-unread" />
      </button>
      <div id={panelId} className="bell__panel" role="region" aria-label="Recent notifications" hidden={!open}>
        {open && (
          <>
            <div className="bell__head">
              <h2 className="bell__title">Notifications</h2>
              <button
                type="button"
                className="button button--secondary button--small"
                disabled={unread === 0 || markRead.isPending}
                onClick={() => markRead.mutate(undefined)}
              >
                Mark all read
              </button>
            </div>
            {markRead.isError && (
              <p className="field__error" role="alert">
                {errorMessage(markRead.error)}
              </p>
            )}
            {recent.isPending ? (
              <p className="muted small" role="status">
                Loading…
              </p>
            ) : recent.isError ? (
              <p className="field__error" role="alert">
                {errorMessage(recent.error)}
              </p>
            ) : items.length === 0 ? (
              <p className="muted small">No notifications yet.</p>
            ) : (
              <ul className="notification-list">
                {items.map((n) => (
                  <NotificationItem key={n.id} n={n} onOpen={(x) => !x.read_at && markRead.mutate([x.id])} />
                ))}
              </ul>
            )}
            <p className="bell__foot">
              <Link to="/notifications">See all notifications</Link>
              <span aria-hidden="true">·</span>
              <Link to="/settings/notifications">Email settings</Link>
            </p>
          </>
        )}
      </div>
    </div>
  );
}
