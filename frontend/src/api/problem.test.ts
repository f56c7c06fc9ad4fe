import { describe, expect, it } from "vitest";
import {
  ApiError,
  NetworkError,
  errorMessage,
  fieldErrorMessage,
  parseRetryAfter,
  problemToFormErrors,
  toApiError,
} from "./problem";
import type { Problem } from "./types";

function problem(overrides: Partial<Problem>): Problem {
  return {
    type: "https://worklane.dev/problems/validation",
    title: "Invalid input",
    status: 422,
    code: "validation_failed",
    detail: "Some fields are invalid.",
    request_id: "req-1",
    ...overrides,
  };
}

const fields = ["email", "password", "full_name", "roles"] as const;

describe("problemToFormErrors", () => {
  it("puts each field error next to its field and shows no form message", () => {
    const error = new ApiError(
      422,
      problem({
        errors: [
          { field: "password", code: "common_password", message: "This password is too common." },
          { field: "email", code: "invalid_email", message: "Enter a valid email." },
        ],
      }),
    );
    expect(problemToFormErrors(error, fields)).toEqual({
      fields: { password: "This password is too common.", email: "Enter a valid email." },
      form: null,
    });
  });

  it("keeps the first message when a field has several errors", () => {
    const error = new ApiError(
      422,
      problem({
        errors: [
          { field: "password", code: "too_short", message: "Too short." },
          { field: "password", code: "common_password", message: "Too common." },
        ],
      }),
    );
    expect(problemToFormErrors(error, fields).fields).toEqual({ password: "Too short." });
  });

  it("maps nested field paths such as roles[0] to their field", () => {
    const error = new ApiError(422, problem({ errors: [{ field: "roles[0]", code: "invalid", message: "Unknown role." }] }));
    expect(problemToFormErrors(error, fields).fields).toEqual({ roles: "Unknown role." });
  });

  it("shows errors for fields the form does not have at form level", () => {
    const error = new ApiError(
      422,
      problem({
        errors: [
          { field: "email", code: "invalid_email", message: "Enter a valid email." },
          { field: "country", code: "unknown_country", message: "Unknown country." },
        ],
      }),
    );
    expect(problemToFormErrors(error, fields)).toEqual({
      fields: { email: "Enter a valid email." },
      form: "Unknown country.",
    });
  });

  it("uses the detail when the problem has no field errors (409 email_taken)", () => {
    const error = new ApiError(
      409,
      problem({ status: 409, code: "email_taken", title: "Conflict", detail: "An account with this email already exists." }),
    );
    expect(problemToFormErrors(error, fields)).toEqual({
      fields: {},
      form: "An account with this email already exists.",
    });
  });

  it("explains throttling with the Retry-After delay", () => {
    const response = new Response(null, { status: 429, headers: { "Retry-After": "120" } });
    const error = toApiError(response, problem({ status: 429, code: "too_many_attempts", detail: "Too many attempts." }));
    expect(error.retryAfter).toBe(120);
    expect(problemToFormErrors(error, fields).form).toBe("Too many attempts. Try again in 2 minutes.");
  });

  it("gives a connection message for network failures", () => {
    expect(problemToFormErrors(new NetworkError(new TypeError("fetch failed")), fields).form).toMatch(/could not reach/i);
  });

  it("falls back to a generic sentence for a 500 without a problem body", () => {
    const error = toApiError(new Response("oops", { status: 500 }), "oops");
    expect(error.problem).toBeNull();
    expect(errorMessage(error)).toBe("Something went wrong on our side. Please try again.");
  });
});

describe("fieldErrorMessage", () => {
  it("turns the server's fragments into sentences", () => {
    expect(
      fieldErrorMessage({ field: "password", code: "common_password", message: "is too common or too easy to guess; try a longer phrase" }),
    ).toBe("Password is too common or too easy to guess; try a longer phrase.");
    expect(fieldErrorMessage({ field: "full_name", code: "length", message: "length" })).toBe("This has the wrong length.");
    expect(fieldErrorMessage({ field: "x", code: "odd", message: "" })).toBe("This value is not valid.");
    expect(fieldErrorMessage({ field: "email", code: "email", message: "Enter a valid email." })).toBe("Enter a valid email.");
  });

  it("is used for field and form-level errors", () => {
    const error = new ApiError(
      422,
      problem({
        errors: [
          { field: "password", code: "common_password", message: "is too common" },
          { field: "timezone", code: "invalid_timezone", message: "`Mars/Base` is not an IANA time zone" },
        ],
      }),
    );
    expect(problemToFormErrors(error, fields)).toEqual({
      fields: { password: "Password is too common." },
      form: "`Mars/Base` is not an IANA time zone.",
    });
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("30")).toBe(30);
    const now = Date.parse("2024-01-01T00:00:00Z");
    expect(parseRetryAfter("Mon, 01 Jan 2024 00:01:00 GMT", now)).toBe(60);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter("soon")).toBeNull();
  });
});
