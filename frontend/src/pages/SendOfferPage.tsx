import { Link, useSearchParams } from "react-router";
import { ApiError } from "../api/problem";
import { Loading } from "../components/feedback";
import { usePageTitle } from "../components/usePageTitle";
import { formatBid, labelOf, proposalActions, proposalStatusLabels } from "../lib/hiring";
import { useProposal } from "../lib/hiringQueries";
import { projectLengthLabels } from "../lib/jobs";
import { usePaymentMethods } from "../lib/moneyQueries";
import { useFreshUser } from "../lib/queries";
import { readUuid } from "../lib/urlState";
import { Gate } from "./hiring/Gate";
import { OfferForm } from "./hiring/OfferForm";
import { Fact, Facts, LoadError, PartyLink } from "./hiring/parts";
import "./jobs/jobs.css";
import "./money/money.css";
import "./hiring/hiring.css";

export default function SendOfferPage() {
  const [params] = useSearchParams();
  const proposalId = readUuid(params, "proposal") ?? "";
  const user = useFreshUser();
  const proposal = useProposal(proposalId);
  const cards = usePaymentMethods();
  usePageTitle(proposal.data ? `Offer to ${proposal.data.freelancer.full_name}` : "Send an offer");

  if (!proposalId) {
    return (
      <div className="narrow">
        <h1>Send an offer</h1>
        <Gate title="Choose a proposal first" action={{ to: "/me/jobs", text: "Go to your jobs" }}>
          <p>Offers are made from a freelancer’s proposal: open one of your jobs’ proposals and choose “Send offer”.</p>
        </Gate>
      </div>
    );
  }
  if (!user || proposal.isPending) return <Loading label="Loading the proposal…" />;
  if (proposal.isError) {
    const gone = proposal.error instanceof ApiError && (proposal.error.status === 404 || proposal.error.status === 400);
    return (
      <div className="narrow">
        <h1>Send an offer</h1>
        {gone ? (
          <Gate title="We could not find that proposal" action={{ to: "/me/jobs", text: "Go to your jobs" }}>
            <p>Only the client who posted the job can make an offer from its proposals.</p>
          </Gate>
        ) : (
          <LoadError title="We could not load the proposal" error={proposal.error} onRetry={() => void proposal.refetch()} />
        )}
      </div>
    );
  }
  const p = proposal.data;
  let block: { title: string; body: string; action: { to: string; text: string } } | null = null;
  if (p.job.client_id !== user.id) {
    block = {
      title: "Only the job’s owner can make an offer",
      body: "Offers are sent by the client who posted the job.",
      action: { to: `/proposals/${p.id}`, text: "Back to the proposal" },
    };
  } else if (!user.email_verified) {
    block = {
      title: "Verify your email address first",
      body: `Money can move once your email address is verified. Open the link we sent to ${user.email}.`,
      action: { to: "/account", text: "Go to your account" },
    };
  } else if (!proposalActions(p.status, "client").sendOffer) {
    block = {
      title: "This proposal can no longer get an offer",
      body: `It is ${labelOf(proposalStatusLabels, p.status).toLowerCase()}.`,
      action: { to: `/proposals/${p.id}`, text: "Back to the proposal" },
    };
  }

  return (
    <div className="job-page--form">
      <p className="back-link">
        <Link to={`/proposals/${p.id}`}>← Back to the proposal</Link>
      </p>
      <header className="page-header">
        <h1>Send an offer</h1>
        <p>
          To <PartyLink party={p.freelancer} side="freelancer" />, for <Link to={`/jobs/${p.job.id}`}>{p.job.title}</Link>
        </p>
      </header>
      {block ? (
        <Gate title={block.title} action={block.action}>
          <p>{block.body}</p>
        </Gate>
      ) : (
        <>
          <section className="card offer-proposal" aria-label="Their proposal">
            <Facts label="Their proposal">
              <Fact term="Bid">{formatBid(p)}</Fact>
              <Fact term="Duration">{projectLengthLabels[p.estimated_duration]}</Fact>
              {p.milestones.length > 0 && <Fact term="Milestones proposed">{p.milestones.length}</Fact>}
            </Facts>
          </section>
          {cards.isPending ? (
            <Loading label="Loading your cards…" />
          ) : (
            <>
              {cards.isError && (
                <LoadError title="We could not load your cards" error={cards.error} onRetry={() => void cards.refetch()} />
              )}
              <OfferForm proposal={p} cards={cards.data ?? []} />
            </>
          )}
        </>
      )}
    </div>
  );
}
