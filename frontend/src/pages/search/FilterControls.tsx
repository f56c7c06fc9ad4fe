import { useId, useState, type FocusEvent, type ReactNode } from "react";
import { isAmount } from "../../lib/urlState";
import { useDraft } from "../../lib/useDraft";

export interface FilterOption<T extends string> {
  value: T;
  label: string;
  /** How many results have this value (a facet count), when known. */
  count?: number | null | undefined;
}

/** A facet count after a label: "(12 jobs)" to a screen reader, a quiet "12" to the eye. */
export function FacetCount({ count, noun }: { count: number | null | undefined; noun: string }) {
  if (count === null || count === undefined) return null;
  return (
    <span className="filter-option__count">
      <span className="visually-hidden">(</span>
      {count.toLocaleString()}
      <span className="visually-hidden">
        {" "}
        {noun})
      </span>
    </span>
  );
}

interface CheckboxGroupProps<T extends string> {
  legend: string;
  options: readonly FilterOption<T>[];
  selected: readonly T[];
  onChange: (next: T[]) => void;
  noun?: string;
}

/** Any of several values: checkboxes in a fieldset. */
export function CheckboxGroup<T extends string>({ legend, options, selected, onChange, noun = "results" }: CheckboxGroupProps<T>) {
  return (
    <fieldset className="filter-group">
      <legend>{legend}</legend>
      {options.map((option) => {
        const checked = selected.includes(option.value);
        return (
          <label key={option.value} className="filter-option">
            <input
              type="checkbox"
              checked={checked}
              onChange={() =>
                onChange(
                  checked
                    ? selected.filter((v) => v !== option.value)
                    : options.map((o) => o.value).filter((v) => v === option.value || selected.includes(v)),
                )
              }
            />
            <span className="filter-option__label">{option.label}</span>
            <FacetCount count={option.count} noun={noun} />
          </label>
        );
      })}
    </fieldset>
  );
}

interface RadioGroupProps<T extends string> {
  legend: string;
  anyLabel: string;
  options: readonly FilterOption<T>[];
  value: T | null;
  onChange: (next: T | null) => void;
  noun?: string;
}

/** One value or any: radio buttons in a fieldset, "any" first. */
export function RadioGroup<T extends string>({ legend, anyLabel, options, value, onChange, noun = "results" }: RadioGroupProps<T>) {
  const name = useId();
  return (
    <fieldset className="filter-group">
      <legend>{legend}</legend>
      <label className="filter-option">
        <input type="radio" name={name} checked={value === null} onChange={() => onChange(null)} />
        <span className="filter-option__label">{anyLabel}</span>
      </label>
      {options.map((option) => (
        <label key={option.value} className="filter-option">
          <input type="radio" name={name} checked={value === option.value} onChange={() => onChange(option.value)} />
          <span className="filter-option__label">{option.label}</span>
          <FacetCount count={option.count} noun={noun} />
        </label>
      ))}
    </fieldset>
  );
}

/** A labelled select. The empty value ("") means "any". */
export function SelectFilter({
  label,
  value,
  onChange,
  children,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <div className="filter-group">
      <label htmlFor={id}>{label}</label>
      <select id={id} className="select" value={value} onChange={(event) => onChange(event.target.value)}>
        {children}
      </select>
    </div>
  );
}

/** A yes-only filter: a single checkbox (grouped by the caller's fieldset). */
export function FlagFilter({ label, checked, onChange }: { label: string; checked: boolean; onChange: (next: boolean) => void }) {
  return (
    <label className="filter-option">
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      <span className="filter-option__label">{label}</span>
    </label>
  );
}

export interface AmountRangeValue {
  min: string | null;
  max: string | null;
}

/** What is wrong with a range, or null. Empty sides are open. */
export function amountRangeProblem(min: string, max: string): string | null {
  if ((min && !isAmount(min)) || (max && !isAmount(max))) return "Enter amounts in dollars, like 500 or 12.50.";
  if (min && max && Number(min) > Number(max)) return "The minimum is above the maximum.";
  return null;
}

interface AmountRangeProps {
  legend: string;
  value: AmountRangeValue;
  /** "/hr" for rates. */
  suffix?: string;
  onApply: (value: AmountRangeValue) => void;
}

/**
 * A minimum and a maximum in dollars, applied when focus leaves the pair, on Enter, or
 * with the Apply button; a malformed or inverted range is explained and not applied.
 */
export function AmountRange({ legend, value, suffix, onApply }: AmountRangeProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const [min, setMin] = useDraft(value.min ?? "");
  const [max, setMax] = useDraft(value.max ?? "");
  const [found, setProblem] = useState<string | null>(null);
  // A problem is about what is typed: once both boxes are empty (cleared), it is gone.
  const problem = min || max ? found : null;

  const apply = () => {
    const lo = min.trim().replace(/^\$/, "");
    const hi = max.trim().replace(/^\$/, "");
    const wrong = amountRangeProblem(lo, hi);
    setProblem(wrong);
    if (!wrong) onApply({ min: lo || null, max: hi || null });
  };

  const onBlur = (event: FocusEvent<HTMLFormElement>) => {
    // Moving between the two boxes (or to Apply) is not leaving the range.
    if (event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget)) return;
    apply();
  };

  const box = (side: "min" | "max", label: string, text: string, set: (v: string) => void) => (
    <div className="range__side">
      <label htmlFor={`${id}-${side}`}>{label}</label>
      <span className="amount">
        <span className="amount__unit" aria-hidden="true">
          $
        </span>
        <input
          id={`${id}-${side}`}
          className="input"
          inputMode="decimal"
          autoComplete="off"
          placeholder="Any"
          value={text}
          aria-invalid={problem !== null}
          aria-describedby={problem ? errorId : undefined}
          onChange={(event) => {
            set(event.target.value);
            setProblem(null);
          }}
        />
        {suffix && (
          <span className="amount__suffix" aria-hidden="true">
            {suffix}
          </span>
        )}
      </span>
    </div>
  );

  return (
    <form
      className="filter-group"
      onBlur={onBlur}
      onSubmit={(event) => {
        event.preventDefault();
        apply();
      }}
    >
      <fieldset className="filter-group">
        <legend>{legend}</legend>
        <div className="range">
          {box("min", "Min", min, setMin)}
          {box("max", "Max", max, setMax)}
        </div>
        <p id={errorId} className="field__error" aria-live="polite" hidden={!problem}>
          {problem}
        </p>
        <button type="submit" className="button button--secondary button--small range__apply">
          Apply
        </button>
      </fieldset>
    </form>
  );
}
