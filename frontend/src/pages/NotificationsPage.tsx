import { Link } from "react-router";
import { fetchNotifications, type NotificationPage } from "../api/messaging";
import { errorMessage } from "../api/problem";
import { EmptyState, Loading } from "../components/feedback";
import { NotificationItem, useMarkNotificationsRead } from "../components/HeaderInbox";
import { usePageTitle } from "../components/usePageTitle";
import { usePagedList } from "../lib/hiringQueries";
import { messagingKeys, useUnreadNotifications } from "../lib/messagingQueries";
import { LoadError, LoadMore } from "./hiring/parts";
import "./jobs/jobs.css";
import "./hiring/hiring.css";
import "./messages/messages.css";

export default function NotificationsPage() {
  usePageTitle("Notifications");
  const { query, items } = usePagedList<NotificationPage>(messagingKeys.notificationList, (cursor, signal) =>
    fetchNotifications({ cursor, limit: 20 }, signal),
  );
  const unread = useUnreadNotifications(true).data ?? 0;
  const markRead = useMarkNotificationsRead();
  return (
    <div className="hiring-page notifications-page">
      <header className="page-header notifications-page__head">
        <h1>Notifications</h1>
        <div className="notifications-page__actions">
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={unread === 0 || markRead.isPending}
            onClick={() => markRead.mutate(undefined)}
          >
            Mark all read
          </button>
          <Link to="/settings/notifications" className="small">
            Email settings
          </Link>
        </div>
      </header>
      <p className="visually-hidden" role="status">
        {unread > 0 ? `${unread} unread` : "All read"}
      </p>
      {markRead.isError && (
        <p className="field__error" role="alert">
          {errorMessage(markRead.error)}
        </p>
      )}
      {query.isPending ? (
        <Loading label="Loading notifications…" />
      ) : query.isError ? (
        <LoadError title="Your notifications could not be loaded" error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title="No notifications yet">
          <p>Proposals, offers, payments and disputes that concern you will show here.</p>
        </EmptyState>
      ) : (
        <div className="card">
          <ul className="notification-list notification-list--page">
            {items.map((n) => (
              <NotificationItem key={n.id} n={n} onOpen={(x) => !x.read_at && markRead.mutate([x.id])} />
            ))}
          </ul>
          <LoadMore query={query} noun="notifications" shown={items.length} />
        </div>
      )}
    </div>
  );
}
