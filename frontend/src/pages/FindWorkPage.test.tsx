import { afterEach, describe, expect, it, vi } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes, useLocation, useNavigate } from "react-router";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { JobSearchPage, JobSummary } from "../api/search";
import FindWorkPage from "./FindWorkPage";

function respond(status: number, body: unknown) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": status >= 400 ? "application/problem+json" : "application/json" },
  });
}

const job: JobSummary = {
  id: "11111111-1111-4111-8111-111111111111",
  title: "Booking page for a dental clinic",
  snippet: "Patients pick a time and get a reminder the day before.",
  category: { id: "22222222-2222-4222-8222-222222222222", name: "Web Development" },
  skills: [{ id: "33333333-3333-4333-8333-333333333333", name: "React" }],
  job_type: "fixed",
  budget: "1500.00",
  hourly_min: null,
  hourly_max: null,
  experience_level: "expert",
  project_length: "1_to_3_months",
  hours_per_week: "less_than_30",
  connects_cost: 8,
  proposals: "5-9",
  published_at: new Date(Date.now() - 3 * 3_600_000).toISOString(),
  client: { id: "44444444-4444-4444-8444-444444444444", country: "DE", payment_verified: true, has_hires: false },
};

const DEV = "55555555-5555-4555-8555-555555555555";
const taxonomy = [
  { id: DEV, slug: "dev", name: "Development", subcategories: [{ id: job.category.id, slug: "web", name: "Web Development" }] },
  { id: "66666666-6666-4666-8666-666666666666", slug: "design", name: "Design", subcategories: [] },
];

function page(data: JobSummary[], extra: Partial<JobSearchPage> = {}): JobSearchPage {
  return {
    data,
    next_cursor: null,
    total: data.length,
    facets: {
      category: [{ value: job.category.id, name: "Web Development", count: data.length }],
      job_type: [
        { value: "fixed", count: data.length },
        { value: "hourly", count: 0 },
      ],
      experience_level: [{ value: "expert", count: data.length }],
    },
    ...extra,
  };
}

/** A fake API: GET /jobs answers with `search(url)`; the taxonomy lists are empty. */
function stubApi(search: (url: URL) => Response) {
  const searches: URL[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn((input: Request) => {
      const url = new URL(input.url);
      if (url.pathname === "/api/v1/jobs") {
        searches.push(url);
        return Promise.resolve(search(url));
      }
      if (url.pathname === "/api/v1/countries") return Promise.resolve(respond(200, [{ code: "DE", name: "Germany" }]));
      if (url.pathname === "/api/v1/categories") return Promise.resolve(respond(200, taxonomy));
      return Promise.resolve(respond(404, { type: "about:blank", title: "Not Found", status: 404, detail: "", code: "not_found" }));
    }),
  );
  return searches;
}

function LocationProbe() {
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <>
      <output data-testid="location">{location.search}</output>
      <button type="button" onClick={() => void navigate(-1)}>
        Browser back
      </button>
    </>
  );
}

function renderAt(path: string) {
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route
            path="/jobs"
            element={
              <>
                <FindWorkPage />
                <LocationProbe />
              </>
            }
          />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return userEvent.setup();
}

const search = () => screen.getByTestId("location").textContent;

afterEach(() => vi.unstubAllGlobals());

