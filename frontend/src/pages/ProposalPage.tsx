import { Link, useParams } from "react-router";
import type { Proposal } from "../api/hiring";
import { ApiError } from "../api/problem";
import { Alert, Loading } from "../components/feedback";
import { PlainText } from "../components/PlainText";
import { usePageTitle } from "../components/usePageTitle";
import { useFlash } from "../lib/flash";
import { formatDate, formatDateTime } from "../lib/format";
import { formatBid, perHour, proposalViewer } from "../lib/hiring";
import { useProposal } from "../lib/hiringQueries";
import { connectsText, projectLengthLabels } from "../lib/jobs";
import { formatMoney } from "../lib/money";
import { formatRate } from "../lib/profiles";
import { useFreshUser } from "../lib/queries";
import { Avatar } from "./profile/PhotoUpload";
import { AttachmentLinks } from "./hiring/Attachments";
import { Gate } from "./hiring/Gate";
import { Fact, Facts, LoadError, PartyLink, ProposalStatusBadge } from "./hiring/parts";
import { ProposalActions } from "./hiring/ProposalActions";
import { MessageLink } from "./messages/MessageLink";
import "./jobs/jobs.css";
import "./money/money.css";
import "./profile/profile.css";
import "./hiring/hiring.css";

function ProposalNotFound() {
  usePageTitle("Proposal not found");
  return (
    <div className="narrow">
      <h1>Proposal not found</h1>
      <Gate title="We could not find that proposal" action={{ to: "/", text: "Go to the home page" }}>
        <p>Only the freelancer who sent a proposal and the client who posted the job can see it. Check the link.</p>
      </Gate>
    </div>
  );
}

