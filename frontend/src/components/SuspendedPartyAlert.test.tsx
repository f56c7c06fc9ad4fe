import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/react";
import { SuspendedPartyAlert } from "./SuspendedPartyAlert";

describe("a suspended other party", () => {
  it("says the account is suspended, work is on hold, escrow is safe, and where to ask", () => {
    render(<SuspendedPartyAlert party={{ full_name: "Felix Freelancer", suspended: true }} />);
    expect(screen.getByText("Felix Freelancer’s account is suspended by Worklane")).toBeInTheDocument();
    const text = screen.getByTestId("suspended-party").textContent;
    expect(text).toMatch(/on hold/);
    expect(text).toMatch(/escrow stays protected/);
    expect(text).toMatch(/contact Worklane support/);
  });

  it("shows nothing for an account in good standing", () => {
    render(<SuspendedPartyAlert party={{ full_name: "Dora Client", suspended: false }} />);
    expect(screen.queryByTestId("suspended-party")).not.toBeInTheDocument();
  });
});
