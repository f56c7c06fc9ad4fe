import { useId, useRef, useState, type KeyboardEvent } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { searchSkills } from "../../api/jobs";
import type { SkillRef } from "../../api/types";
import { useDebounced } from "../../lib/useDebounced";
import { SKILLS_MAX } from "./jobSchema";

interface SkillsPickerProps {
  id: string;
  /** Lets the form focus the search box when the skills are invalid. */
  fieldRef?: (element: HTMLInputElement | null) => void;
  value: SkillRef[];
  onChange: (skills: SkillRef[]) => void;
  onBlur?: () => void;
  describedBy: string | undefined;
  invalid: boolean;
}

/**
 * Type-ahead skill search (the ARIA 1.2 combobox with a listbox popup) and the chosen
 * skills as removable chips. Arrow keys move through the matches, Enter picks, Escape
 * closes the list; Backspace in an empty box removes the last chip.
 */
export function SkillsPicker({ id, fieldRef, value, onChange, onBlur, describedBy, invalid }: SkillsPickerProps) {
  const listId = useId();
  const statusId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [announcement, setAnnouncement] = useState("");
  const query = useDebounced(text.trim(), 200);
  const full = value.length >= SKILLS_MAX;

  const results = useQuery({
    queryKey: ["skills", query],
    queryFn: ({ signal }) => searchSkills(query, 10, signal),
    enabled: query.length > 0,
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
  });
  const chosen = new Set(value.map((s) => s.id));
  const options = query.length > 0 ? (results.data ?? []).filter((s) => !chosen.has(s.id)) : [];
  const expanded = open && text.trim().length > 0 && !full;
  const settled = query === text.trim() && !results.isFetching;

  const pick = (skill: SkillRef) => {
    onChange([...value, { id: skill.id, name: skill.name }]);
    setAnnouncement(`${skill.name} added. ${value.length + 1} of ${SKILLS_MAX} skills chosen.`);
    setText("");
    setActive(-1);
    setOpen(false);
    inputRef.current?.focus();
  };

  const remove = (skill: SkillRef) => {
    onChange(value.filter((s) => s.id !== skill.id));
    setAnnouncement(`${skill.name} removed.`);
    inputRef.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        setOpen(true);
        if (options.length > 0) setActive((i) => (i + 1) % options.length);
        break;
      case "ArrowUp":
        event.preventDefault();
        setOpen(true);
        if (options.length > 0) setActive((i) => (i <= 0 ? options.length - 1 : i - 1));
        break;
      case "Enter": {
        // Never submit the form from the search box.
        event.preventDefault();
        const option = options[active] ?? (options.length === 1 ? options[0] : undefined);
        if (expanded && option) pick(option);
        break;
      }
      case "Escape":
        if (expanded) {
          event.preventDefault();
          setOpen(false);
          setActive(-1);
        } else if (text) {
          event.preventDefault();
          setText("");
        }
        break;
      case "Backspace": {
        const last = value.at(-1);
        if (text === "" && last) remove(last);
        break;
      }
      default:
        break;
    }
  };

  const activeOption = expanded ? options[active] : undefined;
  let listMessage: string | null = null;
  if (expanded && options.length === 0) {
    listMessage = settled ? (results.isError ? "Skills could not be loaded. Try again." : "No matching skills.") : "Searching…";
  }

  return (
    <div className="skills-picker">
      {value.length > 0 && (
        <ul className="chips" aria-label="Chosen skills">
          {value.map((skill) => (
            <li key={skill.id} className="chip">
              <span>{skill.name}</span>
              <button type="button" className="chip__remove" aria-label={`Remove ${skill.name}`} onClick={() => remove(skill)}>
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="combobox">
        <input
          ref={(element) => {
            inputRef.current = element;
            fieldRef?.(element);
          }}
          id={id}
          className="input"
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={activeOption ? `${listId}-${activeOption.id}` : undefined}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          placeholder={full ? "You have chosen 15 skills" : "Search skills, e.g. React"}
          disabled={full}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onKeyDown={onKeyDown}
          onFocus={() => setOpen(true)}
          onBlur={() => {
            setOpen(false);
            setActive(-1);
            onBlur?.();
          }}
        />
        <ul id={listId} role="listbox" aria-label="Matching skills" className="combobox__list" hidden={!expanded}>
          {expanded &&
            options.map((skill, index) => (
              <li
                key={skill.id}
                id={`${listId}-${skill.id}`}
                role="option"
                aria-selected={index === active}
                className="combobox__option"
                // Pick before the input's blur closes the list.
                onMouseDown={(event) => {
                  event.preventDefault();
                  pick(skill);
                }}
                onMouseMove={() => setActive(index)}
              >
                {skill.name}
              </li>
            ))}
        </ul>
        {listMessage && (
          <p className="combobox__message" aria-hidden="true">
            {listMessage}
          </p>
        )}
      </div>
      <p id={statusId} className="visually-hidden" aria-live="polite">
        {announcement ||
          (expanded && settled ? `${options.length} skill${options.length === 1 ? "" : "s"} found.` : "")}
      </p>
    </div>
  );
}
