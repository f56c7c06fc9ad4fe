import { Link, type To } from "react-router";
import type { PagerState } from "../../lib/urlState";

interface PagerProps {
  /** This page's cursor (null on the first page). */
  cursor: string | null;
  nextCursor: string | null;
  /** The cursors of the pages before this one, when this visit went through them. */
  pager: PagerState | null;
  hrefFor: (cursor: string | null) => To;
  label: string;
  /** Called when a page link is followed (the page then moves focus to the results). */
  onTurn: () => void;
}

/**
 * Cursor paging with real links: the page is in the address bar, so it survives a
 * reload and Back works. "Previous" needs the earlier cursors, which each page link
 * carries in the history entry; a shared link to a later page offers "First page".
 */
export function Pager({ cursor, nextCursor, pager, hrefFor, label, onTurn }: PagerProps) {
  const previous = pager?.previous ?? [];
  const before = previous.at(-1);
  const pageNumber = cursor === null ? 1 : previous.length > 0 ? previous.length + 1 : null;
  if (cursor === null && nextCursor === null) return null;
  return (
    <nav className="pager" aria-label={label}>
      <p className="pager__where">{pageNumber !== null ? `Page ${pageNumber}` : "A later page"}</p>
      <ul>
        {cursor !== null && before !== undefined && (
          <li>
            <Link
              className="button button--secondary button--small"
              to={hrefFor(before)}
              state={{ previous: previous.slice(0, -1) } satisfies PagerState}
              onClick={onTurn}
            >
              <span aria-hidden="true">← </span>Previous page
            </Link>
          </li>
        )}
        {cursor !== null && before === undefined && (
          <li>
            <Link className="button button--secondary button--small" to={hrefFor(null)} onClick={onTurn}>
              First page
            </Link>
          </li>
        )}
        {nextCursor !== null && (
          <li>
            <Link
              className="button button--secondary button--small"
              to={hrefFor(nextCursor)}
              state={{ previous: [...previous, cursor] } satisfies PagerState}
              onClick={onTurn}
            >
              Next page<span aria-hidden="true"> →</span>
            </Link>
          </li>
        )}
      </ul>
    </nav>
  );
}
