//! `Idempotency-Key` on money-moving POSTs (SPEC §7): see
//! [`worklane_app::idempotency`]. The key is claimed, and its response stored, in the
//! same database transaction as the money it moved, so a retry can never move it
//! twice, and a crash never leaves a key stuck "in progress".

use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use diesel::{Connection, PgConnection};
use sha2::{Digest, Sha256};
use uuid::Uuid;
use worklane_app::idempotency::{self, Begin};
use worklane_app::{AppContext, AppError, AppResult};

pub const HEADER: &str = "Idempotency-Key";
pub const REPLAYED: &str = "Idempotent-Replayed";

/// The request's key, if it sent one.
pub fn key_of(req: &HttpRequest) -> Result<Option<String>, ApiError> {
    match req.headers().get(HEADER) {
        None => Ok(None),
        Some(value) => {
            let key = value.to_str().map_err(|_| {
                ApiError::from(AppError::invalid_parameter(
                    HEADER,
                    "must be visible ASCII characters",
                ))
            })?;
            idempotency::check_key(key)?;
            Ok(Some(key.to_owned()))
        }
    }
}

/// A fingerprint of what was asked: method, path and the parsed body.
pub fn request_hash(req: &HttpRequest, body: &impl serde::Serialize) -> Vec<u8> {
    hash_of(
        req.method().as_str(),
        req.path(),
        &serde_json::to_vec(body).unwrap_or_default(),
    )
}

/// The fingerprint of a method, a path and the body as serialized JSON.
pub fn hash_of(method: &str, path: &str, body: &[u8]) -> Vec<u8> {
    let mut hasher = Sha256::new();
    hasher.update(method.as_bytes());
    hasher.update(b" ");
    hasher.update(path.as_bytes());
    hasher.update(b"\n");
    hasher.update(body);
    hasher.finalize().to_vec()
}

/// Runs `run` once per key: the first successful response is stored and replayed.
pub async fn respond<F>(
    state: &AppState,
    user_id: Uuid,
    key: Option<String>,
    request_hash: Vec<u8>,
    status: StatusCode,
    run: F,
) -> Result<HttpResponse, ApiError>
where
    F: FnOnce(&mut PgConnection, &AppContext, &str) -> AppResult<serde_json::Value>
        + Send
        + 'static,
{
    let (replayed, status, body) = state
        .db(move |conn, ctx| {
            let Some(key) = key else {
                // Without a key, gateway calls still get one of their own.
                let charge_key = Uuid::new_v4().to_string();
                return run(conn, ctx, &charge_key).map(|body| (false, status.as_u16(), body));
            };
            // The key is claimed in the transaction that moves the money, so a crash
            // (or a lost connection) at any point leaves either nothing, and the retry
            // runs it, or the finished answer, which the retry replays. A concurrent
            // request with the same key waits for this one's commit on the key's row.
            conn.transaction(|conn| {
                match idempotency::begin(conn, ctx, user_id, &key, &request_hash)? {
                    Begin::Replay { status, body } => Ok((true, status, body)),
                    Begin::Proceed => {
                        let charge_key = format!("{user_id}:{key}");
                        let body = run(conn, ctx, &charge_key)?;
                        idempotency::finish(conn, user_id, &key, status.as_u16(), &body)?;
                        Ok((false, status.as_u16(), body))
                    }
                }
            })
        })
        .await?;
    let mut response = HttpResponse::build(StatusCode::from_u16(status).unwrap_or(StatusCode::OK));
    if replayed {
        response.insert_header((REPLAYED, "true"));
    }
    Ok(response.json(body))
}
