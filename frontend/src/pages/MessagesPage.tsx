import { useParams } from "react-router";
import { EmptyState } from "../components/feedback";
import { usePageTitle } from "../components/usePageTitle";
import { useFreshUser } from "../lib/queries";
import { ConversationList } from "./messages/ConversationList";
import { Thread } from "./messages/Thread";
import "./jobs/jobs.css";
import "./hiring/hiring.css";
import "./messages/messages.css";

/**
 * Conversations beside the open thread on wide screens; on phones the list (/messages)
 * and a thread (/messages/:id) are separate screens.
 */
export default function MessagesPage() {
  usePageTitle("Messages");
  const { id } = useParams();
  const user = useFreshUser();
  return (
    <div className={id ? "messages messages--thread-open" : "messages"}>
      <h1 className="messages__title">Messages</h1>
      <div className="messages__layout">
        <section className="messages__list" aria-label="Conversations">
          <ConversationList activeId={id} userId={user?.id} />
        </section>
        <section className="messages__thread card" aria-label="Conversation">
          {id ? (
            <Thread key={id} id={id} user={user} />
          ) : (
            <EmptyState title="Choose a conversation">
              <p>Pick one on the left to read and reply.</p>
            </EmptyState>
          )}
        </section>
      </div>
    </div>
  );
}
