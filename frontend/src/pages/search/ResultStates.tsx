import { ApiError, errorMessage, fieldErrorMessage } from "../../api/problem";
import { Alert } from "../../components/feedback";

/** Placeholder cards while the first page of results loads. */
export function SearchSkeleton({ label, cards = 3 }: { label: string; cards?: number }) {
  return (
    <div>
      <p className="visually-hidden" role="status">
        {label}
      </p>
      <ul className="search-list" aria-hidden="true">
        {Array.from({ length: cards }, (_, i) => (
          <li key={i} className="result-card card skeleton">
            <span className="skeleton__line skeleton__line--short" />
            <span className="skeleton__line skeleton__line--title" />
            <span className="skeleton__line" />
            <span className="skeleton__line" />
          </li>
        ))}
      </ul>
    </div>
  );
}

interface SearchErrorProps {
  error: unknown;
  onRetry: () => void;
  /** Offered when filters are on: a bad filter is the likeliest cause of a 400. */
  onClear: (() => void) | null;
}

/** A failed search: the problem's words, the parameters it names, and what to do. */
export function SearchError({ error, onRetry, onClear }: SearchErrorProps) {
  const fieldErrors = error instanceof ApiError ? (error.problem?.errors ?? []) : [];
  const badRequest = error instanceof ApiError && error.status === 400;
  return (
    <div className="search-error">
      <Alert tone="error" title={badRequest ? "This search could not be run" : "We could not load the results"}>
        <p>{errorMessage(error)}</p>
        {fieldErrors.length > 0 && (
          <ul>
            {fieldErrors.map((fe, i) => (
              <li key={`${fe.field}-${i}`}>{fieldErrorMessage(fe)}</li>
            ))}
          </ul>
        )}
        <div className="search-error__actions">
          {!badRequest && (
            <button type="button" className="button button--secondary button--small" onClick={onRetry}>
              Try again
            </button>
          )}
          {onClear && (
            <button type="button" className="button button--secondary button--small" onClick={onClear}>
              Clear filters
            </button>
          )}
        </div>
      </Alert>
    </div>
  );
}
