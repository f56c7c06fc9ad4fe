import type { Country } from "../../api/types";
import { ENGLISH_LEVELS, MIN_JSS_CHOICES, type TalentFilters } from "../../lib/talentSearch";
import { languageLevelLabels } from "../profile/profileSchema";
import { AmountRange, FlagFilter, SelectFilter } from "./FilterControls";
import { SkillFilter } from "./SkillFilter";

interface TalentFilterFieldsProps {
  filters: TalentFilters;
  countries: Country[] | undefined;
  update: (change: Partial<TalentFilters>) => void;
}

/** The Find talent filters, each applied as soon as it changes. */
export function TalentFilterFields({ filters, countries, update }: TalentFilterFieldsProps) {
  const jss = filters.min_jss;
  return (
    <>
      <SkillFilter ids={filters.skills} onChange={(skills) => update({ skills })} hint="Freelancers with any of these." />
      <AmountRange
        legend="Hourly rate"
        suffix="/hr"
        value={{ min: filters.min_rate, max: filters.max_rate }}
        onApply={({ min, max }) => update({ min_rate: min, max_rate: max })}
      />
      <SelectFilter
        label="Job Success Score"
        value={jss === null ? "" : String(jss)}
        onChange={(value) => update({ min_jss: value ? Number(value) : null })}
      >
        <option value="">Any score</option>
        {jss !== null && !MIN_JSS_CHOICES.includes(jss) && <option value={jss}>{jss}% and up</option>}
        {MIN_JSS_CHOICES.map((n) => (
          <option key={n} value={n}>
            {n}% and up
          </option>
        ))}
      </SelectFilter>
      <SelectFilter label="Location" value={filters.country ?? ""} onChange={(value) => update({ country: value || null })}>
        <option value="">Anywhere</option>
        {filters.country && !countries?.some((c) => c.code === filters.country) && (
          <option value={filters.country}>{filters.country}</option>
        )}
        {countries?.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name}
          </option>
        ))}
      </SelectFilter>
      <SelectFilter
        label="English level"
        value={filters.english_level ?? ""}
        onChange={(value) => update({ english_level: ENGLISH_LEVELS.find((l) => l === value) ?? null })}
      >
        <option value="">Any level</option>
        {ENGLISH_LEVELS.map((level) => (
          <option key={level} value={level}>
            {level === "native" ? languageLevelLabels[level] : `${languageLevelLabels[level]} or better`}
          </option>
        ))}
      </SelectFilter>
      <fieldset className="filter-group">
        <legend>Show only</legend>
        <FlagFilter label="Available now" checked={filters.available_now} onChange={(available_now) => update({ available_now })} />
        <FlagFilter
          label="Identity verified"
          checked={filters.identity_verified}
          onChange={(identity_verified) => update({ identity_verified })}
        />
      </fieldset>
    </>
  );
}
