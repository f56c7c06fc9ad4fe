import { Link } from "react-router";
import { usePageTitle } from "../components/usePageTitle";
import { SessionsSection } from "./security/SessionsSection";
import { TokensSection } from "./security/TokensSection";
import { TwoFactorSection } from "./security/TwoFactorSection";
import "./account.css";
import "./jobs/jobs.css";
import "./security/security.css";

export default function SecurityPage() {
  usePageTitle("Security");
  return (
    <div className="account security">
      <header className="page-header">
        <h1>Security</h1>
        <p>How you sign in, where you are signed in, and the tokens your own tools use.</p>
      </header>
      <TwoFactorSection />
      <SessionsSection />
      <TokensSection />
      <p className="muted small account-foot">
        Back to <Link to="/account">your account</Link> · <Link to="/settings/plan">Plan</Link> · <Link to="/settings/notifications">Notification settings</Link> ·{" "}
        <Link to="/settings/integrations">Integrations</Link>
      </p>
    </div>
  );
}
