import { useId, useState, type ReactNode } from "react";
import { Link } from "react-router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchDispute, postDisputeMessage, respondToDispute, type Dispute } from "../../api/disputes";
import { errorMessage, problemToFormErrors } from "../../api/problem";
import { Alert, Loading } from "../../components/feedback";
import { FieldErrorText } from "../../components/fields";
import { PlainText } from "../../components/PlainText";
import { canRespond, outcomeText, partyLabel, statusLabel, statusTone } from "../../lib/disputes";
import { formatDateTime } from "../../lib/format";
import { Badge, Fact, Facts } from "../hiring/parts";
import { Money } from "../money/parts";
import "../hiring/hiring.css";
import "./disputes.css";
import { SuspendedPartyAlert } from "../../components/SuspendedPartyAlert";

export const disputeKeys = {
  all: ["disputes"] as const,
  one: (id: string) => ["disputes", "one", id] as const,
  mine: (status: string) => ["disputes", "mine", status] as const,
  admin: (status: string) => ["disputes", "admin", status] as const,
};

export function useDispute(id: string) {
  return useQuery({ queryKey: disputeKeys.one(id), queryFn: ({ signal }) => fetchDispute(id, signal) });
}

export function DisputeStatusBadge({ status }: { status: string }) {
  return <Badge label={statusLabel(status)} tone={statusTone(status)} testId="dispute-status" />;
}

function authorName(dispute: Dispute, authorId: string, userId: string | undefined): string {
  const you = authorId === userId ? ", you" : "";
  if (authorId === dispute.client_id) return `${dispute.client.full_name} (client${you})`;
  if (authorId === dispute.freelancer_id) return `${dispute.freelancer.full_name} (freelancer${you})`;
  return `Worklane admin${you ? " (you)" : ""}`;
}

function PartyName({ dispute, role, userId }: { dispute: Dispute; role: "client" | "freelancer"; userId: string | undefined }) {
  const party = dispute[role];
  return (
    <>
      {party.full_name}
      {party.id === userId && <span className="muted"> (you)</span>}
    </>
  );
}

/** The amounts, who opened it and why, the deadline, and how it ended. */
export function DisputeSummary({ dispute, userId, timeZone }: { dispute: Dispute; userId?: string | undefined; timeZone?: string | null | undefined }) {
  const outcome = outcomeText(dispute);
  return (
    <section className="card dispute-summary" aria-labelledby={`summary-${dispute.id}`}>
      <div className="dispute-summary__head">
        <h2 id={`summary-${dispute.id}`}>
          <Link to={`/contracts/${dispute.contract_id}`}>{dispute.contract_title}</Link>
        </h2>
        <DisputeStatusBadge status={dispute.status} />
      </div>
      <Facts label="Dispute">
        <Fact term="In escrow">
          <Money amount={dispute.amount} />
        </Fact>
        <Fact term="Client">
          <PartyName dispute={dispute} role="client" userId={userId} />
        </Fact>
        <Fact term="Freelancer">
          <PartyName dispute={dispute} role="freelancer" userId={userId} />
        </Fact>
        <Fact term="Opened by">
          <span data-testid="dispute-opener">{partyLabel(dispute, dispute.opener_role)}</span>
        </Fact>
        <Fact term="Refund requested">
          <Money amount={dispute.requested_refund} />
        </Fact>
        <Fact term="Opened">{formatDateTime(dispute.created_at, timeZone)}</Fact>
        {dispute.status === "awaiting_response" && <Fact term="Answer by">{formatDateTime(dispute.respond_by, timeZone)}</Fact>}
        {dispute.status === "resolved" && dispute.release_amount != null && (
          <Fact term={`Released to ${partyLabel(dispute, "freelancer")}`}>
            <Money amount={dispute.release_amount} />
          </Fact>
        )}
        {dispute.status === "resolved" && dispute.refund_amount != null && (
          <Fact term={`Refunded to ${partyLabel(dispute, "client")}`}>
            <Money amount={dispute.refund_amount} />
          </Fact>
        )}
      </Facts>
      <h3>Why</h3>
      <PlainText text={dispute.reason} />
      {dispute.status === "awaiting_response" && (
        <p className="muted small">
          Without an answer by {formatDateTime(dispute.respond_by, timeZone)}, the request is granted.
        </p>
      )}
      {dispute.response_message && (
        <>
          <h3>Answer{dispute.responded_at ? ` (${formatDateTime(dispute.responded_at, timeZone)})` : ""}</h3>
          <PlainText text={dispute.response_message} />
        </>
      )}
      {outcome && <p data-testid="dispute-outcome">{outcome}</p>}
      {dispute.resolution_note && (
        <>
          <h3>Admin’s note</h3>
          <PlainText text={dispute.resolution_note} />
        </>
      )}
    </section>
  );
}

