import { useEffect, useId, useRef } from "react";
import { QUERY_MAX } from "../../lib/jobSearch";
import { useDebounced } from "../../lib/useDebounced";
import { useDraft } from "../../lib/useDraft";

export const SEARCH_DEBOUNCE_MS = 350;

interface SearchBoxProps {
  /** The text the search runs with (from the address bar). */
  value: string;
  label: string;
  placeholder: string;
  /**
   * Run the search with new text. `replace`: refining text that was already searched
   * for replaces the history entry, so Back skips the half-typed words.
   */
  onSearch: (q: string, options: { replace: boolean }) => void;
}

/** The search field: searches as you type (debounced), or at once on Enter. */
export function SearchBox({ value, label, placeholder, onSearch }: SearchBoxProps) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useDraft(value);
  const settled = useDebounced(text, SEARCH_DEBOUNCE_MS);

  useEffect(() => {
    // Still typing, or the text was just reset from the address bar: nothing to do yet.
    if (settled !== text) return;
    const q = settled.trim();
    if (q !== value) onSearch(q, { replace: q !== "" && value !== "" });
  }, [settled, text, value, onSearch]);

  return (
    <form
      className="search-box"
      role="search"
      aria-label={label}
      onSubmit={(event) => {
        event.preventDefault();
        const q = text.trim();
        if (q !== value) onSearch(q, { replace: false });
      }}
    >
      <div className="search-box__field">
        <label htmlFor={id} className="visually-hidden">
          {label}
        </label>
        <input
          ref={inputRef}
          id={id}
          className="input"
          type="search"
          enterKeyHint="search"
          autoComplete="off"
          maxLength={QUERY_MAX}
          placeholder={placeholder}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Escape" && text) {
              event.preventDefault();
              setText("");
            }
          }}
        />
        {text && (
          <button
            type="button"
            className="search-box__clear"
            aria-label="Clear the search text"
            onClick={() => {
              setText("");
              if (value) onSearch("", { replace: false });
              inputRef.current?.focus();
            }}
          >
            <span aria-hidden="true">×</span>
          </button>
        )}
      </div>
      <button type="submit" className="button">
        Search
      </button>
    </form>
  );
}
