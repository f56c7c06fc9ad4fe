import { useState } from "react";

/**
 * Local, editable state that starts as `value` and follows it whenever `value` changes
 * from outside (the Back button, "Clear filters"), while edits in between stay local.
 */
export function useDraft<T>(value: T): [T, (next: T) => void] {
  const [draft, setDraft] = useState(value);
  const [source, setSource] = useState(value);
  // Adjusting state while rendering when a prop changes (react.dev, "You Might Not Need an Effect").
  if (!Object.is(source, value)) {
    setSource(value);
    setDraft(value);
  }
  return [draft, setDraft];
}
