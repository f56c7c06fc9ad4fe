import { describe, expect, it } from "vitest";
import {
  describeUserAgent,
  groupSecret,
  isAppCode,
  isRecoveryCode,
  normaliseCode,
  recoveryCodesText,
  svgDataUrl,
  tokenStatus,
} from "./security";

describe("describeUserAgent", () => {
  it("names the browser and the system", () => {
    expect(
      describeUserAgent(
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
      ),
    ).toBe("Chrome on macOS");
    expect(
      describeUserAgent(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
      ),
    ).toBe("Safari on iPhone");
    expect(describeUserAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0")).toBe(
      "Firefox on Windows",
    );
    expect(
      describeUserAgent(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
      ),
    ).toBe("Edge on Windows");
    expect(
      describeUserAgent("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36"),
    ).toBe("Chrome on Linux");
    expect(
      describeUserAgent(
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
      ),
    ).toBe("Chrome on Android");
  });

  it("names programs, and says when nothing is known", () => {
    expect(describeUserAgent("curl/8.5.0")).toBe("curl");
    expect(describeUserAgent("python-requests/2.32.3")).toBe("A Python program");
    expect(describeUserAgent(null)).toBe("Unknown device");
    expect(describeUserAgent("  ")).toBe("Unknown device");
    expect(describeUserAgent("x".repeat(80))).toHaveLength(58);
  });
});

describe("codes", () => {
  it("tells an app code from a recovery code", () => {
    expect(isAppCode("492039")).toBe(true);
    expect(isAppCode("492 039")).toBe(true);
    expect(isAppCode("49203")).toBe(false);
    expect(isAppCode("k7mq2-x9fhr")).toBe(false);
    expect(isRecoveryCode("k7mq2-x9fhr")).toBe(true);
    expect(isRecoveryCode("K7MQ2X9FHR")).toBe(true);
    expect(isRecoveryCode("492039")).toBe(false);
    expect(normaliseCode(" K7MQ2-X9FHR ")).toBe("k7mq2-x9fhr");
    expect(normaliseCode("492 039")).toBe("492039");
  });

  it("writes the recovery codes file", () => {
    const text = recoveryCodesText(["k7mq2-x9fhr", "p3ndt-w8ayc"], "lin@example.com", new Date("2026-11-26T10:00:00Z"));
    expect(text).toContain("Account: lin@example.com");
    expect(text).toContain("Created: 2026-11-26");
    expect(text.trimEnd().split("\n").slice(-2)).toEqual(["k7mq2-x9fhr", "p3ndt-w8ayc"]);
  });

  it("groups the setup key in fours", () => {
    expect(groupSecret("JBSWY3DPEHPK3PXPJB")).toBe("JBSW Y3DP EHPK 3PXP JB");
  });

  it("turns an SVG into a data URL, never markup", () => {
    const url = svgDataUrl('<svg xmlns="http://www.w3.org/2000/svg"><title>é</title></svg>');
    expect(url.startsWith("data:image/svg+xml;base64,")).toBe(true);
    const bytes = Uint8Array.from(atob(url.split(",")[1] ?? ""), (c) => c.charCodeAt(0));
    expect(new TextDecoder().decode(bytes)).toContain("<title>é</title>");
  });
});

describe("tokenStatus", () => {
  const now = new Date("2026-11-26T12:00:00Z");
  it("is revoked, expired or active", () => {
    expect(tokenStatus({ revoked_at: "2026-11-01T00:00:00Z", expires_at: null }, now)).toBe("revoked");
    expect(tokenStatus({ revoked_at: null, expires_at: "2026-11-26T11:59:59Z" }, now)).toBe("expired");
    expect(tokenStatus({ revoked_at: null, expires_at: "2026-12-26T12:00:00Z" }, now)).toBe("active");
    expect(tokenStatus({ revoked_at: null, expires_at: null }, now)).toBe("active");
  });
});
