import { useId } from "react";
import type { SkillRef } from "../../api/types";
import { rememberSkills, skillRefs } from "../../lib/skillNames";
import { SkillsPicker } from "../jobs/SkillsPicker";

/** The skills type-ahead of the job form, as a filter over skill ids. */
export function SkillFilter({ ids, onChange, hint }: { ids: readonly string[]; onChange: (ids: string[]) => void; hint: string }) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="filter-group">
      <label htmlFor={id}>Skills</label>
      <SkillsPicker
        id={id}
        value={skillRefs(ids)}
        onChange={(skills: SkillRef[]) => {
          rememberSkills(skills);
          onChange(skills.map((s) => s.id));
        }}
        describedBy={hintId}
        invalid={false}
      />
      <p id={hintId} className="field__hint">
        {hint}
      </p>
    </div>
  );
}
