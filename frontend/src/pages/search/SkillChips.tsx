import type { SkillRef } from "../../api/types";

const SHOWN = 6;

/** A result's skills, the first few as chips and a count of the rest. */
export function SkillChips({ skills }: { skills: readonly SkillRef[] }) {
  if (skills.length === 0) return null;
  const rest = skills.length - SHOWN;
  return (
    <ul className="chips" aria-label="Skills">
      {skills.slice(0, SHOWN).map((s) => (
        <li key={s.id} className="chip chip--static">
          {s.name}
        </li>
      ))}
      {rest > 0 && <li className="result-card__more">+{rest} more</li>}
    </ul>
  );
}
