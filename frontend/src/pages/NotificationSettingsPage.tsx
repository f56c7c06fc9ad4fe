import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  fetchNotificationPreferences,
  saveNotificationPreferences,
  type NotificationKind,
  type NotificationPreferences,
} from "../api/messaging";
import { errorMessage } from "../api/problem";
import { Alert, Loading } from "../components/feedback";
import { usePageTitle } from "../components/usePageTitle";
import { notificationKindLabels } from "../lib/messaging";
import { messagingKeys } from "../lib/messagingQueries";
import { LoadError } from "./hiring/parts";
import "./messages/messages.css";

const KINDS = Object.keys(notificationKindLabels) as NotificationKind[];

function PreferencesForm({ saved }: { saved: NotificationPreferences }) {
  const queryClient = useQueryClient();
  const initial = Object.fromEntries(KINDS.map((k) => [k, saved.email.find((e) => e.kind === k)?.email ?? true])) as Record<
    NotificationKind,
    boolean
  >;
  const [choices, setChoices] = useState(initial);
  const [done, setDone] = useState(false);
  const save = useMutation({
    mutationFn: () => saveNotificationPreferences({ email: KINDS.map((kind) => ({ kind, email: choices[kind] })) }),
    onSuccess: (answer) => {
      queryClient.setQueryData(messagingKeys.preferences, answer);
      setDone(true);
    },
  });
  const all = KINDS.every((k) => choices[k]);
  return (
    <form
      className="form card"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setDone(false);
        save.mutate();
      }}
    >
      <fieldset className="email-prefs">
        <legend>Email me when…</legend>
        <ul className="email-prefs__list">
          {KINDS.map((kind) => (
            <li key={kind}>
              <label className="email-prefs__item">
                <input
                  type="checkbox"
                  role="switch"
                  checked={choices[kind]}
                  onChange={(event) => {
                    setDone(false);
                    setChoices((c) => ({ ...c, [kind]: event.target.checked }));
                  }}
                />
                <span>{notificationKindLabels[kind]}</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <p>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => {
            setDone(false);
            setChoices(Object.fromEntries(KINDS.map((k) => [k, !all])) as Record<NotificationKind, boolean>);
          }}
        >
          {all ? "Turn all emails off" : "Turn all emails on"}
        </button>
      </p>
      <div className="form-live" aria-live="polite">
        {done && <Alert tone="success" live={false}>Your email settings are saved.</Alert>}
        {save.isError && (
          <Alert tone="error" live={false}>
            {errorMessage(save.error)}
          </Alert>
        )}
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save email settings"}
        </button>
      </div>
    </form>
  );
}

export default function NotificationSettingsPage() {
  usePageTitle("Notification settings");
  const query = useQuery({ queryKey: messagingKeys.preferences, queryFn: ({ signal }) => fetchNotificationPreferences(signal) });
  return (
    <div className="narrow notification-settings">
      <header className="page-header">
        <h1>Notification settings</h1>
        <p className="muted">
          Every notification shows under the bell in Worklane. Choose which ones we also send to your email address.
        </p>
      </header>
      {query.isPending ? (
        <Loading label="Loading your settings…" />
      ) : query.isError ? (
        <LoadError title="Your settings could not be loaded" error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <PreferencesForm saved={query.data} />
      )}
    </div>
  );
}
