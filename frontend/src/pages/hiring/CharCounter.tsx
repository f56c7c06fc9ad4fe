import { charCount } from "../jobs/jobSchema";

/** "120 / 5,000 characters (at least 50)." as the server counts them (code points, trimmed). */
export function CharCounter({ value, min, max }: { value: string; min: number; max: number }) {
  const count = charCount(value.trim());
  const state = count > max ? "over" : count < min ? "under" : "ok";
  return (
    <span className="counter" data-state={state}>
      {count.toLocaleString("en-US")} / {max.toLocaleString("en-US")} characters
      {state === "under" && ` (at least ${min})`}.
    </span>
  );
}
