// Test helpers for the security sections: a fetch stub answering by method and path,
// and a render with a fresh query client and a router.
import { vi } from "vitest";
import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";

export function respond(status: number, body?: unknown): Response {
  if (status === 204) return new Response(null, { status });
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": status >= 400 ? "application/problem+json" : "application/json" },
  });
}

export function problem(status: number, code: string, detail: string, errors?: { field: string; code: string; message: string }[]) {
  return respond(status, { type: `urn:worklane:problem:${code}`, title: "Problem", status, code, detail, ...(errors ? { errors } : {}) });
}

type Answer = Response | ((body: unknown) => Response);

/** Answers `"METHOD /path"` from the table (a list answers in turn); records what was sent. */
export function stubApi(routes: Record<string, Answer | Answer[]>) {
  const sent: { route: string; body: unknown }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (request: Request) => {
      const route = `${request.method} ${new URL(request.url).pathname.replace(/^\/api\/v1/, "")}`;
      const text = await request.text();
      const body: unknown = text ? JSON.parse(text) : undefined;
      sent.push({ route, body });
      const entry = routes[route];
      const answer = Array.isArray(entry) ? (entry.length > 1 ? entry.shift() : entry[0]) : entry;
      if (!answer) return problem(404, "not_found", `No route for ${route}`);
      return typeof answer === "function" ? answer(body) : answer.clone();
    }),
  );
  return sent;
}

/** jsdom has no <dialog> methods: open and close by the attribute, like a browser would. */
export function polyfillDialog(): void {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute("open", "");
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.removeAttribute("open");
  };
}

export function renderWithApp(ui: ReactNode, extraRoutes: ReactNode = null) {
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter initialEntries={["/settings/security"]}>
        <Routes>
          <Route path="/settings/security" element={ui} />
          {extraRoutes}
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return userEvent.setup();
}
