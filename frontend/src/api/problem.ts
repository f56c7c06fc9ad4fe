import type { FieldError, Problem } from "./types";

/** An API call that failed with an RFC 9457 problem (or could not reach the server). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;
  /** Seconds from the Retry-After header of a 429, when present. */
  readonly retryAfter: number | null;

  constructor(status: number, problem: Problem | null, retryAfter: number | null = null) {
    super(problem?.detail ?? problem?.title ?? `Request failed with status ${status}`);
    this.name = "ApiError";
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  get code(): string | null {
    return this.problem?.code ?? null;
  }
}

/** Thrown when the request never got an HTTP answer (offline, server down). */
export class NetworkError extends Error {
  constructor(cause?: unknown) {
    super("Could not reach Worklane. Check your connection and try again.", { cause });
    this.name = "NetworkError";
  }
}

export function isProblem(value: unknown): value is Problem {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.status === "number" && typeof v.title === "string";
}

export function parseRetryAfter(header: string | null, now: number = Date.now()): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(header);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

export function toApiError(response: Response, body: unknown): ApiError {
  const problem = isProblem(body) ? body : null;
  return new ApiError(response.status, problem, parseRetryAfter(response.headers.get("Retry-After")));
}

/** Human wording for the few codes where the server's detail is too generic or absent. */
function messageForCode(error: ApiError): string | null {
  switch (error.code) {
    case "too_many_attempts": {
      if (error.retryAfter === null) return "Too many attempts. Please wait a while and try again.";
      const minutes = Math.ceil(error.retryAfter / 60);
      return error.retryAfter < 60
        ? `Too many attempts. Try again in ${error.retryAfter} seconds.`
        : `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
    }
    case "invalid_credentials":
      return "That email and password do not match an account.";
    default:
      return null;
  }
}

/** The sentence to show for an error that is not tied to a form field. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    return (
      messageForCode(error) ??
      error.problem?.detail ??
      error.problem?.title ??
      (error.status >= 500
        ? "Something went wrong on our side. Please try again."
        : `The request failed (${error.status}).`)
    );
  }
  if (error instanceof NetworkError) return error.message;
  return "Something went wrong. Please try again.";
}

const codeMessages: Record<string, string> = {
  length: "This has the wrong length.",
  required: "This is required.",
  email: "Enter a valid email address.",
  common_password: "This password is too common or too easy to guess. Try a longer phrase.",
};

function fieldLabel(field: string): string {
  const words = field.replace(/[[.].*$/, "").replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * A field error as a sentence: bare codes ("length") get a readable text, and fragments
 * written to follow the field name ("is too common") get the field name in front.
 */
export function fieldErrorMessage(error: FieldError): string {
  const message = error.message.trim();
  let sentence: string;
  if (!message || message === error.code) {
    sentence = codeMessages[error.code] ?? "This value is not valid.";
  } else if (/^[a-z]/.test(message)) {
    sentence = `${fieldLabel(error.field)} ${message}`;
  } else {
    sentence = message;
  }
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

export interface FormErrors<F extends string> {
  /** Messages keyed by form field, for the errors the form can show next to a field. */
  fields: Partial<Record<F, string>>;
  /** A message for the whole form, or null when every error found a field. */
  form: string | null;
}

/**
 * Splits a failed call into field errors (for the fields the form has) and one
 * form-level message (the problem's detail, plus any field errors the form cannot show).
 */
export function problemToFormErrors<F extends string>(
  error: unknown,
  formFields: readonly F[],
): FormErrors<F> {
  const fields: Partial<Record<F, string>> = {};
  if (!(error instanceof ApiError) || !error.problem) {
    return { fields, form: errorMessage(error) };
  }
  const unmatched: FieldError[] = [];
  for (const fe of error.problem.errors ?? []) {
    const field = formFields.find((f) => f === fe.field || fe.field.startsWith(`${f}.`) || fe.field.startsWith(`${f}[`));
    if (field !== undefined && fields[field] === undefined) {
      fields[field] = fieldErrorMessage(fe);
    } else if (field === undefined) {
      unmatched.push(fe);
    }
  }
  const matchedAny = Object.keys(fields).length > 0;
  let form: string | null = null;
  if (unmatched.length > 0) {
    form = unmatched.map(fieldErrorMessage).join(" ");
  } else if (!matchedAny) {
    form = errorMessage(error);
  }
  return { fields, form };
}
