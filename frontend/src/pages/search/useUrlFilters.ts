import { startTransition, useCallback, useMemo, useOptimistic } from "react";
import { useLocation, useNavigate, type To } from "react-router";
import { readPagerState, type PagerState } from "../../lib/urlState";

/** How one search's filters are read from, written to and changed in the address bar. */
export interface FilterCodec<F> {
  parse: (params: URLSearchParams) => F;
  write: (filters: F) => string;
  change: (current: F, change: Partial<F>) => F;
}

export interface UrlFilters<F> {
  filters: F;
  /** The canonical query string of `filters` (no "?"): a stable cache key. */
  queryString: string;
  /** Where the address bar would go after this change (for links). */
  hrefFor: (change: Partial<F>) => To;
  /** Apply a change: a new history entry, unless `replace`. */
  update: (change: Partial<F>, options?: { replace?: boolean; state?: PagerState }) => void;
  /** The earlier pages' cursors kept in this history entry, if any. */
  pager: PagerState | null;
}

/**
 * The address bar's query string as the single source of truth for a search.
 *
 * The router applies a navigation inside a transition, so until it commits the URL still
 * says what it said before; the filters the user just chose are shown meanwhile
 * (`useOptimistic`), or a checkbox would flick back for a moment after each click.
 */
export function useUrlFilters<F>(codec: FilterCodec<F>): UrlFilters<F> {
  const location = useLocation();
  const navigate = useNavigate();
  const { parse, write, change } = codec;
  const committed = useMemo(() => parse(new URLSearchParams(location.search)), [parse, location.search]);
  const [filters, showFilters] = useOptimistic(committed);
  const queryString = useMemo(() => write(filters), [write, filters]);

  const hrefFor = useCallback(
    (patch: Partial<F>): To => {
      const next = write(change(filters, patch));
      return { pathname: location.pathname, search: next ? `?${next}` : "" };
    },
    [write, change, filters, location.pathname],
  );

  const update = useCallback(
    (patch: Partial<F>, options: { replace?: boolean; state?: PagerState } = {}) => {
      const nextFilters = change(filters, patch);
      const next = write(nextFilters);
      // Already there (a blur after Enter, a double click): no duplicate history entry.
      if (next === queryString) return;
      startTransition(() => {
        showFilters(nextFilters);
        void navigate(
          { pathname: location.pathname, search: next ? `?${next}` : "" },
          { replace: options.replace ?? false, state: options.state ?? null },
        );
      });
    },
    [write, change, filters, queryString, showFilters, location.pathname, navigate],
  );

  const pager = useMemo(() => readPagerState(location.state), [location.state]);
  return { filters, queryString, hrefFor, update, pager };
}
