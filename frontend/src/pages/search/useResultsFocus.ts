import { useCallback, useEffect, useRef } from "react";

/**
 * Moving to the results: at once ("Show results" on a narrow screen), or after a page
 * turn, once the new page is in (focus on the results heading, scrolled into view).
 */
export function useResultsFocus(settled: boolean) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const pending = useRef(false);
  const moveToResults = useCallback(() => {
    const heading = headingRef.current;
    if (!heading) return;
    heading.focus();
    heading.scrollIntoView({ block: "start" });
  }, []);
  useEffect(() => {
    if (!pending.current || !settled) return;
    pending.current = false;
    moveToResults();
  }, [settled, moveToResults]);
  const afterTurn = useCallback(() => {
    pending.current = true;
  }, []);
  return { headingRef, moveToResults, afterTurn };
}
