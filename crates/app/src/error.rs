//! One error type for every use case, with stable machine codes. The HTTP layer maps
//! each variant to an RFC 9457 problem.

use diesel::result::{DatabaseErrorKind, Error as DieselError};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub code: String,
    pub message: String,
}

impl FieldError {
    pub fn new(
        field: impl Into<String>,
        code: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            field: field.into(),
            code: code.into(),
            message: message.into(),
        }
    }
}

/// A rate limit as the response headers describe it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitPolicy {
    pub name: &'static str,
    pub max: u32,
    pub window_secs: i64,
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Input that parsed but breaks a rule (422), each problem tied to its field.
    #[error("the request has invalid fields")]
    Validation(Vec<FieldError>),
    /// A request that cannot be processed as sent (400).
    #[error("{message}")]
    BadRequest {
        code: &'static str,
        message: String,
        errors: Vec<FieldError>,
    },
    #[error("{message}")]
    Unauthorized { code: &'static str, message: String },
    #[error("{message}")]
    Forbidden { code: &'static str, message: String },
    /// Both "does not exist" and "is not yours".
    #[error("{what} not found")]
    NotFound { what: &'static str },
    /// A payment the provider refused (402).
    #[error("{message}")]
    PaymentRequired { code: &'static str, message: String },
    #[error("{message}")]
    Conflict {
        code: &'static str,
        message: String,
        field: Option<&'static str>,
    },
    #[error("{message}")]
    TooManyRequests {
        code: &'static str,
        message: String,
        retry_after_secs: i64,
        /// The limit that was hit, for the `RateLimit-Policy` and `RateLimit` headers.
        policy: Option<LimitPolicy>,
    },
    /// The database is out of reach or the pool is exhausted (503).
    #[error("service temporarily unavailable")]
    Unavailable(String),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn field(field: &str, code: &str, message: impl Into<String>) -> Self {
        AppError::Validation(vec![FieldError::new(field, code, message)])
    }

    pub fn unauthorized(code: &'static str, message: impl Into<String>) -> Self {
        AppError::Unauthorized {
            code,
            message: message.into(),
        }
    }

    pub fn forbidden(code: &'static str, message: impl Into<String>) -> Self {
        AppError::Forbidden {
            code,
            message: message.into(),
        }
    }

    pub fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        AppError::BadRequest {
            code,
            message: message.into(),
            errors: Vec::new(),
        }
    }

    pub fn email_taken() -> Self {
        AppError::Conflict {
            code: "email_taken",
            message: "An account with this email already exists.".to_owned(),
            field: Some("email"),
        }
    }

    pub fn invalid_parameter(field: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        AppError::BadRequest {
            code: "invalid_parameter",
            message: format!("Invalid query parameter `{field}`: {message}"),
            errors: vec![FieldError::new(field, "invalid", message)],
        }
    }
}

/// Both values, or every field error of the two checks together (so a form shows all
/// of its problems at once).
pub fn both<A, B>(a: AppResult<A>, b: AppResult<B>) -> AppResult<(A, B)> {
    match (a, b) {
        (Ok(a), Ok(b)) => Ok((a, b)),
        (Err(AppError::Validation(mut first)), Err(AppError::Validation(second))) => {
            first.extend(second);
            Err(AppError::Validation(first))
        }
        (Err(e), _) | (_, Err(e)) => Err(e),
    }
}

/// Unique constraints whose violation is a user-facing conflict, by constraint name.
fn conflict_for_constraint(name: &str) -> Option<AppError> {
    match name {
        "users_email_key" => Some(AppError::email_taken()),
        _ => None,
    }
}

/// libpq's words when the server went away mid-request (a restart, a failover): the
/// request did not happen and may be retried, so it is a 503, not a 500. (diesel does
/// not hand over the SQLSTATE, so these are matched by message.)
fn connection_lost(message: &str) -> bool {
    const LOST: [&str; 5] = [
        "no connection to the server",
        "server closed the connection",
        "terminating connection due to administrator command",
        "the database system is shutting down",
        "the database system is starting up",
    ];
    LOST.iter().any(|words| message.contains(words))
}

impl From<DieselError> for AppError {
    fn from(error: DieselError) -> Self {
        if let DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, info) = &error
            && let Some(conflict) = info.constraint_name().and_then(conflict_for_constraint)
        {
            return conflict;
        }
        if let DieselError::DatabaseError(DatabaseErrorKind::CheckViolation, info) = &error
            && info.constraint_name() == Some("ledger_balances_not_negative")
        {
            return AppError::Conflict {
                code: "insufficient_funds",
                message: "There is not enough money in the account for this.".to_owned(),
                field: None,
            };
        }
        if let DieselError::DatabaseError(kind, info) = &error
            && (matches!(kind, DatabaseErrorKind::ClosedConnection)
                || connection_lost(info.message()))
        {
            return AppError::Unavailable(error.to_string());
        }
        AppError::Internal(anyhow::Error::new(error))
    }
}

impl From<diesel::r2d2::PoolError> for AppError {
    fn from(error: diesel::r2d2::PoolError) -> Self {
        AppError::Unavailable(error.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn database_error(kind: DatabaseErrorKind, message: &str) -> AppError {
        AppError::from(DieselError::DatabaseError(
            kind,
            Box::new(message.to_owned()),
        ))
    }

    #[test]
    fn a_database_going_away_mid_request_is_unavailable_not_internal() {
        for message in [
            "no connection to the server",
            "server closed the connection unexpectedly",
            "terminating connection due to administrator command",
        ] {
            assert!(
                matches!(
                    database_error(DatabaseErrorKind::Unknown, message),
                    AppError::Unavailable(_)
                ),
                "{message}"
            );
        }
        assert!(matches!(
            database_error(DatabaseErrorKind::Unknown, "division by zero"),
            AppError::Internal(_)
        ));
    }
}
