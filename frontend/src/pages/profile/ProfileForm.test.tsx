import { afterEach, describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { ApiError } from "../../api/problem";
import { ProfileForm } from "./ProfileForm";
import type { ProfileFormData, ProfileFormValues } from "./profileSchema";

const defaults: ProfileFormValues = {
  title: "Developer",
  overview: "",
  hourly_rate: "40",
  availability: "as_needed",
  skill_ids: [{ id: "s1", name: "React" }],
  portfolio: [],
  employment: [],
  education: [],
  certifications: [],
  languages: [{ language: "English", level: "fluent" }],
};

function renderForm(onSubmit: (data: ProfileFormData) => Promise<ProfileFormValues | undefined>) {
  vi.stubGlobal(
    "fetch",
    vi.fn(() => Promise.resolve(new Response(JSON.stringify({ data: [] }), { headers: { "Content-Type": "application/json" } }))),
  );
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter>
        <ProfileForm defaultValues={defaults} onSubmit={onSubmit} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return userEvent.setup();
}

afterEach(() => vi.unstubAllGlobals());

describe("the profile form's lists", () => {
  it("adds, edits and removes entries, and sends them in order", async () => {
    const onSubmit = vi.fn<(data: ProfileFormData) => Promise<ProfileFormValues | undefined>>(() => Promise.resolve(undefined));
    const user = renderForm(onSubmit);

    const languages = screen.getByRole("list", { name: "Languages" });
    expect(within(languages).getAllByRole("listitem")).toHaveLength(1);

    await user.click(screen.getByRole("button", { name: "Add a language" }));
    await user.click(screen.getByRole("button", { name: "Add a language" }));
    expect(within(languages).getAllByRole("listitem")).toHaveLength(3);
    const group2 = screen.getByRole("group", { name: "Language 2" });
    await user.type(within(group2).getByLabelText("Language"), "Portuguese");
    await user.selectOptions(within(group2).getByLabelText("Level"), "native");
    const group3 = screen.getByRole("group", { name: "Language 3" });
    await user.type(within(group3).getByLabelText("Language"), "Spanish");
    await user.click(screen.getByRole("button", { name: "Remove language 1" }));
    expect(within(languages).getAllByRole("listitem")).toHaveLength(2);

    expect(screen.getByText("No projects added yet.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Add a project" }));
    await user.type(screen.getByLabelText("Project title"), "Clinic booking");
    await user.type(screen.getByLabelText("Link (optional)"), "https://example.com");

    await user.click(screen.getByRole("button", { name: "Save profile" }));
    expect(onSubmit).toHaveBeenCalledTimes(1);
    const data = onSubmit.mock.calls[0]?.[0];
    expect(data?.languages).toEqual([
      { language: "Portuguese", level: "native" },
      { language: "Spanish", level: "fluent" },
    ]);
    expect(data?.portfolio).toEqual([{ title: "Clinic booking", description: "", url: "https://example.com", completed_on: "" }]);
  });

  it("shows entry errors beside their fields and does not send", async () => {
    const onSubmit = vi.fn(() => Promise.resolve(undefined));
    const user = renderForm(onSubmit);
    await user.click(screen.getByRole("button", { name: "Add a position" }));
    await user.click(screen.getByRole("button", { name: "Save profile" }));
    const group = screen.getByRole("group", { name: "Position 1" });
    expect(within(group).getByLabelText("Company")).toHaveAccessibleDescription("Enter the company.");
    expect(within(group).getByLabelText("From")).toHaveAccessibleDescription("Enter the start date.");
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("puts the server's nested field errors on the entry's field", async () => {
    const onSubmit = vi.fn(() =>
      Promise.reject(
        new ApiError(422, {
          type: "about:blank",
          title: "Unprocessable Entity",
          status: 422,
          code: "validation_failed",
          detail: "The request has invalid fields.",
          errors: [{ field: "languages.0.language", code: "length", message: "must be at most 50 characters" }],
        }),
      ),
    );
    const user = renderForm(onSubmit);
    await user.click(screen.getByRole("button", { name: "Save profile" }));
    const group = await screen.findByRole("group", { name: "Language 1" });
    expect(within(group).getByLabelText("Language")).toHaveAccessibleDescription(/must be at most 50 characters/);
    expect(screen.queryByText("The profile was not saved")).not.toBeInTheDocument();
  });
});
