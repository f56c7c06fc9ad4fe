import { afterEach, describe, expect, it, vi } from "vitest";
import { apiPathOf, CSV_FALLBACK_NAME, deposit, downloadTransactionsCsv, fileNameFrom } from "./money";

function json(body: unknown, status = 201, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
}

afterEach(() => vi.unstubAllGlobals());

describe("fileNameFrom", () => {
  it("takes the name a Content-Disposition header gives", () => {
    expect(fileNameFrom('attachment; filename="worklane-2026.csv"', CSV_FALLBACK_NAME)).toBe("worklane-2026.csv");
    expect(fileNameFrom("attachment; filename=lines.csv", CSV_FALLBACK_NAME)).toBe("lines.csv");
    expect(fileNameFrom("attachment; filename=\"a.csv\"; filename*=UTF-8''%C3%BCbersicht.csv", CSV_FALLBACK_NAME)).toBe(
      "übersicht.csv",
    );
  });

  it("falls back when there is none, and never keeps a path", () => {
    expect(fileNameFrom(null, CSV_FALLBACK_NAME)).toBe("worklane-transactions.csv");
    expect(fileNameFrom("attachment", CSV_FALLBACK_NAME)).toBe("worklane-transactions.csv");
    expect(fileNameFrom('attachment; filename="../../etc/x.csv"', CSV_FALLBACK_NAME)).toBe("x.csv");
    expect(fileNameFrom('attachment; filename=""', CSV_FALLBACK_NAME)).toBe("worklane-transactions.csv");
  });
});

describe("apiPathOf", () => {
  it("keeps same-origin API paths only", () => {
    expect(apiPathOf("/api/v1/admin/identity-documents/1/file")).toBe("/api/v1/admin/identity-documents/1/file");
    expect(apiPathOf(`${window.location.origin}/api/v1/files/2?v=1`)).toBe("/api/v1/files/2?v=1");
    expect(apiPathOf("https://elsewhere.example/api/v1/files/2")).toBeNull();
    expect(apiPathOf("/uploads/2.png")).toBeNull();
  });
});

describe("money-moving calls", () => {
  it("send the Idempotency-Key and report a replayed answer", async () => {
    const seen: Request[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn((request: Request) => {
        seen.push(request);
        const wallet = { available: "500.00", pending: "0.00", escrow: "0.00", currency: "USD" };
        return Promise.resolve(
          json({ transaction_id: "t1", amount: "500.00", wallet }, 201, seen.length > 1 ? { "Idempotent-Replayed": "true" } : {}),
        );
      }),
    );
    const first = await deposit({ payment_method_id: "pm", amount: "500.00" }, "key-1");
    const again = await deposit({ payment_method_id: "pm", amount: "500.00" }, "key-1");
    expect(first.replayed).toBe(false);
    expect(again.replayed).toBe(true);
    expect(again.result.wallet.available).toBe("500.00");
    expect(seen.map((r) => r.headers.get("Idempotency-Key"))).toEqual(["key-1", "key-1"]);
    expect(await seen[0]?.json()).toEqual({ payment_method_id: "pm", amount: "500.00" });
  });

  it("download the CSV with Accept: text/csv and the server's file name", async () => {
    const seen: Request[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn((request: Request) => {
        seen.push(request);
        return Promise.resolve(
          new Response("id,amount\n1,500.00\n", {
            status: 200,
            headers: { "Content-Type": "text/csv", "Content-Disposition": 'attachment; filename="wallet-2026.csv"' },
          }),
        );
      }),
    );
    const { blob, fileName } = await downloadTransactionsCsv({ type: "deposit", from: "2026-01-01" });
    expect(fileName).toBe("wallet-2026.csv");
    expect(await blob.text()).toBe("id,amount\n1,500.00\n");
    const url = new URL(seen[0]?.url ?? "");
    expect(url.pathname).toBe("/api/v1/wallet/transactions");
    expect(url.searchParams.get("type")).toBe("deposit");
    expect(url.searchParams.get("from")).toBe("2026-01-01");
    expect(url.searchParams.has("cursor")).toBe(false);
    expect(seen[0]?.headers.get("Accept")).toBe("text/csv");
  });
});
