import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { MessageText } from "./parts";

describe("MessageText", () => {
  it("shows markup as the literal text it is", () => {
    const html = "<img src=x onerror=alert(1)><script>alert(2)</script>";
    const { container } = render(<MessageText text={html} />, { wrapper: MemoryRouter });
    expect(screen.getByText(html)).toBeInTheDocument();
    expect(container.querySelector("img, script")).toBeNull();
  });

  it("keeps paragraphs and makes web addresses links", () => {
    const { container } = render(<MessageText text={"First line\nsecond line\n\nSee https://example.com/brief."} />, {
      wrapper: MemoryRouter,
    });
    const paragraphs = container.querySelectorAll("p");
    expect(paragraphs).toHaveLength(2);
    expect(paragraphs[0]?.textContent).toBe("First line\nsecond line");
    expect(screen.getByRole("link", { name: "https://example.com/brief" })).toHaveAttribute("href", "https://example.com/brief");
  });
});
