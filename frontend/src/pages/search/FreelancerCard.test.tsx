import { describe, expect, it } from "vitest";
import { render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import type { FreelancerSummary } from "../../api/search";
import { earnedText, FreelancerCard } from "./FreelancerCard";

const base: FreelancerSummary = {
  id: "11111111-1111-4111-8111-111111111111",
  full_name: "Ana Souza",
  title: "React developer",
  snippet: "I build booking pages.",
  hourly_rate: "45.00",
  country: "PT",
  skills: [],
  photo_url: null,
  availability: "as_needed",
  identity_verified: true,
  jss: 96,
  rating: "4.80",
  total_earned: "10k_plus",
  badges: ["top_rated"],
};

function renderCard(f: FreelancerSummary) {
  return render(
    <MemoryRouter>
      <ul>
        <FreelancerCard freelancer={f} countryName={(code) => (code === "PT" ? "Portugal" : code)} />
      </ul>
    </MemoryRouter>,
  );
}

describe("FreelancerCard", () => {
  it("shows Job Success, the rating as stars, the earnings band and badges with their meaning", () => {
    renderCard(base);
    expect(screen.getByTestId("talent-jss")).toHaveTextContent("Job Success 96%");
    expect(screen.getByRole("img", { name: "Rating 4.80 out of 5" })).toBeInTheDocument();
    expect(screen.getByText("$10K+ earned")).toBeInTheDocument();
    const badges = screen.getByRole("list", { name: "Badges" });
    expect(within(badges).getByText(/Top Rated/)).toHaveTextContent(/Top Rated: a Job Success Score of 90% or more/);
    expect(within(badges).getByText("Identity verified")).toBeInTheDocument();
  });

  it("says when there is no score yet, and labels the under $1K band", () => {
    renderCard({ ...base, jss: null, rating: null, total_earned: "under_1k", badges: ["rising_talent"], identity_verified: false });
    expect(screen.getByTestId("talent-jss")).toHaveTextContent("No Job Success Score yet");
    expect(screen.queryByRole("img", { name: /Rating/ })).toBeNull();
    expect(screen.getByText("Under $1K earned")).toBeInTheDocument();
    expect(within(screen.getByRole("list", { name: "Badges" })).getByText(/Rising Talent/)).toBeInTheDocument();
  });

  it("shows nothing for none yet and no badge list without badges", () => {
    renderCard({ ...base, total_earned: "none_yet", badges: [], identity_verified: false });
    expect(earnedText("none_yet")).toBeNull();
    expect(screen.queryByRole("list", { name: "Badges" })).toBeNull();
  });
});
