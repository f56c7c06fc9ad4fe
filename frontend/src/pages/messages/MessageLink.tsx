import { Link } from "react-router";
import { useConversationOf } from "../../lib/messagingQueries";

/** "Message" to the conversation of a proposal, offer, contract or dispute (nothing until it exists). */
export function MessageLink({ subjectId, label = "Message" }: { subjectId: string; label?: string }) {
  const conversation = useConversationOf(subjectId);
  const c = conversation.data;
  if (!c) return null;
  return (
    <Link to={`/messages/${c.id}`} className="button button--secondary button--small message-link" data-testid="message-link">
      {label}
      {c.unread_count > 0 && <span className="message-link__count"> ({c.unread_count} unread)</span>}
    </Link>
  );
}
