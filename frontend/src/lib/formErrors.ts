import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { problemToFormErrors } from "../api/problem";

/**
 * Put an API failure on a react-hook-form: field errors beside their fields (the first
 * one focused), and return the form-level message (or null).
 */
export function applyApiErrors<T extends FieldValues>(
  error: unknown,
  fields: readonly Path<T>[],
  setError: UseFormSetError<T>,
): string | null {
  const { fields: byField, form } = problemToFormErrors<Path<T>>(error, fields);
  let first = true;
  for (const field of fields) {
    const message = byField[field];
    if (message === undefined) continue;
    setError(field, { type: "server", message }, { shouldFocus: first });
    first = false;
  }
  return form;
}
