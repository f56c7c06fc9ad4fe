import { useId, useState, type ReactNode } from "react";

interface FilterPanelProps {
  /** How many filters are on (shown on the toggle). */
  active: number;
  onClear: () => void;
  /** "Show 12 jobs": closes the panel on narrow screens and moves to the results. */
  showResultsLabel: string;
  onShowResults: () => void;
  children: ReactNode;
}

/**
 * The filters: a sidebar on wide screens; on narrow ones, folded away behind a
 * "Filters" button (a disclosure) so the results come first.
 */
export function FilterPanel({ active, onClear, showResultsLabel, onShowResults, children }: FilterPanelProps) {
  const bodyId = useId();
  const titleId = useId();
  const [open, setOpen] = useState(false);
  return (
    <div className="filter-panel">
      <button
        type="button"
        className="button button--secondary filter-panel__toggle"
        aria-expanded={open}
        aria-controls={bodyId}
        onClick={() => setOpen((o) => !o)}
      >
        <span>
          Filters
          {active > 0 && <span className="filter-panel__active"> ({active} on)</span>}
        </span>
        <span className="filter-panel__chevron" aria-hidden="true">
          ▾
        </span>
      </button>
      <section id={bodyId} className="filter-panel__body card" data-open={open} aria-labelledby={titleId}>
        <div className="filter-panel__head">
          <h2 id={titleId}>Filters</h2>
          {active > 0 && (
            <button type="button" className="link-button" onClick={onClear}>
              Clear filters
            </button>
          )}
        </div>
        <div className="filter-panel__fields">{children}</div>
        <button
          type="button"
          className="button button--block filter-panel__done"
          onClick={() => {
            setOpen(false);
            onShowResults();
          }}
        >
          {showResultsLabel}
        </button>
      </section>
    </div>
  );
}
