import { useEffect } from "react";
import { Link, useLocation } from "react-router";
import { useAuthState } from "../auth/useAuth";
import { Alert } from "../components/feedback";
import { usePageTitle } from "../components/usePageTitle";
import "./home.css";

const steps = [
  {
    title: "Describe the work",
    body: "Clients post a job with a fixed budget or an hourly range, the skills it needs and how long it should take.",
  },
  {
    title: "Compare proposals",
    body: "Freelancers send a cover letter and a bid. Clients shortlist, message and make an offer to the person they trust.",
  },
  {
    title: "Pay through escrow",
    body: "Each milestone is funded before work starts and released when the client accepts it, so both sides know where the money is.",
  },
];

function flashFrom(state: unknown): string | null {
  if (typeof state === "object" && state !== null && "flash" in state && typeof state.flash === "string") {
    return state.flash;
  }
  return null;
}

export default function HomePage() {
  usePageTitle("");
  const auth = useAuthState();
  const location = useLocation();
  const flash = flashFrom(location.state);
  // Show the message for this visit only: a reload should not repeat it. (React Router
  // keeps the navigation state in history.state.usr.)
  useEffect(() => {
    if (!flash) return;
    const state: unknown = window.history.state;
    if (typeof state === "object" && state !== null) window.history.replaceState({ ...state, usr: null }, "");
  }, [flash]);

  return (
    <div className="home">
      {flash && <Alert tone="info">{<p>{flash}</p>}</Alert>}
      <section className="hero" aria-labelledby="hero-title">
        <h1 id="hero-title">Independent work, on clear terms.</h1>
        <p className="hero__lead">
          Worklane is an open freelance marketplace. Clients post work, freelancers send proposals, and payments
          wait safely in escrow until the work is accepted.
        </p>
        <div className="hero__actions">
          {auth.status === "signed_in" ? (
            <Link className="button" to="/account">
              Go to your account
            </Link>
          ) : (
            <>
              <Link className="button" to="/signup">
                Create an account
              </Link>
              <Link className="button button--secondary" to="/login">
                Sign in
              </Link>
            </>
          )}
        </div>
      </section>

      <section className="home-section" aria-labelledby="how-title">
        <h2 id="how-title">How it works</h2>
        <ol className="steps">
          {steps.map((step, i) => (
            <li key={step.title} className="step">
              <span className="step__number" aria-hidden="true">
                {i + 1}
              </span>
              <h3>{step.title}</h3>
              <p>{step.body}</p>
            </li>
          ))}
        </ol>
      </section>

      <section className="home-section two-up" aria-label="Who Worklane is for">
        <div className="card">
          <h2>For clients</h2>
          <p>
            Find people with the right skills, agree on milestones or an hourly rate, and pay only for work you
            approve.
          </p>
        </div>
        <div className="card">
          <h2>For freelancers</h2>
          <p>
            Build a profile that shows your skills and track record, send proposals, and get paid from funded
            escrow.
          </p>
        </div>
      </section>
      <p className="muted small home-note">
        One account can hire and work: choose either role, or both, when you sign up.
      </p>
    </div>
  );
}