describe("Find work", () => {
  it("searches with the filters in the address bar and shows the results", async () => {
    const searches = stubApi(() => respond(200, page([job])));
    renderAt("/jobs?q=booking&job_type=fixed&experience_level=expert,entry");

    const list = await screen.findByRole("list", { name: "Jobs found" });
    const link = within(list).getByRole("link", { name: job.title });
    expect(link).toHaveAttribute("href", `/jobs/${job.id}`);
    const card = link.closest("li");
    expect(card).toHaveTextContent("$1,500.00 fixed price");
    expect(card).toHaveTextContent("Payment verified");
    expect(card).toHaveTextContent("Client in Germany");
    expect(card).toHaveTextContent("3 hours ago");
    expect(screen.getByText("1 job")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Results for “booking”" })).toBeInTheDocument();

    const sent = searches.at(-1);
    expect(sent?.searchParams.get("q")).toBe("booking");
    expect(sent?.searchParams.get("job_type")).toBe("fixed");
    expect(sent?.searchParams.get("experience_level")).toBe("entry,expert");
    expect(sent?.searchParams.get("limit")).toBe("20");
    expect(sent?.searchParams.has("sort")).toBe(false);
    // The filters show what the address bar says.
    expect(screen.getByRole("radio", { name: /Fixed price/ })).toBeChecked();
    expect(screen.getByRole("checkbox", { name: /Expert/ })).toBeChecked();
    expect(screen.getByRole("searchbox", { name: "Search jobs" })).toHaveValue("booking");
  });

  it("puts a changed filter in the address bar and starts again from the first page", async () => {
    const searches = stubApi(() => respond(200, page([job])));
    const user = renderAt("/jobs?q=booking&cursor=abc");
    await screen.findByRole("list", { name: "Jobs found" });

    await user.click(screen.getByRole("checkbox", { name: /Payment verified/ }));
    expect(search()).toBe("?q=booking&payment_verified=true");
    await user.click(within(screen.getByRole("group", { name: "Project length" })).getByRole("checkbox", { name: "1 to 3 months" }));
    expect(search()).toBe("?q=booking&project_length=1_to_3_months&payment_verified=true");
    await waitFor(() => expect(searches.at(-1)?.searchParams.get("project_length")).toBe("1_to_3_months"));
    expect(searches.at(-1)?.searchParams.has("cursor")).toBe(false);

    await user.selectOptions(screen.getByLabelText("Sort by"), "budget");
    expect(search()).toBe("?q=booking&project_length=1_to_3_months&payment_verified=true&sort=budget");
  });

  it("applies a budget range when focus leaves it, and refuses an inverted one", async () => {
    stubApi(() => respond(200, page([job])));
    const user = renderAt("/jobs");
    await screen.findByRole("list", { name: "Jobs found" });
    const budget = screen.getByRole("group", { name: "Fixed-price budget" });

    await user.type(within(budget).getByLabelText("Min"), "900");
    await user.type(within(budget).getByLabelText("Max"), "100");
    // Past the Apply button: focus has left the range.
    await user.tab();
    await user.tab();
    expect(within(budget).getByText("The minimum is above the maximum.")).toBeVisible();
    expect(search()).toBe("");

    await user.clear(within(budget).getByLabelText("Max"));
    await user.type(within(budget).getByLabelText("Max"), "2000{Enter}");
    expect(search()).toBe("?min_budget=900&max_budget=2000");
  });

  it("searches as you type, once the typing stops", async () => {
    const searches = stubApi(() => respond(200, page([job])));
    const user = renderAt("/jobs");
    await screen.findByRole("list", { name: "Jobs found" });
    const before = searches.length;

    await user.type(screen.getByRole("searchbox", { name: "Search jobs" }), "dental clinic");
    await waitFor(() => expect(search()).toBe("?q=dental%20clinic"));
    await waitFor(() => expect(searches.at(-1)?.searchParams.get("q")).toBe("dental clinic"));
    // One search for the whole phrase, not one per keystroke.
    expect(searches.length - before).toBe(1);
  });

  it("follows the address bar on Back: the search box shows the earlier text and stays there", async () => {
    stubApi(() => respond(200, page([job])));
    const user = renderAt("/jobs?job_type=fixed");
    await screen.findByRole("list", { name: "Jobs found" });
    const box = screen.getByRole("searchbox", { name: "Search jobs" });

    await user.type(box, "dental");
    await waitFor(() => expect(search()).toBe("?q=dental&job_type=fixed"));
    await user.click(screen.getByRole("button", { name: "Browser back" }));
    expect(search()).toBe("?job_type=fixed");
    expect(box).toHaveValue("");
    // The settled "dental" must not take the search forward again.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(search()).toBe("?job_type=fixed");
    expect(box).toHaveValue("");
  });

  it("replaces the history entry while the text is refined", async () => {
    stubApi(() => respond(200, page([job])));
    const user = renderAt("/jobs");
    await screen.findByRole("list", { name: "Jobs found" });
    const box = screen.getByRole("searchbox", { name: "Search jobs" });
    await user.type(box, "dent");
    await waitFor(() => expect(search()).toBe("?q=dent"));
    await user.type(box, "al clinic");
    await waitFor(() => expect(search()).toBe("?q=dental%20clinic"));
    await user.click(screen.getByRole("button", { name: "Browser back" }));
    expect(search()).toBe("");
  });

  it("offers to clear the filters when nothing matches, keeping the text", async () => {
    stubApi(() => respond(200, page([])));
    const user = renderAt("/jobs?q=zebra&hours_per_week=30_plus&client_country=DE");
    expect(await screen.findByText("No jobs match your search")).toBeInTheDocument();
    const empty = screen.getByText("No jobs match your search").parentElement as HTMLElement;
    await user.click(within(empty).getByRole("button", { name: "Clear filters" }));
    expect(search()).toBe("?q=zebra");
  });

  it("shows the problem and the parameter it names when the server refuses the search", async () => {
    stubApi(() =>
      respond(400, {
        type: "urn:worklane:problem:invalid_query",
        title: "Bad Request",
        status: 400,
        detail: "The search could not be understood.",
        code: "invalid_query",
        errors: [{ field: "max_budget", code: "range", message: "must not be below min_budget" }],
      }),
    );
    renderAt("/jobs?min_budget=500&max_budget=600");
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("This search could not be run");
    expect(alert).toHaveTextContent("The search could not be understood.");
    expect(alert).toHaveTextContent("Max budget must not be below min_budget.");
    expect(within(alert).getByRole("button", { name: "Clear filters" })).toBeInTheDocument();
  });

  it("lists the categories with matches, then every category once one is chosen", async () => {
    stubApi(() =>
      respond(200, page([job], { facets: { ...page([job]).facets, category: [{ value: DEV, name: "Development", count: 7 }] } })),
    );
    const user = renderAt("/jobs");
    await screen.findByRole("list", { name: "Jobs found" });
    const select = screen.getByRole("combobox", { name: "Category" });
    expect(within(select).getAllByRole("option").map((o) => o.textContent)).toEqual(["Any category", "Development (7)"]);

    await user.selectOptions(select, DEV);
    expect(search()).toBe(`?category_id=${DEV}`);
    await waitFor(() =>
      expect(within(screen.getByRole("combobox", { name: "Category" })).getAllByRole("option").map((o) => o.getAttribute("value"))).toEqual([
        "",
        DEV,
        job.category.id,
        "66666666-6666-4666-8666-666666666666",
      ]),
    );
    expect(screen.getByRole("combobox", { name: "Category" })).toHaveValue(DEV);
  });

  it("links to the next page, which keeps the filters", async () => {
    stubApi(() => respond(200, page([job], { next_cursor: "next-1", total: 45 })));
    renderAt("/jobs?job_type=fixed");
    const next = await screen.findByRole("link", { name: /Next page/ });
    expect(next).toHaveAttribute("href", "/jobs?job_type=fixed&cursor=next-1");
    expect(screen.getByText("45 jobs")).toBeInTheDocument();
  });
});