function Answers({ proposal }: { proposal: Proposal }) {
  const questions = proposal.job.screening_questions;
  if (questions.length === 0 && proposal.answers.length === 0) return null;
  return (
    <section className="card" aria-labelledby="answers-title">
      <h2 id="answers-title">Answers to the screening questions</h2>
      <dl className="answer-list">
        {proposal.answers.map((answer, i) => (
          <div key={i}>
            <dt>
              {i + 1}. {questions[i] ?? "Question"}
            </dt>
            <dd>
              <PlainText text={answer} />
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function Milestones({ proposal }: { proposal: Proposal }) {
  if (proposal.milestones.length === 0) return null;
  return (
    <section className="card" aria-labelledby="milestones-title">
      <h2 id="milestones-title">Proposed milestones</h2>
      <table className="ledger milestone-table">
        <caption className="visually-hidden">Proposed milestones</caption>
        <thead>
          <tr>
            <th scope="col">Milestone</th>
            <th scope="col" className="ledger__amount">
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {proposal.milestones.map((m, i) => (
            <tr key={i}>
              <td>
                <span className="ledger__description">
                  {i + 1}. {m.title}
                </span>
              </td>
              <td className="ledger__amount">{formatMoney(m.amount)}</td>
            </tr>
          ))}
        </tbody>
        {proposal.bid_amount && (
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              <td className="ledger__amount">{formatMoney(proposal.bid_amount)}</td>
            </tr>
          </tfoot>
        )}
      </table>
    </section>
  );
}

function ProposalView({ proposal, viewer, timeZone }: { proposal: Proposal; viewer: "client" | "freelancer"; timeZone: string | undefined }) {
  const flash = useFlash();
  const hourly = proposal.bid_type === "hourly";
  const f = proposal.freelancer;
  const rate = formatRate(f.hourly_rate);
  return (
    <article className="hiring-page hiring-page--wide" aria-labelledby="proposal-title">
      {flash && (
        <Alert tone="success">
          <p>{flash}</p>
        </Alert>
      )}
      <p className="back-link">
        {viewer === "client" ? (
          <Link to={`/jobs/${proposal.job.id}/proposals`}>← All proposals for this job</Link>
        ) : (
          <Link to="/proposals">← My proposals</Link>
        )}
      </p>
      <header className="hiring-detail__header">
        <div className="hiring-detail__badges">
          <ProposalStatusBadge status={proposal.status} />
          {proposal.invitation_id && <span className="badge badge--info">Invited</span>}
        </div>
        <h1 id="proposal-title">{viewer === "client" ? `Proposal from ${f.full_name}` : "Your proposal"}</h1>
        <p className="muted small">
          For <Link to={`/jobs/${proposal.job.id}`}>{proposal.job.title}</Link> · sent{" "}
          <time dateTime={proposal.created_at}>{formatDateTime(proposal.created_at, timeZone)}</time>
        </p>
        <MessageLink subjectId={proposal.id} />
      </header>
      <div className="hiring-detail">
        <div className="hiring-detail__main">
          <section className="card" aria-labelledby="cover-title">
            <h2 id="cover-title">Cover letter</h2>
            <PlainText text={proposal.cover_letter} />
          </section>
          <Milestones proposal={proposal} />
          <Answers proposal={proposal} />
          {proposal.attachments.length > 0 && (
            <section className="card" aria-labelledby="attachments-title">
              <h2 id="attachments-title">Attachments</h2>
              <p className="muted small">Files are downloaded with your session; only the two sides of the proposal can get them.</p>
              <AttachmentLinks files={proposal.attachments} label="Files attached to the proposal" />
            </section>
          )}
        </div>
        <div className="hiring-detail__side">
          <section className="card" aria-labelledby="terms-title">
            <h2 id="terms-title">Terms</h2>
            <Facts>
              <Fact term={hourly ? "Hourly rate" : "Bid"}>{formatBid(proposal)}</Fact>
              <Fact term={viewer === "client" ? "Freelancer receives" : "You receive"}>{perHour(proposal.net, hourly)}</Fact>
              <Fact term="Service fee">{perHour(proposal.fee, hourly)}</Fact>
              <Fact term="Estimated duration">{projectLengthLabels[proposal.estimated_duration]}</Fact>
              {viewer === "client" && (
                <Fact term="Match">
                  <span className="match">{proposal.match_score}%</span>
                </Fact>
              )}
              {viewer === "freelancer" && (
                <Fact term="Connects">{proposal.invitation_id ? "Free (invited)" : connectsText(proposal.connects_spent)}</Fact>
              )}
              {proposal.updated_at !== proposal.created_at && (
                <Fact term="Last change">
                  <time dateTime={proposal.updated_at}>{formatDate(proposal.updated_at, timeZone)}</time>
                </Fact>
              )}
            </Facts>
            {proposal.decline_reason && (
              <p className="decline-reason">
                {proposal.status === "withdrawn" ? "Reason for withdrawing" : "Reason for declining"}: “{proposal.decline_reason}”
              </p>
            )}
          </section>
          {viewer === "client" && (
            <section className="card" aria-labelledby="freelancer-title">
              <h2 id="freelancer-title">Freelancer</h2>
              <div className="party">
                <Avatar src={f.photo_url} name={f.full_name} size="md" />
                <div>
                  <p className="proposal-card__name">
                    <PartyLink party={f} side="freelancer" />
                  </p>
                  {f.title && <p>{f.title}</p>}
                  {rate && <p className="muted small">Profile rate {rate}</p>}
                </div>
              </div>
            </section>
          )}
          <section className="card hiring-detail__actions" aria-labelledby="actions-title">
            <h2 id="actions-title">{viewer === "client" ? "Decide" : "Manage"}</h2>
            <ProposalActions proposal={proposal} viewer={viewer} />
            {viewer === "freelancer" && proposal.status === "hired" && (
              <p className="muted small">
                You were hired. <Link to="/contracts">See your contracts</Link>.
              </p>
            )}
          </section>
        </div>
      </div>
    </article>
  );
}

export default function ProposalPage() {
  const { id = "" } = useParams();
  const user = useFreshUser();
  const proposal = useProposal(id);
  usePageTitle(proposal.data ? `Proposal: ${proposal.data.job.title}` : proposal.isError ? "Proposal" : "Loading proposal");

  if (!user || proposal.isPending) return <Loading label="Loading the proposal…" />;
  if (proposal.isError) {
    if (proposal.error instanceof ApiError && (proposal.error.status === 404 || proposal.error.status === 400)) return <ProposalNotFound />;
    return (
      <div className="narrow">
        <LoadError title="We could not load the proposal" error={proposal.error} onRetry={() => void proposal.refetch()} />
      </div>
    );
  }
  const viewer = proposalViewer(proposal.data, user.id);
  if (!viewer) return <ProposalNotFound />;
  return <ProposalView proposal={proposal.data} viewer={viewer} timeZone={user.timezone} />;
}
