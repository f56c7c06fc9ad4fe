//! RFC 9457 problem details: every error the API returns is `application/problem+json`
//! with a stable machine `code`, and for invalid input the fields at fault.

use crate::request_id;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use utoipa::ToSchema;
use worklane_app::{AppError, FieldError};

pub const PROBLEM_JSON: &str = "application/problem+json";

/// One input problem, tied to the field (or query parameter) it concerns.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"field": "password", "code": "too_short", "message": "must be at least 10 characters"}))]
pub struct FieldProblem {
    /// The field's name; nested fields use dots (`milestones.0.amount`).
    pub field: String,
    /// A stable machine-readable code.
    pub code: String,
    /// A human-readable explanation.
    pub message: String,
}

/// An RFC 9457 problem.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({
    "type": "urn:worklane:problem:validation_failed",
    "title": "Unprocessable Content",
    "status": 422,
    "detail": "The request has invalid fields.",
    "code": "validation_failed",
    "errors": [{"field": "email", "code": "email", "message": "must be a valid email address"}],
    "request_id": "0193a0c4-8d1e-7b8a-9b53-2d0f4b1f6a10"
}))]
pub struct Problem {
    /// A URI naming the kind of problem: `urn:worklane:problem:<code>`.
    #[serde(rename = "type")]
    pub problem_type: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// Stable machine-readable code; clients branch on this.
    pub code: String,
    /// Field-level problems, for invalid input.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
    /// The request's id (also in the `X-Request-Id` header); quote it to support.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

impl Problem {
    pub fn new(status: StatusCode, code: &str, detail: impl Into<String>) -> Self {
        Self {
            problem_type: format!("urn:worklane:problem:{code}"),
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            detail: detail.into(),
            code: code.to_owned(),
            errors: Vec::new(),
            request_id: request_id::current(),
        }
    }

    pub fn with_errors(mut self, errors: Vec<FieldError>) -> Self {
        self.errors = errors
            .into_iter()
            .map(|e| FieldProblem {
                field: e.field,
                code: e.code,
                message: e.message,
            })
            .collect();
        self
    }

    pub fn response(&self) -> HttpResponse {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut builder = HttpResponse::build(status);
        builder.insert_header((header::CONTENT_TYPE, PROBLEM_JSON));
        let body = serde_json::to_string(self).unwrap_or_else(|_| "{}".to_owned());
        builder.body(body)
    }
}

/// The HTTP face of [`AppError`], plus the errors only HTTP has (body size, media type,
/// unknown routes).
#[derive(Debug)]
pub enum ApiError {
    App(AppError),
    Http {
        status: StatusCode,
        code: &'static str,
        message: String,
    },
}

impl ApiError {
    /// The database was out of reach (or the pool exhausted): worth a retry.
    pub fn is_unavailable(&self) -> bool {
        matches!(self, ApiError::App(AppError::Unavailable(_)))
    }
}

impl From<AppError> for ApiError {
    fn from(error: AppError) -> Self {
        ApiError::App(error)
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApiError::App(error) => error.fmt(f),
            ApiError::Http { message, .. } => f.write_str(message),
        }
    }
}

impl ApiError {
    pub fn http(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError::Http {
            status,
            code,
            message: message.into(),
        }
    }

