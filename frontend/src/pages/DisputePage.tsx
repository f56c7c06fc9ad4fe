import { Link, useParams } from "react-router";
import { Loading } from "../components/feedback";
import { usePageTitle } from "../components/usePageTitle";
import { useFreshUser } from "../lib/queries";
import { DisputeDetail } from "./disputes/parts";
import { MessageLink } from "./messages/MessageLink";

export default function DisputePage() {
  usePageTitle("Dispute");
  const { id = "" } = useParams();
  const user = useFreshUser();
  if (!user) return <Loading />;
  return (
    <div className="hiring-page">
      <header className="page-header">
        <p className="small">
          <Link to="/disputes">← My disputes</Link>
        </p>
        <h1>Dispute</h1>
        <MessageLink subjectId={id} />
      </header>
      <DisputeDetail id={id} userId={user.id} timeZone={user.timezone} />
    </div>
  );
}
