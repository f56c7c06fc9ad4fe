import { afterEach, describe, expect, it, vi } from "vitest";
import { downloadAttachment, uploadAttachment } from "./attachments";
import { ApiError } from "./problem";

afterEach(() => vi.unstubAllGlobals());

function stub(answer: () => Response) {
  const seen: Request[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn((request: Request) => {
      seen.push(request);
      return Promise.resolve(answer());
    }),
  );
  return seen;
}

describe("attachments", () => {
  it("uploads one multipart part named file, letting the browser set the boundary", async () => {
    const info = { id: "a1", filename: "brief.pdf", size: 4, content_type: "application/pdf", created_at: "2026-11-26T10:00:00Z" };
    const seen = stub(() => new Response(JSON.stringify(info), { status: 201, headers: { "Content-Type": "application/json" } }));
    const result = await uploadAttachment(new File(["%PDF"], "brief.pdf", { type: "application/pdf" }));
    expect(result).toEqual(info);
    expect(seen[0]?.method).toBe("POST");
    expect(new URL(seen[0]?.url ?? "").pathname).toBe("/api/v1/attachments");
    expect(seen[0]?.headers.get("Content-Type")).toMatch(/^multipart\/form-data; boundary=/);
    const form = await seen[0]?.formData();
    expect(form?.has("file")).toBe(true);
  });

  it("downloads the bytes with the name from Content-Disposition", async () => {
    stub(
      () =>
        new Response("hello", {
          status: 200,
          headers: { "Content-Type": "text/plain", "Content-Disposition": "attachment; filename=\"a.txt\"; filename*=UTF-8''%C3%BCber.txt" },
        }),
    );
    const { blob, fileName } = await downloadAttachment("a1");
    expect(fileName).toBe("über.txt");
    expect(await blob.text()).toBe("hello");
  });

  it("turns a 413 into an ApiError", async () => {
    stub(
      () =>
        new Response(JSON.stringify({ type: "about:blank", title: "Payload Too Large", status: 413, code: "payload_too_large", detail: "Files may be at most 10 MB." }), {
          status: 413,
          headers: { "Content-Type": "application/problem+json" },
        }),
    );
    const error: unknown = await uploadAttachment(new File(["x"], "x.zip")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(413);
  });
});