    pub fn problem(&self) -> Problem {
        let app = match self {
            ApiError::App(app) => app,
            ApiError::Http {
                status,
                code,
                message,
            } => return Problem::new(*status, code, message.clone()),
        };
        match app {
            AppError::Validation(errors) => Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation_failed",
                "The request has invalid fields.",
            )
            .with_errors(errors.clone()),
            AppError::BadRequest {
                code,
                message,
                errors,
            } => Problem::new(StatusCode::BAD_REQUEST, code, message.clone())
                .with_errors(errors.clone()),
            AppError::Unauthorized { code, message } => {
                Problem::new(StatusCode::UNAUTHORIZED, code, message.clone())
            }
            AppError::Forbidden { code, message } => {
                Problem::new(StatusCode::FORBIDDEN, code, message.clone())
            }
            AppError::PaymentRequired { code, message } => {
                Problem::new(StatusCode::PAYMENT_REQUIRED, code, message.clone())
            }
            AppError::NotFound { what } => Problem::new(
                StatusCode::NOT_FOUND,
                "not_found",
                format!("{what} not found."),
            ),
            AppError::Conflict {
                code,
                message,
                field,
            } => {
                let errors = field
                    .map(|f| vec![FieldError::new(f, *code, message.clone())])
                    .unwrap_or_default();
                Problem::new(StatusCode::CONFLICT, code, message.clone()).with_errors(errors)
            }
            AppError::TooManyRequests { code, message, .. } => {
                Problem::new(StatusCode::TOO_MANY_REQUESTS, code, message.clone())
            }
            AppError::Unavailable(_) => Problem::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "service_unavailable",
                "The service is temporarily unavailable; try again shortly.",
            ),
            AppError::Internal(_) => Problem::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal_error",
                "Something went wrong on our side. Quote the request id if you contact support.",
            ),
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.problem().status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn error_response(&self) -> HttpResponse {
        let ApiError::App(app) = self else {
            return self.problem().response();
        };
        match app {
            AppError::Internal(cause) => tracing::error!(error = ?cause, "internal error"),
            AppError::Unavailable(cause) => tracing::warn!(%cause, "database unavailable"),
            _ => {}
        }
        let mut response = self.problem().response();
        let headers = response.headers_mut();
        match app {
            AppError::TooManyRequests {
                retry_after_secs,
                policy,
                ..
            } => {
                if let Ok(value) = HeaderValue::from_str(&retry_after_secs.to_string()) {
                    headers.insert(header::RETRY_AFTER, value);
                }
                // draft-ietf-httpapi-ratelimit-headers: the policy, and what is left of it.
                if let Some(policy) = policy {
                    let name = policy.name;
                    if let Ok(value) = HeaderValue::from_str(&format!(
                        "\"{name}\";q={};w={}",
                        policy.max, policy.window_secs
                    )) {
                        headers.insert(HeaderName::from_static("ratelimit-policy"), value);
                    }
                    if let Ok(value) =
                        HeaderValue::from_str(&format!("\"{name}\";r=0;t={retry_after_secs}"))
                    {
                        headers.insert(HeaderName::from_static("ratelimit"), value);
                    }
                }
            }
            AppError::Unauthorized { code, .. } => {
                let challenge = match *code {
                    "token_expired" | "invalid_token" => {
                        format!("Bearer error=\"invalid_token\", error_description=\"{code}\"")
                    }
                    _ => "Bearer".to_owned(),
                };
                if let Ok(value) = HeaderValue::from_str(&challenge) {
                    headers.insert(header::WWW_AUTHENTICATE, value);
                }
            }
            AppError::Unavailable(_) => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
            }
            _ => {}
        }
        response
    }
}

/// Shorthands used by extractors and routing.
pub fn not_found() -> ApiError {
    ApiError::App(AppError::NotFound { what: "Resource" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_problem_json_shape_is_pinned() -> anyhow::Result<()> {
        let error = ApiError::App(AppError::Validation(vec![FieldError::new(
            "email",
            "email",
            "must be a valid email address",
        )]));
        let json = serde_json::to_value(error.problem())?;
        assert_eq!(
            json,
            serde_json::json!({
                "type": "urn:worklane:problem:validation_failed",
                "title": "Unprocessable Entity",
                "status": 422,
                "detail": "The request has invalid fields.",
                "code": "validation_failed",
                "errors": [{"field": "email", "code": "email", "message": "must be a valid email address"}]
            })
        );
        Ok(())
    }

    #[test]
    fn internal_errors_never_show_their_cause() -> anyhow::Result<()> {
        let error = ApiError::App(AppError::Internal(anyhow::anyhow!(
            "password column missing"
        )));
        let json = serde_json::to_string(&error.problem())?;
        assert!(!json.contains("password column"));
        assert!(json.contains("\"status\":500"));
        Ok(())
    }

    #[test]
    fn throttled_responses_say_when_to_retry() {
        let error = ApiError::App(AppError::TooManyRequests {
            code: "too_many_attempts",
            message: "Too many failed sign-in attempts.".to_owned(),
            retry_after_secs: 900,
            policy: None,
        });
        let response = error.error_response();
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(
            response
                .headers()
                .get(header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok()),
            Some("900")
        );
        assert_eq!(
            response
                .headers()
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok()),
            Some(PROBLEM_JSON)
        );
    }
}
