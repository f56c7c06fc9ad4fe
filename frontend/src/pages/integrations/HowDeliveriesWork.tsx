import { verifySnippet } from "../../lib/webhooks";
import { CopyButton } from "../security/CopyButton";

const examplePayload = `{
  "id": "01a218b8-c520-737a-9a5b-3da8ab44baa9",
  "type": "milestone.funded",
  "created_at": "2026-11-26T16:38:12Z",
  "data": {
    "object": "milestone",
    "object_id": "…",
    "title": "Milestone funded",
    "body": "…",
    "url": "https://…"
  }
}`;

/** What an integrator needs to know to receive deliveries. */
export function HowDeliveriesWork() {
  return (
    <section className="card security-section webhook-help" aria-labelledby="how-deliveries-title">
      <div className="security-section__head">
        <h2 id="how-deliveries-title">How deliveries work</h2>
      </div>
      <p>
        When an event you chose happens, Worklane sends your endpoint a <code>POST</code> with a JSON body like this:
      </p>
      <pre className="token-example" role="region" aria-label="An example delivery body" tabIndex={0}>
        <code>{examplePayload}</code>
      </pre>
      <ul className="webhook-help__list">
        <li>
          <code>Worklane-Signature: t=&lt;unix time&gt;,v1=&lt;signature&gt;</code> signs it: the hex HMAC-SHA256 of{" "}
          <code>&lt;t&gt;.&lt;body&gt;</code> with your endpoint’s signing secret. Check it before you trust the body.
        </li>
        <li>
          <code>Worklane-Event-Id</code> stays the same on every retry of an event: drop a delivery whose id you have already
          handled. <code>Worklane-Event-Type</code> names the event.
        </li>
        <li>
          Answer with any <strong>2xx status within 10 seconds</strong> and the delivery counts as done. Anything else is tried
          again with growing pauses (30 seconds, doubling up to 6 hours) for up to 3 days, then marked failed.
        </li>
        <li>
          Redirects are not followed, and deliveries go only to <code>https://</code> addresses on the public internet.
        </li>
      </ul>
      <h3>Checking the signature (Node.js)</h3>
      <p className="small">
        Compute the HMAC over the raw body, exactly as received, and refuse signatures older than 5 minutes.
      </p>
      <pre className="token-example" role="region" aria-label="Signature check in Node.js" tabIndex={0}>
        <code>{verifySnippet}</code>
      </pre>
      <div className="form-actions">
        <CopyButton text={verifySnippet} label="Copy code" />
      </div>
    </section>
  );
}
