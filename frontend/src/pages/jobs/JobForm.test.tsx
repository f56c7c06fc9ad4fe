import { afterEach, describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { JobForm } from "./JobForm";
import { emptyJobForm } from "./jobSchema";

function respond(status: number, body: unknown) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": status >= 400 ? "application/problem+json" : "application/json" },
  });
}

const categories = [
  { id: "c1", slug: "dev", name: "Development", subcategories: [{ id: "c1a", slug: "dev/web", name: "Web Development" }] },
];

function stubApi() {
  const fetchMock = vi.fn((input: Request | string) => {
    const url = typeof input === "string" ? input : input.url;
    if (url.includes("/categories")) return Promise.resolve(respond(200, categories));
    if (url.includes("/connects-cost")) return Promise.resolve(respond(200, { connects_cost: 4 }));
    if (url.includes("/skills")) return Promise.resolve(respond(200, { data: [], next_cursor: null }));
    return Promise.resolve(respond(404, { status: 404, title: "Not Found" }));
  });
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

function renderForm(onSubmit = vi.fn(() => Promise.resolve())) {
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter>
        <JobForm mode="create" defaultValues={emptyJobForm} onSubmit={onSubmit} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return { user: userEvent.setup(), onSubmit };
}

afterEach(() => vi.unstubAllGlobals());

describe("the job form's pay fields", () => {
  it("shows the budget for fixed price and the rate range for hourly", async () => {
    stubApi();
    const { user } = renderForm();
    expect(screen.getByLabelText("Budget (USD)")).toBeInTheDocument();
    expect(screen.queryByLabelText("Lowest hourly rate (USD)")).not.toBeInTheDocument();

    await user.click(screen.getByRole("radio", { name: /Hourly/ }));
    expect(screen.queryByLabelText("Budget (USD)")).not.toBeInTheDocument();
    expect(screen.getByLabelText("Lowest hourly rate (USD)")).toBeInTheDocument();
    expect(screen.getByLabelText("Highest hourly rate (USD)")).toBeInTheDocument();

    await user.click(screen.getByRole("radio", { name: /Fixed price/ }));
    expect(screen.getByLabelText("Budget (USD)")).toBeInTheDocument();
  });

  it("validates the visible pay fields and clears the other type's errors on switching", async () => {
    stubApi();
    const { user, onSubmit } = renderForm();
    await user.click(screen.getByRole("button", { name: "Post job" }));
    expect(await screen.findByText("Enter the budget.")).toBeInTheDocument();
    expect(screen.getByText("Add at least one skill.")).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();

    await user.click(screen.getByRole("radio", { name: /Hourly/ }));
    expect(screen.queryByText("Enter the budget.")).not.toBeInTheDocument();
    await user.type(screen.getByLabelText("Lowest hourly rate (USD)"), "40");
    await user.type(screen.getByLabelText("Highest hourly rate (USD)"), "30");
    await user.click(screen.getByRole("button", { name: "Post job" }));
    expect(await screen.findByText("The highest rate cannot be below the lowest rate.")).toBeInTheDocument();
    expect(screen.getByLabelText("Highest hourly rate (USD)")).toHaveAttribute("aria-invalid", "true");
  });

  it("previews the Connects cost once the pay is valid", async () => {
    const fetchMock = stubApi();
    const { user } = renderForm();
    expect(screen.getByTestId("connects-preview")).toHaveTextContent("Enter the pay");
    await user.type(screen.getByLabelText("Budget (USD)"), "500");
    expect(await screen.findByText("4 Connects")).toBeInTheDocument();
    const priced = fetchMock.mock.calls.map(([input]) => (typeof input === "string" ? input : input.url));
    expect(priced.some((url) => url.includes("connects-cost") && url.includes("budget=500") && url.includes("job_type=fixed"))).toBe(
      true,
    );
  });
});