/** The thread and a box to write in it. */
export function DisputeThread({ dispute, userId, timeZone }: { dispute: Dispute; userId: string | undefined; timeZone?: string | null | undefined }) {
  const boxId = useId();
  const queryClient = useQueryClient();
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: (text: string) => postDisputeMessage(dispute.id, text),
    onSuccess: () => {
      setBody("");
      setError(null);
      return queryClient.invalidateQueries({ queryKey: disputeKeys.one(dispute.id) });
    },
    onError: (failure) => {
      const { fields, form } = problemToFormErrors(failure, ["body"] as const);
      setError(fields.body ?? form);
    },
  });
  return (
    <section className="card dispute-thread" aria-labelledby={`thread-${dispute.id}`}>
      <h2 id={`thread-${dispute.id}`}>Messages</h2>
      {dispute.messages.length === 0 ? (
        <p className="muted">No messages yet.</p>
      ) : (
        <ol className="dispute-thread__list">
          {dispute.messages.map((m) => (
            <li key={m.id} className="dispute-message" data-testid="dispute-message">
              <p className="dispute-message__meta small">
                <strong>{authorName(dispute, m.author_id, userId)}</strong> · {formatDateTime(m.created_at, timeZone)}
              </p>
              <PlainText text={m.body} />
            </li>
          ))}
        </ol>
      )}
      {dispute.status !== "resolved" && (
        <form
          className="form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const text = body.trim();
            if (!text) {
              setError("Write a message first.");
              return;
            }
            send.mutate(text);
          }}
        >
          <div className="field">
            <label htmlFor={boxId}>Your message</label>
            <textarea
              id={boxId}
              className="input textarea"
              rows={3}
              maxLength={5000}
              value={body}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${boxId}-error` : undefined}
              onChange={(event) => setBody(event.target.value)}
            />
            <FieldErrorText id={`${boxId}-error`} error={error ?? undefined} />
          </div>
          <div className="form-actions">
            <button type="submit" className="button button--secondary" disabled={send.isPending}>
              {send.isPending ? "Sending…" : "Send message"}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/** The other party, while the dispute awaits an answer: grant the request, or send it to an admin. */
export function RespondCard({ dispute, userId }: { dispute: Dispute; userId: string | undefined }) {
  const boxId = useId();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState("");
  const [error, setError] = useState<string | null>(null);
  const respond = useMutation({
    mutationFn: (accept: boolean) => respondToDispute(dispute.id, accept, message.trim()),
    onSuccess: (updated) => {
      queryClient.setQueryData(disputeKeys.one(dispute.id), updated);
      void queryClient.invalidateQueries({ queryKey: disputeKeys.all });
    },
    onError: (failure) => {
      const { fields, form } = problemToFormErrors(failure, ["message"] as const);
      setError(fields.message ?? form);
    },
  });
  if (!canRespond(dispute, userId)) return null;
  const submit = (accept: boolean) => {
    if (!message.trim()) {
      setError(accept ? "Add a short message with your answer." : "Say why you decline, for the admin who will decide.");
      return;
    }
    setError(null);
    respond.mutate(accept);
  };
  return (
    <section className="card dispute-respond" aria-labelledby={`respond-${dispute.id}`}>
      <h2 id={`respond-${dispute.id}`}>Your answer</h2>
      <p>
        Accepting refunds <Money amount={dispute.requested_refund} /> to {partyLabel(dispute, "client")} and releases the rest to{" "}
        {partyLabel(dispute, "freelancer")}. Declining sends the dispute to a Worklane admin, who
        decides the split.
      </p>
      <form className="form" noValidate onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor={boxId}>Message with your answer</label>
          <textarea
            id={boxId}
            className="input textarea"
            rows={3}
            maxLength={5000}
            value={message}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${boxId}-error` : undefined}
            onChange={(event) => setMessage(event.target.value)}
          />
          <FieldErrorText id={`${boxId}-error`} error={error ?? undefined} />
        </div>
        <div className="form-actions">
          <button type="button" className="button" disabled={respond.isPending} onClick={() => submit(true)}>
            Accept the request
          </button>
          <button type="button" className="button button--danger" disabled={respond.isPending} onClick={() => submit(false)}>
            Decline (to mediation)
          </button>
        </div>
      </form>
    </section>
  );
}

/** A dispute fetched by id: summary, answer and thread, with loading and error states. */
export function DisputeDetail({
  id,
  userId,
  timeZone,
  children,
}: {
  id: string;
  userId: string | undefined;
  timeZone?: string | null | undefined;
  children?: (dispute: Dispute) => ReactNode;
}) {
  const query = useDispute(id);
  if (query.isPending) return <Loading label="Loading the dispute…" />;
  if (query.isError)
    return (
      <Alert tone="error" title="The dispute could not be loaded">
        {errorMessage(query.error)}{" "}
        <button type="button" className="button button--secondary button--small" onClick={() => void query.refetch()}>
          Try again
        </button>
      </Alert>
    );
  const dispute = query.data;
  return (
    <div className="dispute-detail">
      {[dispute.client, dispute.freelancer]
        .filter((party) => party.id !== userId)
        .map((party) => (
          <SuspendedPartyAlert key={party.id} party={party} />
        ))}
      <DisputeSummary dispute={dispute} userId={userId} timeZone={timeZone} />
      <RespondCard dispute={dispute} userId={userId} />
      {children?.(dispute)}
      <DisputeThread dispute={dispute} userId={userId} timeZone={timeZone} />
    </div>
  );
}
