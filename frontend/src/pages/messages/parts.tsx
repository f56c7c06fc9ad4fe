import type { ConversationKind, Participant } from "../../api/messaging";
import { linkify } from "../../lib/linkify";
import { initials, kindLabels } from "../../lib/messaging";

const kindTones: Record<ConversationKind, string> = {
  proposal: "badge--info",
  offer: "badge--brand",
  contract: "badge--success",
  dispute: "badge--warning",
};

export function KindBadge({ kind }: { kind: ConversationKind }) {
  return (
    <span className={`badge ${kindTones[kind]}`} data-testid="conversation-kind">
      {kindLabels[kind]}
    </span>
  );
}

/** Their photo, or their initials on a coloured disc (decorative: the name is beside it). */
export function Avatar({ party, size = "md" }: { party: Pick<Participant, "full_name" | "photo_url"> | null; size?: "md" | "lg" }) {
  const className = `avatar avatar--${size}`;
  if (party?.photo_url) return <img className={className} src={party.photo_url} alt="" loading="lazy" />;
  return (
    <span className={className} aria-hidden="true">
      {initials(party?.full_name ?? "?")}
    </span>
  );
}

/**
 * A message's text exactly as written: paragraphs and line breaks kept, web addresses
 * made links, everything else shown as text (never parsed as HTML).
 */
export function MessageText({ text }: { text: string }) {
  const paragraphs = text
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((p) => p.replace(/^\n+|\n+$/g, ""))
    .filter((p) => p.trim() !== "");
  return (
    <div className="message__text">
      {paragraphs.map((p, i) => (
        <p key={i}>{linkify(p)}</p>
      ))}
    </div>
  );
}
