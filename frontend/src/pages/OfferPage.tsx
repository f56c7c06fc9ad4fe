import { useRef, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { acceptOffer, declineOffer, withdrawOffer, type Offer } from "../api/hiring";
import { ApiError, errorMessage } from "../api/problem";
import { Alert, Loading } from "../components/feedback";
import { PlainText } from "../components/PlainText";
import { usePageTitle } from "../components/usePageTitle";
import { useFlash } from "../lib/flash";
import { formatDateTime } from "../lib/format";
import { escrowHeld, isOfferOpen, perHour } from "../lib/hiring";
import { hiringKeys, useOffer, useOfferChanged } from "../lib/hiringQueries";
import { jobTypeLabels } from "../lib/jobs";
import { formatMoney, toCents } from "../lib/money";
import { useMoneyMoved } from "../lib/moneyQueries";
import { useFreshUser } from "../lib/queries";
import { ConfirmDialog, type ConfirmDialogHandle } from "./money/ConfirmDialog";
import { Avatar } from "./profile/PhotoUpload";
import { Gate } from "./hiring/Gate";
import { SuspendedPartyAlert } from "../components/SuspendedPartyAlert";
import { Fact, Facts, LoadError, MilestoneTable, OfferStatusBadge, PartyLink } from "./hiring/parts";
import { ReasonDialog, type ReasonDialogHandle } from "./hiring/ReasonDialog";
import { MessageLink } from "./messages/MessageLink";
import "./jobs/jobs.css";
import "./money/money.css";
import "./profile/profile.css";
import "./hiring/hiring.css";

function OfferNotFound() {
  usePageTitle("Offer not found");
  return (
    <div className="narrow">
      <h1>Offer not found</h1>
      <Gate title="We could not find that offer" action={{ to: "/offers", text: "Your offers" }}>
        <p>Only the client who made an offer and the freelancer it was made to can see it. Check the link.</p>
      </Gate>
    </div>
  );
}

/** Accept or decline (the freelancer), or withdraw (the client), while the offer waits for an answer. */
function OfferActions({ offer, viewer }: { offer: Offer; viewer: "client" | "freelancer" }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const offerChanged = useOfferChanged();
  const moneyMoved = useMoneyMoved();
  const declineRef = useRef<ReasonDialogHandle>(null);
  const withdrawRef = useRef<ConfirmDialogHandle>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const escrow = escrowHeld(offer.milestones);
  const holdsEscrow = toCents(escrow) !== 0;

  const failed = (error: unknown) => {
    const stale = error instanceof ApiError && error.code === "offer_not_pending";
    setMessage({
      tone: "error",
      text: stale ? "This offer is no longer waiting for an answer. Its latest state is shown now." : errorMessage(error),
    });
    if (stale) void queryClient.invalidateQueries({ queryKey: hiringKeys.offer(offer.id) });
  };
  const answered = (updated: Offer, text: string) => {
    offerChanged(updated);
    moneyMoved();
    setMessage({ tone: "ok", text });
    window.setTimeout(() => statusRef.current?.focus(), 0);
  };

  const accept = useMutation({
    mutationFn: () => acceptOffer(offer.id),
    onSuccess: async ({ contract }) => {
      offerChanged(offer, contract);
      await navigate(`/contracts/${contract.id}`, { state: { flash: "You accepted the offer: the contract has started." } });
    },
    onError: failed,
  });
  const decline = useMutation({
    mutationFn: (reason: string) => declineOffer(offer.id, reason || undefined),
    onSuccess: (updated) => answered(updated, "You declined the offer. The client has been told."),
    onError: failed,
  });
  const withdraw = useMutation({
    mutationFn: () => withdrawOffer(offer.id),
    onSuccess: (updated) =>
      answered(
        updated,
        holdsEscrow ? `The offer is withdrawn. The ${formatMoney(escrow)} in escrow went back to your wallet.` : "The offer is withdrawn.",
      ),
    onError: failed,
  });
  const busy = accept.isPending || decline.isPending || withdraw.isPending;
  const open = isOfferOpen(offer);

  return (
    <div className="job-actions">
      {open && viewer === "freelancer" && (
        <>
          <p className="muted small">Accepting starts the contract{holdsEscrow ? `; ${formatMoney(escrow)} is already in escrow for you` : ""}.</p>
          <div className="job-actions__buttons">
            <button type="button" className="button" disabled={busy} onClick={() => accept.mutate()}>
              {accept.isPending ? "Accepting…" : "Accept offer"}
            </button>
            <button
              type="button"
              className="button button--danger-quiet"
              disabled={busy}
              onClick={() => {
                setMessage(null);
                declineRef.current?.open();
              }}
            >
              {decline.isPending ? "Declining…" : "Decline"}
            </button>
          </div>
        </>
      )}
      {open && viewer === "client" && (
        <>
          <p className="muted small">Waiting for {offer.freelancer.full_name} to answer.</p>
          <div className="job-actions__buttons">
            <button
              type="button"
              className="button button--danger-quiet"
              disabled={busy}
              onClick={() => {
                setMessage(null);
                withdrawRef.current?.open();
              }}
            >
              {withdraw.isPending ? "Withdrawing…" : "Withdraw offer"}
            </button>
          </div>
        </>
      )}
      {!open && offer.status === "pending" && <p className="muted small">This offer has expired.</p>}
      {offer.contract_id && (
        <p>
          <Link className="button" to={`/contracts/${offer.contract_id}`}>
            Go to the contract
          </Link>
        </p>
      )}
      <p
        ref={statusRef}
        tabIndex={-1}
        className={`job-actions__status${message?.tone === "error" ? " job-actions__status--error" : ""}`}
        role={message?.tone === "error" ? "alert" : "status"}
        hidden={!message}
      >
        {message?.text}
      </p>
      <ReasonDialog
        ref={declineRef}
        title="Decline this offer?"
        subject={`“${offer.title}”, from ${offer.client.full_name}`}
        body={`The client is told you declined${holdsEscrow ? ", and the money in escrow goes back to them" : ""}. This cannot be undone.`}
        reasonHint="Shared with the client."
        confirm="Decline offer"
        keep="Keep it"
        onConfirm={(reason) => decline.mutate(reason)}
      />
      <ConfirmDialog
        ref={withdrawRef}
        title="Withdraw this offer?"
        body={`${offer.freelancer.full_name} can no longer accept it.${holdsEscrow ? ` The ${formatMoney(escrow)} in escrow goes back to your wallet.` : ""} This cannot be undone.`}
        confirm="Withdraw offer"
        keep="Keep the offer"
        onConfirm={() => withdraw.mutate()}
      />
    </div>
  );
}

function OfferView({ offer, viewer, timeZone }: { offer: Offer; viewer: "client" | "freelancer"; timeZone: string | undefined }) {
  const flash = useFlash();
  const hourly = offer.contract_type === "hourly";
  return (
    <article className="hiring-page hiring-page--wide" aria-labelledby="offer-title">
      {flash && (
        <Alert tone="success">
          <p>{flash}</p>
        </Alert>
      )}
      <p className="back-link">
        <Link to={viewer === "client" ? "/offers?role=client" : "/offers"}>← Offers</Link>
      </p>
      <SuspendedPartyAlert party={viewer === "client" ? offer.freelancer : offer.client} />
      <header className="hiring-detail__header">
        <div className="hiring-detail__badges">
          <OfferStatusBadge status={offer.status} />
          <span className="badge">{jobTypeLabels[offer.contract_type]}</span>
        </div>
        <h1 id="offer-title">{offer.title}</h1>
        <p className="muted small">
          For <Link to={`/jobs/${offer.job.id}`}>{offer.job.title}</Link> · sent{" "}
          <time dateTime={offer.created_at}>{formatDateTime(offer.created_at, timeZone)}</time>
          {offer.status === "pending" && (
            <>
              {" "}
              · expires <time dateTime={offer.expires_at}>{formatDateTime(offer.expires_at, timeZone)}</time>
            </>
          )}
          {offer.answered_at && (
            <>
              {" "}
              · answered <time dateTime={offer.answered_at}>{formatDateTime(offer.answered_at, timeZone)}</time>
            </>
          )}
        </p>
        <MessageLink subjectId={offer.id} />
      </header>
      <div className="hiring-detail">
        <div className="hiring-detail__main">
          {offer.message && (
            <section className="card" aria-labelledby="message-title">
              <h2 id="message-title">Message from {offer.client.full_name}</h2>
              <PlainText text={offer.message} />
            </section>
          )}
          <section className="card" aria-labelledby="terms-title">
            <h2 id="terms-title">Terms</h2>
            {hourly ? (
              <Facts>
                <Fact term="Hourly rate">{offer.hourly_rate ? perHour(offer.hourly_rate, true) : "—"}</Fact>
                <Fact term="Weekly limit">{offer.weekly_limit_hours != null ? `${offer.weekly_limit_hours} hours` : "None"}</Fact>
                <Fact term="Manual time">{offer.manual_time_allowed ? "Allowed" : "Not allowed"}</Fact>
              </Facts>
            ) : (
              <>
                <Facts>
                  <Fact term="Total">{offer.total ? formatMoney(offer.total) : "—"}</Fact>
                  <Fact term="Milestones">{offer.milestones.length}</Fact>
                  <Fact term="In escrow now">{formatMoney(escrowHeld(offer.milestones))}</Fact>
                </Facts>
                {offer.milestones.length > 0 && <MilestoneTable milestones={offer.milestones} />}
              </>
            )}
          </section>
          {offer.decline_reason && (
            <section className="card" aria-labelledby="reason-title">
              <h2 id="reason-title">Why it was declined</h2>
              <p className="decline-reason">“{offer.decline_reason}”</p>
            </section>
          )}
        </div>
        <div className="hiring-detail__side">
          <section className="card hiring-detail__actions" aria-labelledby="answer-title">
            <h2 id="answer-title">{viewer === "freelancer" ? "Your answer" : "Your offer"}</h2>
            <OfferActions offer={offer} viewer={viewer} />
          </section>
          <section className="card" aria-labelledby="parties-title">
            <h2 id="parties-title">Between</h2>
            <ul className="party-list">
              <li className="party">
                <Avatar src={offer.client.photo_url} name={offer.client.full_name} size="md" />
                <div>
                  <p className="party__role">Client</p>
                  <p>
                    <PartyLink party={offer.client} side="client" />
                  </p>
                </div>
              </li>
              <li className="party">
                <Avatar src={offer.freelancer.photo_url} name={offer.freelancer.full_name} size="md" />
                <div>
                  <p className="party__role">Freelancer</p>
                  <p>
                    <PartyLink party={offer.freelancer} side="freelancer" />
                  </p>
                </div>
              </li>
            </ul>
            {viewer === "client" && (
              <p className="small">
                <Link to={`/proposals/${offer.proposal_id}`}>See the proposal</Link>
              </p>
            )}
          </section>
        </div>
      </div>
    </article>
  );
}

export default function OfferPage() {
  const { id = "" } = useParams();
  const user = useFreshUser();
  const offer = useOffer(id);
  usePageTitle(offer.data ? `Offer: ${offer.data.title}` : offer.isError ? "Offer" : "Loading offer");

  if (!user || offer.isPending) return <Loading label="Loading the offer…" />;
  if (offer.isError) {
    if (offer.error instanceof ApiError && (offer.error.status === 404 || offer.error.status === 400)) return <OfferNotFound />;
    return (
      <div className="narrow">
        <LoadError title="We could not load the offer" error={offer.error} onRetry={() => void offer.refetch()} />
      </div>
    );
  }
  const viewer = offer.data.client.id === user.id ? "client" : offer.data.freelancer.id === user.id ? "freelancer" : null;
  if (!viewer) return <OfferNotFound />;
  return <OfferView offer={offer.data} viewer={viewer} timeZone={user.timezone} />;
}
