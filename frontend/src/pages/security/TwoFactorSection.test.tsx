import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import { saveBlob } from "../../lib/download";
import { TwoFactorSection } from "./TwoFactorSection";
import { polyfillDialog, problem, renderWithApp, respond, stubApi } from "./fakeApi";

const off = { enabled: false, enabled_at: null, recovery_codes_left: 0 };
const on = { enabled: true, enabled_at: "2026-11-20T09:00:00Z", recovery_codes_left: 10 };
const setup = {
  secret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
  otpauth_url: "otpauth://totp/Worklane:lin%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Worklane",
  qr_svg: '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>',
};
const codes = ["k7mq2-x9fhr", "p3ndt-w8ayc", "a1b2c-d3e4f", "g5h6j-k7m8n", "p9q2r-s3t4u", "v5w6x-y7z8a", "b2c3d-e4f5g", "h6j7k-m8n9p", "q2r3s-t4u5v", "w6x7y-z8a9b"];

vi.mock("../../lib/download", () => ({ saveBlob: vi.fn() }));

beforeAll(polyfillDialog);
afterEach(() => vi.unstubAllGlobals());

describe("TwoFactorSection", () => {
  it("turns two-factor on: QR code as an image, the key, the app's code, then the codes once", async () => {
    const sent = stubApi({
      "GET /me/two-factor": [respond(200, off), respond(200, on)],
      "POST /me/two-factor/setup": respond(200, setup),
      "POST /me/two-factor/enable": [
        problem(422, "validation_failed", "The request has invalid fields.", [
          { field: "code", code: "invalid_code", message: "That code is not right, or was already used: enter the current code from your authenticator app." },
        ]),
        respond(200, { recovery_codes: codes }),
      ],
    });
    const ue = renderWithApp(<TwoFactorSection />);
    expect(await screen.findByText("Off")).toBeInTheDocument();
    await ue.click(screen.getByRole("button", { name: "Turn on two-factor sign-in" }));

    const qr = await screen.findByRole("img", { name: /QR code for adding your Worklane account/ });
    expect(qr.getAttribute("src")).toMatch(/^data:image\/svg\+xml;base64,/);
    // The server's SVG is never markup in the page.
    expect(document.querySelector("script")).toBeNull();
    expect(document.querySelector("svg")).toBeNull();
    expect(screen.getByLabelText("Setup key")).toHaveTextContent("JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP");

    const field = screen.getByLabelText("Enter the 6-digit code the app shows");
    await ue.click(screen.getByRole("button", { name: "Turn on" }));
    expect(screen.getByText("Enter the 6-digit code from your authenticator app.")).toBeInTheDocument();

    await ue.type(field, "111111");
    await ue.click(screen.getByRole("button", { name: "Turn on" }));
    expect(await screen.findByText(/That code is not right, or was already used/)).toBeInTheDocument();
    expect(field).toHaveAttribute("aria-invalid", "true");

    await ue.type(field, "492039");
    await ue.click(screen.getByRole("button", { name: "Turn on" }));
    const list = await screen.findByRole("list", { name: "Recovery codes" });
    expect(within(list).getAllByRole("listitem").map((li) => li.textContent)).toEqual(codes);
    expect(screen.getByRole("heading", { name: "Save your recovery codes" })).toHaveFocus();
    expect(sent.filter((s) => s.route === "POST /me/two-factor/enable").map((s) => s.body)).toEqual([
      { code: "111111" },
      { code: "492039" },
    ]);

    await ue.click(screen.getByRole("button", { name: "Copy codes" }));
    expect(await screen.findByText("Copied.")).toBeInTheDocument();
    expect(await navigator.clipboard.readText()).toBe(codes.join("\n"));

    await ue.click(screen.getByRole("button", { name: "I saved them" }));
    expect(await screen.findByText("Two-factor sign-in is on.")).toBeInTheDocument();
    expect(screen.queryByText(codes[0] ?? "")).not.toBeInTheDocument();
    expect(await screen.findByTestId("recovery-codes-left")).toHaveTextContent("10 of 10");
  });

  it("makes new codes with a current code, and downloads them as a text file", async () => {
    stubApi({
      "GET /me/two-factor": respond(200, { ...on, recovery_codes_left: 2 }),
      "POST /me/two-factor/recovery-codes": respond(200, { recovery_codes: codes }),
    });
    const ue = renderWithApp(<TwoFactorSection />);
    expect(await screen.findByTestId("recovery-codes-left")).toHaveTextContent("2 of 10 · make new ones soon");

    await ue.click(screen.getByRole("button", { name: "New recovery codes" }));
    const dialog = screen.getByRole("dialog", { name: "Make new recovery codes?" });
    await ue.type(within(dialog).getByLabelText("Authentication code"), "492039");
    await ue.click(within(dialog).getByRole("button", { name: "Make new codes" }));
    await ue.click(await screen.findByRole("button", { name: "Download (.txt)" }));
    expect(saveBlob).toHaveBeenCalledTimes(1);
    const [blob, name] = vi.mocked(saveBlob).mock.calls[0] ?? [];
    expect(name).toBe("worklane-recovery-codes.txt");
    expect(await blob?.text()).toContain("p3ndt-w8ayc");
  });

  it("turns it off with a current code, and says when the code is wrong", async () => {
    const sent = stubApi({
      "GET /me/two-factor": [respond(200, on), respond(200, off)],
      "POST /me/two-factor/disable": [
        problem(422, "validation_failed", "The request has invalid fields.", [
          { field: "code", code: "invalid_code", message: "That code is not right, or was already used." },
        ]),
        respond(204),
      ],
    });
    const ue = renderWithApp(<TwoFactorSection />);
    await ue.click(await screen.findByRole("button", { name: "Turn off" }));
    const dialog = screen.getByRole("dialog", { name: "Turn off two-factor sign-in?" });
    const field = within(dialog).getByLabelText("Authentication code");

    await ue.type(field, "12ab");
    await ue.click(within(dialog).getByRole("button", { name: "Turn off" }));
    expect(within(dialog).getByText(/Enter the 6-digit code from your app, or a recovery code/)).toBeInTheDocument();

    await ue.clear(field);
    await ue.type(field, "000000");
    await ue.click(within(dialog).getByRole("button", { name: "Turn off" }));
    expect(await within(dialog).findByText("That code is not right, or was already used.")).toBeInTheDocument();
    expect(dialog).toHaveAttribute("open");

    // A recovery code works too.
    await ue.type(field, "K7MQ2-X9FHR");
    await ue.click(within(dialog).getByRole("button", { name: "Turn off" }));
    expect(await screen.findByText("Two-factor sign-in is off.")).toBeInTheDocument();
    expect(dialog).not.toHaveAttribute("open");
    expect(sent.filter((s) => s.route === "POST /me/two-factor/disable").at(-1)?.body).toEqual({ code: "k7mq2-x9fhr" });
    expect(await screen.findByText("Off")).toBeInTheDocument();
  });

  it("offers to start again when the setup ran out", async () => {
    stubApi({
      "GET /me/two-factor": respond(200, off),
      "POST /me/two-factor/setup": respond(200, setup),
      "POST /me/two-factor/enable": problem(409, "two_factor_not_started", "Start the setup first."),
    });
    const ue = renderWithApp(<TwoFactorSection />);
    await ue.click(await screen.findByRole("button", { name: "Turn on two-factor sign-in" }));
    await ue.type(await screen.findByLabelText("Enter the 6-digit code the app shows"), "492039");
    await ue.click(screen.getByRole("button", { name: "Turn on" }));
    expect(await screen.findByText("This setup has run out. Start again to get a new QR code.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Start again" })).toBeInTheDocument();
  });

  it("shows a load error with a retry", async () => {
    stubApi({ "GET /me/two-factor": [problem(500, "internal", "Something broke."), respond(200, off)] });
    const ue = renderWithApp(<TwoFactorSection />);
    expect(await screen.findByText("Two-factor sign-in could not be loaded")).toBeInTheDocument();
    await ue.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByText("Off")).toBeInTheDocument();
  });
});
