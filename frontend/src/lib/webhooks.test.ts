import { describe, expect, it } from "vitest";
import { ApiError } from "../api/problem";
import { groupEventTypes, prettyJson, urlProblem, verifySnippet, webhookErrors } from "./webhooks";

const allTypes = [
  "proposal.received",
  "invitation.received",
  "offer.received",
  "offer.answered",
  "milestone.funded",
  "milestone.submitted",
  "milestone.approved",
  "milestone.changes_requested",
  "invoice.issued",
  "payment.released",
  "dispute.opened",
  "dispute.updated",
  "dispute.resolved",
  "feedback.received",
];

function failed(status: number, errors: { field: string; code: string; message: string }[], detail = "The request has invalid fields.") {
  return new ApiError(status, { type: "urn:x", title: "t", status, code: "validation_failed", detail, errors });
}

describe("groupEventTypes", () => {
  it("groups every event type, in the server's order, with an unknown one under Other", () => {
    const groups = groupEventTypes([...allTypes, "contract.ended"]);
    expect(groups.map((g) => g.title)).toEqual([
      "Proposals, invitations and offers",
      "Milestones, invoices and payments",
      "Disputes",
      "Feedback",
      "Other events",
    ]);
    expect(groups.flatMap((g) => g.types.map((t) => t.type))).toEqual([...allTypes, "contract.ended"]);
    expect(groups[1]?.types[0]).toEqual({ type: "milestone.funded", label: "A milestone was funded" });
    expect(groups[4]?.types[0]).toEqual({ type: "contract.ended", label: "contract.ended" });
  });

  it("leaves out empty groups", () => {
    expect(groupEventTypes(["dispute.opened"]).map((g) => g.key)).toEqual(["disputes"]);
  });
});

describe("urlProblem", () => {
  it("wants a full https address", () => {
    expect(urlProblem("  ")).toMatch(/Enter the address/);
    expect(urlProblem("example.com/hook")).toMatch(/full address/);
    expect(urlProblem("http://example.com/hook")).toMatch(/https:\/\//);
    expect(urlProblem("https://example.com/hook")).toBeNull();
    // The server, not the form, judges which hosts are private.
    expect(urlProblem("https://127.0.0.1/hook")).toBeNull();
  });
});

describe("webhookErrors", () => {
  it("puts the server's refusals on their fields in plain words", () => {
    expect(
      webhookErrors(
        failed(422, [
          { field: "url", code: "private_address", message: "`127.0.0.1` points into a private or reserved network" },
          { field: "events", code: "unknown_event", message: "`foo.bar` is not an event type" },
        ]),
      ),
    ).toEqual({
      url: "That address is on a private or reserved network. Webhooks go to public internet addresses only.",
      events: "`foo.bar` is not an event type. Reload the page to see the current event types.",
      form: null,
    });
    expect(webhookErrors(failed(422, [{ field: "url", code: "invalid_url", message: "use https" }])).url).toBe(
      "Use an https:// address: deliveries are only sent over HTTPS.",
    );
    expect(
      webhookErrors(failed(422, [{ field: "url", code: "invalid_url", message: "not a URL: relative URL without a base" }])).url,
    ).toBe("Enter a full address, like https://example.com/worklane/webhooks.");
    expect(webhookErrors(failed(422, [{ field: "events", code: "length", message: "must be between 1 and 14 items" }])).events).toBe(
      "Choose at least one event.",
    );
  });

  it("says a problem without field errors for the whole form", () => {
    const tooMany = new ApiError(409, {
      type: "urn:x",
      title: "Conflict",
      status: 409,
      code: "too_many_endpoints",
      detail: "You have 10 webhook endpoints; delete one first.",
    });
    expect(webhookErrors(tooMany)).toEqual({ form: "You have 10 webhook endpoints; delete one first." });
    expect(webhookErrors(failed(422, [{ field: "other", code: "length", message: "is too long" }])).form).toBe("Other is too long.");
  });
});

describe("prettyJson", () => {
  it("indents JSON and leaves anything else as it came", () => {
    expect(prettyJson('{"id":"e1","data":{"object":"milestone"}}')).toBe('{\n  "id": "e1",\n  "data": {\n    "object": "milestone"\n  }\n}');
    expect(prettyJson("not json")).toBe("not json");
  });
});

// Node's crypto, as much of it as the snippet uses (the app's types leave Node out).
interface Hmac {
  update(data: string): Hmac;
  digest(encoding: "hex"): string;
  digest(): Uint8Array;
}
interface NodeCrypto {
  createHmac: (algorithm: string, key: string) => Hmac;
  timingSafeEqual: (a: Uint8Array, b: Uint8Array) => boolean;
}
const cryptoModule: string = "node:crypto";
const { createHmac, timingSafeEqual } = (await import(/* @vite-ignore */ cryptoModule)) as NodeCrypto;

describe("verifySnippet", () => {
  // The snippet on the page, run as written (its import handed in).
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- running the page's own code sample is the point
  const isFromWorklane = new Function(
    "createHmac",
    "timingSafeEqual",
    `${verifySnippet.replace(/^import .*$/m, "").replace("export function", "function")}\nreturn isFromWorklane;`,
  ) as (hmac: NodeCrypto["createHmac"], equal: NodeCrypto["timingSafeEqual"]) => (rawBody: string, header: string, secret: string) => boolean;
  const check = isFromWorklane(createHmac, timingSafeEqual);
  const secret = "whsec_right";
  const body = '{"id":"e1","type":"milestone.funded"}';
  // As the server signs: hex HMAC-SHA256 of "<t>.<body>", keyed with the whole secret.
  const sign = (t: number, text = body, key = secret) => `t=${t},v1=${createHmac("sha256", key).update(`${t}.${text}`).digest("hex")}`;
  const now = Math.floor(Date.now() / 1000);

  it("accepts a fresh delivery signed with the secret", () => {
    expect(check(body, sign(now), secret)).toBe(true);
    expect(check(body, `${sign(now)},v1=00`, secret)).toBe(true);
  });

  it("refuses another secret, a changed body, an old timestamp and a malformed header", () => {
    expect(check(body, sign(now, body, "whsec_wrong"), secret)).toBe(false);
    expect(check(`${body} `, sign(now), secret)).toBe(false);
    expect(check(body, sign(now - 301), secret)).toBe(false);
    expect(check(body, "v1=abc", secret)).toBe(false);
  });
});
