import type { SkillRef } from "../api/types";

// Search links carry skill ids only (as the API takes them). The names to show for them
// come from what this tab has seen: skills picked in a filter, on result cards, on a job.

const STORAGE_KEY = "worklane.skill-names";
/** The name shown for a skill id this tab has not seen named. */
export const UNNAMED_SKILL = "Selected skill";
const names = new Map<string, string>();
let loaded = false;

function load(): void {
  if (loaded) return;
  loaded = true;
  try {
    const stored: unknown = JSON.parse(window.sessionStorage.getItem(STORAGE_KEY) ?? "{}");
    if (typeof stored === "object" && stored !== null) {
      for (const [id, name] of Object.entries(stored)) if (typeof name === "string") names.set(id, name);
    }
  } catch {
    // Unreadable or unavailable storage: start empty.
  }
}

export function rememberSkills(skills: readonly SkillRef[]): void {
  load();
  let changed = false;
  for (const s of skills) {
    if (s.name !== UNNAMED_SKILL && names.get(s.id) !== s.name) {
      names.set(s.id, s.name);
      changed = true;
    }
  }
  if (!changed) return;
  try {
    window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(Object.fromEntries(names)));
  } catch {
    // Full or unavailable storage: the names still live in memory.
  }
}

/** The skills for these ids, named when the name is known. */
export function skillRefs(ids: readonly string[]): SkillRef[] {
  load();
  return ids.map((id) => ({ id, name: names.get(id) ?? UNNAMED_SKILL }));
}
