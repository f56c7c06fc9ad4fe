import { useEffect } from "react";
import { useLocation } from "react-router";

/**
 * A one-off message passed in the navigation state ({ flash }), shown on this visit only:
 * a reload does not repeat it.
 */
export function useFlash(): string | null {
  const location = useLocation();
  const state: unknown = location.state;
  const flash =
    typeof state === "object" && state !== null && "flash" in state && typeof state.flash === "string" ? state.flash : null;
  useEffect(() => {
    if (!flash) return;
    const current: unknown = window.history.state;
    // React Router keeps the navigation state in history.state.usr.
    if (typeof current === "object" && current !== null) window.history.replaceState({ ...current, usr: null }, "");
  }, [flash]);
  return flash;
}
