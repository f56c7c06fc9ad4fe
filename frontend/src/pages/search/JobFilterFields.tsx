import type { JobFacets } from "../../api/search";
import type { Category, Country } from "../../api/types";
import {
  EXPERIENCE_LEVELS,
  HOURS_PER_WEEK,
  JOB_TYPES,
  POSTED_WITHIN,
  PROJECT_LENGTHS,
  PROPOSALS_BUCKETS,
  type JobFilters,
} from "../../lib/jobSearch";
import { experienceLabels, hoursPerWeekLabels, jobTypeLabels, projectLengthLabels } from "../../lib/jobs";
import { AmountRange, CheckboxGroup, FlagFilter, RadioGroup, SelectFilter } from "./FilterControls";
import { proposalsLabels } from "./JobCard";
import { SkillFilter } from "./SkillFilter";

export const postedWithinLabels: Record<number, string> = {
  1: "Last 24 hours",
  3: "Last 3 days",
  7: "Last 7 days",
  14: "Last 14 days",
  30: "Last 30 days",
};

function postedWithinLabel(days: number): string {
  return postedWithinLabels[days] ?? `Last ${days} days`;
}

interface JobFilterFieldsProps {
  filters: JobFilters;
  /** The counts of the current results; null until the first answer. */
  facets: JobFacets | null;
  categories: Category[] | undefined;
  countries: Country[] | undefined;
  update: (change: Partial<JobFilters>) => void;
}

function countLabel(count: number | undefined): string {
  return count === undefined ? "" : ` (${count.toLocaleString()})`;
}

function countOf<V extends string>(list: readonly { value: V; count: number }[] | undefined, value: V): number | null {
  return list?.find((f) => f.value === value)?.count ?? 0;
}

/**
 * The category choice. With no category chosen, the categories that have matching jobs,
 * with their counts (top-level categories; one covers its subcategories). Once one is
 * chosen, every category and subcategory, so another can be picked directly; top-level
 * ones keep their counts (the server counts a filtered group without its own filter).
 */
function CategoryFilter({ filters, facets, categories, update }: Omit<JobFilterFieldsProps, "countries">) {
  const chosen = filters.category_id;
  const onChange = (value: string) => update({ category_id: value || null });
  if (chosen === null || !categories) {
    const listed = facets?.category ?? [];
    return (
      <SelectFilter label="Category" value={chosen ?? ""} onChange={onChange}>
        <option value="">Any category</option>
        {chosen !== null && !listed.some((c) => c.value === chosen) && <option value={chosen}>Chosen category</option>}
        {listed.map((c) => (
          <option key={c.value} value={c.value}>
            {c.name} ({c.count.toLocaleString()})
          </option>
        ))}
      </SelectFilter>
    );
  }
  const known = categories.some((c) => c.id === chosen || c.subcategories.some((s) => s.id === chosen));
  return (
    <SelectFilter label="Category" value={chosen} onChange={onChange}>
      <option value="">Any category</option>
      {!known && <option value={chosen}>{facets?.category.find((c) => c.value === chosen)?.name ?? "Chosen category"}</option>}
      {categories.flatMap((category) => [
        <option key={category.id} value={category.id}>
          {category.name}
          {countLabel(facets?.category.find((c) => c.value === category.id)?.count)}
        </option>,
        ...category.subcategories.map((sub) => (
          <option key={sub.id} value={sub.id}>
            {"\u2003"}
            {sub.name}
          </option>
        )),
      ])}
    </SelectFilter>
  );
}

/** The Find work filters, each applied as soon as it changes. */
export function JobFilterFields({ filters, facets, categories, countries, update }: JobFilterFieldsProps) {
  // The server counts a group the search filters on without that group's own filter,
  // so every choice shows what picking it would find.
  const typeCounts = facets?.job_type;
  const levelCounts = facets?.experience_level;
  return (
    <>
      <CategoryFilter filters={filters} facets={facets} categories={categories} update={update} />
      <RadioGroup
        legend="Job type"
        anyLabel="Any type"
        noun="jobs"
        value={filters.job_type}
        options={JOB_TYPES.map((t) => ({ value: t, label: jobTypeLabels[t], count: typeCounts && countOf(typeCounts, t) }))}
        onChange={(job_type) => update({ job_type })}
      />
      {filters.job_type !== "hourly" && (
        <AmountRange
          legend="Fixed-price budget"
          value={{ min: filters.min_budget, max: filters.max_budget }}
          onApply={({ min, max }) => update({ min_budget: min, max_budget: max })}
        />
      )}
      {filters.job_type !== "fixed" && (
        <AmountRange
          legend="Hourly rate"
          suffix="/hr"
          value={{ min: filters.min_rate, max: filters.max_rate }}
          onApply={({ min, max }) => update({ min_rate: min, max_rate: max })}
        />
      )}
      <CheckboxGroup
        legend="Experience level"
        noun="jobs"
        selected={filters.experience_level}
        options={EXPERIENCE_LEVELS.map((l) => ({
          value: l,
          label: experienceLabels[l],
          count: levelCounts && countOf(levelCounts, l),
        }))}
        onChange={(experience_level) => update({ experience_level })}
      />
      <SkillFilter ids={filters.skills} onChange={(skills) => update({ skills })} hint="Jobs that need any of these." />
      <CheckboxGroup
        legend="Project length"
        selected={filters.project_length}
        options={PROJECT_LENGTHS.map((p) => ({ value: p, label: projectLengthLabels[p] }))}
        onChange={(project_length) => update({ project_length })}
      />
      <RadioGroup
        legend="Hours per week"
        anyLabel="Any hours"
        value={filters.hours_per_week}
        options={HOURS_PER_WEEK.map((h) => ({ value: h, label: hoursPerWeekLabels[h] }))}
        onChange={(hours_per_week) => update({ hours_per_week })}
      />
      <CheckboxGroup
        legend="Number of proposals"
        selected={filters.proposals}
        options={PROPOSALS_BUCKETS.map((b) => ({ value: b, label: proposalsLabels[b] }))}
        onChange={(proposals) => update({ proposals })}
      />
      <fieldset className="filter-group">
        <legend>Client</legend>
        <FlagFilter
          label="Payment verified"
          checked={filters.payment_verified}
          onChange={(payment_verified) => update({ payment_verified })}
        />
        <FlagFilter
          label="Has hired before"
          checked={filters.client_has_hires}
          onChange={(client_has_hires) => update({ client_has_hires })}
        />
      </fieldset>
      <SelectFilter
        label="Client location"
        value={filters.client_country ?? ""}
        onChange={(value) => update({ client_country: value || null })}
      >
        <option value="">Anywhere</option>
        {filters.client_country && !countries?.some((c) => c.code === filters.client_country) && (
          <option value={filters.client_country}>{filters.client_country}</option>
        )}
        {countries?.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name}
          </option>
        ))}
      </SelectFilter>
      <SelectFilter
        label="Posted"
        value={filters.posted_within_days === null ? "" : String(filters.posted_within_days)}
        onChange={(value) => update({ posted_within_days: value ? Number(value) : null })}
      >
        <option value="">Any time</option>
        {filters.posted_within_days !== null && !POSTED_WITHIN.includes(filters.posted_within_days) && (
          <option value={filters.posted_within_days}>{postedWithinLabel(filters.posted_within_days)}</option>
        )}
        {POSTED_WITHIN.map((days) => (
          <option key={days} value={days}>
            {postedWithinLabel(days)}
          </option>
        ))}
      </SelectFilter>
    </>
  );
}
