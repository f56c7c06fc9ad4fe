import { Link, useParams } from "react-router";
import type { Contract } from "../api/hiring";
import { ApiError } from "../api/problem";
import { Alert, Loading } from "../components/feedback";
import { usePageTitle } from "../components/usePageTitle";
import { useFlash } from "../lib/flash";
import { formatDate } from "../lib/format";
import { contractActions } from "../lib/delivery";
import { perHour } from "../lib/hiring";
import { useContract } from "../lib/hiringQueries";
import { jobTypeLabels } from "../lib/jobs";
import { formatMoney } from "../lib/money";
import { useFreshUser } from "../lib/queries";
import { Avatar } from "./profile/PhotoUpload";
import { Gate } from "./hiring/Gate";
import { SuspendedPartyAlert } from "../components/SuspendedPartyAlert";
import { ContractStatusBadge, Fact, Facts, LoadError, PartyLink } from "./hiring/parts";
import { FeedbackSection } from "./contract/FeedbackSection";
import { FixedDelivery } from "./contract/FixedDelivery";
import { HourlyDelivery, TermsForm } from "./contract/HourlyDelivery";
import { ManageContract } from "./contract/ManageContract";
import "./contract/contract.css";
import "./jobs/jobs.css";
import { MessageLink } from "./messages/MessageLink";
import "./money/money.css";
import "./profile/profile.css";
import "./hiring/hiring.css";

function ContractNotFound() {
  usePageTitle("Contract not found");
  return (
    <div className="narrow">
      <h1>Contract not found</h1>
      <Gate title="We could not find that contract" action={{ to: "/contracts", text: "Your contracts" }}>
        <p>Only the client and the freelancer of a contract can see it. Check the link.</p>
      </Gate>
    </div>
  );
}

function ContractView({ contract, viewer, timeZone }: { contract: Contract; viewer: "client" | "freelancer"; timeZone: string | undefined }) {
  const flash = useFlash();
  const hourly = contract.contract_type === "hourly";
  const actions = contractActions(contract, viewer);
  return (
    <article className="hiring-page hiring-page--wide" aria-labelledby="contract-title">
      {flash && (
        <Alert tone="success">
          <p>{flash}</p>
        </Alert>
      )}
      <p className="back-link">
        <Link to="/contracts">← Contracts</Link>
      </p>
      <SuspendedPartyAlert party={viewer === "client" ? contract.freelancer : contract.client} />
      <header className="hiring-detail__header">
        <div className="hiring-detail__badges">
          <ContractStatusBadge status={contract.status} />
          <span className="badge">{jobTypeLabels[contract.contract_type]}</span>
        </div>
        <h1 id="contract-title">{contract.title}</h1>
        <p className="muted small">
          Started <time dateTime={contract.started_at}>{formatDate(contract.started_at, timeZone)}</time>
          {contract.ended_at && (
            <>
              {" "}
              · ended <time dateTime={contract.ended_at}>{formatDate(contract.ended_at, timeZone)}</time>
            </>
          )}
          {" · "}
          <Link to={`/jobs/${contract.job_id}`}>The job</Link>
          {" · "}
          <Link to={`/offers/${contract.offer_id}`}>The offer</Link>
          {" · "}
          <Link to={`/proposals/${contract.proposal_id}`}>The proposal</Link>
        </p>
        <MessageLink subjectId={contract.id} />
      </header>
      <div className="hiring-detail">
        <div className="hiring-detail__main">
          <FeedbackSection contract={contract} viewer={viewer} timeZone={timeZone} />
          <section className="card" aria-labelledby="terms-title">
            <h2 id="terms-title">Terms</h2>
            {hourly ? (
              <Facts>
                <Fact term="Hourly rate">
                  <span data-testid="contract-rate">{contract.hourly_rate ? perHour(contract.hourly_rate, true) : "—"}</span>
                </Fact>
                <Fact term="Weekly limit">{contract.weekly_limit_hours != null ? `${contract.weekly_limit_hours} hours` : "None"}</Fact>
                <Fact term="Manual time">{contract.manual_time_allowed ? "Allowed" : "Not allowed"}</Fact>
                <Fact term="In escrow now">{formatMoney(contract.escrow)}</Fact>
                <Fact term="Paid so far">{formatMoney(contract.paid)}</Fact>
              </Facts>
            ) : (
              <Facts>
                <Fact term="Total">{contract.total ? formatMoney(contract.total) : "—"}</Fact>
                <Fact term="In escrow now">
                  <span data-testid="contract-escrow">{formatMoney(contract.escrow)}</span>
                </Fact>
                <Fact term="Paid so far">
                  <span data-testid="contract-paid">{formatMoney(contract.paid)}</span>
                </Fact>
                <Fact term="Milestones">{contract.milestones.length}</Fact>
              </Facts>
            )}
            {actions.changeTerms && <TermsForm contract={contract} viewer={viewer} />}
          </section>
          {hourly ? (
            <HourlyDelivery contract={contract} viewer={viewer} timeZone={timeZone} canLog={actions.logTime} />
          ) : (
            <FixedDelivery contract={contract} viewer={viewer} timeZone={timeZone} canAdd={actions.addMilestone} canBonus={actions.bonus} />
          )}
        </div>
        <div className="hiring-detail__side">
          <section className="card hiring-detail__actions" aria-labelledby="manage-title">
            <h2 id="manage-title">Manage</h2>
            <ManageContract contract={contract} viewer={viewer} timeZone={timeZone} />
          </section>
          <section className="card" aria-labelledby="parties-title">
            <h2 id="parties-title">Between</h2>
            <ul className="party-list">
              <li className="party">
                <Avatar src={contract.client.photo_url} name={contract.client.full_name} size="md" />
                <div>
                  <p className="party__role">Client{viewer === "client" ? " (you)" : ""}</p>
                  <p>
                    <PartyLink party={contract.client} side="client" />
                  </p>
                </div>
              </li>
              <li className="party">
                <Avatar src={contract.freelancer.photo_url} name={contract.freelancer.full_name} size="md" />
                <div>
                  <p className="party__role">Freelancer{viewer === "freelancer" ? " (you)" : ""}</p>
                  <p>
                    <PartyLink party={contract.freelancer} side="freelancer" />
                  </p>
                </div>
              </li>
            </ul>
          </section>
        </div>
      </div>
    </article>
  );
}

export default function ContractPage() {
  const { id = "" } = useParams();
  const user = useFreshUser();
  const contract = useContract(id);
  usePageTitle(contract.data ? `Contract: ${contract.data.title}` : contract.isError ? "Contract" : "Loading contract");

  if (!user || contract.isPending) return <Loading label="Loading the contract…" />;
  if (contract.isError) {
    if (contract.error instanceof ApiError && (contract.error.status === 404 || contract.error.status === 400)) return <ContractNotFound />;
    return (
      <div className="narrow">
        <LoadError title="We could not load the contract" error={contract.error} onRetry={() => void contract.refetch()} />
      </div>
    );
  }
  const c = contract.data;
  const viewer = c.client.id === user.id ? "client" : c.freelancer.id === user.id ? "freelancer" : null;
  if (!viewer) return <ContractNotFound />;
  return <ContractView contract={c} viewer={viewer} timeZone={user.timezone} />;
}
